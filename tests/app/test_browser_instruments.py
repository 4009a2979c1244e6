"""In a real browser: the Policy instruments page on the Zhejiang plan and a fictional district's
measures (苍梧县, invented): click a heatmap cell, correct a clause's code, download the Excel
brief and read the correction in it; save the screenshot the README shows."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from corpus.library import add_policy, ingest, open_store
from corpus.models import Policy
from tests.app.browser import SCREENSHOTS, page_errors, running_app, wait_until_idle
from tests.app.test_browser import browser, page  # noqa: F401  (fixtures)
from tests.paths import FIXTURES

pytestmark = pytest.mark.slow
CANGWU = "cangwu-2023-measures"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, seeded_db_file):
    folder = tmp_path_factory.mktemp("instruments")
    db = folder / "corpus.sqlite"
    shutil.copy(seeded_db_file, db)
    part = yaml.safe_load((FIXTURES / "fictional_instrument_measures.yaml").read_text(encoding="utf-8"))["dev"]
    text = part["title"] + "\n" + "\n".join(f"第{i}条 {a[0]}" for i, a in enumerate(part["articles"], 1)) + "\n"
    (folder / "cangwu.txt").write_text(text, encoding="utf-8")
    store = open_store(db)
    add_policy(store, Policy(CANGWU, part["title"], "苍梧县", "白鹭洲省", "district", date="2023-01-01"))
    ingest(store, str(folder / "cangwu.txt"), policy_id=CANGWU)
    store.close()
    with running_app(db) as url:
        yield url


def _choose(pg, selectbox, text: str) -> None:  # noqa: ANN001
    selectbox.click()
    pg.keyboard.type(text)
    pg.get_by_role("option").filter(has_text=text).first.wait_for(state="visible")
    pg.keyboard.press("Enter")


def test_click_a_cell_correct_a_code_and_export_it(page, app_url):  # noqa: F811
    page.goto(app_url)
    wait_until_idle(page)
    page.get_by_role("link", name="政策工具").click()
    wait_until_idle(page)
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(state="visible")
    assert page_errors(page) == []
    body = page.inner_text("body")
    assert "有政策工具的条款" in body and "无文本的政策（未编码）" in body
    cells = page.locator('[data-testid="stVegaLiteChart"] g.mark-rect path')
    assert cells.count() >= 32  # two policies × 16 tools
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "instruments.png"), full_page=True)
    cells.nth(9).click()  # a cell of the first row
    wait_until_idle(page)
    page.get_by_text("所选单元格的条款").first.wait_for(state="visible")

    page.get_by_role("tab", name="逐条编码与修正").click()
    wait_until_idle(page)
    _choose(page, page.locator('[data-testid="stSelectbox"]').filter(has_text="条款").first, "加大政策引导")
    wait_until_idle(page)
    form = page.locator('[data-testid="stForm"]')
    _choose(page, form.locator('[data-testid="stSelectbox"]').first, "资金投入")
    form.get_by_label("说明（依据）").fill("以扶持政策为主")
    form.get_by_label("编码人").fill("研究员甲")
    form.get_by_role("button", name="保存人工编码").click()
    wait_until_idle(page)
    assert "已保存人工编码" in page.inner_text("body")
    assert page_errors(page) == []

    page.get_by_role("link", name="导出").click()
    wait_until_idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="(.xlsx)").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    codes = list(book["条款编码"].iter_rows(values_only=True))
    manual = [row for row in codes if row[8] == "人工编码"]
    assert len(manual) == 1 and manual[0][2] == "四、（二） 加大政策引导" and manual[0][5] == "资金投入"
    assert "研究员甲" in manual[0][9] and "以扶持政策为主" in manual[0][9]
    tools = list(book["政策工具"].iter_rows(values_only=True))
    assert {row[1] for row in tools[1:]} == {"zhejiang-2023-2025-action-plan", CANGWU}
