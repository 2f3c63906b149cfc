"""A signaleerder reports a signal in the browser; the acute panel appears for a critical indicator."""

import re

import pytest
from playwright.sync_api import expect

from baken.core.confidentiality import Confidentiality
from baken.signalling.models import Indicator, Signal
from baken.testing.auth import login_verified
from tests.e2e.conftest import tick_indicator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def logged_in_page(page, live_server, make_user, voorbeeld, settings):
    """Browser session of a signaleerder who passed password and TOTP (test helper)."""
    from django.conf import settings as django_settings
    from django.test import Client

    user = make_user("signaleerder", voorbeeld, username="sanne", clearance=Confidentiality.INTERN)
    client = login_verified(Client(), user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.user = user
    return page


def test_signaleerder_reports_with_indicators_and_attachment(logged_in_page, assert_accessible, tmp_path):
    from PIL import Image

    page = logged_in_page
    photo = tmp_path / "loods.png"
    Image.new("RGB", (60, 40), "#445566").save(photo)
    labour = Indicator.objects.filter(forms__code="arbeid", critical=False).order_by("group__order", "order")[:2]

    page.goto("/signalen/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding doen van mensenhandel")
    assert_accessible(page)

    page.locator("[name=minor_involved][value=nee]").check()
    page.get_by_label("Arbeidsuitbuiting").check()
    # htmx puts the labour indicators first, open; the others follow, folded away.
    expect(page.locator(".baken-indicator-group--others")).to_contain_text("Seksueel")
    expect(page.locator("#indicator-list > details[open]", has_text="Seksueel")).to_have_count(0)
    for indicator in labour:
        tick_indicator(page, indicator.pk)
    page.get_by_label("Postcode").fill("9901 AB")
    page.get_by_label("Huisnummer").fill("14")
    page.get_by_label("Tijdens een controle of inspectie").check()
    page.get_by_label("Wat is er gebeurd?").fill("Matrassen in de opslag van een loods; zes mensen slapen er.")
    page.get_by_label("Bijlagen (optioneel)").set_input_files(str(photo))
    page.get_by_role("button", name="Verstuur melding").click()

    expect(page.get_by_role("heading", name="Uw melding is ontvangen")).to_be_visible()
    reference = page.locator(".baken-reference").inner_text()
    assert re.fullmatch(r"SIG-GM9901-\d{4}-0001", reference)
    signal = Signal.objects.get(reference=reference)
    assert signal.attachments.count() == 1 and signal.indicators.count() == 2

    page.get_by_role("link", name="Naar mijn meldingen").click()
    expect(page.get_by_role("link", name=reference)).to_be_visible()
    expect(page.get_by_role("cell", name="Ontvangen")).to_be_visible()
    assert_accessible(page)


def test_acute_panel_appears_for_critical_indicator(logged_in_page, assert_accessible, voorbeeld):
    from baken.partners.models import Partner

    Partner.objects.create(
        organisation=voorbeeld, name="Alarmnummer", partner_type="noodnummer", phone="112", acute_route=True, order=1
    )
    critical = Indicator.objects.filter(critical=True).order_by("group__order", "order").first()
    page = logged_in_page
    page.goto("/signalen/nieuw/")
    expect(page.locator("#acute-panel")).to_be_empty()
    tick_indicator(page, critical.pk)
    panel = page.locator("#acute-panel")
    expect(panel).to_contain_text("Bel direct 112")
    expect(panel.get_by_role("link", name="Bel 112")).to_be_visible()
    assert_accessible(page)
