"""The main navigation, built from the menu entries the apps registered."""

from django.urls import NoReverseMatch, reverse

from baken.core.navigation import menu_entries
from baken.core.permissions import has_permission


def navigation_for(user, current_path: str) -> list[dict]:
    items = []
    for entry in menu_entries():
        if entry.municipal and not user.organisation_id:
            continue
        needed = (entry.permission,) if isinstance(entry.permission, str) else entry.permission
        if needed and not any(has_permission(user, permission) for permission in needed):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        is_current = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": entry.label, "url": url, "current": is_current})
    return items
