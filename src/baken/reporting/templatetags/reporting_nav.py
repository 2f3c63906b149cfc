"""The dashboards a user may open, as links above each of them."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from baken.reporting.access import (
    may_view_care_figures,
    may_view_enforcement_figures,
    may_view_figures,
    may_view_policy_overview,
)

register = template.Library()


@register.inclusion_tag("reporting/_nav.html", takes_context=True)
def dashboard_nav(context) -> dict:
    request = context["request"]
    user = request.user
    links = []
    if may_view_policy_overview(user):
        links.append((reverse("reporting:policy"), _("Overzicht")))
    if may_view_figures(user):
        links.append((reverse("reporting:signals"), _("Meldingen")))
    if may_view_care_figures(user):
        links.append((reverse("reporting:care"), _("Zorg")))
    if may_view_enforcement_figures(user):
        links.append((reverse("reporting:enforcement"), _("Handhaving")))
    if may_view_policy_overview(user):
        links.append((reverse("reporting:annual_reports"), _("Jaarrapportage")))
    return {"links": links if len(links) > 1 else [], "current": request.path}
