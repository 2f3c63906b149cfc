"""Access policy for user accounts."""

from django.db.models import QuerySet

from baken.accounts.models import User
from baken.core.access import AccessPolicy, register
from baken.core.permissions import has_permission


@register
class UserPolicy(AccessPolicy[User]):
    """The functioneel beheerder sees and manages the accounts of their own municipality.

    Nobody changes their own roles or status through these screens: a functioneel beheerder
    cannot grant themselves case access.
    """

    model = User
    actions = ("view", "change")

    def visible(self, user) -> QuerySet[User]:
        if not has_permission(user, "accounts.manage_users") or not user.organisation_id:
            return User.objects.none()
        return User.objects.filter(organisation_id=user.organisation_id)

    def permits(self, user, action: str, obj: User) -> bool:
        if action == "view":
            return True
        if action == "change":
            return obj.pk != user.pk and not obj.is_superuser
        return False
