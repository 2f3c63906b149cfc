"""A demo user logs in with password and TOTP; a user without a device is forced to enrol."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from baken.demo.catalogue import DEMO_PASSWORD, DEMO_TOTP_BASE32
from baken.testing.factories import TEST_PASSWORD
from tests.e2e.conftest import totp_now

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_world(transactional_db):
    call_command("load_demo_data", stdout=io.StringIO())


def test_demo_user_logs_in_with_password_and_totp(page, demo_world, assert_accessible):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/account/inloggen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Baken")
    assert_accessible(page)

    page.get_by_label("Gebruikersnaam").fill("aandachtsfunctionaris-voorbeeld")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Volgende").click()

    expect(page).to_have_url(re.compile(r"/account/inloggen/code/"))
    assert_accessible(page)
    page.get_by_label("Code").fill(totp_now(DEMO_TOTP_BASE32))
    page.get_by_role("button", name="Inloggen").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Aandachtsfunctionaris mensenhandel")).to_be_visible()
    expect(page.locator(".baken-brand")).to_contain_text("Gemeente Voorbeeld")
    assert_accessible(page)


def test_wrong_code_keeps_the_user_out(page, demo_world):
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("signaleerder-zuiderhaven")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator(".utrecht-form-field-error-message")).to_contain_text("onjuist")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/account/inloggen/code/"))


def test_user_without_device_is_forced_to_enrol(page, make_user, voorbeeld, assert_accessible):
    make_user("signaleerder", voorbeeld, username="nieuwe-collega")
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("nieuwe-collega")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Volgende").click()

    expect(page).to_have_url(re.compile(r"/account/inloggen/instellen/"))
    expect(page.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    assert_accessible(page)
    # Nothing else opens before enrolment.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/account/inloggen/instellen/"))

    secret = page.locator(".baken-secret").inner_text()
    page.get_by_label("Code uit de app").fill(totp_now(secret))
    page.get_by_role("button", name="Bevestigen").click()

    expect(page.get_by_role("heading", name="Uw back-upcodes")).to_be_visible()
    expect(page.locator(".baken-backup-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("ga verder")).click()
    expect(page.get_by_role("heading", name="Signaleerder")).to_be_visible()
    assert_accessible(page)


def test_the_qr_code_renders_and_carries_the_devices_key(page, make_user, voorbeeld):
    """The image an authenticator app scans: decoded from a screenshot, it is the otpauth link
    of this user's new device (so nobody has to type the 32-character key)."""
    import base64
    import io
    from urllib.parse import parse_qs, urlparse

    import zxingcpp
    from PIL import Image

    from baken.accounts.models import AuthenticatorDevice

    make_user("signaleerder", voorbeeld, username="qr-collega")
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("qr-collega")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    image = page.get_by_role("img", name=re.compile("QR-code"))
    expect(image).to_be_visible()
    box = image.bounding_box()
    assert box["width"] > 100 and box["height"] > 100  # rendered, not an empty broken image
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(image.screenshot())))
    assert len(decoded) == 1, "no QR code found in the rendered image"
    link = urlparse(decoded[0].text)
    assert link.scheme == "otpauth" and link.netloc == "totp"
    secret = parse_qs(link.query)["secret"][0]
    device = AuthenticatorDevice.objects.get(user__username="qr-collega", confirmed=False)
    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    # And the key shown beside it for typing is the same one.
    assert page.locator(".baken-secret").inner_text().replace(" ", "") == secret.rstrip("=")
