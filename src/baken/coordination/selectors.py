"""Reads of Verbinden, through the access policies; each takes the acting user."""

from collections.abc import Iterator

import django_filters
from django.db.models import BooleanField, Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.coordination import search
from baken.coordination.handover import shared_values
from baken.coordination.models import Escalation, EscalationStatus, EscalationStatusChange, SignalLink, TriageNote
from baken.core.access import policy_for
from baken.core.permissions import users_with_permission
from baken.partners.models import Partner, PartnerType
from baken.partners.selectors import handover_partners
from baken.signalling.models import (
    Channel,
    ExploitationForm,
    MinorInvolved,
    Signal,
    SignalAddition,
    SignalAttachment,
    SignalIndicator,
    SignalStatus,
    SignalStatusChange,
)

MANDATORY_ROUTE_TYPES = (PartnerType.POLICE, PartnerType.VEILIG_THUIS)
#: Never a recipient of a hand-over: a phone number only, an anonymous line, or the
#: municipality's own aandachtsfunctionaris (who is the one handing over).
NOT_ESCALATION_TYPES = (PartnerType.EMERGENCY, PartnerType.ANONYMOUS, PartnerType.INTERNAL)
#: Escalations still waiting for the partner's feedback.
AWAITING_FEEDBACK = (EscalationStatus.PREPARED, EscalationStatus.SENT, EscalationStatus.CONFIRMED)


def triage_queryset(*, user) -> QuerySet[Signal]:
    """Signals the user may triage (never the reporter-only view)."""
    return policy_for(Signal).rows_for(user, "triage")


def mandatory_route_applies(signal: Signal) -> bool:
    """A minor or acute danger: the signal must go to the police or Veilig Thuis."""
    return signal.acute_danger or signal.minor_involved == MinorInvolved.YES


def mandatory_route_met(signal: Signal) -> bool:
    return (
        Escalation.objects.filter(signal=signal, partner__partner_type__in=MANDATORY_ROUTE_TYPES)
        .exclude(status=EscalationStatus.FAILED)
        .exists()
    )


SORTS = {
    "urgent": (_("Spoed eerst"), ("-is_urgent", "-submitted_at", "-id")),
    "nieuw": (_("Nieuwste eerst"), ("-submitted_at", "-id")),
    "oud": (_("Oudste eerst"), ("submitted_at", "id")),
    "deadline": (_("Deadline eerst"), ("triage_due_on", "-is_urgent", "id")),
}


#: The status filter's value for "every status, closed ones too"; no value means open signals only.
ALL_STATUSES = "alle"


class InboxFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Zoek op kenmerk, tekst, adres, bedrijf of wijk"),
        max_length=200,
    )
    status = django_filters.ChoiceFilter(
        method="filter_status",
        choices=[*SignalStatus.choices, (ALL_STATUSES, _("Alle, ook afgesloten"))],
        label=_("Status"),
        empty_label=_("Open (niet afgesloten)"),
    )
    form = django_filters.ModelChoiceFilter(
        field_name="forms",
        queryset=ExploitationForm.objects.all(),
        to_field_name="code",
        label=_("Vorm"),
        empty_label=_("Alle"),
    )
    urgent = django_filters.BooleanFilter(field_name="is_urgent", label=_("Spoed"))
    critical = django_filters.BooleanFilter(method="filter_critical", label=_("Kritiek signaal"))
    date_from = django_filters.DateFilter(field_name="submitted_at", lookup_expr="date__gte", label=_("Gemeld vanaf"))
    date_to = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__lte", label=_("Gemeld tot en met")
    )
    neighbourhood = django_filters.CharFilter(lookup_expr="icontains", label=_("Wijk of buurt"), max_length=100)
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Hoe opgemerkt"), empty_label=_("Alle"))
    assigned = django_filters.ChoiceFilter(
        method="filter_assigned",
        choices=[("mij", _("Aan mij")), ("niemand", _("Aan niemand"))],
        label=_("Toegewezen"),
        empty_label=_("Iedereen"),
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Te laat opgepakt"))
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
        label=_("Sorteren"),
        empty_label=None,
    )

    class Meta:
        model = Signal
        fields: list[str] = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def filter_text(self, queryset, name, value):
        condition = search_matches(user=self.user, query=value)
        return queryset if condition is None else queryset.filter(condition)

    def filter_status(self, queryset, name, value):
        # An empty value never reaches this method: inbox() hides closed signals then.
        return queryset if value == ALL_STATUSES else queryset.filter(status=value)

    def filter_critical(self, queryset, name, value):
        critical = Exists(SignalIndicator.objects.filter(signal=OuterRef("pk"), critical=True))
        return queryset.filter(critical) if value else queryset.exclude(critical)

    def filter_assigned(self, queryset, name, value):
        if value == "mij":
            return queryset.filter(assigned_to=self.user)
        if value == "niemand":
            return queryset.filter(assigned_to__isnull=True)
        return queryset

    def filter_overdue(self, queryset, name, value):
        late = Q(status=SignalStatus.NEW, triage_due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["urgent"])[1])


def search_matches(*, user, query: str) -> Q | None:
    """The inbox's search condition (None: no search); the rows stay those the user may triage,
    because it only narrows the inbox's own queryset (search.matching_signals)."""
    return search.matching_signals(query)


def inbox(*, user, params) -> tuple[InboxFilter, QuerySet[Signal]]:
    base = triage_queryset(user=user)
    signal_filter = InboxFilter(params, queryset=base, user=user)
    rows = signal_filter.qs
    cleaned = signal_filter.form.cleaned_data
    # Closed signals only when asked for: the inbox is a queue of work still to do.
    if not cleaned.get("status"):
        rows = rows.exclude(status=SignalStatus.CLOSED)
    # The order asked for, if it is one of SORTS; anything else (or nothing) is "urgent first".
    if not cleaned.get("sort"):
        rows = rows.order_by(*SORTS["urgent"][1])
    rows = (
        rows.select_related("assigned_to")
        .prefetch_related(Prefetch("forms", queryset=ExploitationForm.objects.only("id", "code", "label")))
        .only(*INBOX_COLUMNS)
    )
    return signal_filter, rows


#: What a row of the inbox shows (and nothing else is read).
INBOX_COLUMNS = (
    "id",
    "reference",
    "submitted_at",
    "status",
    "is_urgent",
    "acute_danger",
    "minor_involved",
    "form_unknown",
    "triage_due_on",
    "street",
    "house_number",
    "postcode",
    "city",
    "business_name",
    "location_description",
    "neighbourhood",
    "description",
    "assigned_to__username",
    "assigned_to__first_name",
    "assigned_to__last_name",
)


def export_rows(rows: QuerySet[Signal]) -> Iterator[Signal]:
    """The inbox's rows (see `inbox`) one by one, fetched 2,000 at a time with their forms."""
    return rows.iterator(chunk_size=2000)


def inbox_page(rows: QuerySet[Signal], *, number: int, size: int) -> tuple[list[Signal], bool]:
    """One page of the inbox and whether another follows, without counting all rows: one row
    more than the page is read. A count over a municipality's whole history was most of the
    inbox's time at 100,000 signals (docs/benchmarks.md)."""
    start = (number - 1) * size
    page = list(rows[start : start + size + 1])
    return page[:size], len(page) > size


def inbox_quick_counts(*, user) -> dict[str, int]:
    """The counts above the inbox, in one query over indexed rows only (new signals and the
    user's own), never over the whole history: new, overdue (new past their day) and open
    signals assigned to the user."""
    new = Q(status=SignalStatus.NEW)
    overdue = new & Q(triage_due_on__lt=timezone.localdate())
    mine = Q(assigned_to=user) & ~Q(status=SignalStatus.CLOSED)
    return (
        triage_queryset(user=user)
        .filter(new | mine)
        .aggregate(
            new=Count("id", filter=new),
            overdue=Count("id", filter=overdue),
            mine=Count("id", filter=mine),
        )
    )


def triage_colleagues(*, user) -> QuerySet:
    """Colleagues of the user's organisation who may triage signals (the bulk assign's choice);
    whether one may take a particular signal (its confidentiality) the service checks per row."""
    return (
        users_with_permission("signalling.triage_signal")
        .filter(organisation_id=user.organisation_id)
        .order_by("username")
    )


def signals_for_bulk(*, user, ids) -> QuerySet[Signal]:
    """The selected signals among those the user may triage, in inbox order."""
    return triage_queryset(user=user).filter(pk__in=ids).order_by(*SORTS["urgent"][1])


def link_candidates(*, user, signal: Signal, query: str, limit: int = 10) -> list[Signal]:
    """Signals of the same municipality that the user may triage, found by reference, address or
    business (the search of the inbox), to link to `signal`; newest first, closed ones too."""
    condition = search.search_condition(query)
    if condition is None:
        return []
    return list(
        triage_queryset(user=user)
        .filter(organisation_id=signal.organisation_id)
        .exclude(pk=signal.pk)
        .alias(search_document=search.document())
        .filter(condition)
        .only(
            "id",
            "reference",
            "submitted_at",
            "status",
            "street",
            "house_number",
            "postcode",
            "business_name",
            "location_description",
            "city",
        )
        .order_by("-submitted_at", "-id")[:limit]
    )


def signal_links(*, user, signal: Signal) -> list[dict]:
    """The signals linked to `signal` that the user may triage, each with the link's
    explanation, who made it and when (shown the same on both signals)."""
    links = (
        policy_for(SignalLink)
        .visible(user)
        .filter(Q(first=signal) | Q(second=signal))
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )
    links = list(links)
    others = {
        other.pk: other
        for other in triage_queryset(user=user)
        .filter(pk__in=[link.second_id if link.first_id == signal.pk else link.first_id for link in links])
        .only("id", "reference", "status", "submitted_at")
    }
    rows = []
    for link in links:
        other = others.get(link.second_id if link.first_id == signal.pk else link.first_id)
        if other is not None:
            rows.append({"signal": other, "reason": link.reason, "by": link.created_by, "at": link.created_at})
    return rows


def inbox_status_counts(*, user) -> dict[str, int]:
    counts = dict(
        triage_queryset(user=user).order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    overdue = triage_queryset(user=user).filter(status=SignalStatus.NEW, triage_due_on__lt=timezone.localdate()).count()
    return {"by_status": [(s, s.label, counts.get(s, 0)) for s in SignalStatus], "overdue": overdue}


def signal_for_triage(*, user, pk: int) -> Signal:
    """The signal with everything the triage page shows, or 404."""
    visible = triage_queryset(user=user).filter(pk=pk)
    signal = (
        visible.select_related("reporter", "assigned_to", "merged_into", "organisation")
        .prefetch_related(
            "forms",
            Prefetch("indicators", queryset=SignalIndicator.objects.order_by("id")),
            Prefetch("attachments", queryset=SignalAttachment.objects.order_by("id")),
            Prefetch("status_changes", queryset=SignalStatusChange.objects.select_related("actor")),
            Prefetch("triage_notes", queryset=TriageNote.objects.select_related("author")),
            Prefetch("additions", queryset=SignalAddition.objects.order_by("created_at", "id")),
            Prefetch(
                "escalations",
                queryset=Escalation.objects.select_related("partner", "created_by").prefetch_related(
                    Prefetch("status_changes", queryset=EscalationStatusChange.objects.select_related("actor"))
                ),
            ),
        )
        .first()
    )
    if signal is None:
        raise Http404
    return signal


def related_signals(*, user, signal: Signal, limit: int = 20) -> list[dict]:
    """Signals of the own organisation that share the address, the location or the business,
    with why they are related. Already linked ones are marked."""
    match = Q(pk__in=[])
    if signal.postcode and signal.house_number:
        match |= Q(postcode=signal.postcode, house_number__iexact=signal.house_number)
    if signal.location_description.strip():
        match |= Q(location_description__iexact=signal.location_description.strip())
    if signal.business_name.strip():
        match |= Q(business_name__iexact=signal.business_name.strip())
    candidates = list(
        triage_queryset(user=user)
        .filter(match, organisation_id=signal.organisation_id)
        .exclude(pk=signal.pk)
        .only(
            "id",
            "reference",
            "submitted_at",
            "status",
            "postcode",
            "house_number",
            "location_description",
            "business_name",
            "is_urgent",
        )
        .order_by("-submitted_at")[:limit]
    )
    linked = linked_signal_ids(user=user, signal=signal)
    rows = []
    for other in candidates:
        reasons = []
        if (
            signal.postcode
            and other.postcode == signal.postcode
            and other.house_number.lower() == signal.house_number.lower()
        ):
            reasons.append(_("zelfde adres"))
        if (
            signal.location_description.strip()
            and other.location_description.lower() == signal.location_description.strip().lower()
        ):
            reasons.append(_("zelfde locatie"))
        if signal.business_name.strip() and other.business_name.lower() == signal.business_name.strip().lower():
            reasons.append(_("zelfde bedrijf"))
        rows.append({"signal": other, "reasons": reasons, "linked": other.pk in linked})
    return rows


def linked_signal_ids(*, user, signal: Signal) -> set[int]:
    links = (
        policy_for(SignalLink)
        .visible(user)
        .filter(Q(first=signal) | Q(second=signal))
        .values_list("first_id", "second_id")
    )
    return {a if b == signal.pk else b for a, b in links}


def linked_signals(*, user, signal: Signal) -> QuerySet[Signal]:
    return (
        triage_queryset(user=user)
        .filter(pk__in=linked_signal_ids(user=user, signal=signal))
        .only("id", "reference", "status", "submitted_at")
        .order_by("-submitted_at")
    )


def colleagues_who_may_triage(*, signal: Signal) -> QuerySet:
    """Who can be assigned this signal: exactly those the signal's policy lets triage it."""
    return policy_for(Signal).users_for(signal, "triage").order_by("username")


def escalation_for(*, user, signal_pk: int, pk: int) -> Escalation:
    return policy_for(Escalation).get_visible(user, pk=pk, signal_id=signal_pk)


def escalation_partners(*, user) -> QuerySet[Partner]:
    """Partners an escalation can go to: they receive hand-overs, and are not 112, Meld Misdaad
    Anoniem or the municipality's own aandachtsfunctionaris."""
    return handover_partners(user=user).exclude(partner_type__in=NOT_ESCALATION_TYPES).order_by("order", "name")


def awaiting_feedback(*, user) -> QuerySet[Escalation]:
    """Escalations visible to the user that still wait for the partner's feedback: overdue first
    (oldest expected date first), then the rest by expected date, undated last."""
    today = timezone.localdate()
    return (
        policy_for(Escalation)
        .visible(user)
        .filter(status__in=AWAITING_FEEDBACK)
        .annotate(
            is_overdue=Case(
                When(expected_feedback_on__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("signal", "partner", "created_by")
        .only(
            "id",
            "status",
            "shared_on",
            "expected_feedback_on",
            "signal__id",
            "signal__reference",
            "partner__name",
            "created_by__username",
            "created_by__first_name",
            "created_by__last_name",
        )
        .order_by("-is_overdue", F("expected_feedback_on").asc(nulls_last=True), "id")
    )


def overdue_feedback(*, user) -> QuerySet[Escalation]:
    return awaiting_feedback(user=user).filter(expected_feedback_on__lt=timezone.localdate())


DASHBOARD_WAITING_ADDITIONS = 5


def triage_dashboard(*, user) -> dict | None:
    """The aandachtsfunctionaris's start page: counts that each open a filtered list, in a
    constant number of queries (one aggregate over the signals, one count of escalations, one
    short list of signals with news from the reporter). None for who may not triage."""
    if not policy_for(Signal).user_may(user, "triage"):
        return None
    today = timezone.localdate()
    open_signal = ~Q(status=SignalStatus.CLOSED)
    counts = triage_queryset(user=user).aggregate(
        new=Count("id", filter=Q(status=SignalStatus.NEW)),
        overdue=Count("id", filter=Q(status=SignalStatus.NEW, triage_due_on__lt=today)),
        mine=Count("id", filter=open_signal & Q(assigned_to_id=user.pk)),
        urgent=Count("id", filter=open_signal & Q(is_urgent=True)),
        additions=Count("id", filter=Q(addition_waiting=True)),
    )
    counts["feedback_overdue"] = overdue_feedback(user=user).count()
    waiting = list(
        triage_queryset(user=user)
        .filter(addition_waiting=True)
        .only("id", "reference", "submitted_at")
        .order_by("-submitted_at", "-id")[:DASHBOARD_WAITING_ADDITIONS]
    )
    return {"counts": counts, "waiting_additions": waiting}


# --- read by the care app (a dependency declared in pyproject.toml) --------------------------


def care_handovers() -> QuerySet[Escalation]:
    """Hand-overs of signals to zorgcoördinatie that did not fail: the aanmeldingen of the care
    app. Not scoped to a user: care.policies applies care's own access rule to them."""
    return Escalation.objects.filter(partner__partner_type=PartnerType.CARE_COORDINATOR).exclude(
        status=EscalationStatus.FAILED
    )


def handover_shared_values(escalation: Escalation) -> list[tuple[str, str]]:
    """Exactly the fields the aandachtsfunctionaris chose to share, as (label, value)."""
    return shared_values(escalation)
