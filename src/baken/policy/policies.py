"""Access policies of Beleid & regie.

The beleidsmaker (policy.manage_policy) of a municipality sees and changes its own
self-assessments and action plans. A regional beleidsmaker (an account of a region, no
municipality) sees those of the region's municipalities side by side, and changes none: these
rows hold the state of the approach, never case data.
"""

from django.db.models import QuerySet

from baken.core.access import AccessPolicy, organisation_scope, register
from baken.core.permissions import has_permission
from baken.policy.models import (
    ActionPlan,
    KaderAssessment,
    LocalKaderBlock,
    LocalKaderBlockRevision,
    PlanAction,
    PlanGoal,
    RiskFormRow,
    RiskPicture,
)

MANAGE_PERMISSION = "policy.manage_policy"
CATALOGUE_PERMISSION = "policy.manage_kader_catalogue"


class PolicyRows(AccessPolicy):
    actions = ("view", "change")

    def scope(self, user) -> QuerySet:
        if not has_permission(user, MANAGE_PERMISSION):
            return self.model.objects.none()
        return self.model.objects.filter(organisation_scope(user))

    def grants(self, user, action: str) -> bool:
        if action == "change":
            return bool(user.organisation_id) and has_permission(user, MANAGE_PERMISSION)
        return has_permission(user, MANAGE_PERMISSION)

    def narrow(self, user, action: str, rows: QuerySet) -> QuerySet:
        if action == "change":
            return rows.filter(organisation_id=user.organisation_id)
        return rows


@register
class KaderAssessmentPolicy(PolicyRows):
    model = KaderAssessment


@register
class ActionPlanPolicy(PolicyRows):
    model = ActionPlan


@register
class PlanGoalPolicy(PolicyRows):
    model = PlanGoal


@register
class PlanActionPolicy(PolicyRows):
    model = PlanAction


@register
class RiskPicturePolicy(PolicyRows):
    model = RiskPicture


@register
class RiskFormRowPolicy(PolicyRows):
    model = RiskFormRow


def _reads_local_catalogue(user) -> bool:
    return bool(user.organisation_id) and (
        has_permission(user, MANAGE_PERMISSION) or has_permission(user, CATALOGUE_PERMISSION)
    )


@register
class LocalKaderBlockPolicy(AccessPolicy):
    """The municipality's own version of the Kader catalogue: the functioneel beheerder keeps it
    (change); the beleidsmaker, who assesses against it, reads it with its versions."""

    model = LocalKaderBlock
    actions = ("view", "change")

    def scope(self, user) -> QuerySet:
        if not _reads_local_catalogue(user):
            return LocalKaderBlock.objects.none()
        return LocalKaderBlock.objects.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        if action == "change":
            return bool(user.organisation_id) and has_permission(user, CATALOGUE_PERMISSION)
        return _reads_local_catalogue(user)


@register
class LocalKaderBlockRevisionPolicy(AccessPolicy):
    """The versions of a local block follow the block: read by whoever reads it; nobody changes
    them (they are append-only)."""

    model = LocalKaderBlockRevision

    def scope(self, user) -> QuerySet:
        if not _reads_local_catalogue(user):
            return LocalKaderBlockRevision.objects.none()
        return LocalKaderBlockRevision.objects.filter(block__organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return _reads_local_catalogue(user)

    def candidate_users(self, row):
        return super().candidate_users(row.block)
