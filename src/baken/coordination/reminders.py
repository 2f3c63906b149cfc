"""Reminders, in Baken at once and by e-mail via the task engine: signals whose triage is overdue
(once a day), and escalations whose expected feedback date passed (once per escalation)."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from baken.coordination.models import Escalation, EscalationReminder, TriageReminder
from baken.coordination.selectors import AWAITING_FEEDBACK
from baken.coordination.tasks import send_feedback_reminder_email, send_triage_reminder_email
from baken.core.access import policy_for
from baken.core.notify import notify, subject_of
from baken.signalling.models import Signal, SignalStatus


def overdue_signals(*, today: dt.date):
    """System-wide (this runs as a job, not for a user): still new after their due date."""
    return Signal.objects.filter(status=SignalStatus.NEW, triage_due_on__lt=today)


def reminder_recipients(signal: Signal):
    """The assignee if they may still triage the signal, otherwise everyone who may."""
    may_triage = policy_for(Signal).users_for(signal, "triage")
    if signal.assigned_to_id:
        assignee = may_triage.filter(pk=signal.assigned_to_id)
        if assignee.exists():
            return assignee
    return may_triage


def send_triage_reminders(*, today: dt.date) -> int:
    """One reminder per overdue signal per day; safe to run as often as cron likes."""
    sent = 0
    for signal in overdue_signals(today=today).exclude(
        pk__in=TriageReminder.objects.filter(sent_on=today).values("signal_id")
    ):
        try:
            with transaction.atomic():
                TriageReminder.objects.create(signal=signal, sent_on=today)
                notify(
                    recipients=reminder_recipients(signal),
                    organisation_id=signal.organisation_id,
                    message=_("Melding %(reference)s wacht te lang op beoordeling") % {"reference": signal.reference},
                    url=reverse("coordination:signal", args=[signal.pk]),
                    email_task=send_triage_reminder_email,
                    subject=subject_of(signal),
                    signal_id=signal.pk,
                )
        except IntegrityError:
            continue  # another run sent today's reminder meanwhile
        sent += 1
    return sent


def feedback_overdue(*, today: dt.date):
    """System-wide: escalations still waiting for the partner after the expected date."""
    return Escalation.objects.filter(status__in=AWAITING_FEEDBACK, expected_feedback_on__lt=today).select_related(
        "signal"
    )


def feedback_reminder_recipients(escalation: Escalation):
    """Who recorded the escalation if they may still change it, otherwise everyone who may."""
    may_change = policy_for(Escalation).users_for(escalation, "change")
    creator = may_change.filter(pk=escalation.created_by_id)
    return creator if creator.exists() else may_change


def send_feedback_reminders(*, today: dt.date) -> int:
    """One reminder per escalation whose feedback is overdue; safe to run as often as cron likes."""
    sent = 0
    for escalation in feedback_overdue(today=today).exclude(pk__in=EscalationReminder.objects.values("escalation_id")):
        signal = escalation.signal
        try:
            with transaction.atomic():
                EscalationReminder.objects.create(escalation=escalation, sent_on=today)
                notify(
                    recipients=feedback_reminder_recipients(escalation),
                    organisation_id=escalation.organisation_id,
                    message=_("Terugkoppeling op de overdracht van %(reference)s is te laat")
                    % {"reference": signal.reference},
                    url=reverse("coordination:escalation", args=[signal.pk, escalation.pk]),
                    email_task=send_feedback_reminder_email,
                    subject=subject_of(escalation),
                    escalation_id=escalation.pk,
                )
        except IntegrityError:
            continue  # another run sent this reminder meanwhile
        sent += 1
    return sent
