"""Browser tests: Playwright (Python) driving Debian's chromium against the live test server."""

import base64
import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests
# themselves are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("BAKEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: page.csp_violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield page
    context.close()


@pytest.fixture
def assert_accessible():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
        assert page.csp_violations == [], page.csp_violations

    return check


def totp_now(base32_key: str) -> str:
    from django_otp.oath import totp

    return f"{totp(base64.b32decode(base32_key.replace(' ', ''))):06d}"


@pytest.fixture
def login_as(page, live_server):
    """Put a verified session for `user` in the browser (the test helper skips the code step;
    test_login.py covers the real password + TOTP flow)."""
    from django.conf import settings
    from django.test import Client

    from baken.testing.auth import login_verified

    def login(user):
        client = login_verified(Client(), user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.clear_cookies()
        page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        return page

    return login


def tick_indicator(page, indicator_pk: int) -> None:
    """Open the indicator's group at intake (groups are collapsed) and tick it."""
    group = page.locator(f"details:has(#indicator-{indicator_pk})")
    if group.get_attribute("open") is None:
        group.locator("summary").click()
    page.locator(f"#indicator-{indicator_pk}").check()
