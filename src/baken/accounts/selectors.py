"""Reads of user accounts, through the access policy."""

from django.db.models import Q, QuerySet

from baken.accounts.models import User
from baken.core.access import policy_for


def user_list(*, user, search: str = "") -> QuerySet[User]:
    users = policy_for(User).visible(user).prefetch_related("groups").order_by("username")
    if search:
        users = users.filter(
            Q(username__icontains=search) | Q(first_name__icontains=search) | Q(last_name__icontains=search)
        )
    return users


def user_for_change(*, user, pk: int) -> User:
    return policy_for(User).get_for(user, "change", pk=pk)


def may_manage_users(*, user) -> bool:
    from baken.core.permissions import has_permission

    return has_permission(user, "accounts.manage_users") and bool(user.organisation_id)


def users_with_permission(*, organisation_id: int, permission: str) -> QuerySet[User]:
    """Active users of one organisation whose roles (or direct grants) include `permission`."""
    app_label, codename = permission.split(".", 1)
    via_role = Q(groups__permissions__content_type__app_label=app_label, groups__permissions__codename=codename)
    direct = Q(user_permissions__content_type__app_label=app_label, user_permissions__codename=codename)
    return User.objects.filter(via_role | direct, organisation_id=organisation_id, is_active=True).distinct()
