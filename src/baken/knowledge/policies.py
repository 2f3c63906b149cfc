"""Access policies of the Kennisbank.

The national base (files) is readable by every signed-in user and has no rows. What a
municipality adds or adapts is visible to its own users only: a regional user, who belongs
to no municipality, reads the national base. Only the functioneel beheerder of the
municipality (knowledge.manage_knowledge) changes it and reads its version history.
"""

from django.db.models import QuerySet

from baken.core.access import AccessPolicy, register
from baken.core.permissions import has_permission
from baken.knowledge.models import BarrierStatus, BarrierStatusRevision, LocalPage, LocalPageRevision

MANAGE_PERMISSION = "knowledge.manage_knowledge"


def is_reader(user) -> bool:
    """May read the Kennisbank at all: every active, signed-in user."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def may_manage(user) -> bool:
    return is_reader(user) and bool(user.organisation_id) and has_permission(user, MANAGE_PERMISSION)


@register
class LocalPagePolicy(AccessPolicy[LocalPage]):
    model = LocalPage
    actions = ("view", "change")

    def visible(self, user) -> QuerySet[LocalPage]:
        if not is_reader(user) or not user.organisation_id:
            return LocalPage.objects.none()
        return LocalPage.objects.filter(organisation_id=user.organisation_id)

    def permits(self, user, action: str, obj: LocalPage) -> bool:
        if action == "view":
            return obj.is_active or may_manage(user)
        return action == "change" and obj.organisation_id == user.organisation_id and may_manage(user)


@register
class LocalPageRevisionPolicy(AccessPolicy[LocalPageRevision]):
    """The history of a page is the beheerder's: it names colleagues and withdrawn texts."""

    model = LocalPageRevision

    def visible(self, user) -> QuerySet[LocalPageRevision]:
        if not may_manage(user):
            return LocalPageRevision.objects.none()
        return LocalPageRevision.objects.filter(page__organisation_id=user.organisation_id)


@register
class BarrierStatusPolicy(AccessPolicy[BarrierStatus]):
    model = BarrierStatus
    actions = ("view", "change")

    def visible(self, user) -> QuerySet[BarrierStatus]:
        if not is_reader(user) or not user.organisation_id:
            return BarrierStatus.objects.none()
        return BarrierStatus.objects.filter(organisation_id=user.organisation_id)

    def permits(self, user, action: str, obj: BarrierStatus) -> bool:
        if action == "view":
            return True
        return action == "change" and obj.organisation_id == user.organisation_id and may_manage(user)


@register
class BarrierStatusRevisionPolicy(AccessPolicy[BarrierStatusRevision]):
    model = BarrierStatusRevision

    def visible(self, user) -> QuerySet[BarrierStatusRevision]:
        if not may_manage(user):
            return BarrierStatusRevision.objects.none()
        return BarrierStatusRevision.objects.filter(status__organisation_id=user.organisation_id)
