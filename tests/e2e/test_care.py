"""The zorgcoördinator takes a handed-over signal into a care trajectory, puts the bedenktijd on
its timeline and reveals a name with a reason; the aandachtsfunctionaris sees only the phase.
At desktop size and on a 390×844 phone, axe clean, no CSP violation."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from baken.accounts.models import User
from baken.care.models import CareCase, CareNameReveal
from baken.core.models import AuditEvent

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("device", VIEWPORTS)
def test_from_handover_to_timeline_and_a_revealed_name(page, login_as, assert_accessible, device):
    call_command("load_demo_data", stdout=io.StringIO())
    page.set_viewport_size(VIEWPORTS[device])
    coordinator = User.objects.get(username="zorgcoordinator-voorbeeld")
    login_as(coordinator)

    page.goto("/")
    expect(page.get_by_role("heading", name="Zorg", exact=True)).to_be_visible()
    assert_accessible(page)

    page.goto("/zorg/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorgtrajecten")
    expect(page.get_by_text("Ioana Marinescu")).to_have_count(0)  # pseudonyms only
    assert_accessible(page)

    aanmeldingen = page.locator("#aanmeldingen").locator("..")
    aanmeldingen.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aanmelding")
    assert_accessible(page)
    page.get_by_label("Aannemen: zorgtraject starten (intake)").check()
    page.get_by_label(re.compile(r"^Schuilnaam")).fill("Den 44")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorgtraject Den 44")
    expect(page.locator(".baken-facts").first).to_contain_text("Intake")
    case = CareCase.objects.get(pseudonym="Den 44")
    assert case.signal_id and case.organisation.slug == "voorbeeld"

    page.locator("summary", has_text="Procedure toevoegen").click()
    page.get_by_label(re.compile(r"^Procedure")).select_option("bedenktijd")
    page.get_by_role("button", name="Op de tijdlijn zetten").click()
    expect(page.locator("#timeline").locator("..")).to_contain_text("Einde bedenktijd")
    assert_accessible(page)

    page.get_by_role("button", name="Fase wijzigen").click()  # intake → in traject
    expect(page.locator(".baken-facts").first).to_contain_text("In traject")

    # A demo trajectory with a (fictional) name: hidden until revealed with a reason.
    page.goto("/zorg/")
    page.locator("table").last.get_by_role("link", name="Linde 14").click()
    expect(page.locator("#case-name")).not_to_contain_text("Ioana")
    page.get_by_role("button", name="Naam tonen").click()  # without a reason: refused, in Dutch
    expect(page.get_by_text("Dit veld is verplicht.").first).to_be_visible()
    assert not CareNameReveal.objects.exists()
    page.get_by_label(re.compile(r"^Waarom heeft u de naam nodig")).fill("Aanvraag Rvb invullen")
    page.get_by_role("button", name="Naam tonen").click()
    expect(page.locator("#case-name")).to_contain_text("Ioana Marinescu")
    assert_accessible(page)
    assert AuditEvent.objects.filter(actor=coordinator, reason="naam getoond: Aanvraag Rvb invullen").exists()

    # The aandachtsfunctionaris who handed the signal over sees that a trajectory exists, and its phase.
    login_as(User.objects.get(username="aandachtsfunctionaris-voorbeeld"))
    page.goto(f"/triage/{case.signal_id}/")
    expect(page.get_by_text("Er is een zorgtraject voor dit signaal; fase: In traject.")).to_be_visible()
    expect(page.get_by_text("Den 44")).to_have_count(0)
    assert_accessible(page)
    assert page.goto("/zorg/").status == 404
