"""Reminders of the deadlines on the care timeline: once per procedure, from its reminder date
(the catalogue's lead time before the deadline), and once per agreed action of a care plan (the
catalogue's plan_action_reminder_days before it is due), in Baken at once and by e-mail via the
task engine. Run daily by `manage.py send_care_reminders`."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from baken.care.catalogue.loader import catalogue
from baken.care.models import CareCase, CarePhase, CarePlanAction, CareProcedure, CareReminder
from baken.care.tasks import send_deadline_reminder_email, send_plan_action_reminder_email
from baken.core.access import policy_for
from baken.core.dates import short_date
from baken.core.notify import notify, subject_of

#: Phases in which nobody is reminded of anything any more.
FINISHED = (CarePhase.CLOSED, CarePhase.NOT_TAKEN_ON)


def reminders_due(*, today: dt.date):
    """System-wide (a job, not a user): running procedures of open cases whose reminder date has
    come and that were not reminded of yet."""
    return (
        CareProcedure.objects.filter(done_on__isnull=True, remind_on__lte=today)
        .exclude(case__status__in=FINISHED)
        .exclude(pk__in=CareReminder.objects.filter(procedure__isnull=False).values("procedure_id"))
        .select_related("case", "case__organisation")
        .order_by("due_on", "id")
    )


def reminder_recipients(case: CareCase):
    """The case's zorgcoördinator if they may still manage it, otherwise everyone who may."""
    may_manage = policy_for(CareCase).users_for(case, "manage")
    if case.responsible_id:
        responsible = may_manage.filter(pk=case.responsible_id)
        if responsible.exists():
            return responsible
    return may_manage


def send_deadline_reminders(*, today: dt.date) -> int:
    """One reminder per deadline; safe to run as often as cron likes."""
    labels = {code: rule.due_label for code, rule in catalogue().deadlines.items()}
    sent = 0
    for procedure in reminders_due(today=today):
        case = procedure.case
        try:
            with transaction.atomic():
                CareReminder.objects.create(procedure=procedure, sent_on=today)
                notify(
                    recipients=reminder_recipients(case),
                    organisation_id=case.organisation_id,
                    message=_("%(pseudonym)s: %(deadline)s op %(date)s")
                    % {
                        "pseudonym": case.pseudonym,
                        "deadline": labels.get(procedure.kind, procedure.kind),
                        "date": short_date(procedure.due_on),
                    },
                    url=reverse("care:case", args=[case.pk]) + "#timeline",
                    email_task=send_deadline_reminder_email,
                    subject=subject_of(procedure),
                    procedure_id=procedure.pk,
                )
        except IntegrityError:
            continue  # another run sent this reminder meanwhile
        sent += 1
    return sent


def plan_action_reminders_due(*, today: dt.date):
    """System-wide: agreed actions of care plans of open cases, not done, due within the
    catalogue's lead time (or overdue), that were not reminded of yet."""
    lead = dt.timedelta(days=catalogue().plan_action_reminder_days)
    return (
        CarePlanAction.objects.filter(done_on__isnull=True, due_on__lte=today + lead)
        .exclude(goal__case__status__in=FINISHED)
        .exclude(pk__in=CareReminder.objects.filter(plan_action__isnull=False).values("plan_action_id"))
        .select_related("goal__case", "goal__case__organisation")
        .order_by("due_on", "id")
    )


def send_plan_action_reminders(*, today: dt.date) -> int:
    """One reminder per agreed action of a care plan; safe to run as often as cron likes. The
    message names the pseudonym and the date, not what was agreed."""
    sent = 0
    for action in plan_action_reminders_due(today=today):
        case = action.goal.case
        try:
            with transaction.atomic():
                CareReminder.objects.create(plan_action=action, sent_on=today)
                notify(
                    recipients=reminder_recipients(case),
                    organisation_id=case.organisation_id,
                    message=_("%(pseudonym)s: een afspraak in het trajectplan, uiterlijk %(date)s")
                    % {"pseudonym": case.pseudonym, "date": short_date(action.due_on)},
                    url=reverse("care:case", args=[case.pk]) + "#plan",
                    email_task=send_plan_action_reminder_email,
                    subject=subject_of(action),
                    action_id=action.pk,
                )
        except IntegrityError:
            continue  # another run sent this reminder meanwhile
        sent += 1
    return sent
