"""Access policy of Preventie: the municipality's own activities, for whoever keeps them.

Prevention holds no personal data; still, it is the municipality's working data, so only
accounts with prevention.manage_prevention of the own municipality see and change it.
"""

from django.db.models import QuerySet

from baken.core.access import AccessPolicy, register
from baken.core.permissions import has_permission
from baken.prevention.models import (
    PreventionActivity,
    PreventionMaterial,
    PreventionMaterialRevision,
    StaffCount,
    Training,
)

MANAGE_PERMISSION = "prevention.manage_prevention"


@register
class PreventionActivityPolicy(AccessPolicy[PreventionActivity]):
    model = PreventionActivity
    actions = ("view", "change")

    def scope(self, user) -> QuerySet[PreventionActivity]:
        if not (user.organisation_id and has_permission(user, MANAGE_PERMISSION)):
            return PreventionActivity.objects.none()
        return PreventionActivity.objects.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return bool(user.organisation_id) and has_permission(user, MANAGE_PERMISSION)


@register
class StaffCountPolicy(AccessPolicy[StaffCount]):
    """The staff per department of the own municipality: the denominators of the share trained."""

    model = StaffCount
    actions = ("view", "change")

    def scope(self, user) -> QuerySet[StaffCount]:
        if not (user.organisation_id and has_permission(user, MANAGE_PERMISSION)):
            return StaffCount.objects.none()
        return StaffCount.objects.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return bool(user.organisation_id) and has_permission(user, MANAGE_PERMISSION)


@register
class TrainingPolicy(AccessPolicy[Training]):
    """The trainings of staff of the own municipality (counts; names optional)."""

    model = Training
    actions = ("view", "change")

    def scope(self, user) -> QuerySet[Training]:
        if not (user.organisation_id and has_permission(user, MANAGE_PERMISSION)):
            return Training.objects.none()
        return Training.objects.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return bool(user.organisation_id) and has_permission(user, MANAGE_PERMISSION)


@register
class PreventionMaterialPolicy(AccessPolicy[PreventionMaterial]):
    """The materials library of the own municipality, for whoever keeps its prevention."""

    model = PreventionMaterial
    actions = ("view", "change")

    def scope(self, user) -> QuerySet[PreventionMaterial]:
        if not (user.organisation_id and has_permission(user, MANAGE_PERMISSION)):
            return PreventionMaterial.objects.none()
        return PreventionMaterial.objects.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return bool(user.organisation_id) and has_permission(user, MANAGE_PERMISSION)


@register
class PreventionMaterialRevisionPolicy(AccessPolicy[PreventionMaterialRevision]):
    """The versions of a material follow the material: read by whoever keeps prevention of the
    own municipality; nobody changes them (they are append-only)."""

    model = PreventionMaterialRevision

    def scope(self, user) -> QuerySet[PreventionMaterialRevision]:
        if not (user.organisation_id and has_permission(user, MANAGE_PERMISSION)):
            return PreventionMaterialRevision.objects.none()
        return PreventionMaterialRevision.objects.filter(material__organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return bool(user.organisation_id) and has_permission(user, MANAGE_PERMISSION)

    def candidate_users(self, row):
        return super().candidate_users(row.material)
