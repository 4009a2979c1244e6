"""In a real browser: click through a comparison (map → side by side), search, and save the
screenshots the README shows."""

from __future__ import annotations

import json
import re
import time

import pytest

from tests.app.browser import ARTIFACTS, SCREENSHOTS, page_errors, wait_until_idle
from tests.app.test_browser import app_url, browser, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


def _timed_nav(pg, link: str, name: str) -> None:  # noqa: ANN001
    start = time.monotonic()
    pg.get_by_role("link", name=link).click()
    wait_until_idle(pg)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    times_file = ARTIFACTS / "page_times.json"
    times = json.loads(times_file.read_text(encoding="utf-8")) if times_file.exists() else {}
    times[name] = round(time.monotonic() - start, 2)
    times_file.write_text(json.dumps(times, indent=2), encoding="utf-8")
    assert page_errors(pg) == [], page_errors(pg)
    assert pg.console_errors == []


def test_click_through_a_comparison(page, app_url):  # noqa: F811
    page.goto(app_url)
    wait_until_idle(page)
    _timed_nav(page, "相似度图", "similarity map")
    assert page.get_by_role("heading", name="相似度图").is_visible()
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(state="visible")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "similarity_map.png"))
    start = time.monotonic()
    cells = page.locator('[data-testid="stVegaLiteChart"] g.mark-rect path')
    assert cells.count() >= 2  # the two versions of the Zhejiang plan, each found in the other
    cells.first.click()  # clicking a cell opens that pair side by side
    wait_until_idle(page)
    page.get_by_text("A 的条款见于 B").first.wait_for(state="visible")
    page.wait_for_url(re.compile(r"/side_by_side\?.*mode=pair"))  # the state is in the link
    body = page.inner_text("body")
    assert "100%" in body and "相同" in body
    assert "加快“元平台”布局建设" in body
    assert page_errors(page) == []
    elapsed = time.monotonic() - start
    times_file = ARTIFACTS / "page_times.json"
    times = json.loads(times_file.read_text(encoding="utf-8")) if times_file.exists() else {}
    times["side by side (from the map)"] = round(elapsed, 2)
    times_file.write_text(json.dumps(times, indent=2), encoding="utf-8")
    page.screenshot(path=str(SCREENSHOTS / "side_by_side.png"))
    page.get_by_role("tab", name="仅 A 有").click()
    wait_until_idle(page)
    assert page_errors(page) == []


def test_side_by_side_page_opens_directly(page, app_url):  # noqa: F811
    page.goto(app_url)
    wait_until_idle(page)
    _timed_nav(page, "逐条对照", "side by side")
    page.get_by_text("配对条款").first.wait_for(state="visible")
    assert "加快“元平台”布局建设" in page.inner_text("body")


def test_comparison_link_export_and_escaping(page, app_url, tmp_path):  # noqa: F811
    """Open a comparison, take its link, open the link in a fresh page, download both files and read them."""
    page.goto(app_url)
    wait_until_idle(page)
    _timed_nav(page, "逐条对照", "side by side (link)")
    page.get_by_text("配对条款").first.wait_for(state="visible")
    page.get_by_text("共有片段", exact=True).click()
    wait_until_idle(page)
    page.get_by_text("分享链接").click()
    link = page.locator('[data-testid="stCode"]').first.inner_text().strip()
    assert link.startswith(app_url) and "marks=shared" in link
    fresh = page.context.new_page()
    fresh.goto(link)
    wait_until_idle(fresh)
    fresh.get_by_text("配对条款").first.wait_for(state="visible")
    assert fresh.get_by_role("radio", name="共有片段").is_checked()
    assert fresh.inner_text("body").count("相同") >= 32 and page_errors(fresh) == []
    with fresh.expect_download() as info:
        fresh.get_by_role("button", name="下载 Word 对照表 (.docx)").click()
    docx_path = tmp_path / info.value.suggested_filename
    info.value.save_as(docx_path)
    with fresh.expect_download() as info:
        fresh.get_by_role("button", name="下载 Excel 对照表 (.xlsx)").click()
    xlsx_path = tmp_path / info.value.suggested_filename
    info.value.save_as(xlsx_path)
    from docx import Document
    from openpyxl import load_workbook

    document = Document(str(docx_path))
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape
    rows = document.tables[0].rows
    assert len(rows) == 1 + 32 and rows[1].cells[1].text.strip()
    sheet = load_workbook(xlsx_path)["配对条款"]
    assert sheet.max_row == 1 + 32
    assert any(str(c.value).startswith("二、（一）1.") for c in sheet["B"])  # cited as people write it


def test_search_in_the_browser(page, app_url):  # noqa: F811
    page.goto(app_url)
    wait_until_idle(page)
    _timed_nav(page, "检索", "search")
    box = page.get_by_label("检索内容（中文）")
    box.fill("虚拟数字人 应用场景")
    box.press("Enter")
    # the first query loads the model: Streamlit may look idle for a moment before the hits arrive
    page.get_by_text("浙江省元宇宙产业发展行动计划").first.wait_for(state="visible", timeout=120_000)
    wait_until_idle(page)
    assert page_errors(page) == []
    page.screenshot(path=str(SCREENSHOTS / "search.png"))
