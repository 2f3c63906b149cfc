"""Reminders of the care deadlines: once per procedure from its reminder date, to the case's
zorgcoördinator (or, when they can no longer manage it, everyone who can), by e-mail with the
reference and a link only."""

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from baken.care.models import CarePhase, CareProcedure, CareReminder
from baken.care.reminders import send_deadline_reminders
from baken.care.services import procedure_start
from baken.core.models import Notification
from baken.testing.care import move_to


def _procedure(actor, case, kind="plan_evaluatie", started_ago=0):
    return procedure_start(
        actor=actor, case=case, kind=kind, started_on=timezone.localdate() - dt.timedelta(days=started_ago)
    )


def test_once_per_deadline_from_its_reminder_date(
    coordinator, regional_coordinator, case, django_capture_on_commit_callbacks
):
    due = _procedure(coordinator, case)
    later = _procedure(coordinator, case)
    CareProcedure.objects.filter(pk=due.pk).update(remind_on=timezone.localdate())  # test set-up: reminder date today
    assert later.remind_on > timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders(today=timezone.localdate()) == 1
    assert send_deadline_reminders(today=timezone.localdate()) == 0
    assert list(CareReminder.objects.values_list("procedure_id", flat=True)) == [due.pk]
    # To the case's zorgcoördinator only, not to the regional one.
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["zoe"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert case.reference in message.subject and case.pseudonym not in message.subject + message.body


def test_not_for_done_procedures_or_closed_cases(coordinator, regional_coordinator, case, closing_alone):
    done = _procedure(coordinator, case, started_ago=20)
    CareProcedure.objects.filter(pk=done.pk).update(remind_on=timezone.localdate(), done_on=timezone.localdate())
    running = _procedure(coordinator, case)
    CareProcedure.objects.filter(pk=running.pk).update(remind_on=timezone.localdate())
    move_to(coordinator, case, CarePhase.ADVICE_ONLY, CarePhase.CLOSED)
    assert send_deadline_reminders(today=timezone.localdate()) == 0


def test_to_everyone_who_may_manage_when_the_coordinator_cannot(
    coordinator, regional_coordinator, case, django_capture_on_commit_callbacks
):
    procedure = _procedure(coordinator, case)
    CareProcedure.objects.filter(pk=procedure.pk).update(remind_on=timezone.localdate())
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders(today=timezone.localdate()) == 1
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["ruben"]


def test_the_command(capsys, coordinator, case):
    procedure = _procedure(coordinator, case)
    CareProcedure.objects.filter(pk=procedure.pk).update(remind_on=timezone.localdate() - dt.timedelta(days=3))
    call_command("send_care_reminders")
    out = capsys.readouterr().out
    assert "Reminders sent for 1 care deadline(s)." in out
    assert "Reminders sent for 0 care plan action(s)." in out


# --- agreed actions of the care plan --------------------------------------------------------------


def _action(actor, case, due_in: int, description="Inschrijven bij de woningcorporatie"):
    from baken.care.services import plan_action_add, plan_goal_add

    goal = plan_goal_add(actor=actor, case=case, domain="huisvesting", description="Een eigen kamer")
    return plan_action_add(
        actor=actor,
        case=case,
        goal=goal,
        description=description,
        owner="de persoon",
        due_on=timezone.localdate() + dt.timedelta(days=due_in),
    )


def test_a_due_plan_action_is_reminded_of_once(
    coordinator, regional_coordinator, case, django_capture_on_commit_callbacks
):
    from baken.care.catalogue.loader import catalogue
    from baken.care.reminders import send_plan_action_reminders

    lead = catalogue().plan_action_reminder_days
    due = _action(coordinator, case, due_in=lead)
    later = _action(coordinator, case, due_in=lead + 1, description="Bankrekening openen")
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_plan_action_reminders(today=today) == 1
    assert send_plan_action_reminders(today=today) == 0  # once per action
    assert list(CareReminder.objects.values_list("plan_action_id", flat=True)) == [due.pk]
    notification = Notification.objects.get()
    assert notification.recipient.username == "zoe"
    assert case.pseudonym in notification.message and "woningcorporatie" not in notification.message
    message = mail.outbox[0]
    assert case.reference in message.subject
    assert case.pseudonym not in message.subject + message.body and "woningcorporatie" not in message.body
    # The next day the later action's turn comes; the deadline reminders are not touched.
    assert send_plan_action_reminders(today=today + dt.timedelta(days=1)) == 1
    assert CareReminder.objects.filter(plan_action=later).exists()
    assert send_deadline_reminders(today=today + dt.timedelta(days=1)) == 0


def test_no_plan_action_reminder_when_done_or_the_case_is_closed(coordinator, case, closing_alone):
    from baken.care.reminders import send_plan_action_reminders
    from baken.care.services import plan_action_done

    done = _action(coordinator, case, due_in=0)
    plan_action_done(actor=coordinator, case=case, action=done, done_on=timezone.localdate())
    assert send_plan_action_reminders(today=timezone.localdate()) == 0
    _action(coordinator, case, due_in=1, description="Bankrekening openen")
    move_to(coordinator, case, CarePhase.ADVICE_ONLY, CarePhase.CLOSED)
    assert send_plan_action_reminders(today=timezone.localdate()) == 0
    assert not CareReminder.objects.exists()


def test_a_reminder_row_has_exactly_one_subject(coordinator, case):
    import pytest
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CareReminder.objects.create(sent_on=timezone.localdate())
    procedure = _procedure(coordinator, case)
    action = _action(coordinator, case, due_in=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        CareReminder.objects.create(procedure=procedure, plan_action=action, sent_on=timezone.localdate())


# --- referrals without an answer and the planned end of a stay in shelter ---------------------------


def _refer(actor, case, partner, requested_ago: int, service_type="medisch"):
    from baken.testing.care import refer

    return refer(
        actor,
        case,
        partner,
        service_type=service_type,
        requested_on=timezone.localdate() - dt.timedelta(days=requested_ago),
    )


def test_a_referral_without_an_answer_is_reminded_of_once_on_its_due_date(
    coordinator, regional_coordinator, case, care_partner, django_capture_on_commit_callbacks
):
    from baken.care.catalogue.loader import catalogue
    from baken.care.reminders import send_referral_reminders

    today = timezone.localdate()
    days = catalogue().service_types["medisch"].response_days
    due = _refer(coordinator, case, care_partner, requested_ago=days)
    assert due.due_on == today + dt.timedelta(days=catalogue().referral_reminder_days)
    later = _refer(coordinator, case, care_partner, requested_ago=days - 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_referral_reminders(today=today) == 1
    assert send_referral_reminders(today=today) == 0  # idempotent: once per referral
    assert list(CareReminder.objects.values_list("referral_id", flat=True)) == [due.pk]
    notification = Notification.objects.get()
    assert notification.recipient.username == "zoe"
    assert case.pseudonym in notification.message and "Medische zorg" in notification.message
    assert "Naam en hulpvraag" not in notification.message  # what was shared stays on the case page
    assert notification.url.endswith("#referrals")
    message = mail.outbox[0]
    assert case.reference in message.subject
    assert case.pseudonym not in message.subject + message.body and "Medische zorg" not in message.body
    # The next day the later referral's turn comes, once; the other reminders are not touched.
    assert send_referral_reminders(today=today + dt.timedelta(days=1)) == 1
    assert send_referral_reminders(today=today + dt.timedelta(days=1)) == 0
    assert CareReminder.objects.filter(referral=later).exists()
    assert send_deadline_reminders(today=today + dt.timedelta(days=1)) == 0


def test_no_referral_reminder_once_answered_or_the_case_is_closed(coordinator, case, care_partner, closing_alone):
    from baken.care.reminders import send_referral_reminders
    from baken.care.services import referral_update

    today = timezone.localdate()
    answered = _refer(coordinator, case, care_partner, requested_ago=30)
    referral_update(actor=coordinator, case=case, referral=answered, implemented_on=today)
    assert send_referral_reminders(today=today) == 0
    _refer(coordinator, case, care_partner, requested_ago=30)
    move_to(coordinator, case, CarePhase.ADVICE_ONLY, CarePhase.CLOSED)
    assert send_referral_reminders(today=today) == 0
    assert not CareReminder.objects.exists()


def test_the_answer_retires_the_referral_reminder(coordinator, case, care_partner):
    from baken.care.reminders import send_referral_reminders
    from baken.care.services import referral_update

    today = timezone.localdate()
    referral = _refer(coordinator, case, care_partner, requested_ago=30)
    assert send_referral_reminders(today=today) == 1
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
    referral_update(actor=coordinator, case=case, referral=referral, implemented_on=today)
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_a_stay_ending_is_reminded_of_once_the_catalogues_lead_time_ahead(
    coordinator, regional_coordinator, case, care_partner, django_capture_on_commit_callbacks
):
    from baken.care.catalogue.loader import catalogue
    from baken.care.reminders import send_shelter_end_reminders
    from baken.care.services import shelter_end
    from baken.testing.care import place

    today = timezone.localdate()
    lead = catalogue().deadlines["opvang_einde"].reminder_days
    assert lead > 0
    near = place(coordinator, case, care_partner, started_on=today, planned_end_on=today + dt.timedelta(days=lead))
    far = place(coordinator, case, care_partner, started_on=today, planned_end_on=today + dt.timedelta(days=lead + 1))
    place(coordinator, case, care_partner, started_on=today)  # no planned end: nothing to remind of
    with django_capture_on_commit_callbacks(execute=True):
        assert send_shelter_end_reminders(today=today) == 1
    assert send_shelter_end_reminders(today=today) == 0  # idempotent
    assert list(CareReminder.objects.values_list("placement_id", flat=True)) == [near.pk]
    notification = Notification.objects.get()
    assert notification.recipient.username == "zoe" and case.pseudonym in notification.message
    assert care_partner.name not in notification.message and notification.url.endswith("#shelter")
    message = mail.outbox[0]
    assert case.reference in message.subject and case.pseudonym not in message.subject + message.body
    assert care_partner.name not in message.body
    # The stay ends: its reminder is retired; the later one is never sent.
    shelter_end(actor=coordinator, case=case, placement=far, ended_on=today, reason="Eigen woning")
    shelter_end(actor=coordinator, case=case, placement=near, ended_on=today, reason="Eigen woning")
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert send_shelter_end_reminders(today=today + dt.timedelta(days=5)) == 0


def test_another_municipalitys_users_get_no_reminder(
    make_user, coordinator, regional_coordinator, case, care_partner, zuiderhaven
):
    """A zorgcoördinator of another municipality (in the same region) is never reminded of this
    case, not even when the case's own zorgcoördinator can no longer take it."""
    from baken.care.reminders import send_referral_reminders, send_shelter_end_reminders
    from baken.core.confidentiality import Confidentiality
    from baken.testing.care import place

    neighbour = make_user("zorgcoordinator", zuiderhaven, clearance=Confidentiality.GEHEIM, username="nina")
    today = timezone.localdate()
    _refer(coordinator, case, care_partner, requested_ago=30)
    place(coordinator, case, care_partner, started_on=today, planned_end_on=today + dt.timedelta(days=1))
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])
    assert send_referral_reminders(today=today) == 1
    assert send_shelter_end_reminders(today=today) == 1
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"ruben"}
    assert not Notification.objects.filter(recipient=neighbour).exists()


def test_the_command_sends_the_referral_and_shelter_reminders(capsys, coordinator, case, care_partner):
    from baken.testing.care import place

    today = timezone.localdate()
    _refer(coordinator, case, care_partner, requested_ago=30)
    place(coordinator, case, care_partner, started_on=today, planned_end_on=today)
    call_command("send_care_reminders")
    call_command("send_care_reminders")
    out = capsys.readouterr().out
    assert out.count("Reminders sent for 1 care referral(s) without an answer.") == 1
    assert out.count("Reminders sent for 1 shelter stay(s) ending.") == 1
    assert out.count("Reminders sent for 0 shelter stay(s) ending.") == 1


def test_a_reminder_row_has_exactly_one_subject_of_four(coordinator, case, care_partner):
    import pytest
    from django.db import IntegrityError, transaction

    from baken.testing.care import place

    referral = _refer(coordinator, case, care_partner, requested_ago=3)
    placement = place(coordinator, case, care_partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        CareReminder.objects.create(referral=referral, placement=placement, sent_on=timezone.localdate())
    CareReminder.objects.create(referral=referral, sent_on=timezone.localdate())
    CareReminder.objects.create(placement=placement, sent_on=timezone.localdate())
    assert CareReminder.objects.count() == 2
