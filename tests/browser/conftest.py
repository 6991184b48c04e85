"""Browser tests: Playwright's sync API driving Debian's Chromium, headless.

Without /usr/bin/chromium the tests are skipped, unless JIYUAN_REQUIRE_BROWSER=1
says a browser must be there, in which case they fail.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the test itself would otherwise be refused as "called from an async context".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _no_browser(reason: str):
    if os.environ.get("JIYUAN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (JIYUAN_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM.exists() or shutil.which("chromium")):
        _no_browser(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("playwright is not installed")
    executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser):
    """A fresh page (own cookies) per test, 1280×900, Chinese first."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(live_server):
    """``login(page, user)``: sign in through the admin login form."""

    def _login(page, user, password="test-password-123"):
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/**")
        return page

    return _login


@pytest.fixture
def new_page(browser):
    """``new_page()``: a page in a browser context of its own (own cookies, own user)."""
    contexts = []

    def _new_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()
