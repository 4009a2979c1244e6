"""In a real browser: click through a comparison (map → side by side), search, and save the
screenshots the README shows."""

from __future__ import annotations

import json
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
    assert page.url.endswith("/side_by_side")
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


def test_search_in_the_browser(page, app_url):  # noqa: F811
    page.goto(app_url)
    wait_until_idle(page)
    _timed_nav(page, "检索", "search")
    box = page.get_by_label("检索内容（中文）")
    box.fill("虚拟数字人 应用场景")
    box.press("Enter")
    wait_until_idle(page)
    assert "浙江省元宇宙产业发展行动计划" in page.inner_text("body")
    assert page_errors(page) == []
    page.screenshot(path=str(SCREENSHOTS / "search.png"))
