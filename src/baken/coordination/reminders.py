"""Reminders for signals whose triage is overdue: in Baken at once, by e-mail via the task engine."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from baken.coordination.models import TriageReminder
from baken.coordination.tasks import send_triage_reminder_email
from baken.core.access import policy_for
from baken.core.notify import notify
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
                    message=_("Signaal %(reference)s wacht te lang op triage") % {"reference": signal.reference},
                    url=reverse("coordination:signal", args=[signal.pk]),
                    email_task=send_triage_reminder_email,
                    signal_id=signal.pk,
                )
        except IntegrityError:
            continue  # another run sent today's reminder meanwhile
        sent += 1
    return sent
