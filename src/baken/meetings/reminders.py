"""Reminders and escalation of the agreed actions of case meetings, run daily by
`manage.py send_meeting_escalations`:
- an open action of a Baken user is brought to its owner once, in Baken, a number of days before
  its due date (the catalogue's action_reminder);
- an open action past its due date goes once to the aanmelding's procesregisseur and the
  meeting's chair (in Baken at once, by e-mail through the task engine, without case content).
Each is claimed with a conditional update, so a second run, or two runs at the same time, send
nothing more."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.core.access import policy_for
from baken.core.dates import short_date
from baken.core.models import AuditAction
from baken.core.notify import notify
from baken.core.services import audit_record
from baken.meetings.catalogue.loader import catalogue
from baken.meetings.models import ActionStatus, MeetingAction
from baken.meetings.tasks import send_overdue_action_email


def overdue_actions(*, today: dt.date):
    """System-wide (a job, not a user): open actions past their due date, not escalated yet."""
    return (
        MeetingAction.objects.filter(status=ActionStatus.OPEN, due_on__lt=today, escalated_at__isnull=True)
        .select_related("agenda_item__referral", "agenda_item__meeting")
        .order_by("due_on", "id")
    )


def escalation_recipients(action: MeetingAction):
    """The procesregisseur and the chair, as far as they may still manage the action; when
    neither may, everyone who may run the meeting's cases (never nobody while someone can)."""
    item = action.agenda_item
    may_manage = policy_for(MeetingAction).users_for(action, "manage")
    named = may_manage.filter(Q(pk=item.referral.process_director_id) | Q(pk=item.meeting.chair_id))
    return named if named.exists() else may_manage


def escalate_overdue_actions(*, today: dt.date) -> int:
    """One escalation per overdue action; safe to run as often as cron likes."""
    sent = 0
    for action in overdue_actions(today=today):
        item = action.agenda_item
        with transaction.atomic():
            claimed = MeetingAction.objects.filter(pk=action.pk, escalated_at__isnull=True).update(
                escalated_at=timezone.now()
            )
            if not claimed:
                continue  # another run escalated it meanwhile
            recipients = notify(
                recipients=escalation_recipients(action),
                organisation_id=item.meeting.organisation_id,
                message=_("Actie over de termijn bij %(pseudonym)s (uiterlijk %(date)s)")
                % {"pseudonym": item.referral.pseudonym, "date": short_date(action.due_on)},
                url=reverse("meetings:item", args=[item.meeting_id, item.pk]),
                email_task=send_overdue_action_email,
                action_id=action.pk,
            )
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                obj=action,
                organisation=item.meeting.organisation,
                reason=f"geëscaleerd: over de termijn ({len(recipients)} ontvangers)",
            )
        sent += 1
    return sent


def due_soon_actions(*, today: dt.date):
    """System-wide (a job, not a user): open actions of a Baken user due within the catalogue's
    reminder term, not past due and not reminded yet."""
    last_day = today + dt.timedelta(days=catalogue().reminder_days_before_due)
    return (
        MeetingAction.objects.filter(
            status=ActionStatus.OPEN,
            owner_user__isnull=False,
            owner_user__is_active=True,
            due_on__gte=today,
            due_on__lte=last_day,
            reminded_at__isnull=True,
        )
        .select_related("owner_user", "agenda_item__referral", "agenda_item__meeting")
        .order_by("due_on", "id")
    )


def remind_due_actions(*, today: dt.date) -> int:
    """One reminder per action to its owner, in Baken (the task list holds the action), if the
    owner may still see it; safe to run as often as cron likes."""
    sent = 0
    policy = policy_for(MeetingAction)
    for action in due_soon_actions(today=today):
        item = action.agenda_item
        with transaction.atomic():
            claimed = MeetingAction.objects.filter(pk=action.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not claimed or not policy.allows(action.owner_user, "view", action):
                continue  # reminded meanwhile, or the owner may no longer see it
            notify(
                recipients=[action.owner_user],
                organisation_id=item.meeting.organisation_id,
                message=_("Herinnering: actie bij %(pseudonym)s, uiterlijk %(date)s")
                % {"pseudonym": item.referral.pseudonym, "date": short_date(action.due_on)},
                url=reverse("meetings:item", args=[item.meeting_id, item.pk]),
            )
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                obj=action,
                organisation=item.meeting.organisation,
                reason=f"herinnering aan de eigenaar: uiterlijk {action.due_on.isoformat()}",
            )
        sent += 1
    return sent
