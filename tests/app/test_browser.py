"""End to end in a real browser: every page opens without an error, a comparison can be
clicked through, and screenshots are saved (in tests/artifacts/screenshots; REFRESH_SCREENSHOTS=1
writes docs/screenshots, what the README shows)."""

from __future__ import annotations

import json
import shutil
import time

import pytest

from tests.app.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, page_errors, running_app, wait_until_idle

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, seeded_db_file):
    db = tmp_path_factory.mktemp("browser") / "corpus.sqlite"
    shutil.copy(seeded_db_file, db)
    with running_app(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    console_errors: list[str] = []
    pg.on("pageerror", lambda exc: console_errors.append(str(exc)))
    pg.console_errors = console_errors
    yield pg
    context.close()


TIMES: dict[str, float] = {}


def _settled(page, name: str, start: float) -> None:
    """Wait until the page is idle, record how long it took since ``start`` and check for errors."""
    wait_until_idle(page)
    TIMES[name] = round(time.monotonic() - start, 2)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "page_times.json").write_text(json.dumps(TIMES, indent=2), encoding="utf-8")
    assert page_errors(page) == [], page_errors(page)
    assert page.console_errors == []


def _open(page, url: str, name: str) -> None:
    start = time.monotonic()
    page.goto(url)
    _settled(page, name, start)


def _open_from_nav(page, url: str, link: str, name: str, last: str) -> None:
    """Open the app, then the page behind the sidebar link ``link``, until the element ``last``
    (a selector for what the page draws last) shows; time the second step. Waiting for it matters:
    while a page builds files or tables it sends nothing and can look idle."""
    page.goto(url)
    wait_until_idle(page)
    start = time.monotonic()
    page.locator('[data-testid="stSidebarNavLink"]', has_text=link).click()
    page.get_by_role("heading", name=link).wait_for(state="visible")
    page.locator(last).first.wait_for(state="visible", timeout=120_000)
    _settled(page, name, start)


def test_corpus_page(page, app_url):
    _open(page, app_url, "corpus")
    assert page.get_by_role("heading", name="语料库").is_visible()
    assert page.locator('[data-testid="stDataFrame"]').first.is_visible()
    assert "为推动浙江省元宇宙技术创新" in page.inner_text("body")
    page.get_by_text("二、重点任务", exact=True).click()
    page.get_by_text("加快“元平台”布局建设").first.wait_for(state="visible")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "corpus.png"), full_page=False)


def test_corpus_page_in_english(page, app_url):
    _open(page, app_url, "corpus (en)")
    page.get_by_text("English", exact=True).click()
    wait_until_idle(page)
    assert page.get_by_role("heading", name="Corpus").is_visible()
    assert page_errors(page) == []


def test_subsidies_page(page, app_url):
    _open_from_nav(page, app_url, "补贴与目标", "subsidies", '[data-testid="stVegaLiteChart"]')
    assert page.get_by_role("tab", name="补贴").is_visible()
    assert page.locator('[data-testid="stVegaLiteChart"]').first.is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "subsidies.png"), full_page=False)


def test_export_page(page, app_url):
    _open_from_nav(page, app_url, "导出", "export", '[data-testid="stText"]')
    assert page.locator('[data-testid="stDownloadButton"]').count() == 4
    assert "[EB/OL]" in page.inner_text("body")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "export.png"), full_page=False)


def test_a_duplicate_upload_in_the_browser(page, app_url, tmp_path):
    """Upload a fictional measure, then the same file again: the page offers a choice instead of a second policy."""
    from tests.paths import FIXTURES

    source = tmp_path / "青岚区措施.txt"
    source.write_bytes((FIXTURES / "fictional_district_measures.txt").read_bytes())
    _open(page, app_url, "corpus (upload)")

    def upload() -> None:
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(source))
        page.locator('[data-testid="stFileUploader"]', has_text=source.name).wait_for(state="visible")
        page.get_by_role("button", name="添加", exact=True).click()
        wait_until_idle(page)

    upload()
    page.get_by_text("已保存").first.wait_for(state="visible")
    policies = page.locator('[data-testid="stMetricValue"]').first.inner_text()
    upload()
    page.get_by_text("已经存储过").first.wait_for(state="visible")
    assert "不会再建一项相同的政策" in page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / "duplicate_upload.png"), full_page=False)
    page.get_by_role("button", name="使用已有政策").click()
    wait_until_idle(page)
    page.get_by_text("未存储新内容").first.wait_for(state="visible")
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == policies  # still the same number of policies
    assert page_errors(page) == []
