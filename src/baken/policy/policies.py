"""Access policies of Beleid & regie.

The beleidsmaker (policy.manage_policy) of a municipality sees and changes its own
self-assessments and action plans. A regional beleidsmaker (an account of a region, no
municipality) sees those of the region's municipalities side by side, and changes none: these
rows hold the state of the approach, never case data.

A self-assessment can also belong to a region (a regional table assesses its own part): the
regional beleidsmaker sees and changes it, the beleidsmakers of the region's municipalities read
it. Action plans stay per municipality.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

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


def _home_region_id(user) -> int | None:
    """The region a beleidsmaker works in: their municipality's, or their own as a regional account."""
    if user.organisation_id:
        return user.organisation.region_id
    return user.region_id


@register
class KaderAssessmentPolicy(PolicyRows):
    """Municipal rows as every policy row; regional rows: read by the region's beleidsmakers,
    changed by the regional ones."""

    model = KaderAssessment

    def scope(self, user) -> QuerySet:
        if not has_permission(user, MANAGE_PERMISSION):
            return KaderAssessment.objects.none()
        region_id = _home_region_id(user)
        of_region = Q(region_id=region_id) if region_id else Q(pk__in=[])
        return KaderAssessment.objects.filter(organisation_scope(user) | of_region)

    def grants(self, user, action: str) -> bool:
        if action == "change":
            return bool(user.organisation_id or user.region_id) and has_permission(user, MANAGE_PERMISSION)
        return has_permission(user, MANAGE_PERMISSION)

    def narrow(self, user, action: str, rows: QuerySet) -> QuerySet:
        if action == "change" and not user.organisation_id:
            return rows.filter(region_id=user.region_id)
        return super().narrow(user, action, rows)

    def candidate_users(self, row: KaderAssessment) -> QuerySet:
        if row.region_id is None:
            return super().candidate_users(row)
        return get_user_model().objects.filter(
            Q(region_id=row.region_id) | Q(organisation__region_id=row.region_id), is_active=True
        )


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
