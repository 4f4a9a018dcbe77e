"""The page in headless Chromium: ask, see the [1] marker and the cited clause, filter by plan, browse tasks."""
from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from test_app_api import app_url  # noqa: F401  (the served app, shared fixture)

from rag.config import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = PROJECT_ROOT / "evals" / "results" / "screenshots"
XSS = "<img src=x onerror=alert(1)>"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(app_url):  # noqa: F811
    if not CHROMIUM.exists():
        pytest.skip("Debian's /usr/bin/chromium is not installed (`make browser` installs it)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        # A fresh profile per run: launch_persistent_context is Playwright's way to pass --user-data-dir.
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=FLAGS, headless=True,
            viewport={"width": 1400, "height": 1000})
        page = browser.new_page()
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(app_url)
        page.wait_for_selector("#question textarea")
        yield page
        browser.close()


def ask(page, question: str, wait_for: str) -> None:
    """Type a question, press Enter and wait until the sources panel shows `wait_for`."""
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    page.wait_for_function("([sel, text]) => document.querySelector(sel)?.innerText.includes(text)",
                           arg=["#sources", wait_for], timeout=20000)


def test_answer_shows_marker_and_cited_clause(page):
    ask(page, "周村区推进污泥安全处置由哪个部门牵头？", "zhoucun-2016/三/（一）/2/3")
    chat = page.inner_text("#chatbot")
    assert "[1]" in chat and "区住建局" in chat
    sources = page.inner_text("#sources")
    assert "周村区水污染防治行动计划实施方案" in sources
    assert "（区住建局牵头，区发改局、区环保分局等参与）" in sources
    assert page.locator("#sources mark").count() >= 1
    assert "推进污泥安全处置" in page.inner_text("#context .selected")
    page.screenshot(path=str(SHOTS / "chat_answer.png"), full_page=True)


def test_hostile_question_is_shown_as_text(page):
    ask(page, XSS, "abstained")
    page.wait_for_timeout(500)  # give a live <img onerror> the chance to fire, were it rendered
    assert XSS in page.inner_text("#chatbot")
    assert page.locator("#chatbot img[src='x']").count() == 0
    assert page.dialogs == []
    page.screenshot(path=str(SHOTS / "chat_escaped.png"), full_page=True)


def test_plan_filter_limits_sources(page):
    page.click("#new-conversation")
    page.click("#plan-filter input")
    page.get_by_role("option", name="山西省水污染防治工作方案").click()
    ask(page, "污泥处理处置由哪个部门牵头？", "shanxi-2015/")
    sources = page.inner_text("#sources")
    assert "山西省水污染防治工作方案" in sources and "zhoucun-2016/" not in sources
    page.screenshot(path=str(SHOTS / "chat_plan_filter.png"), full_page=True)


def test_responsibility_table_filters_by_unit(page):
    page.get_by_role("tab", name="浏览 Browse").click()
    page.click("#browse-plan input")
    page.get_by_role("option", name="海东市乐都区2017年度水污染防治工作方案").click()
    page.fill("#browse-unit textarea", "住建局")
    page.press("#browse-unit textarea", "Enter")
    page.wait_for_function("() => document.querySelector('#responsibility-table')?.innerText"
                           ".includes('区住房和规划建设局')", timeout=20000)
    table = page.inner_text("#responsibility-table")
    assert "ledu-2017/" in table and "zhoucun-2016/" not in table
    page.screenshot(path=str(SHOTS / "browse_responsibilities.png"), full_page=True)
    with page.expect_download() as download:
        page.click("#download-csv")
    with open(download.value.path(), encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == ["方案 plan", "任务 task", "牵头 lead", "配合 cooperating", "落实 implementing", "期限 deadline",
                      "条款 clause"]
    assert {row[0] for row in rows} == {"ledu-2017"}
    assert any("区住房和规划建设局" in row[2] for row in rows)
    page.get_by_role("tab", name="目标 Targets").click()
    page.wait_for_selector("#compare-chart canvas, #compare-chart svg", timeout=20000)
    page.screenshot(path=str(SHOTS / "browse_targets.png"), full_page=True)
