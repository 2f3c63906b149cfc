"""The zorgcoördinator's pages, from aanmelding to agreed actions, through the Django client:
Dutch errors that change nothing, paging, empty states and audit rows."""

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from baken.core.models import AuditEvent
from baken.meetings.models import AgendaItem, Attendee, CaseReferral, Meeting, MeetingAction, SharingLogEntry
from baken.meetings.selectors import last_cutoff
from baken.testing.meetings import make_action, make_meeting, make_referral

REFERRAL_FORM = {
    "pseudonym": "Wilg 31",
    "referrer_name": "Wijkagent De Vries",
    "referrer_organisation": "Politie",
    "reason": "Werkt en slaapt in de salon.",
    "goal": "Plan voor veilige opvang.",
    "criteria": ["mensenhandel_tafel"],
    "person_informed": "",
    "not_informed_reason": "Lopend onderzoek",
    "urgency": "hoog",
}


def test_a_zorgcoordinator_runs_a_zorgtafel_from_aanmelding_to_actions(client_for, coordinator, colleague, voorbeeld):
    client = client_for(coordinator)
    assert "Geen aanmeldingen voor de triage van deze week." in client.get(reverse("meetings:index")).text
    form = client.get(reverse("meetings:referral_new"))
    assert form.status_code == 200 and "Kies…" in form.text and "---------" not in form.text
    response = client.post(reverse("meetings:referral_new"), {**REFERRAL_FORM, "organisation": voorbeeld.pk})
    referral = CaseReferral.objects.get()
    assert response.status_code == 302 and response.url == reverse("meetings:referral", args=[referral.pk])
    page = client.get(response.url)
    assert "Wilg 31" in page.text
    assert AuditEvent.objects.filter(action="view", object_id=str(referral.pk), reason="aanmelding casusoverleg")

    # Into triage, then the decision with a procesregisseur.
    client.post(reverse("meetings:referral_transition", args=[referral.pk]), {"target": "in_triage"})
    response = client.post(
        reverse("meetings:referral_triage", args=[referral.pk]),
        {"decision": "zorgtafel", "rationale": "Past bij de tafel", "process_director": coordinator.pk},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "ingepland"

    # Plan the meeting, seat an attendee on a legal basis, put the aanmelding on the agenda.
    starts = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("meetings:meeting_new"),
        {"organisation": voorbeeld.pk, "meeting_type": "zorgtafel", "starts_at": starts, "chair": coordinator.pk},
    )
    meeting = Meeting.objects.get()
    assert response.url == reverse("meetings:meeting", args=[meeting.pk])
    attendee = {"name": "Anouk", "organisation_name": "Gemeente", "capacity": "AF", "user": colleague.pk}
    refused = client.post(reverse("meetings:attendee_add", args=[meeting.pk]), attendee)
    assert refused.status_code == 400 and "Kies de grondslag waarop deze deelnemer meedoet en deelt." in refused.text
    assert not Attendee.objects.exists()
    ok = client.post(reverse("meetings:attendee_add", args=[meeting.pk]), {**attendee, "legal_basis": "wgs"})
    assert ok.status_code == 302
    client.post(reverse("meetings:agenda_add", args=[meeting.pk]), {"referral": referral.pk, "person_invited": "on"})
    item = AgendaItem.objects.get()
    meeting_page = client.get(reverse("meetings:meeting", args=[meeting.pk]))
    assert "Wilg 31" in meeting_page.text and "Samenwerkingsverband onder de WGS" in meeting_page.text
    assert "Geen ingeplande aanmeldingen die nog niet op deze agenda staan." in meeting_page.text

    # The item: discussed, the sharing log, an action and its result.
    item_url = reverse("meetings:item", args=[meeting.pk, item.pk])
    assert "Nog niets vastgelegd in het deellog." in client.get(item_url).text
    seat = Attendee.objects.get()
    client.post(
        reverse("meetings:item_discussed", args=[meeting.pk, item.pk]), {"summary": "Plan", "person_attended": "on"}
    )
    client.post(
        reverse("meetings:sharing_add", args=[meeting.pk, item.pk]),
        {"attendee": seat.pk, "categories": ["wonen", "verblijfsstatus"], "legal_basis": "wgs"},
    )
    due = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    client.post(
        reverse("meetings:action_add", args=[meeting.pk, item.pk]),
        {"description": "Opvang regelen", "owner_organisation": "Gemeente", "owner_person": "Anouk", "due_on": due},
    )
    action = MeetingAction.objects.get()
    client.post(
        reverse("meetings:action_update", args=[meeting.pk, item.pk, action.pk]),
        {f"a{action.pk}-status": "gereed", f"a{action.pk}-result": "Plek bij De Haven"},
    )
    referral.refresh_from_db()
    action.refresh_from_db()
    assert referral.status == "besproken" and action.status == "gereed"
    page = client.get(item_url)
    assert "Wonen, Verblijfsstatus" in page.text and "Plek bij De Haven" in page.text
    assert SharingLogEntry.objects.count() == 1
    assert AuditEvent.objects.filter(action="view", object_type="meetings.agendaitem", object_id=str(item.pk))


def test_bad_input_gets_a_dutch_error_and_saves_nothing(client_for, coordinator, voorbeeld, meeting, item):
    client = client_for(coordinator)
    bad = client.post(
        reverse("meetings:referral_new"), {**REFERRAL_FORM, "organisation": voorbeeld.pk, "not_informed_reason": ""}
    )
    assert bad.status_code == 400 and "Leg uit waarom de betrokkene niet is geïnformeerd." in bad.text
    missing = client.post(reverse("meetings:referral_new"), {"organisation": voorbeeld.pk})
    assert missing.status_code == 400
    assert CaseReferral.objects.count() == 1  # the item's
    referral = item.referral
    wrong = client.post(reverse("meetings:referral_transition", args=[referral.pk]), {"target": "afgesloten"})
    assert wrong.status_code == 400
    triage = client.post(reverse("meetings:referral_triage", args=[referral.pk]), {"decision": "ico", "rationale": "x"})
    assert triage.status_code == 400 and "Alleen een aanmelding in triage krijgt een besluit." in triage.text
    no_meeting = client.post(reverse("meetings:meeting_new"), {"organisation": voorbeeld.pk, "meeting_type": "feest"})
    assert no_meeting.status_code == 400 and Meeting.objects.count() == 1
    agenda = client.post(reverse("meetings:agenda_add", args=[meeting.pk]), {"referral": referral.pk})
    assert agenda.status_code == 400
    discussed = client.post(reverse("meetings:item_discussed", args=[meeting.pk, item.pk]), {"summary": " "})
    assert discussed.status_code == 400
    sharing = client.post(reverse("meetings:sharing_add", args=[meeting.pk, item.pk]), {"categories": ["wonen"]})
    assert sharing.status_code == 400 and not SharingLogEntry.objects.exists()
    action = client.post(
        reverse("meetings:action_add", args=[meeting.pk, item.pk]),
        {"description": "X", "owner_organisation": "Y", "owner_person": "Z", "due_on": "2020-01-01"},
    )
    assert action.status_code == 400 and "De uiterste datum kan niet in het verleden liggen." in action.text
    existing = make_action(coordinator, item)
    update = client.post(
        reverse("meetings:action_update", args=[meeting.pk, item.pk, existing.pk]),
        {f"a{existing.pk}-status": "vervallen", f"a{existing.pk}-result": ""},
    )
    assert update.status_code == 400 and "Beschrijf het resultaat of waarom de actie vervalt." in update.text
    item.refresh_from_db()
    existing.refresh_from_db()
    assert item.discussed_at is None and existing.status == "open"


def test_service_errors_after_a_valid_form_are_shown(client_for, coordinator, voorbeeld, meeting, item, colleague):
    client = client_for(coordinator)
    referral = make_referral(coordinator, voorbeeld, pseudonym="Es 3")
    client.post(reverse("meetings:referral_transition", args=[referral.pk]), {"target": "in_triage"})
    no_director = client.post(
        reverse("meetings:referral_triage", args=[referral.pk]), {"decision": "ico", "rationale": "Reden"}
    )
    assert no_director.status_code == 400 and "Wijs een procesregisseur aan." in no_director.text
    duplicate = client.post(
        reverse("meetings:attendee_add", args=[meeting.pk]),
        {"name": "A", "organisation_name": "B", "capacity": "C", "legal_basis": "anders"},
    )
    assert duplicate.status_code == 400 and "Licht deze grondslag toe" in duplicate.text
    assert (
        client.post(reverse("meetings:item_discussed", args=[meeting.pk, item.pk]), {"summary": "Klaar"}).status_code
        == 302
    )
    again = client.post(reverse("meetings:item_discussed", args=[meeting.pk, item.pk]), {"summary": "Nog eens"})
    assert again.status_code == 400
    starts = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    bad_chair = client.post(
        reverse("meetings:meeting_new"),
        {"organisation": voorbeeld.pk, "meeting_type": "zorgtafel", "starts_at": starts, "chair": colleague.pk},
    )
    assert bad_chair.status_code == 400


def test_lists_page_and_are_audited(client_for, coordinator, voorbeeld):
    client = client_for(coordinator)
    assert "Nog geen overleggen gepland." in client.get(reverse("meetings:index")).text
    empty = client.get(reverse("meetings:referrals"), {"fase": "afgesloten"})
    assert "Geen aanmeldingen die aan dit filter voldoen." in empty.text
    assert AuditEvent.objects.filter(object_type="meetings.casereferral", reason__contains="fase=afgesloten")
    for number in range(26):
        make_referral(coordinator, voorbeeld, pseudonym=f"Es {number}")
        make_meeting(coordinator, voorbeeld)
    first = client.get(reverse("meetings:referrals"))
    assert "26 aanmeldingen" in first.text and "Pagina 1 van 2" in first.text
    index = client.get(reverse("meetings:index"), {"pagina": "2"})
    assert index.status_code == 200 and "26 overleggen" in index.text and "Pagina 2 van 2" in index.text
    assert client.get(reverse("meetings:referrals"), {"fase": "verzonnen", "pagina": "x"}).status_code == 200


def test_the_triage_queue_splits_at_the_cut_off(client_for, coordinator, voorbeeld):
    # Tuesday 1 December 2026, 10:00: the cut-off was Monday 30 November 12:00.
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC), tick=False):
        make_referral(coordinator, voorbeeld, pseudonym="Voor de grens")
    with time_machine.travel(dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC), tick=False):
        make_referral(coordinator, voorbeeld, pseudonym="Na de grens")
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        cutoff = last_cutoff()
        assert (cutoff.weekday(), cutoff.hour, cutoff.date()) == (0, 12, dt.date(2026, 11, 30))
        page = client_for(coordinator).get(reverse("meetings:index")).text
    this_week, next_week = page.split("Voor de volgende triage")
    assert "Voor de grens" in this_week and "Na de grens" not in this_week
    assert "Na de grens" in next_week


def test_the_cut_off_before_its_time_on_the_day_is_last_weeks():
    monday_morning = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)  # 09:00 in Amsterdam
    assert last_cutoff(monday_morning).date() == dt.date(2026, 11, 23)


def test_an_attendee_sees_their_meetings(client_for, coordinator, meeting, seat, colleague, signaleerder):
    page = client_for(colleague).get(reverse("meetings:attending"))
    assert page.status_code == 200 and "Zorgtafel mensenhandel" in page.text
    assert "U neemt aan geen casusoverleg deel." in client_for(signaleerder).get(reverse("meetings:attending")).text
    assert AuditEvent.objects.filter(actor=colleague, object_type="meetings.meeting", reason="mijn casusoverleggen")


def test_list_queries_do_not_grow_with_the_rows(client_for, coordinator, voorbeeld, django_assert_max_num_queries):
    client = client_for(coordinator)
    for number in range(3):
        make_referral(coordinator, voorbeeld, pseudonym=f"Es {number}")
        make_meeting(coordinator, voorbeeld)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("meetings:index"))
    for number in range(10):
        make_referral(coordinator, voorbeeld, pseudonym=f"Eik {number}")
        make_meeting(coordinator, voorbeeld)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("meetings:index"))
