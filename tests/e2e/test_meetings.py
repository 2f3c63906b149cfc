"""Casusoverleg in the browser, with the demo's Zorgtafel, at desktop size and on a 390×844 phone:
the zorgcoördinator walks the triage queue, an aanmelding, the meeting and its agenda item and
revises the analysis; the aandachtsfunctionaris, an attendee, records the result of their own
action from "Mijn casusoverleggen". Every page axe clean, no CSP violation."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from baken.accounts.models import User
from baken.core.confidentiality import Confidentiality
from baken.meetings import services
from baken.meetings.models import AgendaItem, MeetingAction

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_zorgtafel_from_the_queue_to_an_owner_reporting_on_an_action(page, login_as, assert_accessible, device):
    call_command("load_demo_data", stdout=io.StringIO())
    page.set_viewport_size(VIEWPORTS[device])
    item = AgendaItem.objects.get(referral__pseudonym="Wilg 31", meeting__organisation__slug="voorbeeld")
    login_as(User.objects.get(username="zorgcoordinator-voorbeeld"))

    for path, heading in (
        ("/casusoverleg/", "Casusoverleg"),
        ("/casusoverleg/aanmeldingen/", "Aanmeldingen"),
        ("/casusoverleg/aanmeldingen/nieuw/", "Aanmelding"),
        ("/casusoverleg/overleggen/nieuw/", "Overleg plannen"),
        ("/casusoverleg/inzage/", "Inzageverzoek"),
        (f"/casusoverleg/overleggen/{item.meeting_id}/", "Zorgtafel"),
        (f"/casusoverleg/aanmeldingen/{item.referral_id}/", "Wilg 31"),
    ):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_accessible(page)

    page.goto(f"/casusoverleg/overleggen/{item.meeting_id}/agenda/{item.pk}/")
    analysis = page.locator("#analyse").locator("..")
    expect(analysis).to_contain_text("Sterke aanwijzingen voor mensenhandel: Arbeidsuitbuiting")
    assert_accessible(page)
    # The table agrees the situation is acutely unsafe: the form starts from the analysis so far.
    expect(page.get_by_label("Wonen en huisvesting")).to_be_checked()
    page.get_by_label("Acuut onveilig: direct beschermen").check()
    page.get_by_label("Toelichting veiligheid (zorgen en afspraken)").fill(
        "Dreiging na het gesprek; vandaag naar de opvang."
    )
    page.get_by_role("button", name="Analyse vastleggen").click()
    expect(page.get_by_text("De analyse is vastgelegd.")).to_be_visible()
    expect(analysis).to_contain_text("Acuut onveilig: direct beschermen")
    assert_accessible(page)
    assert AgendaItem.objects.get(pk=item.pk).safety_level == "onveilig"

    # An attendee cleared for the case (the demo's aandachtsfunctionaris, raised to confidentieel
    # here) gets an action of their own and records its result from their task list.
    attendee = User.objects.get(username="aandachtsfunctionaris-voorbeeld")
    User.objects.filter(pk=attendee.pk).update(clearance=Confidentiality.CONFIDENTIEEL)
    attendee.refresh_from_db()
    action = services.action_add(
        actor=User.objects.get(username="zorgcoordinator-voorbeeld"),
        item=item,
        description="Eerdere signalen naast het beeld leggen",
        owner_organisation="Gemeente Voorbeeld",
        owner_person="Aandachtsfunctionaris",
        owner_user=attendee,
        due_on=timezone.localdate() + dt.timedelta(days=2),
    )
    login_as(attendee)
    page.goto("/casusoverleg/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn casusoverleggen")
    assert_accessible(page)
    page.locator("#mijn-acties").locator("..").get_by_role("link", name="Wilg 31").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agendapunt Wilg 31")
    assert_accessible(page)
    page.locator(f"#id_a{action.pk}-status").select_option("gereed")
    page.locator(f"#id_a{action.pk}-result").fill("Twee eerdere signalen gevonden en gedeeld met de politie.")
    page.locator(f"form[action$='/acties/{action.pk}/']").get_by_role("button", name="Bijwerken").click()
    expect(page.get_by_text("De actie is bijgewerkt.")).to_be_visible()
    assert_accessible(page)
    assert MeetingAction.objects.get(pk=action.pk).status == "gereed"
    page.goto("/casusoverleg/mijn/")
    expect(page.get_by_text("U hebt geen open acties.")).to_be_visible()
