"""Reads of core data; each takes the acting user and goes through the access policy."""

from urllib.parse import urlencode

import django_filters
from django.utils.translation import gettext_lazy as _

from baken.core.access import policy_for
from baken.core.models import AuditAction, AuditEvent, Notification, Organisation


class AuditEventFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(field_name="actor_username", lookup_expr="iexact", label=_("Gebruikersnaam"))
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=_("Actie"), empty_label=_("Alle acties"))
    object_type = django_filters.CharFilter(lookup_expr="iexact", label=_("Objecttype"))
    object_id = django_filters.CharFilter(lookup_expr="exact", label=_("Object-id"))
    date_from = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__gte", label=_("Vanaf datum"))
    date_to = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__lte", label=_("Tot en met datum"))

    class Meta:
        model = AuditEvent
        fields: list[str] = []

    def querystring(self) -> str:
        """The valid filter values as a query string, for the pagination links: what the form
        accepted, never the raw parameters."""
        self.form.is_valid()
        values = {
            name: value.isoformat() if hasattr(value, "isoformat") else value
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "")
        }
        return urlencode(values)


def audit_event_list(*, user, params) -> AuditEventFilter:
    """The audit log of the user's organisation or region, filtered; empty for anyone without access."""
    queryset = (
        policy_for(AuditEvent)
        .visible(user)
        .select_related(None)
        .only("timestamp", "actor_username", "action", "object_type", "object_id", "reason", "request_id", "ip_address")
    )
    return AuditEventFilter(params, queryset=queryset)


def organisation_for_huisstijl(*, user) -> Organisation:
    return policy_for(Organisation).get_for(user, "manage_huisstijl", pk=user.organisation_id)


def organisation_visible(*, user, slug: str) -> Organisation:
    return policy_for(Organisation).get_visible(user, slug=slug)


def notifications(*, user):
    return policy_for(Notification).visible(user).order_by("-created_at", "-id")


def unread_notification_count(*, user) -> int:
    return notifications(user=user).filter(read_at__isnull=True).count()
