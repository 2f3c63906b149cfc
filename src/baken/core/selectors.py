"""Reads of core data; each takes the acting user and goes through the access policy."""

import django_filters
from django.utils.translation import gettext_lazy as _

from baken.core.access import policy_for
from baken.core.models import AuditAction, AuditEvent, Notification, Organisation


class AuditEventFilter(django_filters.FilterSet):
    # The text filters are bounded by their columns: a longer value cannot match, and on SQLite a
    # 1 MB pattern makes the query fail ("LIKE or GLOB pattern too complex").
    actor = django_filters.CharFilter(
        field_name="actor_username", lookup_expr="iexact", label=_("Gebruikersnaam"), max_length=150
    )
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=_("Actie"), empty_label=_("Alle acties"))
    object_type = django_filters.CharFilter(lookup_expr="iexact", label=_("Objecttype"), max_length=60)
    object_id = django_filters.CharFilter(lookup_expr="exact", label=_("Object-id"), max_length=64)
    date_from = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__gte", label=_("Vanaf datum"))
    date_to = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__lte", label=_("Tot en met datum"))

    class Meta:
        model = AuditEvent
        fields: list[str] = []


def audit_event_list(*, user, params) -> AuditEventFilter:
    """The audit log of the user's organisation, filtered; empty for anyone without access."""
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
