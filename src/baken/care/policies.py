"""Access policy of care cases (zorgtrajecten), and the rule for the aanmeldingen (hand-overs of
signals to zorgcoördinatie) that care reads from coordination.

- Content ("view", "manage"): zorgcoördinatoren (care.manage_carecase) of the case's
  municipality, and regional zorgcoördinatoren of its region, at or above the case's
  confidentiality (at least confidentieel). Nobody else: not the aandachtsfunctionaris, not
  the privacy officer (who reads the case's audit rows through AuditEventPolicy), not a
  functioneel beheerder or superuser.
- "view_shelter_address": those same users, only with clearance geheim or higher.
- "view_phase": that a case exists for a signal, and its phase (and a decline reason), never
  its content: whoever may triage the signal, plus the content readers. This is the one action
  whose rows are not a subset of `visible`; `visible` and `get_visible` stay content-only, so
  a view that forgets the action leaks nothing.

Status changes, name reveals and procedures are child rows read only through their case.
The region's provider directory (CareProvider) has its own policy below.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from baken.care.models import SHELTER_ADDRESS_LEVEL, CareCase, CareProvider
from baken.coordination.selectors import care_handovers
from baken.core.access import AccessPolicy, confidentiality_scope, organisation_scope, policy_for, register
from baken.core.permissions import has_permission, users_with_permission
from baken.signalling.models import Signal

CARE_PERMISSION = "care.manage_carecase"


@register
class CareCasePolicy(AccessPolicy[CareCase]):
    model = CareCase
    actions = ("view", "manage", "view_shelter_address", "view_phase")

    def _may_care(self, user) -> bool:
        return bool(user.organisation_id or user.region_id) and has_permission(user, CARE_PERMISSION)

    def _content(self, user) -> Q:
        if not self._may_care(user):
            return Q(pk__in=[])
        return organisation_scope(user) & confidentiality_scope(user)

    def scope(self, user) -> QuerySet[CareCase]:
        return CareCase.objects.filter(self._content(user))

    def grants(self, user, action: str) -> bool:
        if action == "view_phase":
            return self._may_care(user) or policy_for(Signal).user_may(user, "triage")
        if action == "view_shelter_address":
            return self._may_care(user) and user.clearance >= SHELTER_ADDRESS_LEVEL
        if action == "manage":
            return self._may_care(user)
        return action == "view"

    def narrow(self, user, action: str, rows: QuerySet[CareCase]) -> QuerySet[CareCase]:
        if action == "view_phase":
            handed_over = Q(signal__in=policy_for(Signal).rows_for(user, "triage"))
            return CareCase.objects.filter(self._content(user) | handed_over)
        return rows

    def users_for(self, row: CareCase, action: str) -> QuerySet:
        """As for every policy, each candidate is asked (`allows`); for the content actions only
        the candidates whose roles grant care and whose clearance reaches the case, since nobody
        else can pass. So the case page asking who could approve a closure does not check every
        account of the municipality and the region, one by one."""
        if action == "view_phase":
            return super().users_for(row, action)
        candidates = self.candidate_users(row).filter(
            clearance__gte=row.confidentiality, pk__in=users_with_permission(CARE_PERMISSION).values("pk")
        )
        allowed = [user.pk for user in candidates if self.allows(user, action, row)]
        return get_user_model().objects.filter(pk__in=allowed)


@register
class CareProviderPolicy(AccessPolicy[CareProvider]):
    """The region's directory of shelter and care providers: read by everyone who may manage care
    cases in the region (municipal and regional zorgcoördinatoren), kept by the regional ones."""

    model = CareProvider
    actions = ("view", "change")

    def _region_id(self, user) -> int | None:
        if user.organisation_id:
            return user.organisation.region_id
        return user.region_id

    def scope(self, user) -> QuerySet[CareProvider]:
        region_id = self._region_id(user)
        if region_id is None or not has_permission(user, CARE_PERMISSION):
            return CareProvider.objects.none()
        return CareProvider.objects.filter(region_id=region_id)

    def grants(self, user, action: str) -> bool:
        if action == "change":
            return not user.organisation_id and bool(user.region_id) and has_permission(user, CARE_PERMISSION)
        return action == "view"

    def candidate_users(self, row: CareProvider) -> QuerySet:
        return get_user_model().objects.filter(
            Q(region_id=row.region_id) | Q(organisation__region_id=row.region_id), is_active=True
        )


def handovers_for(user) -> QuerySet:
    """Hand-overs to zorgcoördinatie that the user receives as aanmeldingen: those of their
    municipality (a regional account: of their region), of signals at or below their clearance,
    for users who may manage care cases."""
    if not policy_for(CareCase).user_may(user, "manage"):
        return care_handovers().none()
    return care_handovers().filter(organisation_scope(user) & confidentiality_scope(user, "signal__confidentiality"))
