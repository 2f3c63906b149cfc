"""Reminders of the enforcement deadlines (zienswijze, begunstigingstermijn and hercontrole,
payment after forfeiture, the invordering's limitation with its early warning, the LBB's Bibob
advice): once per deadline and date, from the start of its warning period in the catalogue, in
Baken at once and by e-mail via the task engine. Run daily by `manage.py
send_enforcement_reminders`."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from baken.core.access import policy_for
from baken.core.dates import short_date
from baken.core.notify import notify, subject_of
from baken.enforcement.models import BibobTest, CaseStatus, EnforcementReminder, Measure
from baken.enforcement.selectors import DueDeadline, deadlines_due
from baken.enforcement.tasks import send_deadline_reminder_email


def reminders_due(*, today: dt.date) -> list[DueDeadline]:
    """System-wide (a job, not a user): deadlines of open cases in their warning period or
    passed, that were not reminded of yet."""
    measures = Measure.objects.exclude(case__status=CaseStatus.CLOSED)
    tests = BibobTest.objects.exclude(case__status=CaseStatus.CLOSED)
    due = deadlines_due(measures, tests, today=today)
    sent = set(
        EnforcementReminder.objects.filter(
            Q(measure__in=[item.measure.pk for item in due if item.measure])
            | Q(bibob_test__in=[item.bibob_test.pk for item in due if item.bibob_test])
        ).values_list("measure_id", "bibob_test_id", "deadline", "due_on")
    )
    return [item for item in due if _key(item) not in sent]


def _key(item: DueDeadline) -> tuple:
    measure_id = item.measure.pk if item.measure else None
    bibob_id = item.bibob_test.pk if item.bibob_test else None
    return (measure_id, bibob_id, item.row.deadline.code, item.row.due_on)


def reminder_recipients(record: Measure | BibobTest):
    """Whoever started the measure or test if they may still work on it, otherwise everyone who
    may (within the case's clearance)."""
    may_change = policy_for(type(record)).users_for(record, "change")
    own = may_change.filter(pk=record.created_by_id)
    return own if own.exists() else may_change


def _url(item: DueDeadline) -> str:
    if item.measure is not None:
        return reverse("enforcement:measure", args=[item.case.pk, item.measure.pk])
    return reverse("enforcement:bibob", args=[item.case.pk, item.bibob_test.pk])


def send_deadline_reminders(*, today: dt.date) -> int:
    """One reminder per deadline and date; safe to run as often as cron likes."""
    sent = 0
    for item in reminders_due(today=today):
        record = item.measure or item.bibob_test
        try:
            with transaction.atomic():
                reminder = EnforcementReminder.objects.create(
                    measure=item.measure,
                    bibob_test=item.bibob_test,
                    deadline=item.row.deadline.code,
                    due_on=item.row.due_on,
                    sent_on=today,
                )
                notify(
                    recipients=reminder_recipients(record),
                    organisation_id=record.organisation_id,
                    message=_("%(reference)s: %(deadline)s op %(date)s")
                    % {
                        "reference": item.case.reference,
                        "deadline": item.row.deadline.label,
                        "date": short_date(item.row.due_on),
                    },
                    url=_url(item),
                    email_task=send_deadline_reminder_email,
                    subject=subject_of(record),
                    reminder_id=reminder.pk,
                )
        except IntegrityError:
            continue  # another run sent this reminder meanwhile
        sent += 1
    return sent
