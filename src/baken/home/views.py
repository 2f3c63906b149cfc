"""The start page: what each of the user's roles is for, what to read first, where to go from
here, and the panels other apps registered (such as whom to call when it is acute)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from baken.accounts.roles import roles_of
from baken.core.navigation import home_panels, role_reading_providers
from baken.home.navigation import navigation_for


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = roles_of(user)
    codes = [role.code for role in roles]
    reading: dict[str, list] = {code: [] for code in codes}
    for provider in role_reading_providers():
        for code, pages in provider(user=user, role_codes=codes).items():
            reading[code].extend(pages)
    panels = []
    for panel in home_panels():
        context = panel.context(user=user)
        if context is not None:
            panels.append({"template": panel.template, "context": context, "lead": panel.lead})
    context = {
        "roles": roles,
        "role_sections": [{"role": role, "pages": reading[role.code]} for role in roles],
        "destinations": [item for item in navigation_for(user, request.path) if item["url"] != request.path],
        "lead_panels": [panel for panel in panels if panel["lead"]],
        "panels": [panel for panel in panels if not panel["lead"]],
    }
    return render(request, "home/index.html", context)
