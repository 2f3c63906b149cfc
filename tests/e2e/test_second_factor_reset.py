"""Second-factor reset in the browser (issue 11): a functioneel beheerder asks to reset a
colleague's second factor, it waits for a second beheerder; after approval the colleague's old
app no longer works and the next login enrols a new one; the privacy officer finds the reset
on the start page as an item to review and marks it reviewed."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from baken.accounts.models import AccessRequest, AccessRequestKind, AccessRequestStatus, AuthenticatorDevice, User
from baken.demo.catalogue import DEMO_PASSWORD
from tests.e2e.conftest import totp_now

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COLLEAGUE = "signaleerder-voorbeeld"


def _log_in_with_password(page) -> None:
    page.context.clear_cookies()
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(COLLEAGUE)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Volgende").click()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_a_second_factor_reset_waits_for_four_eyes_then_the_user_enrols_again(
    page, login_as, assert_accessible, viewport
):
    call_command("load_demo_data", stdout=io.StringIO())
    page.set_viewport_size(viewport)
    colleague = User.objects.get(username=COLLEAGUE)
    old_devices = set(AuthenticatorDevice.objects.filter(user=colleague, confirmed=True).values_list("pk", flat=True))
    assert old_devices

    # The first beheerder asks; nothing changes yet.
    login_as(User.objects.get(username="functioneel_beheerder-voorbeeld"))
    page.goto(f"/account/gebruikers/{colleague.pk}/")
    page.get_by_role("button", name="Tweede factor opnieuw laten instellen").click()
    expect(page.get_by_text("wacht op goedkeuring door een tweede functioneel beheerder")).to_be_visible()
    assert_accessible(page)
    waiting = AccessRequest.objects.get(subject=colleague, kind=AccessRequestKind.SECOND_FACTOR_RESET)
    assert waiting.status == AccessRequestStatus.PENDING
    assert set(AuthenticatorDevice.objects.filter(user=colleague, confirmed=True).values_list("pk", flat=True)) == (
        old_devices
    )
    # ... and cannot approve it themselves.
    page.goto(f"/account/gebruikers/goedkeuringen/{waiting.pk}/")
    expect(page.get_by_role("button", name="Goedkeuren")).to_have_count(0)

    # The second beheerder approves it from the start page.
    login_as(User.objects.get(username="functioneel_beheerder2-voorbeeld"))
    page.goto("/")
    page.get_by_role("link", name=f"#{waiting.pk} {COLLEAGUE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Toegangsverzoek #{waiting.pk}")
    expect(page.get_by_text("tweede factor opnieuw instellen").first).to_be_visible()
    page.get_by_label("Toelichting").fill("Telefoon kwijt, teruggebeld op het bekende nummer.")
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text(f"Toegangsverzoek #{waiting.pk} is afgehandeld.")).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.status == AccessRequestStatus.APPROVED
    assert not AuthenticatorDevice.objects.filter(user=colleague, confirmed=True).exists()

    # The colleague's next login: the password, then a new app, shown as a QR code.
    _log_in_with_password(page)
    expect(page).to_have_url(re.compile(r"/account/inloggen/instellen/"))
    expect(page.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/account/inloggen/instellen/"))  # nothing else opens first
    secret = page.locator(".baken-secret").inner_text()
    page.get_by_label("Code uit de app").fill(totp_now(secret))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Uw back-upcodes")).to_be_visible()
    new_device = AuthenticatorDevice.objects.get(user=colleague, confirmed=True)
    assert new_device.pk not in old_devices

    # The privacy officer reviews the reset on the start page.
    login_as(User.objects.get(username="privacy_officer-voorbeeld"))
    page.goto("/")
    panel = page.locator("#access-panel").locator("..")
    expect(panel.get_by_role("link", name=f"#{waiting.pk} {COLLEAGUE}")).to_be_visible()
    expect(panel).to_contain_text("tweede factor opnieuw instellen")
    assert_accessible(page)
    panel.get_by_role("button", name=f"#{waiting.pk} beoordeeld").click()
    expect(page.get_by_text(f"Toegangsverzoek #{waiting.pk} is gemarkeerd als beoordeeld.")).to_be_visible()
    panel = page.locator("#access-panel").locator("..")
    expect(panel.get_by_role("link", name=f"#{waiting.pk} {COLLEAGUE}")).to_have_count(0)
    waiting.refresh_from_db()
    assert waiting.reviewed_by.username == "privacy_officer-voorbeeld" and waiting.reviewed_at is not None
