"""Handhaven in the browser, at desktop size and on a 390×844 phone: register a location, open a
case, plan an inspection and record it in the field, add a finding and turn it into a voornemen
with its deadline. axe on every page passed, no CSP violation, no sideways scrolling."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from baken.core.confidentiality import Confidentiality
from baken.enforcement.models import Inspection, Location, Measure
from tests.e2e.conftest import follow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "page scrolls sideways"


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_from_location_to_measure_with_its_deadline(page, login_as, assert_accessible, make_user, voorbeeld, device):
    page.set_viewport_size(VIEWPORTS[device])
    inspector = make_user("toezichthouder", voorbeeld, clearance=Confidentiality.VERTROUWELIJK, first_name="Tom")
    login_as(inspector)

    page.goto("/handhaving/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Locatieregister")
    expect(page.get_by_text("Er staan nog geen locaties in het register")).to_be_visible()
    assert_accessible(page)
    _fits(page)

    follow(page, "Locatie registreren")
    assert_accessible(page)
    page.get_by_label("Straat").fill("Polderweg")
    page.get_by_label("Huisnummer").fill("112")
    page.get_by_label("Postcode").fill("9901rs")
    page.get_by_label("Plaats").fill("Voorbeeld")
    page.get_by_label("Soort object").select_option("logies")
    page.get_by_label("KvK-nummer").fill("1234")
    page.get_by_role("button", name="Locatie opslaan").click()
    expect(page.get_by_text("Een KvK-nummer bestaat uit precies acht cijfers.", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("KvK-nummer").fill("90000112")
    page.get_by_label("Ingeschreven bewoners (BRP)").fill("24")
    page.get_by_label("Gebruiksoppervlakte (m²)").fill("200")
    page.get_by_label("Oppervlakte per slaapkamer (m²)").fill("20; 20; 20; 24")
    page.get_by_label("Toiletten").fill("3")
    page.get_by_label("Douches").fill("3")
    page.get_by_role("button", name="Locatie opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Polderweg 112, Voorbeeld")
    assert Location.objects.get().postcode == "9901 RS"
    norms = page.get_by_role("list", name="Uitkomst per SNF-norm, met de regel en de bron")
    expect(norms).to_contain_text("8,33 m² per persoon")  # 200 m² for 24 people: below 10
    expect(norms).to_contain_text("voldoet niet")
    expect(norms).to_contain_text("normeringflexwonen.nl")
    assert_accessible(page)
    _fits(page)

    page.get_by_role("link", name="Zaak openen").click()
    page.get_by_label("Thema").select_option("huisvesting_arbeidsmigranten")
    page.get_by_label("Aanleiding").select_option("melding")
    assert_accessible(page)
    page.get_by_role("button", name="Zaak openen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zaak HH-")
    assert_accessible(page)

    page.get_by_role("link", name="Controle plannen").click()
    page.get_by_label("Datum en tijd").fill(timezone.localtime().strftime("%Y-%m-%dT09:00"))
    page.get_by_label("Team").fill("Tom Visser (gemeente, Awb 5:15)")
    assert_accessible(page)
    page.get_by_role("button", name="Controle plannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controle Polderweg 112, 9901 RS Voorbeeld")
    assert_accessible(page)
    _fits(page)

    # In the field, on the phone.
    performed = timezone.localtime(timezone.now() - dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Uitgevoerd op").fill(performed)
    page.get_by_label("Toegang verleend").check()
    page.get_by_label("Aangetroffen bewoners").fill("31")
    page.get_by_label("Voldoende gebruiksoppervlakte per persoon (SNF)").select_option("nee")
    page.get_by_label("Uitkomst (debrief)").select_option("overtreding")
    page.get_by_role("button", name="Controle opslaan").click()
    expect(page.get_by_text("De controle is vastgelegd.")).to_be_visible()
    assert Inspection.objects.get().status == "uitgevoerd"

    # Debrief: report signs of trafficking to the aandachtsfunctionaris.
    page.get_by_label("Wat zag of hoorde u dat op mensenhandel wijst?").fill("Bewoners zonder eigen paspoort")
    page.get_by_role("button", name="Melding doen").click()
    expect(page.get_by_text("staat bij de aandachtsfunctionaris")).to_be_visible()
    expect(page.get_by_text("Gemeld als melding")).to_be_visible()
    assert Inspection.objects.get().handed_signal.reporter == inspector
    assert_accessible(page)

    page.get_by_text("Bevinding toevoegen", exact=True).first.click()
    page.get_by_label("Checklistpunt").select_option("snf_oppervlakte")
    page.get_by_role("textbox", name=re.compile(r"^Bevinding")).fill("31 bewoners op 280 m² (9 m² per persoon)")
    page.get_by_role("button", name="Bevinding toevoegen").click()
    expect(page.get_by_text("31 bewoners op 280 m²")).to_be_visible()
    assert_accessible(page)

    follow(page, "Maatregel voorbereiden")
    assert_accessible(page)
    page.get_by_label("Soort aanschrijving").select_option("voornemen_lod")
    page.get_by_label("Geadresseerden").fill("Flexhuis Noord B.V. (verhuurder)")
    page.get_by_role("button", name="Voornemen vastleggen").click()
    expect(page.get_by_role("heading", name="Termijnen")).to_be_visible()
    due = Measure.objects.get().view_due_on
    expect(page.locator("table")).to_contain_text("Termijn voor een zienswijze op het voornemen")
    expect(page.locator("table")).to_contain_text("nog te verifiëren")
    assert due == timezone.localdate() + dt.timedelta(days=14)
    assert_accessible(page)
    _fits(page)

    page.goto("/handhaving/planning/")
    assert_accessible(page)
    page.get_by_role("link", name="Naar de risicogestuurde planning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risicogestuurde planning")
    expect(page.get_by_text("Ze beslist niets")).to_be_visible()
    page.get_by_text("Waarom deze prioriteit").first.click()
    expect(page.get_by_role("list", name="Factoren met hun gewicht").first).to_contain_text("Signalen op dit adres")
    assert_accessible(page)
    _fits(page)
    page.goto("/")
    expect(page.get_by_role("heading", name="Handhaven")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_bibob_appeal_letter_and_barrier(page, login_as, assert_accessible, make_user, voorbeeld, device):
    """The jurist's part after a decision: a Bibob test with its LBB deadline, a bezwaar beside the
    track, the voornemen letter as PDF, a barrier of the barrier model, and the own deadlines;
    then the functioneel beheerder's letter texts. axe on every page."""
    from decimal import Decimal

    from baken.enforcement import services
    from baken.enforcement.models import BarrierLink, BibobTest, MeasureAppeal
    from baken.enforcement.services import LocationInput, MeasureStep
    from baken.knowledge.selectors import national_barrier_models

    page.set_viewport_size(VIEWPORTS[device])
    jurist = make_user("handhavingsjurist", voorbeeld, clearance=Confidentiality.VERTROUWELIJK, first_name="Julia")
    location = services.location_save(
        actor=jurist,
        location=None,
        data=LocationInput(street="Kade", house_number="7", postcode="9901 AB", city="Voorbeeld", object_type="logies"),
    )
    case = services.case_open(actor=jurist, location=location, theme="huisvesting_arbeidsmigranten", reason="melding")
    today = timezone.localdate()
    measure = services.measure_start(
        actor=jurist,
        case=case,
        intent_type="voornemen_lod",
        addressees="Flexhuis B.V.",
        sent_on=today - dt.timedelta(days=30),
    )
    step = MeasureStep(
        target="besluit",
        decision_type="lod",
        decided_on=today - dt.timedelta(days=10),
        compliance_due_on=today + dt.timedelta(days=1),
        amount_per_unit=Decimal("500"),
        amount_unit="per week",
        amount_maximum=Decimal("5000"),
    )
    services.measure_step(actor=jurist, measure=measure, data=step)
    login_as(jurist)

    page.goto("/handhaving/")
    expect(page.get_by_role("heading", name="Mijn termijnen")).to_be_visible()
    expect(
        page.get_by_text("Einde begunstigingstermijn").or_(page.get_by_text("Begunstigingstermijn")).first
    ).to_be_visible()
    assert_accessible(page)
    # The same deadlines on their own page, paged (the register shows the first five).
    page.goto("/handhaving/termijnen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn termijnen")
    expect(page.get_by_role("link", name=case.reference).first).to_be_visible()
    assert_accessible(page)

    page.goto(f"/handhaving/zaken/{case.pk}/")
    follow(page, "Bibob-toets starten")
    assert_accessible(page)
    page.get_by_label("Waarop ziet de toets?").fill("Aanvraag exploitatievergunning")
    page.get_by_label("Aanleiding").select_option("aanvraag_vergunning")
    page.get_by_role("button", name="Toets starten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bibob-toets")
    page.get_by_label("Advies LBB gevraagd op").fill(today.isoformat())
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Beslistermijn opgeschort")).to_be_visible()
    assert BibobTest.objects.get().lbb_advice_due_on == today + dt.timedelta(weeks=8)
    assert_accessible(page)
    _fits(page)

    page.goto(f"/handhaving/zaken/{case.pk}/maatregelen/{measure.pk}/")
    page.locator("#id_rechtsmiddel-kind").select_option("beroep")
    page.get_by_label("Ingediend op").fill(today.isoformat())
    page.get_by_label("Ingediend door").fill("Flexhuis B.V.")
    page.get_by_role("button", name="Vastleggen", exact=True).click()
    expect(page.get_by_text("Beroep volgt op een beslissing op bezwaar").first).to_be_visible()
    assert not MeasureAppeal.objects.exists()
    assert_accessible(page)
    page.locator("#id_rechtsmiddel-kind").select_option("bezwaar")
    page.get_by_role("button", name="Vastleggen", exact=True).click()
    expect(page.get_by_text("Het rechtsmiddel is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("loopt", exact=True)).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Brief: besluit (PDF)").click()
    assert download.value.suggested_filename == f"besluit-{case.reference}.pdf"

    housing = national_barrier_models()["arbeidsmigranten"].step("huisvesting")
    page.get_by_label("Barrière uit een barrièremodel").select_option(
        f"arbeidsmigranten/huisvesting/{housing.barriers[0][0]}"
    )
    page.get_by_role("button", name="Barrière koppelen").click()
    expect(page.get_by_text("De barrière is gekoppeld.")).to_be_visible()
    assert BarrierLink.objects.filter(measure=measure).exists()
    assert_accessible(page)
    _fits(page)

    page.goto("/kennisbank/barrieremodellen/arbeidsmigranten/")
    expect(page.get_by_text("Opgeworpen door Handhaven in uw gemeente")).to_be_visible()
    assert_accessible(page)

    beheerder = make_user("functioneel_beheerder", voorbeeld, first_name="Bea")
    login_as(beheerder)
    page.goto("/handhaving/brieven/")
    assert_accessible(page)
    page.get_by_role("link", name="Voornemen").click()
    page.get_by_label("Tekst").fill("Aan {{ geadresseerden }} en {{ bsn }}")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.get_by_text("Onbekend veld").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Tekst").fill("Aan {{ geadresseerden }}")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.get_by_text("Versie 1,")).to_be_visible()
    assert_accessible(page)
    _fits(page)


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_an_inspection_typed_without_a_connection_is_sent_when_it_returns(
    page, login_as, assert_accessible, make_user, voorbeeld, device
):
    """In the field the connection drops: what was typed stays on the page and in the draft on the
    server, the page says the form waits for the connection, and sends it when it returns."""
    from baken.enforcement import services
    from baken.enforcement.models import InspectionDraft
    from baken.enforcement.services import LocationInput

    page.set_viewport_size(VIEWPORTS[device])
    inspector = make_user("toezichthouder", voorbeeld, clearance=Confidentiality.VERTROUWELIJK, first_name="Tom")
    location = services.location_save(
        actor=inspector,
        location=None,
        data=LocationInput(
            street="Loods", house_number="3", postcode="9901 AB", city="Voorbeeld", object_type="logies"
        ),
    )
    case = services.case_open(
        actor=inspector, location=location, theme="huisvesting_arbeidsmigranten", reason="melding"
    )
    inspection = services.inspection_plan(actor=inspector, case=case, planned_for=timezone.now())
    login_as(inspector)
    page.goto(f"/handhaving/zaken/{case.pk}/controles/{inspection.pk}/")

    page.get_by_label("Waarnemingen en aantekeningen").fill("Zes matrassen in de schuur")
    expect(page.get_by_text("Concept opgeslagen om")).to_be_visible()
    assert InspectionDraft.objects.get().data["notes"] == ["Zes matrassen in de schuur"]

    page.context.set_offline(True)
    page.get_by_label("Uitgevoerd op").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Toegang verleend").check()
    page.get_by_label("Aangetroffen bewoners").fill("14")
    page.get_by_label("Uitkomst (debrief)").select_option("overtreding")
    page.get_by_role("button", name="Controle opslaan").click()
    expect(page.get_by_text("Geen verbinding – wordt verstuurd zodra er weer verbinding is")).to_be_visible()
    expect(page.get_by_label("Aangetroffen bewoners")).to_have_value("14")
    assert Inspection.objects.get().status == "gepland"
    assert_accessible(page)
    _fits(page)

    page.context.set_offline(False)
    expect(page.get_by_text("De controle is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Verstuurd: dit is de vastgelegde controle.")).to_be_visible()
    recorded = Inspection.objects.get()
    assert (recorded.status, recorded.notes, recorded.observed_residents, recorded.situation) == (
        "uitgevoerd",
        "Zes matrassen in de schuur",
        14,
        "toegang_verleend",
    )
    assert not InspectionDraft.objects.exists()
    assert_accessible(page)
    _fits(page)
    if device == "phone":  # the field form also fits the narrowest phones
        page.set_viewport_size({"width": 360, "height": 740})
        _fits(page)
