"""Access policies for signals, their attachments and the indicator catalogue.

- Triage staff (signalling.triage_signal) see every signal of their organisation at or below
  their clearance ("triage").
- A reporter sees their own signals, with the coarse status only ("view_own").
- Nobody else sees a signal: not colleagues, not other municipalities, not superusers.
Status histories, indicator snapshots and triage rows are read through their signal.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from baken.core.access import AccessPolicy, confidentiality_scope, organisation_scope, policy_for, register
from baken.core.permissions import has_permission, users_with_permission
from baken.signalling.models import Indicator, IntakeDraft, Signal, SignalAttachment

TRIAGE_PERMISSION = "signalling.triage_signal"
REPORT_PERMISSION = "signalling.report_signal"


@register
class SignalPolicy(AccessPolicy[Signal]):
    model = Signal
    actions = ("view", "view_own", "report", "triage")

    def _triage_scope(self, user) -> Q:
        if not self.grants(user, "triage"):
            return Q(pk__in=[])
        return organisation_scope(user) & confidentiality_scope(user)

    def scope(self, user) -> QuerySet[Signal]:
        own = Q(reporter_id=user.pk, organisation_id=user.organisation_id)
        return Signal.objects.filter(self._triage_scope(user) | own)

    def grants(self, user, action: str) -> bool:
        if action == "triage":
            return bool(user.organisation_id) and has_permission(user, TRIAGE_PERMISSION)
        if action == "report":
            return bool(user.organisation_id) and has_permission(user, REPORT_PERMISSION)
        return action in ("view", "view_own")

    def narrow(self, user, action: str, rows: QuerySet[Signal]) -> QuerySet[Signal]:
        # Each branch is a subset of `scope`, written without its OR so that the inbox's query
        # plan uses the (organisation, status, ...) indexes directly.
        if action == "triage":
            return Signal.objects.filter(self._triage_scope(user))
        if action in ("view_own", "report"):
            return Signal.objects.filter(reporter_id=user.pk, organisation_id=user.organisation_id)
        return rows

    def users_for(self, row: Signal, action: str) -> QuerySet:
        if action == "triage":
            # One query: the same rule as _triage_scope, read from the row's side.
            self._known(action)
            return users_with_permission(TRIAGE_PERMISSION).filter(
                organisation_id=row.organisation_id, clearance__gte=row.confidentiality
            )
        return super().users_for(row, action)


@register
class SignalAttachmentPolicy(AccessPolicy[SignalAttachment]):
    """An attachment is visible exactly when its signal is."""

    model = SignalAttachment

    def scope(self, user) -> QuerySet[SignalAttachment]:
        return SignalAttachment.objects.filter(signal__in=policy_for(Signal).visible(user))

    def candidate_users(self, row: SignalAttachment):
        return policy_for(Signal).candidate_users(row.signal)


@register
class IndicatorPolicy(AccessPolicy[Indicator]):
    """The national catalogue is visible to every signed-in user; local indicators to their
    own municipality. Only the functioneel beheerder changes local indicators."""

    model = Indicator
    actions = ("view", "change")

    def scope(self, user) -> QuerySet[Indicator]:
        local = Q(organisation_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
        return Indicator.objects.filter(Q(organisation__isnull=True) | local)

    def grants(self, user, action: str) -> bool:
        if action == "change":
            return bool(user.organisation_id) and has_permission(user, "signalling.manage_catalogue")
        return action == "view"

    def narrow(self, user, action: str, rows: QuerySet[Indicator]) -> QuerySet[Indicator]:
        if action == "change":
            return rows.filter(organisation_id=user.organisation_id)
        return rows

    def candidate_users(self, row: Indicator):
        if row.organisation_id is None:
            return get_user_model().objects.filter(is_active=True)
        return super().candidate_users(row)


@register
class IntakeDraftPolicy(AccessPolicy[IntakeDraft]):
    """A draft is its owner's only, in the organisation it was made in, while they may report:
    not colleagues, not triage, not the beheerder. Anyone else gets 404."""

    model = IntakeDraft

    def scope(self, user) -> QuerySet[IntakeDraft]:
        if not self.grants(user, "view"):
            return IntakeDraft.objects.none()
        return IntakeDraft.objects.filter(owner_id=user.pk, organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return action == "view" and bool(user.organisation_id) and has_permission(user, REPORT_PERMISSION)
