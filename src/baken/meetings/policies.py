"""Access policies of Casusoverleg (one per model; status histories follow their aanmelding).

- Running it ("manage", and "view" of everything): users who may run case meetings
  (meetings.run_meetings: the zorgcoördinator) of the municipality, and regional ones of its
  region; rows about a person (aanmeldingen, agenda items, sharing log, actions) only at or
  below the user's clearance.
- An attendee who is a Baken user ("view"): the meetings they attend, their fellow
  attendees, the agenda items of those meetings (at or below their clearance), and the actions
  of those items assigned to a Baken user of their own organisation; the owner of an action
  records its status and result ("report"). Never an aanmelding itself,
  never the sharing log (nor the record of documents the chair sent), never another meeting.
Everything else answers 404. Application managers and superusers see nothing by default.
"""

from django.db.models import Q, QuerySet

from baken.core.access import AccessPolicy, confidentiality_scope, organisation_scope, register
from baken.core.permissions import has_permission, users_with_permission
from baken.meetings.models import (
    AgendaItem,
    Attendee,
    CaseReferral,
    DocumentDispatch,
    Meeting,
    MeetingAction,
    SharingLogEntry,
)

RUN_PERMISSION = "meetings.run_meetings"


def may_run(user) -> bool:
    return bool(user.organisation_id or user.region_id) and has_permission(user, RUN_PERMISSION)


def runners_of(organisation) -> QuerySet:
    """Active users who may run the meetings of this municipality: its own, and regional ones of
    its region (a chair, a procesregisseur)."""
    regional = (
        Q(organisation__isnull=True, region_id=organisation.region_id) if organisation.region_id else Q(pk__in=[])
    )
    return users_with_permission(RUN_PERMISSION).filter(Q(organisation_id=organisation.pk) | regional)


def _attended_meetings(user) -> QuerySet:
    return Attendee.objects.filter(user_id=user.pk).values("meeting_id")


class _MeetingsPolicy(AccessPolicy):
    actions = ("view", "manage")
    #: The path from this model to its meeting's organisation ("" for the meeting itself).
    meeting_path = ""
    #: The path to the aanmelding's confidentiality, or None when the row is not about a person.
    confidentiality_path: str | None = None

    def _run_scope(self, user) -> Q:
        if not may_run(user):
            return Q(pk__in=[])
        scope = organisation_scope(user, f"{self.meeting_path}organisation")
        if self.confidentiality_path:
            scope &= confidentiality_scope(user, self.confidentiality_path)
        return scope

    def _attendee_scope(self, user) -> Q:
        return Q(pk__in=[])

    def scope(self, user) -> QuerySet:
        return self.model.objects.filter(self._run_scope(user) | self._attendee_scope(user))

    def grants(self, user, action: str) -> bool:
        return may_run(user) if action == "manage" else action == "view"

    def narrow(self, user, action: str, rows: QuerySet) -> QuerySet:
        if action == "manage":
            return rows.filter(self._run_scope(user))
        return rows


@register
class CaseReferralPolicy(_MeetingsPolicy):
    model = CaseReferral
    confidentiality_path = "confidentiality"


@register
class MeetingPolicy(_MeetingsPolicy):
    model = Meeting

    def _attendee_scope(self, user) -> Q:
        return Q(pk__in=_attended_meetings(user))


@register
class AttendeePolicy(_MeetingsPolicy):
    model = Attendee
    meeting_path = "meeting__"

    def _attendee_scope(self, user) -> Q:
        return Q(meeting_id__in=_attended_meetings(user))


@register
class AgendaItemPolicy(_MeetingsPolicy):
    model = AgendaItem
    meeting_path = "meeting__"
    confidentiality_path = "referral__confidentiality"

    def _attendee_scope(self, user) -> Q:
        return Q(meeting_id__in=_attended_meetings(user)) & confidentiality_scope(user, self.confidentiality_path)


@register
class SharingLogEntryPolicy(_MeetingsPolicy):
    model = SharingLogEntry
    meeting_path = "agenda_item__meeting__"
    confidentiality_path = "agenda_item__referral__confidentiality"


@register
class MeetingActionPolicy(_MeetingsPolicy):
    """ "report" (record an action's status and result): the runners, and the Baken user who owns
    the action, while they attend its meeting."""

    model = MeetingAction
    actions = ("view", "manage", "report")
    meeting_path = "agenda_item__meeting__"
    confidentiality_path = "agenda_item__referral__confidentiality"

    def _attendee_scope(self, user) -> Q:
        if not user.organisation_id:
            return Q(pk__in=[])
        return (
            Q(agenda_item__meeting_id__in=_attended_meetings(user))
            & Q(owner_user__organisation_id=user.organisation_id)
            & confidentiality_scope(user, self.confidentiality_path)
        )

    def grants(self, user, action: str) -> bool:
        return action == "report" or super().grants(user, action)

    def narrow(self, user, action: str, rows: QuerySet) -> QuerySet:
        if action == "report":
            return rows.filter(self._run_scope(user) | (Q(owner_user_id=user.pk) & self._attendee_scope(user)))
        return super().narrow(user, action, rows)


@register
class DocumentDispatchPolicy(_MeetingsPolicy):
    model = DocumentDispatch
    meeting_path = "meeting__"
