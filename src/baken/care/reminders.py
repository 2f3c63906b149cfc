"""Reminders of the deadlines on the care timeline: once per procedure, from its reminder date
(the catalogue's lead time before the deadline), once per agreed action of a care plan (the
catalogue's plan_action_reminder_days before it is due), once per referral still without an
answer (the catalogue's referral_reminder_days before the answer is due) and once per running
shelter stay whose planned end comes near (the lead time of the catalogue's `opvang_einde`
deadline). In Baken at once, naming the pseudonym and the date; by e-mail via the task engine
with the case reference and a link only. Run daily by `manage.py send_care_reminders`."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from baken.care.catalogue.loader import catalogue
from baken.care.models import (
    CareCase,
    CarePhase,
    CarePlanAction,
    CareProcedure,
    CareReferral,
    CareReminder,
    ShelterPlacement,
)
from baken.care.tasks import (
    send_deadline_reminder_email,
    send_plan_action_reminder_email,
    send_referral_reminder_email,
    send_shelter_end_reminder_email,
)
from baken.care.tracks import SHELTER_END
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


def referral_reminders_due(*, today: dt.date):
    """System-wide: referrals of open cases without an answer (not carried out, consent not
    withdrawn) whose answer is due within the catalogue's lead time, or overdue, and that were
    not reminded of yet."""
    lead = dt.timedelta(days=catalogue().referral_reminder_days)
    return (
        CareReferral.objects.filter(
            implemented_on__isnull=True, consent_withdrawn_on__isnull=True, due_on__lte=today + lead
        )
        .exclude(case__status__in=FINISHED)
        .exclude(pk__in=CareReminder.objects.filter(referral__isnull=False).values("referral_id"))
        .select_related("case", "case__organisation")
        .order_by("due_on", "id")
    )


def send_referral_reminders(*, today: dt.date) -> int:
    """One reminder per referral still waiting for an answer; safe to run as often as cron
    likes. The message names the pseudonym, the kind of service and the date, not what was shared."""
    labels = {code: entry.label for code, entry in catalogue().service_types.items()}
    sent = 0
    for referral in referral_reminders_due(today=today):
        case = referral.case
        try:
            with transaction.atomic():
                CareReminder.objects.create(referral=referral, sent_on=today)
                notify(
                    recipients=reminder_recipients(case),
                    organisation_id=case.organisation_id,
                    message=_("%(pseudonym)s: nog geen antwoord op de verwijzing (%(service)s), verwacht op %(date)s")
                    % {
                        "pseudonym": case.pseudonym,
                        "service": labels.get(referral.service_type, referral.service_type),
                        "date": short_date(referral.due_on),
                    },
                    url=reverse("care:case", args=[case.pk]) + "#referrals",
                    email_task=send_referral_reminder_email,
                    subject=subject_of(referral),
                    referral_id=referral.pk,
                )
        except IntegrityError:
            continue  # another run sent this reminder meanwhile
        sent += 1
    return sent


def shelter_end_reminders_due(*, today: dt.date):
    """System-wide: running shelter stays of open cases whose planned end falls within the lead
    time of the catalogue's shelter-end deadline (or has passed), not reminded of yet."""
    lead = dt.timedelta(days=catalogue().deadlines[SHELTER_END].reminder_days)
    return (
        ShelterPlacement.objects.filter(ended_on__isnull=True, planned_end_on__lte=today + lead)
        .exclude(case__status__in=FINISHED)
        .exclude(pk__in=CareReminder.objects.filter(placement__isnull=False).values("placement_id"))
        .select_related("case", "case__organisation")
        .order_by("planned_end_on", "id")
    )


def send_shelter_end_reminders(*, today: dt.date) -> int:
    """One reminder per stay in shelter whose planned end comes near; safe to run as often as
    cron likes. The message names the pseudonym and the date, not the provider or the address."""
    sent = 0
    for placement in shelter_end_reminders_due(today=today):
        case = placement.case
        try:
            with transaction.atomic():
                CareReminder.objects.create(placement=placement, sent_on=today)
                notify(
                    recipients=reminder_recipients(case),
                    organisation_id=case.organisation_id,
                    message=_("%(pseudonym)s: de opvang eindigt volgens plan op %(date)s")
                    % {"pseudonym": case.pseudonym, "date": short_date(placement.planned_end_on)},
                    url=reverse("care:case", args=[case.pk]) + "#shelter",
                    email_task=send_shelter_end_reminder_email,
                    subject=subject_of(placement),
                    placement_id=placement.pk,
                )
        except IntegrityError:
            continue  # another run sent this reminder meanwhile
        sent += 1
    return sent
