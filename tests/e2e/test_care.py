"""The zorgcoördinator takes a handed-over signal into a care trajectory, puts the bedenktijd on
its timeline, records an Rvb right and its application, and reveals a name with a reason; the
aandachtsfunctionaris sees only the phase. At desktop size and on a 390×844 phone, axe clean,
no CSP violation."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from baken.accounts.models import User
from baken.care.models import CareCase, CareNameReveal, CareTrack
from baken.core.models import AuditEvent
from tests.e2e.conftest import follow

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
    page.get_by_label(re.compile(r"^Procedure")).select_option("plan_evaluatie")
    page.get_by_role("button", name="Op de tijdlijn zetten").click()
    expect(page.locator("#timeline").locator("..")).to_contain_text("Evaluatie trajectplan")
    assert_accessible(page)

    # Income: an Rvb right puts the application deadline on the timeline; applying closes it.
    page.locator("summary", has_text="Spoor toevoegen").click()
    page.get_by_label("Wat legt u vast?").select_option("rvb:recht_ontstaan")
    page.get_by_role("button", name="Spoor vastleggen").click()
    income = page.locator("#tracks-inkomen").locator("..")
    expect(income).to_contain_text("Rvb (COA): Recht ontstaan, nog aanvragen")
    expect(page.locator("#timeline").locator("..")).to_contain_text("Uiterste aanvraagdatum Rvb")
    income.locator("summary", has_text="Volgende stap vastleggen").click()
    income.get_by_label("Wat is er gebeurd?").select_option("aangevraagd")
    income.get_by_role("button", name="Stap vastleggen").click()
    expect(page.locator("#tracks-inkomen").locator("..")).to_contain_text("Rvb (COA): Aangevraagd")
    assert_accessible(page)
    assert CareTrack.objects.get(case=case, kind="rvb").status == "aangevraagd"

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

    # Now the person's details can be recorded; a BSN that fails the elfproef is refused.
    page.get_by_role("link", name="Persoonsgegevens wijzigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Persoonsgegevens Linde 14")
    page.get_by_label(re.compile(r"^BSN")).fill("123456789")
    page.get_by_label("Tolk nodig").check()
    page.get_by_role("button", name="Persoonsgegevens opslaan").click()
    expect(page.get_by_text("Dit BSN klopt niet", exact=False).first).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^BSN")).fill("111222333")
    page.get_by_role("button", name="Persoonsgegevens opslaan").click()
    expect(page.locator("#person").locator("..")).to_contain_text("111222333")
    assert CareCase.objects.get(pseudonym="Linde 14").interpreter_needed

    # A summary for a warm hand-over: only what is ticked, as a PDF, logged as an export.
    follow(page, "Samenvatting voor een warme overdracht (PDF)")
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Voor wie is de samenvatting")).fill("Wijkteam Noord")
    page.get_by_label("Trajectplan: doelen en afspraken").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF maken").click()
    assert download.value.suggested_filename.startswith("samenvatting-ZT-")
    assert AuditEvent.objects.filter(action="export", reason="samenvatting voor Wijkteam Noord: plan").exists()

    # The aandachtsfunctionaris who handed the signal over sees that a trajectory exists, and its phase.
    login_as(User.objects.get(username="aandachtsfunctionaris-voorbeeld"))
    page.goto(f"/triage/{case.signal_id}/")
    expect(page.get_by_text("Er is een zorgtraject voor deze melding; fase: In traject.")).to_be_visible()
    expect(page.get_by_text("Den 44")).to_have_count(0)
    assert_accessible(page)
    assert page.goto("/zorg/").status == 404


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_trajectory_from_referral_and_shelter_to_closure(page, login_as, assert_accessible, device):
    """On a demo trajectory: a referral refused without a basis and recorded with one, a shelter
    stay with its cost, the CoMensha registration and its export, then aftercare and closure
    with a reason from the list, approved by the regional zorgcoördinator."""
    from baken.care.models import CarePhase, CareReferral, ComenshaRegistration, ShelterPlacement

    call_command("load_demo_data", stdout=io.StringIO())
    page.set_viewport_size(VIEWPORTS[device])
    login_as(User.objects.get(username="zorgcoordinator-voorbeeld"))
    page.goto("/zorg/")
    expect(page.get_by_role("heading", name="Verwijzingen zonder antwoord")).to_be_visible()
    assert_accessible(page)
    case = CareCase.objects.get(pseudonym="Linde 14")
    page.goto(f"/zorg/{case.pk}/")
    referrals_before = CareReferral.objects.filter(case=case).count()

    referral = page.locator(f'form[action="/zorg/{case.pk}/verwijzingen/"]')
    page.locator("summary", has_text="Verwijzing toevoegen").click()
    referral.get_by_label("Soort dienst").select_option("schulden")
    referral.get_by_label("Organisatie").select_option(index=1)
    referral.get_by_label("Wat deelt u?").fill("Schuilnaam en hulpvraag")
    page.get_by_role("button", name="Verwijzing vastleggen").click()  # no basis: refused, in Dutch
    expect(page.get_by_text("Geen verwijzing zonder grondslag.", exact=False).first).to_be_visible()
    assert CareReferral.objects.filter(case=case).count() == referrals_before
    assert_accessible(page)
    referral = page.locator(f'form[action="/zorg/{case.pk}/verwijzingen/"]')
    referral.get_by_label("Taak van algemeen belang (AVG 6.1.e)").check()
    page.get_by_role("button", name="Verwijzing vastleggen").click()
    expect(page.locator("#referrals").locator("..")).to_contain_text("Schuldhulp")
    assert CareReferral.objects.filter(case=case, service_type="schulden", legal_basis="publieke_taak").exists()

    page.locator("summary", has_text="Opvang vastleggen").click()
    shelter = page.locator(f'form[action="/zorg/{case.pk}/opvang/"]')
    shelter.get_by_label("Soort opvang").select_option("vrouwenopvang")
    shelter.get_by_label("Aanbieder").select_option(index=1)
    shelter.get_by_label("Kosten per dag (euro)").fill("88.50")
    shelter.get_by_role("button", name="Opvang vastleggen").click()
    expect(page.locator("#shelter").locator("..")).to_contain_text("Vrouwenopvang")
    assert ShelterPlacement.objects.filter(case=case, payer="centrumgemeente_wmo").exists()

    # Linde 14 is registered with CoMensha in the demo: correct the reference, then export.
    page.locator("summary", has_text="Registratie bijwerken").click()
    page.get_by_label("Kenmerk van CoMensha").fill("CM-2026-0101")
    page.get_by_role("button", name="Registratie vastleggen").click()
    expect(page.locator("#comensha").locator("..")).to_contain_text("CM-2026-0101")
    assert ComenshaRegistration.objects.get(case=case).reference == "CM-2026-0101"
    page.locator("summary", has_text="Op welke grond mag u melden?").click()
    expect(page.get_by_text("Politie, KMar en Arbeidsinspectie moeten melden.", exact=False)).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="als CSV").click()
    assert download.value.suggested_filename == f"comensha-{case.reference}.csv"

    page.get_by_label("Volgende stap").select_option(CarePhase.AFTERCARE)
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.locator(".baken-facts").first).to_contain_text("Nazorg")
    page.get_by_label("Volgende stap").select_option(CarePhase.CLOSED)
    page.get_by_role("button", name="Fase wijzigen").click()  # without a reason: refused
    expect(page.locator(".baken-facts").first).to_contain_text("Nazorg")
    page.get_by_label("Volgende stap").select_option(CarePhase.CLOSED)
    phase = page.locator(f'form[action="/zorg/{case.pk}/fase/"]')
    phase.get_by_label(re.compile(r"^Reden van afsluiten")).select_option("zelfredzaam")
    phase.get_by_label(re.compile(r"^Toelichting")).fill("Eigen woning en werk; nazorg afgerond")
    page.get_by_role("button", name="Fase wijzigen").click()
    # Four eyes (the default): a proposal, which a second zorgcoördinator approves.
    expect(page.get_by_text("Het voorstel om af te sluiten wacht op een tweede zorgcoördinator.")).to_be_visible()
    expect(page.locator(".baken-facts").first).to_contain_text("Nazorg")
    expect(page.get_by_label("Intrekken")).to_be_visible()
    assert_accessible(page)
    login_as(User.objects.get(username="zorgcoordinator-regio"))
    page.goto("/")
    page.get_by_role("link", name="Linde 14").first.click()
    page.get_by_label("Goedkeuren en afsluiten").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator(".baken-facts").first).to_contain_text("Afgesloten")
    assert_accessible(page)
    case.refresh_from_db()
    assert (case.status, case.closure_reason) == (CarePhase.CLOSED, "zelfredzaam")
