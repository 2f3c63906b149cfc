"""Reminders for signals whose triage is overdue: in Baken at once, by e-mail via the task engine."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from baken.accounts.selectors import users_with_permission
from baken.coordination.models import TriageReminder
from baken.core.models import Notification
from baken.signalling.models import Signal, SignalStatus


def overdue_signals(*, today: dt.date):
    """System-wide (this runs as a job, not for a user): still new after their due date."""
    return Signal.objects.filter(status=SignalStatus.NEW, triage_due_on__lt=today).select_related("assigned_to")


def send_triage_reminders(*, today: dt.date) -> int:
    """One reminder per overdue signal per day; safe to run as often as cron likes."""
    from baken.coordination.tasks import send_triage_reminder_email

    sent = 0
    for signal in overdue_signals(today=today).exclude(
        pk__in=TriageReminder.objects.filter(sent_on=today).values("signal_id")
    ):
        if signal.assigned_to_id and signal.assigned_to.is_active:
            recipients = [signal.assigned_to]
        else:
            recipients = list(
                users_with_permission(organisation_id=signal.organisation_id, permission="signalling.triage_signal")
            )
        try:
            with transaction.atomic():
                TriageReminder.objects.create(signal=signal, sent_on=today)
                Notification.objects.bulk_create(
                    [
                        Notification(
                            recipient=user,
                            organisation_id=signal.organisation_id,
                            message=_("Signaal %(reference)s wacht te lang op triage")
                            % {"reference": signal.reference},
                            url=reverse("coordination:signal", args=[signal.pk]),
                        )
                        for user in recipients
                    ]
                )
                ids = [user.pk for user in recipients if user.email]
                if ids:
                    transaction.on_commit(
                        lambda signal_id=signal.pk, ids=ids: send_triage_reminder_email.enqueue(
                            signal_id=signal_id, recipient_ids=ids
                        )
                    )
        except IntegrityError:
            continue  # another run sent today's reminder meanwhile
        sent += 1
    return sent
