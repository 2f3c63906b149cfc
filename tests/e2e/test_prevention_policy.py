"""The beleidsmaker in the browser, at desktop size and on a 390×844 phone: records a prevention
activity through its lifecycle, and fills the Kader self-assessment and turns a gap into an
action. axe-core on every page shown, and no CSP violation."""

import pytest
from playwright.sync_api import expect

from baken.policy.models import PlanAction, RiskFormRow
from baken.prevention.models import PreventionActivity
from tests.e2e.conftest import follow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def beleid_page(page, login_as, make_user, voorbeeld):
    return login_as(make_user("beleidsmaker", voorbeeld, username="bram"))


@pytest.mark.parametrize("device", VIEWPORTS)
def test_record_an_activity_through_its_lifecycle(beleid_page, assert_accessible, device):
    page = beleid_page
    page.set_viewport_size(VIEWPORTS[device])
    page.goto("/preventie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preventieactiviteiten")
    expect(page.get_by_text("nog geen preventieactiviteiten")).to_be_visible()
    assert_accessible(page)

    follow(page, "Nieuwe activiteit")
    assert_accessible(page)
    page.get_by_label("Titel").fill("Gastles loverboys")
    page.get_by_label("Soort activiteit").select_option("schoolvoorlichting")
    page.get_by_label("Voortgezet onderwijs").check()
    page.get_by_label("Seksuele uitbuiting").check()
    page.get_by_label("Datum (verplicht)").fill("2026-10-07")
    page.get_by_label("School", exact=True).check()
    page.get_by_label("Naam van de school of de wijk").fill("Het Baken College")
    page.get_by_role("button", name="Activiteit plannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gastles loverboys")
    assert_accessible(page)

    page.get_by_label("Bevestigen").check()
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.locator(".baken-facts").first).to_contain_text("Bevestigd")

    page.get_by_label("Uitgevoerd").check()
    page.get_by_role("button", name="Status wijzigen").click()
    expect(
        page.get_by_role("link", name="Bereik (aantal deelnemers): Vul het bereik in")
    ).to_be_visible()  # the count is needed, and said so
    assert_accessible(page)
    page.get_by_label("Uitgevoerd").check()
    page.get_by_label("Bereik (aantal deelnemers)").fill("87")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.locator(".baken-facts").first).to_contain_text("87 deelnemers")

    page.get_by_label("Evaluatie vastleggen").check()
    page.get_by_label("Evaluatiecijfer").select_option("4")
    page.get_by_label("Evaluatie", exact=True).fill("Leerlingen stelden veel vragen.")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.locator(".baken-facts").first).to_contain_text("Geëvalueerd")
    assert_accessible(page)
    activity = PreventionActivity.objects.get()
    assert (activity.status, activity.reach, activity.evaluation_score) == ("geevalueerd", 87, 4)

    page.get_by_role("link", name="Terug naar de activiteiten").click()
    page.get_by_role("link", name="Kalender per schooljaar").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Preventiekalender schooljaar")
    page.goto("/preventie/kalender/?schooljaar=2026")  # the school year of 7 Oct 2026, whatever today is
    expect(page.get_by_role("heading", level=1)).to_have_text("Preventiekalender schooljaar 2026-2027")
    expect(page.get_by_role("link", name="Gastles loverboys")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_fill_the_self_assessment_and_make_an_action_of_a_gap(beleid_page, assert_accessible, device):
    page = beleid_page
    page.set_viewport_size(VIEWPORTS[device])
    page.goto("/beleid/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beleid en regie")
    assert_accessible(page)

    follow(page, "Nieuwe zelfevaluatie")
    assert_accessible(page)
    page.get_by_role("button", name="Zelfevaluatie starten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zelfevaluatie VNG Kader")
    assert_accessible(page)

    page.get_by_role("link", name="Bouwsteen 2B3 beoordelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bouwsteen 2B3")
    assert_accessible(page)
    page.get_by_label("Gedeeltelijk").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("link", name="Onderbouwing: Noem het document of besluit")).to_be_visible()
    page.get_by_label("Onderbouwing").fill("Trainingsoverzicht 2026")
    page.get_by_label("Eigenaar").fill("HR")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#bouwsteen-2B3")).to_contain_text("Gedeeltelijk")

    page.get_by_role("button", name="Maak een actie van bouwsteen 2B3").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("A-1")
    assert_accessible(page)
    action = PlanAction.objects.get()
    assert (action.block_code, action.owner, action.kader_theme) == ("2B3", "HR", "signalering")

    page.get_by_role("link", name="Terug naar").click()
    expect(page.get_by_role("link", name=action.title)).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_follow_signalling_capacity(beleid_page, assert_accessible, device):
    page = beleid_page
    page.set_viewport_size(VIEWPORTS[device])
    page.goto("/preventie/")
    page.get_by_role("link", name="Signalerend vermogen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalerend vermogen")
    expect(page.get_by_text("nog geen trainingen")).to_be_visible()
    assert_accessible(page)

    follow(page, "Aantal medewerkers per afdeling")
    assert_accessible(page)
    page.get_by_label("Balie en publiekszaken").fill("40")
    page.get_by_role("button", name="Aantallen opslaan").click()

    follow(page, "Training vastleggen")
    assert_accessible(page)
    page.get_by_label("Niveau").select_option("signaleren")
    page.get_by_label("Datum training").fill("2026-09-01")
    page.get_by_label("Aantal deelnemers").fill("10")
    page.get_by_role("button", name="Training opslaan").click()
    expect(page.get_by_role("link", name="Afdeling: Dit veld is verplicht")).to_be_visible()  # no department chosen
    assert_accessible(page)
    page.get_by_label("Afdeling").select_option("balie")
    page.get_by_label("Niveau").select_option("signaleren")
    page.get_by_label("Datum training").fill("2026-09-01")
    page.get_by_label("Aantal deelnemers").fill("10")
    page.get_by_role("button", name="Training opslaan").click()
    row = page.locator("tr").filter(has=page.get_by_role("rowheader", name="Balie en publiekszaken"))
    expect(row).to_contain_text("25%")
    assert_accessible(page)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_describe_the_local_risk_picture(beleid_page, assert_accessible, device):
    page = beleid_page
    page.set_viewport_size(VIEWPORTS[device])
    page.goto("/beleid/")
    page.get_by_role("link", name="Lokaal risicobeeld").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokaal risicobeeld")
    expect(page.get_by_text("nog geen risicobeeld")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Risicobeeld starten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lokaal risicobeeld 20")
    assert_accessible(page)

    follow(page, "Arbeidsuitbuiting beschrijven")
    assert_accessible(page)
    page.get_by_label("Sectoren en locaties in de gemeente").fill("Vier distributiecentra en een haven")
    page.get_by_label("Hoog").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("link", name="Onderbouwing: Onderbouw de inschatting")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Onderbouwing").fill("Inspectie SZW en RIEC zien uitbuiting in de logistiek.")
    page.get_by_role("button", name="Opslaan").click()
    row = page.locator("tr").filter(has=page.get_by_role("rowheader", name="Arbeidsuitbuiting"))
    expect(row).to_contain_text("Hoog")
    expect(row).to_contain_text("Vier distributiecentra en een haven")
    assert_accessible(page)
    assert RiskFormRow.objects.get(form__code="arbeid").level == "hoog"


@pytest.mark.parametrize("device", VIEWPORTS)
def test_keep_the_materials_library_with_versions(beleid_page, assert_accessible, device):
    page = beleid_page
    page.set_viewport_size(VIEWPORTS[device])
    page.goto("/preventie/")
    page.get_by_role("link", name="Materialenbibliotheek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Materialenbibliotheek")
    expect(page.get_by_text("De bibliotheek is nog leeg")).to_be_visible()
    assert_accessible(page)

    follow(page, "Nieuw materiaal")
    assert_accessible(page)
    page.get_by_label("Titel").fill("Lespakket loverboys")
    page.get_by_label("Voortgezet onderwijs").check()
    page.get_by_label("Nederlands", exact=True).check()
    page.get_by_label("Vorm").select_option("les")
    page.get_by_label("Bewijskracht").select_option("goed_onderbouwd")
    page.get_by_role("button", name="Materiaal toevoegen").click()
    expect(page.get_by_role("link", name="Link naar het materiaal: Dit veld is verplicht")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Link naar het materiaal").fill("https://materialen.example.nl/loverboys")
    page.get_by_role("button", name="Materiaal toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lespakket loverboys")
    expect(page.locator(".baken-facts").first).to_contain_text("nog te verifiëren")
    assert_accessible(page)

    page.get_by_role("link", name="Gegevens wijzigen").click()
    page.get_by_label("Titel").fill("Lespakket loverboys, tweede editie")
    page.get_by_label("Toelichting bij deze versie").fill("Nieuwe les over sextortion")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lespakket loverboys, tweede editie")
    expect(page.get_by_role("heading", name="Versie 2: gewijzigd")).to_be_visible()
    page.get_by_text("Inhoud van versie 1").click()
    expect(page.locator("details")).to_contain_text("Lespakket loverboys")
    assert_accessible(page)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_group_the_actions_of_the_plan_under_goals(beleid_page, assert_accessible, device):
    from baken.accounts.models import User
    from baken.testing.policy import make_action, make_plan

    actor = User.objects.get(username="bram")
    plan = make_plan(actor)
    make_action(actor, plan, title="Signalenkaart voor de balie")
    page = beleid_page
    page.set_viewport_size(VIEWPORTS[device])
    page.goto(f"/beleid/plannen/{plan.pk}/")
    expect(page.get_by_text("nog geen doelen")).to_be_visible()
    assert_accessible(page)

    follow(page, "Nieuw doel")
    assert_accessible(page)
    page.get_by_label("Doel").fill("Medewerkers herkennen signalen")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_role("link", name="Kader-thema: Kies het Kader-thema van dit doel")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Kader-thema").select_option("signalering")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_role("heading", name="D-1: Medewerkers herkennen signalen")).to_be_visible()
    expect(page.get_by_role("heading", name="Acties zonder doel")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Signalenkaart voor de balie").click()
    page.get_by_label("Doel", exact=True).select_option(label="D-1 Medewerkers herkennen signalen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("table", name="Acties bij D-1")).to_contain_text("Signalenkaart voor de balie")
    expect(page.get_by_role("heading", name="Acties zonder doel")).to_have_count(0)
    assert_accessible(page)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_record_that_the_council_adopted_the_plan(beleid_page, assert_accessible, device):
    from baken.accounts.models import User
    from baken.testing.policy import make_plan

    plan = make_plan(User.objects.get(username="bram"))
    page = beleid_page
    page.set_viewport_size(VIEWPORTS[device])
    page.goto(f"/beleid/plannen/{plan.pk}/")
    follow(page, "Plan wijzigen of vaststellen")
    assert_accessible(page)
    page.get_by_label("Vastgesteld door").fill("Gemeenteraad")
    page.get_by_label("Vastgesteld op").fill("2099-01-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De datum van vaststelling ligt in de toekomst.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Vastgesteld op").fill("2026-03-05")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het uitvoeringsplan is opgeslagen.")).to_be_visible()
    expect(page.locator(".baken-facts").first).to_contain_text("Gemeenteraad, 5 mrt. 2026")
    expect(page.get_by_role("link", name="Plan wijzigen", exact=True)).to_be_visible()


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_beheerder_adjusts_a_kader_block_for_the_municipality(
    page, login_as, make_user, voorbeeld, assert_accessible, device
):
    page = login_as(make_user("functioneel_beheerder", voorbeeld, username="bea"))
    page.set_viewport_size(VIEWPORTS[device])
    page.goto("/beleid/kader/")
    assert_accessible(page)
    follow(page, "2B1 aanpassen")
    assert_accessible(page)
    page.get_by_label("Tekst van de bouwsteen").fill("Er zijn twee aandachtsfunctionarissen, de een vervangt de ander.")
    page.get_by_label("Toelichting bij deze versie").fill("Afspraak college 2026")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Bouwsteen 2B1 is opgeslagen als versie 1.")).to_be_visible()
    expect(page.get_by_role("table", name="2. Signalerend vermogen")).to_contain_text("lokaal aangepast, versie 1")
    page.get_by_role("link", name="Eigen bouwsteen toevoegen").click()
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_role("link", name="Thema: Kies het thema van het Kader waar de bouwsteen onder valt.")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Tekst van de bouwsteen").fill("Er is een meldpunt voor arbeidsmigranten in de haven.")
    page.get_by_label("Thema").select_option("signalering")
    page.get_by_label("Plateau").select_option("verdieping")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("table", name="2. Signalerend vermogen")).to_contain_text("eigen bouwsteen, versie 1")
    page.get_by_role("link", name="L1 wijzigen").click()
    page.get_by_role("button", name="Intrekken").click()
    expect(page.get_by_text("Bouwsteen L1 is ingetrokken.")).to_be_visible()
    expect(page.get_by_role("table", name="2. Signalerend vermogen")).to_contain_text("eigen bouwsteen, ingetrokken")
    assert_accessible(page)
