"""Permission checks that ignore the superuser shortcut.

Django's ModelBackend grants a superuser every permission. Baken's rule is that application
managers and superusers do not see case content by default, so access policies ask only
what the user's roles (groups) and explicit permissions grant.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q


def granted_permissions(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_baken_permissions", None)
    if cached is None:
        rows = Permission.objects.filter(group__user=user).values_list("content_type__app_label", "codename")
        direct = Permission.objects.filter(user=user).values_list("content_type__app_label", "codename")
        cached = frozenset(f"{app}.{code}" for app, code in [*rows, *direct])
        user._baken_permissions = cached
    return cached


def has_permission(user, permission: str) -> bool:
    return permission in granted_permissions(user)


def forget_permissions(user) -> None:
    """Drop the per-request cache after roles change."""
    if hasattr(user, "_baken_permissions"):
        del user._baken_permissions


def users_with_permission(permission: str):
    """Active users whose roles (or direct grants) include `permission`; narrow further by
    organisation, region or clearance at the call site."""
    app_label, codename = permission.split(".", 1)
    via_role = Q(groups__permissions__content_type__app_label=app_label, groups__permissions__codename=codename)
    direct = Q(user_permissions__content_type__app_label=app_label, user_permissions__codename=codename)
    return get_user_model().objects.filter(via_role | direct, is_active=True).distinct()


#: The permission that makes an account an installatiebeheerder (docs/adr/0011-installation-manager.md).
INSTALLATION_PERMISSION = "core.manage_organisations"


def is_installation_manager(user) -> bool:
    """An installatiebeheerder: the permission on an account of no municipality (national, or of
    a region). On a municipality's account the permission opens nothing."""
    return bool(getattr(user, "is_authenticated", False)) and (
        not user.organisation_id and has_permission(user, INSTALLATION_PERMISSION)
    )


def installation_managers_for(region_id):
    """Active installatiebeheerders responsible for a municipality in `region_id`: the national
    ones and those of that region."""
    region = Q(region__isnull=True) | (Q(region_id=region_id) if region_id else Q(pk__in=[]))
    return users_with_permission(INSTALLATION_PERMISSION).filter(region, organisation__isnull=True)
