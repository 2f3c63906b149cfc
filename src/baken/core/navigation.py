"""Main navigation as data: each entry appears only when its URL exists and the user holds
its permission. Apps that are not built yet simply have no URL."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from baken.core.permissions import has_permission


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    #: One permission, or a tuple of which any one suffices; None for every signed-in user.
    permission: str | tuple[str, ...] | None
    #: Work that belongs to one municipality: hidden for regional accounts.
    municipal: bool = True


NAVIGATION: tuple[NavItem, ...] = (
    NavItem(_("Start"), "core:home", None, municipal=False),
    NavItem(_("Melden"), "signalling:intake", "signalling.report_signal"),
    NavItem(_("Mijn meldingen"), "signalling:mine", "signalling.report_signal"),
    NavItem(_("Triage"), "coordination:inbox", "signalling.triage_signal"),
    NavItem(
        _("Partners"), "partners:list", ("signalling.triage_signal", "coordination.manage_partners"), municipal=False
    ),
    NavItem(_("Zorg"), "care:index", "care.manage_carecase", municipal=False),
    NavItem(_("Handhaving"), "enforcement:index", "enforcement.manage_inspection"),
    NavItem(_("Beleid"), "policy:index", "policy.manage_policy"),
    NavItem(_("Kennisbank"), "knowledge:index", None, municipal=False),
    NavItem(_("Beheer"), "accounts:user_list", "accounts.manage_users"),
    NavItem(_("Huisstijl"), "core:huisstijl", "core.manage_huisstijl"),
    NavItem(_("Signalencatalogus"), "signalling:catalogue", "signalling.manage_catalogue"),
    NavItem(_("Audit"), "core:audit_log", "core.view_auditlog"),
)


def navigation_for(user, current_path: str) -> list[dict]:
    items = []
    for item in NAVIGATION:
        if item.municipal and not user.organisation_id:
            continue
        needed = (item.permission,) if isinstance(item.permission, str) else item.permission
        if needed and not any(has_permission(user, permission) for permission in needed):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        is_current = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "current": is_current})
    return items
