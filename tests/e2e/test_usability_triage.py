"""Usability walk (issue 10): the aandachtsfunctionaris's work on one new report, from the start
page to a message to the reporter — open it from the dashboard, add a note, link it to an earlier
report, pick it up, hand it over to the police (status 'doorgezet' in the same step), download the
hand-over PDF, and tell the reporter. Counted in clicks, keystrokes outside free text, and pages
at desktop size and on a 390×844 phone; the counts are recorded in docs/usability.md and are
ceilings: a change that makes the walk longer fails here."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from baken.accounts.models import User
from baken.coordination.models import Escalation
from baken.signalling.models import Signal
from tests.e2e.usability import Walk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
#: The counts recorded in docs/usability.md ("Triage"): ceilings, not targets.
RECORDED = {
    "desktop": {"clicks": 20, "keystrokes": 20, "pages": 10},
    "phone": {"clicks": 20, "keystrokes": 20, "pages": 10},
}


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_a_report_triaged_handed_over_and_answered_counted(page, login_as, device, assert_accessible):
    call_command("load_demo_data", stdout=io.StringIO())
    page.set_viewport_size(VIEWPORTS[device])
    voorbeeld = Signal.objects.filter(organisation__slug="voorbeeld")
    report = (
        voorbeeld.filter(status="nieuw", is_urgent=False).exclude(minor_involved="ja").order_by("-submitted_at").first()
    )
    earlier = voorbeeld.exclude(pk=report.pk).exclude(status="afgesloten").order_by("submitted_at").first()
    login_as(User.objects.get(username="aandachtsfunctionaris-voorbeeld"))
    walk = Walk(page)

    # From the start page's "Nieuw" to the report.
    walk.goto("/")
    walk.click(page.locator("section.baken-dashboard-panel").get_by_role("link", name=re.compile(r"Nieuw")))
    walk.click(page.get_by_role("link", name=report.reference))
    expect(page.get_by_role("heading", level=1)).to_contain_text(report.reference)

    # A note for colleagues.
    walk.type(page.get_by_label("Nieuwe notitie (intern)"), "Adres bekend bij Handhaving.", free_text=True)
    walk.click(page.get_by_role("button", name="Notitie toevoegen"))
    expect(page.get_by_text("Adres bekend bij Handhaving.")).to_be_visible()

    # A link to the earlier report, looked up by its reference (the only match is chosen).
    walk.type(page.get_by_label("Zoek op kenmerk, adres of bedrijf"), earlier.reference)
    expect(page.get_by_label(re.compile(re.escape(earlier.reference)))).to_be_checked()
    walk.type(page.locator("#link-form").get_by_label("Toelichting"), "Zelfde pand", free_text=True)
    walk.click(page.get_by_role("button", name="Koppel", exact=True))
    expect(page.locator("#related").locator("..")).to_contain_text(earlier.reference)

    # Picked up: nieuw → in behandeling.
    walk.click(page.get_by_role("button", name="Status wijzigen"))
    expect(page.locator(".baken-facts").first).to_contain_text("In behandeling")

    # Handed over to the police; the status becomes 'doorgezet' in the same step.
    walk.click(page.get_by_role("link", name="Doorzetten naar een partner"))
    walk.select(page.get_by_label(re.compile(r"^Partner")), label="Politie basisteam")
    walk.select(page.get_by_label("Kanaal"), "telefoon")
    walk.type(page.get_by_label("Doel van het delen"), "Mogelijke arbeidsuitbuiting", free_text=True)
    walk.check(page.get_by_label("Wettelijke taak"))
    walk.click(page.get_by_role("button", name="Doorzetten vastleggen"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Politie basisteam")
    assert_accessible(page)

    # The hand-over as a PDF (a download, not a page).
    with page.expect_download() as download:
        walk.click(page.get_by_role("link", name="Download overdracht (PDF)"))
    assert download.value.suggested_filename == f"overdracht-{report.reference}.pdf"

    # Back to the report, and a message to the reporter.
    walk.click(page.get_by_role("link", name=re.compile("Terug naar")))
    message_form = page.locator("form:has(button:has-text('Bericht opslaan'))")
    walk.type(message_form.get_by_label("Bericht aan de melder"), "Dank u. De politie kijkt ernaar.", free_text=True)
    walk.click(page.get_by_role("button", name="Bericht opslaan"))
    expect(page.get_by_text("Dank u. De politie kijkt ernaar.").first).to_be_visible()

    report.refresh_from_db()
    assert report.status == "doorgezet"
    assert Escalation.objects.filter(signal=report, partner__partner_type="politie").exists()
    counts = walk.counts()
    assert counts["clicks"] <= RECORDED[device]["clicks"], counts
    assert counts["keystrokes"] <= RECORDED[device]["keystrokes"], counts
    assert counts["pages"] <= RECORDED[device]["pages"], counts
