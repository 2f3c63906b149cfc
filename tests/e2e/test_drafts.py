"""Never lose a report (issue 10), in the browser at desktop size and on a 390×844 phone: the
intake's draft on the server comes back after the session expired and the user logged in again
(and after a lost connection); a photo survives a validation error; Baken's own CSRF page keeps the
input; the idle-timeout warning's "Ingelogd blijven" renews the session. Axe clean, no CSP
violation on every page shown."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from baken.accounts.models import AuthenticatorDevice
from baken.core.confidentiality import Confidentiality
from baken.signalling.models import Indicator, IntakeDraft, IntakeDraftUpload, Signal
from baken.testing.factories import TEST_PASSWORD
from tests.e2e.conftest import tick_indicator
from tests.e2e.test_intake_form import _go_to_step

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
INTAKE = "/signalen/nieuw/"
TEXT = "Bij de loods aan de Havenweg slapen zes mannen tussen de pallets; hun paspoorten liggen bij de baas."


@pytest.fixture(params=list(VIEWPORTS))
def device(request, page):
    page.set_viewport_size(VIEWPORTS[request.param])
    return request.param


@pytest.fixture
def melder(make_user, voorbeeld):
    return make_user("toezichthouder", voorbeeld, username="tessa", clearance=Confidentiality.VERTROUWELIJK)


def _photo(tmp_path):
    from PIL import Image

    photo = tmp_path / "loods.png"
    Image.new("RGB", (80, 60), "#445566").save(photo)
    return photo


def _labour_indicator() -> Indicator:
    return (
        Indicator.objects.filter(organisation__isnull=True, forms__code="arbeid", critical=False, active=True)
        .order_by("group__order", "order")
        .first()
    )


def _session_expiry(page):
    from django.conf import settings

    key = next(c["value"] for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    return Session.objects.get(session_key=key).expire_date


def test_the_draft_comes_back_after_the_session_expired_and_a_new_login(
    page, device, login_as, melder, settings, assert_accessible
):
    from django_otp.oath import totp

    settings.SESSION_COOKIE_AGE = 8
    settings.BAKEN_IDLE_WARNING_SECONDS = 4
    login_as(melder)
    page.goto(INTAKE)
    page.get_by_label("Arbeidsuitbuiting").check()
    page.get_by_label("Wat is er gebeurd?").fill(TEXT)
    status = page.locator("[data-draft-status]")
    expect(status).to_contain_text("Concept bewaard om")
    assert IntakeDraft.objects.get(owner=melder).data["description"] == [TEXT]

    # A lost connection: the page says so, and saves as soon as the connection is back.
    page.context.set_offline(True)
    page.get_by_label("Wat is er gebeurd?").press_sequentially(" Bus om vijf uur.")
    expect(status).to_contain_text("Geen verbinding")
    page.context.set_offline(False)
    expect(status).to_contain_text("Concept bewaard om")
    assert IntakeDraft.objects.get(owner=melder).data["description"] == [f"{TEXT} Bus om vijf uur."]

    # Nobody touches the page: first the warning, then the session ends and the page says so.
    dialog = page.get_by_role("alertdialog")
    expect(dialog.get_by_role("heading", name="U wordt bijna uitgelogd")).to_be_visible(timeout=8000)
    expect(dialog.get_by_role("heading", name="U bent uitgelogd")).to_be_visible(timeout=10000)
    expect(dialog.get_by_role("heading", name="U wordt bijna uitgelogd")).to_be_hidden()
    expect(dialog.locator("#session-expired-text")).to_contain_text("als concept bewaard")
    expired = dialog
    login_link = expired.get_by_role("link", name="Opnieuw inloggen")
    expect(login_link).to_be_focused()
    assert_accessible(page)
    settings.SESSION_COOKIE_AGE = 1800  # the new session lasts long enough for the rest of the test
    login_link.click()

    # The real login (password and code) returns the user to the intake with everything typed.
    expect(page).to_have_url(re.compile(r"/account/inloggen/"))
    page.get_by_label("Gebruikersnaam").fill("tessa")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    expect(page).to_have_url(re.compile(r"/account/inloggen/code/"))
    device_key = AuthenticatorDevice.objects.get(user=melder, confirmed=True).bin_key
    page.get_by_label("Code").fill(f"{totp(device_key):06d}")
    page.get_by_role("button", name="Inloggen").click()

    expect(page).to_have_url(re.compile(re.escape(INTAKE) + "$"))
    expect(page.get_by_role("status").filter(has_text="is teruggezet")).to_be_visible()
    expect(page.get_by_label("Wat is er gebeurd?")).to_have_value(f"{TEXT} Bus om vijf uur.")
    expect(page.get_by_label("Arbeidsuitbuiting")).to_be_checked()
    assert_accessible(page)


def test_a_photo_survives_a_validation_error(page, device, login_as, melder, tmp_path, assert_accessible):
    indicator = _labour_indicator()
    login_as(melder)
    page.goto(INTAKE)
    page.locator("[name=minor_involved][value=nee]").check()
    page.get_by_label("Arbeidsuitbuiting").check()
    tick_indicator(page, indicator.pk)
    page.get_by_label("Wat is er gebeurd?").fill(TEXT)
    _go_to_step(page, 2)
    page.get_by_label("Tijdens een controle of inspectie").check()
    _go_to_step(page, 3)
    page.get_by_label("Bijlagen (optioneel)").set_input_files(str(_photo(tmp_path)))
    # No address: the server refuses the report.
    page.get_by_role("button", name="Verstuur melding").click()

    expect(page.locator(".baken-error-summary")).to_be_visible()
    assert not Signal.objects.exists()
    kept = page.locator("#draft-uploads")
    expect(kept).to_contain_text("Al toegevoegd")
    expect(kept).to_contain_text("loods.png")
    expect(page.get_by_label("Wat is er gebeurd?")).to_have_value(TEXT)
    assert IntakeDraftUpload.objects.get().original_name == "loods.png"
    assert_accessible(page)

    # The photo is not added again: the next submit sends it with the report.
    _go_to_step(page, 2)
    page.get_by_role("textbox", name="Postcode", exact=True).fill("9901 AB")
    page.get_by_role("textbox", name="Huisnummer", exact=True).fill("14")
    _go_to_step(page, 3)
    page.get_by_role("button", name="Verstuur melding").click()
    expect(page.get_by_role("heading", name="Uw melding is ontvangen")).to_be_visible()
    signal = Signal.objects.get()
    assert [a.original_name for a in signal.attachments.all()] == ["loods.png"]
    assert not IntakeDraft.objects.exists() and not IntakeDraftUpload.objects.exists()
    assert_accessible(page)


def test_bakens_csrf_page_keeps_the_input(page, device, login_as, melder, tmp_path, assert_accessible):
    login_as(melder)
    # No autosave gets through (as on a bad connection): only the CSRF page can keep the input.
    page.route("**/signalen/nieuw/concept/", lambda route: route.abort())
    page.goto(INTAKE)
    page.get_by_label("Arbeidsuitbuiting").check()
    page.get_by_label("Wat is er gebeurd?").fill(TEXT)
    page.get_by_label("Bijlagen (optioneel)").set_input_files(str(_photo(tmp_path)))
    # The form's token went stale (a login in another tab, say).
    page.locator("form.baken-intake input[name=csrfmiddlewaretoken]").evaluate("input => input.value = 'x'.repeat(64)")
    assert not IntakeDraft.objects.exists()
    _go_to_step(page, 2)
    _go_to_step(page, 3)
    page.get_by_role("button", name="Verstuur melding").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Het formulier is verlopen")
    expect(page.locator("body")).not_to_contain_text("CSRF")
    expect(page.get_by_role("status")).to_contain_text("als concept bewaard")
    expect(page.locator(".baken-brand")).to_contain_text("Gemeente Voorbeeld")  # Baken's own page, in the huisstijl
    assert not Signal.objects.exists()
    assert_accessible(page)

    page.get_by_role("link", name="Terug naar uw melding").click()
    expect(page).to_have_url(re.compile(re.escape(INTAKE) + "$"))
    expect(page.get_by_label("Wat is er gebeurd?")).to_have_value(TEXT)
    expect(page.get_by_label("Arbeidsuitbuiting")).to_be_checked()
    expect(page.locator("#draft-uploads")).to_contain_text("loods.png")
    assert_accessible(page)


def test_the_idle_warning_keeps_the_user_signed_in(page, device, login_as, melder, settings, assert_accessible):
    settings.SESSION_COOKIE_AGE = 130
    settings.BAKEN_IDLE_WARNING_SECONDS = 126  # the warning comes after 4 seconds
    login_as(melder)
    page.goto(INTAKE)
    description = page.get_by_label("Wat is er gebeurd?")
    description.focus()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_hidden()
    expect(dialog.get_by_role("heading", name="U wordt bijna uitgelogd")).to_be_visible(timeout=8000)
    expect(dialog).to_contain_text("over ongeveer 2 minuten uitgelogd")
    button = dialog.get_by_role("button", name="Ingelogd blijven")
    expect(button).to_be_focused()
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert_accessible(page)

    before = _session_expiry(page)
    button.click()
    expect(dialog).to_be_hidden()
    expect(description).to_be_focused()  # the focus goes back to where the user was
    assert _session_expiry(page) > before
    # Still signed in, and the warning comes again only after the next quiet spell.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding doen van mensenhandel")
    assert_accessible(page)


def test_after_a_closed_tab_the_start_page_leads_back_to_the_draft(
    page, device, login_as, melder, tmp_path, assert_accessible
):
    login_as(melder)
    page.goto(INTAKE)
    page.get_by_label("Wat is er gebeurd?").fill(TEXT)
    expect(page.locator("[data-draft-status]")).to_contain_text("Concept bewaard om")
    context = page.context
    page.close()

    tab = context.new_page()
    tab.set_viewport_size(VIEWPORTS[device])
    tab.csp_violations = page.csp_violations
    tab.on(
        "console",
        lambda message: tab.csp_violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    tab.goto("/")
    panel = tab.locator("section", has=tab.get_by_role("heading", name="Uw melding is nog niet verstuurd"))
    expect(panel).to_be_visible()
    expect(panel).not_to_contain_text("Havenweg")  # the start page never shows what was typed
    assert_accessible(tab)
    panel.get_by_role("link", name="Verder met uw melding").click()
    expect(tab).to_have_url(re.compile(re.escape(INTAKE) + "$"))
    expect(tab.get_by_label("Wat is er gebeurd?")).to_have_value(TEXT)
    assert_accessible(tab)
