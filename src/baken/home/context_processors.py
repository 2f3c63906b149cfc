"""Template context for the page shell: organisation, huisstijl tokens and navigation."""

from baken.core.selectors import unread_notification_count
from baken.home.navigation import navigation_for


def shell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return {"shell_organisation": None, "shell_navigation": []}
    return {
        "shell_organisation": user.organisation,
        "shell_home_label": user.home_label,
        "shell_navigation": navigation_for(user, request.path),
        "shell_unread": unread_notification_count(user=user),
    }
