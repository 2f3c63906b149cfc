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
