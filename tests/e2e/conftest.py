"""Browser tests: Playwright (Python) driving Debian's chromium against the live test server."""

import base64
import os
import shutil
import threading
import time

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
# Violations only: axe then skips building selectors and results for every passing node, about a
# third of its time (axe-core's documented `resultTypes`; the library's own default, which passing
# options replaces).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def pytest_collection_modifyitems(items):
    """Browser tests run without line coverage (pytest-cov's `no_cover`): under the tracer the live
    server took half as long again (SQLite pass 23 min with it, 15 without), and what they reach is
    measured by the request-level tests; the floors (`make coverage-floors`) hold without them."""
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.no_cover)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`.")
    from playwright.sync_api import expect, sync_playwright

    # The browser tests share two cores with the live server and a second worker: an assertion
    # waits up to 15 s for the page (Playwright's default is 5 s); a passing one returns at once.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _ServerRequests:
    """Requests the live server is handling right now (Django's request signals, which fire in
    the server's threads of this same process)."""

    def __init__(self):
        self.active = 0
        self.lock = threading.Lock()

    def started(self, **kwargs):
        with self.lock:
            self.active += 1

    def finished(self, **kwargs):
        with self.lock:
            self.active -= 1


_SERVER_REQUESTS = _ServerRequests()


@pytest.fixture(scope="session")
def _server_requests():
    from django.core.signals import request_finished, request_started

    request_started.connect(_SERVER_REQUESTS.started, dispatch_uid="e2e-requests-started")
    request_finished.connect(_SERVER_REQUESTS.finished, dispatch_uid="e2e-requests-finished")
    return _SERVER_REQUESTS


@pytest.fixture
def page(browser, live_server, _server_requests):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: page.csp_violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    pending = set()
    # An unclosed streaming response of an earlier test never finishes: compare with the start.
    before = _server_requests.active
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))
    yield page
    # A request still in flight (an autosave, a lookup, the intake's save on leaving the page)
    # would write to the database while the test database is flushed ("database table is
    # locked"). Leave the page first (its timers stop; its save-on-leave is sent now), then let
    # every request finish before the context closes.
    if not page.is_closed():
        page.goto("about:blank")
        page.wait_for_timeout(200)  # a save sent on leaving reaches the server
    for _attempt in range(100):
        if not pending and _server_requests.active <= before:
            break
        time.sleep(0.1)
    context.close()


@pytest.fixture
def assert_accessible():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = _run_axe(axe, page)
        assert results.violations_count == 0, results.generate_report()
        assert page.csp_violations == [], page.csp_violations

    return check


def _run_axe(axe, page, attempts: int = 3):
    """Run axe once the page has loaded. A navigation that commits while axe runs (a click that
    had not yet navigated when the check began) destroys the document under it; run it again on
    the page that then stands."""
    from playwright.sync_api import Error

    for attempt in range(attempts):
        page.wait_for_load_state("load")
        try:
            return axe.run(page, options=AXE_OPTIONS)
        except Error as error:
            navigated = "documentElement" in str(error) or "context was destroyed" in str(error)
            if not navigated or attempt == attempts - 1:
                raise


def follow(page, name: str) -> None:
    """Click the link called `name` and wait until its page has loaded, so that what follows
    (an accessibility check above all) sees the new page and not the old one."""
    from urllib.parse import urljoin

    link = page.get_by_role("link", name=name)
    target = urljoin(page.url, link.get_attribute("href"))
    link.click()
    page.wait_for_url(target)


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
    box = page.locator(f"#indicator-{indicator_pk}")
    if not box.is_visible():
        # Opened directly rather than by a click on its summary: choosing a form opens its groups
        # from a script, and a click racing that script would close the group again.
        group.evaluate("(details) => { details.open = true; }")
    box.check()
