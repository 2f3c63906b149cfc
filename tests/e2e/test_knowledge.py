"""Kennisbank in the browser: search, pages, barrier models with their PDF card, the intake's
help links, and the beheerder's local edits; axe-core on every page shown."""

import pytest
from playwright.sync_api import expect

from baken.core.confidentiality import Confidentiality
from baken.testing.auth import login_verified
from tests.e2e.conftest import follow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user):
    """Browser session of a user who passed password and TOTP (test helper)."""
    from django.conf import settings as django_settings
    from django.test import Client

    client = login_verified(Client(), user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.user = user
    return page


@pytest.fixture
def logged_in_page(page, live_server, make_user, voorbeeld):
    return _login(page, live_server, make_user("signaleerder", voorbeeld, username="sanne"))


@pytest.fixture
def beheerder_page(page, live_server, make_user, voorbeeld):
    return _login(page, live_server, make_user("functioneel_beheerder", voorbeeld, username="beheer"))


def test_search_finds_a_page_by_a_word_in_its_body(logged_in_page, assert_accessible):
    page = logged_in_page
    page.goto("/kennisbank/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kennisbank mensenhandel")
    assert_accessible(page)

    # "bedenktijd" appears only in the text of the care path page, and is typed with capitals
    page.get_by_label("Zoek in de kennisbank").fill("BEDENKTIJD")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_contain_text("resultaten voor")
    result = page.get_by_role("link", name="Het zorgtraject voor slachtoffers")
    expect(result).to_be_visible()
    expect(page.locator(".kb-hit mark").first).to_have_text("bedenktijd")
    assert_accessible(page)

    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Het zorgtraject voor slachtoffers")
    expect(page.locator(".kb-meldroute")).to_contain_text("Acuut gevaar? Bel direct 112.")
    assert_accessible(page)


def test_search_forgives_a_typo_and_says_what_it_searched(logged_in_page, assert_accessible):
    page = logged_in_page
    page.goto("/kennisbank/zoeken/?q=masagesalon")
    expect(page.locator(".kb-suggestion")).to_contain_text("Bedoelde u massagesalon?")
    expect(page.get_by_role("link", name="Massagesalons en nagelstudio's")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="massagesalon", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text('voor "massagesalon"')
    expect(page.locator(".kb-suggestion")).to_have_count(0)


def test_beheerder_adds_and_removes_a_search_word(beheerder_page, assert_accessible):
    page = beheerder_page
    page.goto("/kennisbank/")
    page.get_by_role("link", name="Zoekwoorden van de kennisbank beheren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoekwoorden van de kennisbank")
    assert_accessible(page)
    page.get_by_role("textbox", name="Zoekwoord").fill("Kadewacht")
    page.get_by_label("Zoek dan ook op").fill("bedenktijd")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Zoeken op 'kadewacht' vindt nu ook 'bedenktijd'.")).to_be_visible()
    assert_accessible(page)

    page.goto("/kennisbank/zoeken/?q=kadewacht")
    expect(page.get_by_role("link", name="Het zorgtraject voor slachtoffers")).to_be_visible()
    expect(page.locator(".kb-suggestion")).to_contain_text("Ook gezocht op: bedenktijd")

    page.goto("/kennisbank/zoekwoorden/")
    follow(page, "Verwijder kadewacht")
    assert_accessible(page)
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_text("Uw gemeente heeft nog geen eigen zoekwoorden.")).to_be_visible()


def test_barrier_model_renders_and_its_pdf_downloads(logged_in_page, assert_accessible):
    page = logged_in_page
    page.goto("/kennisbank/barrieremodellen/arbeidsmigranten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Barrièremodel arbeidsmigranten")
    steps = page.locator("ol.kb-steps > li")
    expect(steps).to_have_count(6)
    expect(steps.first.get_by_role("heading", level=2)).to_contain_text("Werving / entree")
    for heading in ("Signalen", "Barrières", "Partners", "Facilitatoren"):
        expect(steps.first.get_by_role("heading", level=3, name=heading)).to_be_visible()
    expect(steps.first).to_contain_text("Niet beoordeeld")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als kaart (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "barrieremodel-arbeidsmigranten.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # a signal in the model leads to its explanation in the catalogue
    first_signal = steps.first.locator("h3:has-text('Signalen') + ul a").first
    label = first_signal.inner_text()
    first_signal.click()
    expect(page.locator(".kb-indicator:target")).to_contain_text(label)
    assert_accessible(page)


def test_intake_help_link_opens_the_signal_entry(logged_in_page):
    from baken.signalling.models import Indicator

    indicator = Indicator.objects.filter(group__catalogue_list="balie").order_by("group__order", "order").first()
    page = logged_in_page
    page.goto("/signalen/nieuw/")
    page.locator(f"details:has(#indicator-{indicator.pk}) > summary").click()
    # Titles first: the explanation, with its link, is behind "Uitleg".
    page.locator(f"[aria-controls='indicator-{indicator.pk}-help']").click()
    link = page.get_by_role("link", name=f"Meer over dit signaal: {indicator.label}")
    with page.context.expect_page() as popup_info:
        link.click()
    entry = popup_info.value
    entry.wait_for_load_state()
    assert entry.url.endswith(f"/kennisbank/signalen/balie/#{indicator.code}")
    expect(entry.locator(f"[id='{indicator.code}']")).to_contain_text(indicator.label)


def test_beheerder_adds_the_local_route_and_restores_a_version(beheerder_page, assert_accessible, make_user, voorbeeld):
    make_user(
        "aandachtsfunctionaris",
        voorbeeld,
        username="anouk",
        first_name="Anouk",
        last_name="Fictief",
        clearance=Confidentiality.VERTROUWELIJK,
    )
    page = beheerder_page
    page.goto("/kennisbank/melden-en-doorverwijzen/")
    expect(page.locator(".kb-meldroute")).to_contain_text("Anouk Fictief")
    follow(page, "Lokaal aanvullen of vervangen")
    assert_accessible(page)
    page.get_by_label("Aanvulling: de lokale tekst staat boven de landelijke tekst").check()
    page.get_by_role("textbox", name="Lokale tekst").fill("Bel de aandachtsfunctionaris op **0599-123456**.")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.locator(".kb-local")).to_contain_text("0599-123456")

    page.get_by_role("link", name="Lokale aanpassing bewerken").click()
    page.get_by_role("textbox", name="Lokale tekst").fill("Bel de aandachtsfunctionaris op 0599-999999.")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.locator(".kb-local")).to_contain_text("0599-999999")

    page.get_by_role("link", name="Versies").click()
    expect(page.get_by_role("heading", name="Versie 2: gewijzigd")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Versie 1 bekijken en terugzetten").click()
    page.get_by_role("button", name="Deze versie terugzetten").click()
    expect(page.get_by_role("heading", name="Versie 3: teruggezet")).to_be_visible()
    page.goto("/kennisbank/melden-en-doorverwijzen/")
    expect(page.locator(".kb-local")).to_contain_text("0599-123456")


def test_beheerder_records_a_barrier_and_its_owner(beheerder_page, assert_accessible):
    page = beheerder_page
    page.goto("/kennisbank/barrieremodellen/arbeidsmigranten/")
    follow(page, "Barrières bij Huisvesting bijwerken")
    assert_accessible(page)
    first = page.locator("fieldset.kb-barrier-fieldset").first
    first.get_by_label("Stand van zaken").select_option("aanwezig")
    first.get_by_label("Eigenaar").fill("Team Wonen")
    page.get_by_role("button", name="Opslaan").click()
    step = page.locator("#stap-huisvesting")
    expect(step).to_contain_text("Aanwezig")
    expect(step).to_contain_text("Eigenaar: Team Wonen")
    assert_accessible(page)
