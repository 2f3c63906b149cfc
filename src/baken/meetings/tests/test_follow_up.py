"""After the meeting: attendees from the municipality or its region only, the owner's task list
(notification, start page, "Mijn casusoverleggen"), the once-only escalation of overdue actions,
closure and hand-back of an aanmelding, the minutes PDF and the record of documents the chair
sent to external attendees."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent, Notification
from baken.meetings import services, views
from baken.meetings.models import (
    ActionStatus,
    Attendee,
    CaseReferral,
    DocumentDispatch,
    MeetingAction,
    ReferralStatus,
)
from baken.meetings.reminders import escalate_overdue_actions, overdue_actions
from baken.testing.meetings import make_action, make_attendee, make_item, make_referral

S = ReferralStatus


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def _advice(coordinator, voorbeeld) -> CaseReferral:
    referral = make_referral(coordinator, voorbeeld)
    referral = services.referral_transition(actor=coordinator, referral=referral, target=S.IN_TRIAGE)
    return services.triage_decide(
        actor=coordinator, referral=referral, decision="advies", rationale="Advies", process_director=coordinator
    )


# --- 1. attendees of the municipality or its region; the way to "Mijn casusoverleggen" ----------


def test_the_attendee_form_refuses_a_user_of_another_municipality(
    client_for, coordinator, meeting, make_user, zuiderhaven
):
    stranger = make_user("aandachtsfunctionaris", zuiderhaven, username="vreemd")
    response = client_for(coordinator).post(
        reverse("meetings:attendee_add", args=[meeting.pk]),
        {
            "name": "Vreemd",
            "organisation_name": "Zuiderhaven",
            "capacity": "AF",
            "legal_basis": "wgs",
            "user": stranger.pk,
        },
    )
    assert response.status_code == 400 and "Selecteer een geldige keuze" in response.text
    assert not Attendee.objects.filter(user=stranger).exists()
    # The service says why, in Dutch, when the form is bypassed.
    with pytest.raises(ValidationError) as excinfo:
        make_attendee(coordinator, meeting, user=stranger)
    assert _errors(excinfo)["user"] == ["Alleen een Baken-gebruiker van deze gemeente of haar regio kan deelnemen."]


def test_the_start_page_leads_an_attendee_to_their_meetings_and_actions(
    client_for, coordinator, meeting, item, seat, colleague, signaleerder
):
    make_action(coordinator, item, owner_user=colleague)
    page = client_for(colleague).get(reverse("home:index"))
    assert page.status_code == 200
    assert reverse("meetings:attending") in page.text and "Mijn open acties" in page.text
    assert item.referral.pseudonym in page.text
    # Someone who attends nothing gets no panel.
    assert reverse("meetings:attending") not in client_for(signaleerder).get(reverse("home:index")).text


# --- 2. the owner's task list, escalation, closure ----------------------------------------------


def test_an_action_for_a_baken_user_lands_in_their_task_list(client_for, coordinator, meeting, item, seat, colleague):
    action = make_action(coordinator, item, owner_user=colleague)
    note = Notification.objects.get(recipient=colleague)
    assert item.referral.pseudonym in note.message and action.description not in note.message
    assert note.url == reverse("meetings:item", args=[meeting.pk, item.pk]) and note.read_at is None
    mine = client_for(colleague).get(reverse("meetings:attending"))
    assert action.description in mine.text and "U hebt geen open acties." not in mine.text
    services.action_update(actor=coordinator, action=action, status=ActionStatus.DONE, result="Plek gevonden")
    note.refresh_from_db()
    assert note.read_at is not None  # handled: it leaves the task list
    assert "U hebt geen open acties." in client_for(colleague).get(reverse("meetings:attending")).text
    # An action without a Baken owner notifies nobody.
    make_action(coordinator, item)
    assert Notification.objects.count() == 1


def _overdue(action, days=3):
    MeetingAction.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - dt.timedelta(days=days))


def test_an_overdue_action_is_escalated_once_to_the_procesregisseur_and_chair(
    coordinator, voorbeeld, meeting, item, seat, colleague, make_user, django_capture_on_commit_callbacks
):
    chair_only = make_user("zorgcoordinator", voorbeeld, clearance=Confidentiality.CONFIDENTIEEL, username="voorzitter")
    meeting.chair = chair_only
    meeting.save(update_fields=["chair"])
    overdue = make_action(coordinator, item, owner_user=colleague)
    done = make_action(coordinator, item)
    not_yet = make_action(coordinator, item)
    _overdue(overdue)
    _overdue(done)
    services.action_update(actor=coordinator, action=done, status=ActionStatus.DONE, result="Gedaan")
    Notification.objects.all().delete()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert escalate_overdue_actions(today=timezone.localdate()) == 1
    overdue.refresh_from_db()
    assert overdue.escalated_at is not None
    not_yet.refresh_from_db()
    assert not_yet.escalated_at is None
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {coordinator.username, chair_only.username}  # procesregisseur and chair
    assert sorted(message.to[0] for message in mail.outbox) == sorted([coordinator.email, chair_only.email])
    for message in mail.outbox:
        assert item.referral.reference in message.subject
        # No case content by e-mail: no pseudonym, no action, no reason.
        for secret in (item.referral.pseudonym, overdue.description, item.referral.reason):
            assert secret not in message.subject and secret not in message.body
    assert AuditEvent.objects.filter(
        object_type="meetings.meetingaction", object_id=str(overdue.pk), reason__startswith="geëscaleerd"
    ).exists()

    # A second run (and the daily command) sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert escalate_overdue_actions(today=timezone.localdate()) == 0
        call_command("send_meeting_escalations", stdout=io.StringIO())
    assert Notification.objects.count() == 2 and len(mail.outbox) == 2
    assert not overdue_actions(today=timezone.localdate()).exists()


def test_the_escalation_mail_goes_only_to_who_may_still_manage(coordinator, item, colleague):
    from baken.meetings.tasks import send_overdue_action_email

    action = make_action(coordinator, item)
    mail.outbox.clear()
    # The attendee may see the meeting but not manage its actions: no mail for them.
    assert (
        send_overdue_action_email.enqueue(
            action_id=action.pk, recipient_ids=[coordinator.pk, colleague.pk]
        ).return_value
        == 1
    )
    assert [message.to for message in mail.outbox] == [[coordinator.email]]


def test_an_escalation_falls_back_to_the_runners_when_neither_may_still_manage(
    coordinator, regional_coordinator, meeting, item
):
    action = make_action(coordinator, item)
    _overdue(action)
    coordinator.is_active = False  # procesregisseur and chair left
    coordinator.save(update_fields=["is_active"])
    Notification.objects.all().delete()
    assert escalate_overdue_actions(today=timezone.localdate()) == 1
    assert set(Notification.objects.values_list("recipient", flat=True)) == {regional_coordinator.pk}


def test_a_concurrent_run_that_claimed_the_action_first_wins(coordinator, item, monkeypatch):
    action = make_action(coordinator, item)
    _overdue(action)
    rows = list(overdue_actions(today=timezone.localdate()))
    MeetingAction.objects.filter(pk=action.pk).update(escalated_at=timezone.now())  # the other run
    monkeypatch.setattr("baken.meetings.reminders.overdue_actions", lambda today: rows)
    Notification.objects.all().delete()
    assert escalate_overdue_actions(today=timezone.localdate()) == 0
    assert not Notification.objects.exists()


def test_closing_an_aanmelding_records_outcome_and_hand_back(coordinator, voorbeeld):
    referral = _advice(coordinator, voorbeeld)
    services.referral_close(
        actor=coordinator,
        referral=referral,
        target=S.CLOSED,
        outcome="regulier",
        handed_to="Wijkteam Noord",
        reason="Advies is opgevolgd",
    )
    referral.refresh_from_db()
    assert referral.status == S.CLOSED and referral.closure_outcome == "regulier"
    assert referral.handed_to == "Wijkteam Noord" and referral.closed_on == timezone.localdate()
    last = referral.status_changes.last()
    assert (last.from_status, last.to_status) == (S.ADVICE, S.CLOSED) and last.reason.endswith("Advies is opgevolgd")
    audit = (
        AuditEvent.objects.filter(object_type="meetings.casereferral", object_id=str(referral.pk)).order_by("pk").last()
    )
    assert audit.reason == "status: advies → afgesloten; uitkomst: regulier; terug naar: Wijkteam Noord"
    assert "opgevolgd" not in audit.reason


def test_scaling_down_from_evaluation(coordinator, voorbeeld):
    referral = make_referral(coordinator, voorbeeld)
    CaseReferral.objects.filter(pk=referral.pk).update(status=S.EVALUATION)
    referral.refresh_from_db()
    services.referral_close(
        actor=coordinator,
        referral=referral,
        target=S.SCALED_DOWN,
        outcome="doel_bereikt",
        handed_to="GGD",
        reason="Stabiel",
    )
    referral.refresh_from_db()
    assert referral.status == S.SCALED_DOWN and referral.handed_to == "GGD"
    assert AuditEvent.objects.filter(reason="status: evaluatie → afgeschaald; uitkomst: doel_bereikt; terug naar: GGD")


@pytest.mark.parametrize(
    ("status", "values", "field"),
    [
        (S.IN_PROGRESS, {"target": S.CLOSED}, "target"),
        (S.EVALUATION, {"target": S.REJECTED}, "target"),
        (S.EVALUATION, {"outcome": "feest"}, "outcome"),
        (S.EVALUATION, {"target": S.SCALED_DOWN, "handed_to": " "}, "handed_to"),
        (S.EVALUATION, {"handed_to": "x" * 201}, "handed_to"),
        (S.EVALUATION, {"reason": " "}, "reason"),
    ],
)
def test_a_closure_without_what_it_needs_is_refused(coordinator, referral, status, values, field):
    CaseReferral.objects.filter(pk=referral.pk).update(status=status)
    referral.refresh_from_db()
    args = {"target": S.CLOSED, "outcome": "doel_bereikt", "handed_to": "", "reason": "Klaar", **values}
    with pytest.raises(ValidationError) as excinfo:
        services.referral_close(actor=coordinator, referral=referral, **args)
    assert field in _errors(excinfo)
    referral.refresh_from_db()
    assert referral.status == status and referral.closure_outcome == ""


def test_closure_only_through_its_own_form(coordinator, other_coordinator, referral):
    CaseReferral.objects.filter(pk=referral.pk).update(status=S.EVALUATION)
    referral.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        services.referral_transition(actor=coordinator, referral=referral, target=S.CLOSED, reason="Klaar")
    assert "Afsluiten of afschalen doet u met het formulier Afsluiten." in _errors(excinfo)["target"]
    with pytest.raises(NotPermitted):
        services.referral_close(
            actor=other_coordinator, referral=referral, target=S.CLOSED, outcome="anders", handed_to="", reason="x"
        )


def test_the_closure_form_on_the_referral_page(client_for, coordinator, voorbeeld):
    referral = _advice(coordinator, voorbeeld)
    client = client_for(coordinator)
    page = client.get(reverse("meetings:referral", args=[referral.pk]))
    assert "Afsluiten of afschalen" in page.text
    url = reverse("meetings:referral_close", args=[referral.pk])
    bad = client.post(url, {"target": "afgesloten", "outcome": "regulier", "reason": ""})
    assert bad.status_code == 400 and "Dit veld is verplicht." in bad.text
    wrong = client.post(url, {"target": "afgeschaald", "outcome": "regulier", "reason": "Klaar"})
    assert wrong.status_code == 400  # afschalen is not offered from advice
    referral.refresh_from_db()
    assert referral.status == S.ADVICE
    done = client.post(url, {"target": "afgesloten", "outcome": "regulier", "handed_to": "Wijkteam", "reason": "Klaar"})
    assert done.status_code == 302
    page = client.get(reverse("meetings:referral", args=[referral.pk]))
    assert "Verder in de gewone keten" in page.text and "Wijkteam" in page.text
    # Closed: the form is gone; a late post gets the service's Dutch error.
    assert f'action="{url}"' not in page.text
    late = client.post(url, {"target": "afgesloten", "outcome": "regulier", "reason": "Nog eens"})
    assert late.status_code == 400


# --- 3. minutes PDF and the record of documents sent ---------------------------------------------


def _html_pdf(monkeypatch):
    monkeypatch.setattr(
        views,
        "render_pdf",
        lambda template, context, organisation=None: render_to_string(
            template, {**context, "organisation": organisation}
        ).encode(),
    )


def test_the_minutes_pdf_is_a_pdf_and_its_download_is_logged(client_for, coordinator, meeting, item):
    response = client_for(coordinator).get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "verslag-casusoverleg" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action="export",
        object_type="meetings.meeting",
        object_id=str(meeting.pk),
        reason="verslag (pdf): 1 agendapunten",
    ).exists()


def test_the_minutes_hold_pseudonyms_summaries_and_visible_actions_only(
    client_for, coordinator, voorbeeld, meeting, item, seat, colleague, monkeypatch
):
    _html_pdf(monkeypatch)
    CaseReferral.objects.filter(pk=item.referral.pk).update(full_name="Ana Popescu", reason="Ana Popescu werkt daar")
    services.agenda_item_discussed(actor=coordinator, item=item, person_attended=False, summary="Plan voor opvang")
    own = make_action(coordinator, item, owner_user=colleague)
    MeetingAction.objects.filter(pk=own.pk).update(description="Kamer regelen")
    MeetingAction.objects.filter(pk=make_action(coordinator, item).pk).update(description="Politie belt eigenaar")
    other = make_item(coordinator, voorbeeld, pseudonym="Iep 40")
    text = client_for(coordinator).get(reverse("meetings:minutes_pdf", args=[meeting.pk])).content.decode()
    assert item.referral.pseudonym in text and "Plan voor opvang" in text
    assert "Kamer regelen" in text and "Politie belt eigenaar" in text
    assert "Popescu" not in text and "Iep 40" not in text
    # An attendee sees the actions of their own organisation only; another meeting answers 404.
    text = client_for(colleague).get(reverse("meetings:minutes_pdf", args=[meeting.pk])).content.decode()
    assert "Kamer regelen" in text and "Politie belt eigenaar" not in text
    assert client_for(colleague).get(reverse("meetings:minutes_pdf", args=[other.meeting_id])).status_code == 404


def test_the_chair_records_what_was_sent_to_an_external_attendee(client_for, coordinator, meeting, seat):
    external = make_attendee(coordinator, meeting, name="Agent Bakker", basis="convenant")
    client = client_for(coordinator)
    page = client.get(reverse("meetings:meeting", args=[meeting.pk]))
    assert "Verstuurd aan externe deelnemers" in page.text and "Nog niets vastgelegd." in page.text
    url = reverse("meetings:dispatch_add", args=[meeting.pk])
    refused = client.post(url, {"attendee": seat.pk, "document": "verslag"})  # a Baken user: not offered
    assert refused.status_code == 400 and not DocumentDispatch.objects.exists()
    response = client.post(url, {"attendee": external.pk, "document": "verslag", "note": "Per beveiligde mail"})
    assert response.status_code == 302
    row = DocumentDispatch.objects.get()
    assert (row.attendee, row.document, row.legal_basis, row.sent_by) == (external, "verslag", "convenant", coordinator)
    assert AuditEvent.objects.filter(object_type="meetings.documentdispatch", object_id=str(row.pk), action="create")
    assert "Agent Bakker" in client.get(reverse("meetings:meeting", args=[meeting.pk])).text


def test_a_dispatch_record_is_refused_with_a_dutch_error(coordinator, other_coordinator, voorbeeld, meeting, seat):
    external = make_attendee(coordinator, meeting)
    elsewhere = make_attendee(coordinator, make_item(coordinator, voorbeeld).meeting)
    for attendee, document, note, field in [
        (seat, "verslag", "", "attendee"),
        (elsewhere, "verslag", "", "attendee"),
        (external, "notulen", "", "document"),
        (external, "agenda", "x" * 301, "note"),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            services.dispatch_record(
                actor=coordinator, meeting=meeting, attendee=attendee, document=document, note=note
            )
        assert field in _errors(excinfo)
    with pytest.raises(NotPermitted):
        services.dispatch_record(actor=other_coordinator, meeting=meeting, attendee=external, document="agenda")
    assert not DocumentDispatch.objects.exists()


def test_an_attendee_never_sees_the_dispatch_record(client_for, coordinator, meeting, seat, colleague):
    services.dispatch_record(
        actor=coordinator, meeting=meeting, attendee=make_attendee(coordinator, meeting), document="agenda"
    )
    page = client_for(colleague).get(reverse("meetings:meeting", args=[meeting.pk]))
    assert page.status_code == 200 and "Verstuurd aan externe deelnemers" not in page.text
    post = client_for(colleague).post(reverse("meetings:dispatch_add", args=[meeting.pk]), {"document": "agenda"})
    assert post.status_code == 404


# --- 4. links to a signal, care case or enforcement case (ids only) ------------------------------


def _care_case(actor, organisation, pseudonym="Es 1"):
    from baken.care.services import care_case_register

    return care_case_register(
        actor=actor,
        organisation=organisation,
        source="politie",
        registered_on=dt.date(2026, 11, 20),
        pseudonym=pseudonym,
    )


def test_a_link_to_a_signal_shows_only_that_it_exists_to_who_may_not_open_it(
    client_for, coordinator, make_user, voorbeeld, referral, signal
):
    both = make_user(
        ["zorgcoordinator", "aandachtsfunctionaris"], voorbeeld, clearance=Confidentiality.CONFIDENTIEEL, username="bo"
    )
    response = client_for(both).post(
        reverse("meetings:referral_link", args=[referral.pk]), {"kind": "signal", "reference": signal.reference}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.signal_id == signal.pk
    assert AuditEvent.objects.filter(object_id=str(referral.pk), reason=f"koppeling: signal {signal.pk}").exists()
    page = client_for(both).get(reverse("meetings:referral", args=[referral.pk])).text
    assert reverse("coordination:signal", args=[signal.pk]) in page and signal.reference in page
    # The zorgcoördinator may not open signals: only that a link exists, no kenmerk, no content.
    page = client_for(coordinator).get(reverse("meetings:referral", args=[referral.pk])).text
    assert "er is een verwijzing, maar u hebt geen toegang tot dit dossier" in page
    assert signal.reference not in page and reverse("coordination:signal", args=[signal.pk]) not in page
    assert signal.description not in page


def test_a_care_case_is_linked_by_its_kenmerk(client_for, coordinator, referral):
    case = _care_case(coordinator, referral.organisation)
    services.referral_link(actor=coordinator, referral=referral, kind="care_case", reference=f" {case.reference} ")
    referral.refresh_from_db()
    assert referral.care_case_id == case.pk
    page = client_for(coordinator).get(reverse("meetings:referral", args=[referral.pk])).text
    assert reverse("care:case", args=[case.pk]) in page and case.reference in page


def test_a_link_the_actor_cannot_open_is_refused_like_a_missing_one(
    client_for, coordinator, other_coordinator, zuiderhaven, referral, signal
):
    foreign = _care_case(other_coordinator, zuiderhaven, pseudonym="Es 2")
    message = "Met dit kenmerk is er niets in deze gemeente dat u kunt openen."
    for kind, reference in [
        ("care_case", foreign.reference),  # another municipality's
        ("signal", signal.reference),  # a signal the zorgcoördinator may not open
        ("enforcement_case", "HH-2026-99999"),  # none
    ]:
        with pytest.raises(ValidationError) as excinfo:
            services.referral_link(actor=coordinator, referral=referral, kind=kind, reference=reference)
        assert _errors(excinfo)["reference"] == [message]
    with pytest.raises(ValidationError) as excinfo:
        services.referral_link(actor=coordinator, referral=referral, kind="melding", reference="x")
    assert "kind" in _errors(excinfo)
    with pytest.raises(NotPermitted):
        services.referral_link(
            actor=other_coordinator, referral=referral, kind="care_case", reference=foreign.reference
        )
    referral.refresh_from_db()
    assert (referral.signal_id, referral.care_case_id, referral.enforcement_case_id) == (None, None, None)
    url = reverse("meetings:referral_link", args=[referral.pk])
    bad = client_for(coordinator).post(url, {"kind": "signal", "reference": signal.reference})
    assert bad.status_code == 400 and message in bad.text
    empty = client_for(coordinator).post(url, {"kind": "", "reference": ""})
    assert empty.status_code == 400


# --- reminders to the owner before the due date ---------------------------------------------------


def _due_in(action, days):
    MeetingAction.objects.filter(pk=action.pk).update(due_on=timezone.localdate() + dt.timedelta(days=days))


def test_the_owner_is_reminded_once_within_the_catalogues_term(
    coordinator, item, seat, colleague, make_user, voorbeeld
):
    from baken.meetings.catalogue.loader import catalogue
    from baken.meetings.reminders import remind_due_actions

    term = catalogue().reminder_days_before_due
    assert term == 3  # meetings.toml, [action_reminder]
    due = make_action(coordinator, item, owner_user=colleague)
    early = make_action(coordinator, item, owner_user=colleague)
    without_user = make_action(coordinator, item)
    done = make_action(coordinator, item, owner_user=colleague)
    past = make_action(coordinator, item, owner_user=colleague)
    # An owner who may no longer see the action (their clearance was lowered since).
    leaver = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.GEHEIM)
    make_attendee(coordinator, item.meeting, user=leaver, name="Lars", organisation_name="Gemeente Voorbeeld")
    gone = make_action(coordinator, item, owner_user=leaver)
    type(leaver).objects.filter(pk=leaver.pk).update(clearance=Confidentiality.INTERN)
    for action in (due, without_user, done, gone):
        _due_in(action, term)
    _due_in(early, term + 1)
    _due_in(past, -1)
    services.action_update(actor=coordinator, action=done, status=ActionStatus.DONE, result="Gedaan")
    Notification.objects.all().delete()

    assert remind_due_actions(today=timezone.localdate()) == 1
    note = Notification.objects.get()
    assert note.recipient == colleague and item.referral.pseudonym in note.message
    assert note.url == reverse("meetings:item", args=[item.meeting_id, item.pk])
    assert AuditEvent.objects.filter(
        object_type="meetings.meetingaction", object_id=str(due.pk), reason__startswith="herinnering"
    ).exists()
    gone.refresh_from_db()
    assert gone.reminded_at is not None  # claimed, not sent: it is not tried again every day
    for action in (early, without_user, done, past):
        action.refresh_from_db()
        assert action.reminded_at is None

    # A second run, and the daily command, remind nobody again.
    assert remind_due_actions(today=timezone.localdate()) == 0
    out = io.StringIO()
    call_command("send_meeting_escalations", stdout=out)
    assert "Reminded the owners of 0 meeting action(s)" in out.getvalue()
    assert Notification.objects.filter(message__startswith="Herinnering").count() == 1  # (the past one escalated)


def test_the_reminder_term_is_checked_in_the_catalogue():
    from baken.meetings.catalogue.loader import parse

    base = {"version": "t"}
    assert parse(base).reminder_days_before_due == 3
    assert parse({**base, "action_reminder": {"days_before_due": 0}}).reminder_days_before_due == 0
    with pytest.raises(ValueError, match="days_before_due 31"):
        parse({**base, "action_reminder": {"days_before_due": 31}})


# --- escalating a stuck case to management or the regional board, and its outcome ------------------


def _in_progress(coordinator, referral):
    CaseReferral.objects.filter(pk=referral.pk).update(status=S.IN_PROGRESS)
    referral.refresh_from_db()
    return referral


def test_an_escalation_names_to_whom_and_why_and_its_outcome_is_recorded(client_for, coordinator, referral):
    referral = _in_progress(coordinator, referral)
    client = client_for(coordinator)
    url = reverse("meetings:referral_transition", args=[referral.pk])

    page = client.get(reverse("meetings:referral", args=[referral.pk])).content.decode()
    assert "Regionaal bestuur van het Zorg- en Veiligheidshuis (stuurgroep)" in page  # the choice offered

    refused = client.post(url, {"target": S.ESCALATED, "reason": ""})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Kies naar wie u escaleert." in text and "Geef de reden van de escalatie." in text
    referral.refresh_from_db()
    assert referral.status == S.IN_PROGRESS

    response = client.post(
        url, {"target": S.ESCALATED, "escalated_to": "regionaal_bestuur", "reason": "Geen opvangplek in de regio"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == S.ESCALATED
    assert referral.status_changes.last().reason == (
        "Regionaal bestuur van het Zorg- en Veiligheidshuis (stuurgroep): Geen opvangplek in de regio"
    )
    history = client.get(reverse("meetings:referral", args=[referral.pk])).content.decode()
    assert "Geen opvangplek in de regio" in history

    # Back to uitvoering: the outcome is required (the workflow's reason).
    assert client.post(url, {"target": S.IN_PROGRESS, "reason": ""}).status_code == 400
    assert client.post(url, {"target": S.IN_PROGRESS, "reason": "Plek in Alkmaar geregeld"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == S.IN_PROGRESS
    assert referral.status_changes.last().reason == "Plek in Alkmaar geregeld"


def test_an_unknown_escalation_level_is_refused(coordinator, referral):
    referral = _in_progress(coordinator, referral)
    with pytest.raises(ValidationError) as excinfo:
        services.referral_transition(
            actor=coordinator, referral=referral, target=S.ESCALATED, reason="Vast", escalated_to="minister"
        )
    assert _errors(excinfo) == {"escalated_to": ["Kies naar wie u escaleert."]}
