"""Access policy for user accounts."""

from django.db.models import QuerySet

from baken.accounts.models import User
from baken.core.access import AccessPolicy, register
from baken.core.permissions import has_permission


@register
class UserPolicy(AccessPolicy[User]):
    """The functioneel beheerder sees and manages the accounts of their own municipality.

    Nobody changes their own roles or status through these screens, and nobody changes a
    superuser's: a functioneel beheerder cannot grant themselves case access.
    """

    model = User
    actions = ("view", "change")

    def scope(self, user) -> QuerySet[User]:
        if not self.grants(user, "view"):
            return User.objects.none()
        return User.objects.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return bool(user.organisation_id) and has_permission(user, "accounts.manage_users")

    def narrow(self, user, action: str, rows: QuerySet[User]) -> QuerySet[User]:
        if action == "change":
            return rows.exclude(pk=user.pk).exclude(is_superuser=True)
        return rows

    def candidate_users(self, row: User) -> QuerySet[User]:
        return User.objects.filter(organisation_id=row.organisation_id, is_active=True)
