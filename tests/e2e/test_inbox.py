"""The inbox as a work queue in the browser, at desktop size and on a 390×844 phone: filters and
sort live in the URL (htmx keeps it in step, a reload or a bookmark shows the same list), the
search is accent-insensitive, and a bulk action assigns the selected rows."""

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from baken.coordination import services
from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditAction, AuditEvent
from baken.signalling.models import Signal
from baken.testing.signals import make_signal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def query_of(page) -> dict:
    return parse_qs(urlparse(page.url).query)


def rows(page):
    return page.locator("#inbox-results tbody tr")


@pytest.fixture
def queue(reporter, triager):
    """Four open signals and a closed one: one assigned to the triager, one overdue, a café."""
    mine = make_signal(reporter, description="Bezorgers slapen in het magazijn.")
    services.signal_assign(actor=triager, signal=mine, assignee=triager)
    late = make_signal(reporter, description="Niemand heeft dit opgepakt.")
    Signal.objects.filter(pk=late.pk).update(triage_due_on=timezone.localdate() - dt.timedelta(days=2))
    cafe = make_signal(reporter, business_name="Café De Zwaan", description="Personeel slaapt boven het café.")
    plain = make_signal(reporter, description="Busje haalt vroeg in de ochtend mensen op.")
    closed = make_signal(reporter, business_name="Café De Zwaan", description="Eerder signaal, afgehandeld.")
    services.signal_transition(
        actor=triager, signal=closed, target="afgesloten", reason="Dubbel", outcome="geen_aanwijzing"
    )
    return {"mine": mine, "late": late, "cafe": cafe, "plain": plain, "closed": closed}


@pytest.mark.parametrize("device", VIEWPORTS)
def test_filters_and_sort_live_in_the_url(page, login_as, assert_accessible, triager, queue, device):
    page.set_viewport_size(VIEWPORTS[device])
    login_as(triager)
    page.goto("/triage/")
    expect(rows(page)).to_have_count(4)  # the closed signal is hidden by default
    expect(page.get_by_text(queue["closed"].reference)).to_have_count(0)
    assert_accessible(page)

    # The filter form swaps the results in place (htmx) and pushes its URL.
    page.get_by_text("Zoeken, filteren en sorteren").click()
    page.get_by_label("Toegewezen", exact=True).select_option("mij")
    page.get_by_label("Sorteren").select_option("oud")
    page.get_by_role("button", name="Toon meldingen").click()
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text(queue["mine"].reference)
    expect(page).to_have_url(re.compile(r"/triage/\?.*assigned=mij"))
    assert query_of(page)["assigned"] == ["mij"] and query_of(page)["sort"] == ["oud"]
    # htmx keeps no copy of the page (signals, addresses) in the browser's storage.
    assert page.evaluate("window.localStorage.getItem('htmx-history-cache')") is None
    assert_accessible(page)

    # Back and Forward follow the filters; a reload (or the URL bookmarked and shared) shows the
    # same list with the same choices.
    page.go_back()
    expect(rows(page)).to_have_count(4)
    page.wait_for_load_state()
    assert urlparse(page.url).path == "/triage/" and not urlparse(page.url).query
    page.go_forward()
    expect(rows(page)).to_have_count(1)
    page.wait_for_load_state()
    assert query_of(page)["assigned"] == ["mij"]
    page.reload()
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text(queue["mine"].reference)
    page.get_by_text("Zoeken, filteren en sorteren").click()
    expect(page.get_by_label("Toegewezen", exact=True)).to_have_value("mij")
    expect(page.get_by_label("Sorteren")).to_have_value("oud")
    page.goto("/triage/")

    # The quick filters are plain links: "Te laat" can be bookmarked too; closed ones on request.
    page.get_by_role("link", name="Te laat opgepakt: 1").click()
    expect(page).to_have_url(re.compile(r"/triage/\?overdue=true$"))
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text(queue["late"].reference)
    page.get_by_role("link", name="Ook afgesloten").click()
    expect(rows(page)).to_have_count(5)
    assert page.csp_violations == []


@pytest.mark.parametrize("device", VIEWPORTS)
def test_search_without_accents_finds_the_cafe(page, login_as, assert_accessible, triager, queue, device):
    page.set_viewport_size(VIEWPORTS[device])
    login_as(triager)
    page.goto("/triage/")
    page.get_by_text("Zoeken, filteren en sorteren").click()
    page.get_by_label("Zoek op kenmerk, tekst, adres, bedrijf of wijk").fill("CAFE zwaan")
    page.get_by_role("button", name="Toon meldingen").click()
    # Only the open café: the closed one stays hidden until asked for.
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text(queue["cafe"].reference)
    expect(rows(page).first).to_contain_text("Café De Zwaan")
    expect(page).to_have_url(re.compile(r"q=CAFE\+zwaan"))
    assert_accessible(page)

    page.get_by_label("Status", exact=True).select_option("alle")
    page.get_by_role("button", name="Toon meldingen").click()
    expect(rows(page)).to_have_count(2)
    expect(page).to_have_url(re.compile(r"status=alle"))

    # By reference, in lower case.
    page.get_by_label("Zoek op kenmerk, tekst, adres, bedrijf of wijk").fill(queue["plain"].reference.lower())
    page.get_by_role("button", name="Toon meldingen").click()
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text(queue["plain"].reference)

    page.get_by_label("Zoek op kenmerk, tekst, adres, bedrijf of wijk").fill("xylofoon")
    page.get_by_role("button", name="Toon meldingen").click()
    expect(page.get_by_text("Geen meldingen die aan deze filters voldoen.")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_bulk_assign_the_selected_rows(page, login_as, assert_accessible, triager, make_user, voorbeeld, queue, device):
    colleague = make_user(
        "aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.GEHEIM, first_name="Bram", last_name="Visser"
    )
    page.set_viewport_size(VIEWPORTS[device])
    login_as(triager)
    page.goto("/triage/?sort=oud")
    page.get_by_label(f"Selecteer {queue['late'].reference}").check()
    page.get_by_label(f"Selecteer {queue['plain'].reference}").check()
    expect(page.get_by_text("(2 geselecteerd)")).to_be_visible()
    page.get_by_text("Acties voor de geselecteerde meldingen").click()
    assert_accessible(page)
    page.get_by_label("Toewijzen aan").select_option(label="Bram Visser")
    page.get_by_role("button", name="Wijs selectie toe").click()
    expect(page.get_by_text("2 meldingen zijn toegewezen.")).to_be_visible()
    # Back on the same view (its sort kept), the two rows now name their assignee.
    assert query_of(page) == {"sort": ["oud"]}
    for name in ("late", "plain"):
        expect(rows(page).filter(has_text=queue[name].reference)).to_contain_text("Bram Visser")
    expect(rows(page).filter(has_text=queue["cafe"].reference)).not_to_contain_text("Bram Visser")
    assert set(Signal.objects.filter(assigned_to=colleague).values_list("pk", flat=True)) == {
        queue["late"].pk,
        queue["plain"].pk,
    }
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, reason__contains="(selectie)").count() == 2
    assert_accessible(page)

    # "Select all" selects the page. A status change goes through the workflow, all or nothing:
    # closing needs the one reason and an outcome; the error says so and takes the focus.
    page.get_by_label("Selecteer alle meldingen op deze pagina").check()
    expect(page.get_by_text("(4 geselecteerd)")).to_be_visible()
    page.get_by_text("Acties voor de geselecteerde meldingen").click()
    page.get_by_label("Nieuwe status").select_option("afgesloten")
    page.get_by_role("button", name="Wijzig status van selectie").click()
    expect(page.get_by_text("Er is niets gewijzigd.")).to_be_visible()
    expect(page.locator("#bulk-errors")).to_contain_text("Geef een reden voor deze stap.")
    expect(page.locator("#bulk-errors")).to_contain_text("Kies de uitkomst van de melding.")
    expect(page.locator("#bulk-errors")).to_be_focused()
    assert set(Signal.objects.exclude(pk=queue["closed"].pk).values_list("status", flat=True)) == {"nieuw"}
    assert_accessible(page)

    # The selection is kept; one reason for all of them.
    expect(page.get_by_text("(4 geselecteerd)")).to_be_visible()
    page.get_by_label("Nieuwe status").select_option("in_behandeling")
    page.get_by_label("Reden (voor alle geselecteerde meldingen)").fill("Opgepakt in het teamoverleg")
    page.get_by_role("button", name="Wijzig status van selectie").click()
    expect(page.get_by_text("De status van 4 meldingen is bijgewerkt.")).to_be_visible()
    changed = Signal.objects.exclude(pk=queue["closed"].pk)
    assert set(changed.values_list("status", flat=True)) == {"in_behandeling"}
    assert {s.status_changes.latest("id").reason for s in changed} == {"Opgepakt in het teamoverleg"}


@pytest.mark.parametrize("device", VIEWPORTS)
def test_export_the_selection_as_csv(page, login_as, triager, queue, device):
    page.set_viewport_size(VIEWPORTS[device])
    login_as(triager)
    page.goto("/triage/")
    page.get_by_label(f"Selecteer {queue['cafe'].reference}").check()
    page.get_by_text("Acties voor de geselecteerde meldingen").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporteer selectie (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert queue["cafe"].reference in text and queue["plain"].reference not in text
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, reason__contains="selectie").exists()
