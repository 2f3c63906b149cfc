"""Reads of core data; each takes the acting user and goes through the access policy."""

from urllib.parse import urlencode

import django_filters
from django.utils.translation import gettext_lazy as _

from baken.core import audit_display
from baken.core.access import policy_for
from baken.core.models import AuditAction, AuditEvent, Notification, Organisation
from baken.core.permissions import users_with_permission


class AuditEventFilter(django_filters.FilterSet):
    # The text filters are bounded by their columns: a longer value cannot match, and on SQLite a
    # 1 MB pattern makes the query fail ("LIKE or GLOB pattern too complex").
    reference = django_filters.CharFilter(
        method="filter_reference",
        label=_("Referentienummer"),
        max_length=40,
        help_text=_("Bijvoorbeeld SIG-GM9901-2026-12: alles over deze melding en wat eraan hangt."),
    )
    person = django_filters.CharFilter(
        method="filter_person",
        label=_("Persoon"),
        max_length=150,
        help_text=_("Naam of gebruikersnaam van wie het deed."),
    )
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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def filter_reference(self, queryset, name, value):
        return queryset.filter(audit_display.reference_query(value.strip(), self.user)) if value.strip() else queryset

    def filter_person(self, queryset, name, value):
        return queryset.filter(audit_display.person_query(value)) if value.strip() else queryset

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
    """The audit log of the user's organisation or region, filtered; empty for anyone without
    access. Each row comes with its actor and the actor's roles (two queries for the page)."""
    queryset = policy_for(AuditEvent).visible(user).select_related("actor").prefetch_related("actor__groups")
    return AuditEventFilter(params, queryset=queryset, user=user)


def audit_rows(*, user, events) -> list[audit_display.AuditRow]:
    """Rows of the log as a person reads them (names, Dutch labels)."""
    return audit_display.present(list(events), user)


def organisation_for_huisstijl(*, user) -> Organisation:
    return policy_for(Organisation).get_for(user, "manage_huisstijl", pk=user.organisation_id)


def organisation_visible(*, user, slug: str) -> Organisation:
    return policy_for(Organisation).get_visible(user, slug=slug)


def notifications(*, user):
    return policy_for(Notification).visible(user).order_by("-created_at", "-id")


def unread_notification_count(*, user) -> int:
    return notifications(user=user).filter(read_at__isnull=True).count()


def huisstijl_set(user) -> bool:
    """Set-up step: the municipality has its own logo or colours."""
    organisation = policy_for(Organisation).rows_for(user, "manage_huisstijl").first()
    if organisation is None:
        return False
    default = Organisation._meta.get_field("primary_colour").default
    return bool(organisation.logo) or organisation.primary_colour.lower() != default


def organisation_created_at(*, user):
    """When the user's municipality was created (None if unknown), through its access policy."""
    organisation = policy_for(Organisation).visible(user).filter(pk=user.organisation_id).first()
    return organisation.created_at if organisation is not None else None


def deputy_candidates(*, user):
    """Who may stand in for the aandachtsfunctionaris: the active colleagues who triage signals."""
    return (
        users_with_permission("signalling.triage_signal")
        .filter(organisation_id=user.organisation_id)
        .order_by("last_name", "username")
    )


def settings_set(user, field: str) -> bool:
    organisation = policy_for(Organisation).rows_for(user, "manage_huisstijl").first()
    return organisation is not None and bool(getattr(organisation, field))


def triage_term_set(user) -> bool:
    """Set-up step: the municipality chose its triage term."""
    return settings_set(user, "triage_working_days")


def reply_email_set(user) -> bool:
    """Set-up step: reporters have an address for their questions."""
    return settings_set(user, "reply_email")


def officer_deputy_set(user) -> bool:
    """Set-up step: a deputy for the aandachtsfunctionaris who is still an active one."""
    organisation = policy_for(Organisation).rows_for(user, "manage_huisstijl").first()
    if organisation is None or organisation.officer_deputy_id is None:
        return False
    officers = deputy_candidates(user=user)
    return officers.filter(pk=organisation.officer_deputy_id).exists() and officers.count() >= 2
