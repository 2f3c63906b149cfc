"""The aandachtsfunctionaris triages a signal end to end in the browser."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from baken.accounts.models import User
from baken.coordination.models import Escalation
from baken.signalling.models import Signal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_triage_from_inbox_to_closed_with_escalation(page, login_as, assert_accessible):
    call_command("load_demo_data", stdout=io.StringIO())
    # The open one: the demo's two years of closed history hold minors too.
    minor_signal = (
        Signal.objects.filter(organisation__slug="voorbeeld", minor_involved="ja").exclude(status="afgesloten").get()
    )
    other = Signal.objects.filter(organisation__slug="voorbeeld").exclude(pk=minor_signal.pk).first()

    login_as(User.objects.get(username="aandachtsfunctionaris-voorbeeld"))
    page.goto("/triage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Binnengekomen meldingen")
    assert_accessible(page)

    page.get_by_text("Zoeken, filteren en sorteren").click()
    page.get_by_label("Spoed", exact=True).select_option("true")
    page.get_by_role("button", name="Toon meldingen").click()
    expect(page.locator("#inbox-results tbody tr")).to_have_count(
        # Closed signals are hidden unless asked for.
        Signal.objects.filter(organisation__slug="voorbeeld", is_urgent=True).exclude(status="afgesloten").count()
    )
    page.get_by_role("link", name=minor_signal.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(minor_signal.reference)
    assert_accessible(page)

    page.get_by_label("Nieuwe notitie (intern)").fill("Leerplicht kent de leerling; broer eerder in beeld.")
    page.get_by_role("button", name="Notitie toevoegen").click()
    expect(page.get_by_text("Leerplicht kent de leerling")).to_be_visible()

    # Linking: look the other signal up (here by its reference in lower case), choose it, explain.
    page.get_by_label("Zoek op kenmerk, adres of bedrijf").fill(other.reference.lower())
    choice = page.get_by_label(re.compile(re.escape(other.reference)))
    expect(choice).to_be_checked()  # the only match is chosen already
    page.locator("#link-form").get_by_label("Toelichting").fill("Zelfde school")
    page.get_by_role("button", name="Koppel", exact=True).click()
    expect(page.locator("#related").locator("..")).to_contain_text(other.reference)
    expect(page.locator("#related").locator("..")).to_contain_text("Zelfde school")
    assert_accessible(page)

    page.get_by_role("button", name="Status wijzigen").click()  # nieuw → in behandeling
    expect(page.locator(".baken-facts").first).to_contain_text("In behandeling")

    page.get_by_role("link", name="Doorzetten naar een partner").click()
    page.get_by_label(re.compile(r"^Partner")).select_option(label="Politie basisteam")
    page.get_by_label("Kanaal").select_option("telefoon")
    page.get_by_label("Doel van het delen").fill("Mogelijke criminele uitbuiting van een minderjarige")
    page.get_by_label("Wettelijke taak").check()
    page.get_by_label("Kenmerk", exact=True).check()
    page.get_by_label("Wat er is gebeurd").check()
    page.get_by_role("button", name="Doorzetten vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Politie basisteam")

    pdf_link = page.get_by_role("link", name="Download overdracht (PDF)")
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.status == 200, response.text()[:500]
    assert response.headers["content-disposition"] == f'attachment; filename="overdracht-{minor_signal.reference}.pdf"'
    assert response.body()[:4] == b"%PDF"

    page.get_by_role("link", name=re.compile("Terug naar")).click()
    message_form = page.locator("form:has(button:has-text('Bericht opslaan'))")
    message_form.get_by_label("Bericht aan de melder").fill("Dank u. We hebben dit opgepakt met de politie.")
    page.get_by_role("button", name="Bericht opslaan").click()
    # Closing this signal (a minor: assignee and message required) is walked in test_day.py.
    expect(page.get_by_text("Dank u. We hebben dit opgepakt met de politie.").first).to_be_visible()
    assert Escalation.objects.filter(signal=minor_signal, partner__partner_type="politie").exists()

    login_as(minor_signal.reporter)
    page.goto("/signalen/mijn/")
    expect(page.get_by_text("We hebben dit opgepakt met de politie.")).to_be_visible()
    expect(page.get_by_text("Leerplicht kent de leerling")).to_have_count(0)
    page.get_by_role("link", name=minor_signal.reference).click()
    # Handed over ('doorgezet'): the reporter sees the coarse step, never the partner or the detail.
    expect(page.get_by_text("Opgepakt", exact=True)).to_be_visible()
    expect(page.get_by_text("Politie basisteam")).to_have_count(0)
    expect(page.get_by_text("Leerplicht kent de leerling")).to_have_count(0)
