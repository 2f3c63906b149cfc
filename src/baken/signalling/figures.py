"""Selectors for figures: counts of signals, never the signals themselves.

The reporting app reads signalling only through these functions. They take either the rows a
user may already see (an aandachtsfunctionaris's own queue: the counts may be shown in full) or an
organisation (its counts go to roles that may not see the rows, and reporting suppresses them).
Merged duplicates are not counted: they live on in the signal they were merged into.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from baken.signalling.models import ExploitationForm, Signal, SignalOutcome, SignalStatus


@dataclass(frozen=True)
class SignalCounts:
    total: int
    by_month: dict[dt.date, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_form: dict[str, int] = field(default_factory=dict)
    form_unknown: int = 0
    urgent: int = 0
    #: Closed signals (of those reported in the period) by outcome code.
    by_outcome: dict[str, int] = field(default_factory=dict)
    #: Per signal picked up: (hours from report to pick-up, picked up by the deadline).
    pick_ups: tuple[tuple[float, bool], ...] = ()
    #: Per closed signal: days from report to closure.
    closures: tuple[float, ...] = ()


def signal_counts(rows: QuerySet[Signal], *, start: dt.date, end: dt.date) -> SignalCounts:
    """Counts of `rows` reported from `start` up to and including `end` (local dates), in a
    constant number of queries."""
    rows = rows.filter(submitted_at__date__gte=start, submitted_at__date__lte=end).exclude(outcome=SignalOutcome.MERGED)
    by_month: Counter = Counter()
    for month, n in rows.annotate(month=TruncMonth("submitted_at")).values_list("month").annotate(n=Count("pk")):
        by_month[month.date() if isinstance(month, dt.datetime) else month] += n
    by_channel = dict(rows.values_list("channel").annotate(n=Count("pk")).order_by())
    by_form = dict(rows.filter(forms__isnull=False).values_list("forms__code").annotate(n=Count("pk")).order_by())
    picked_up, closed = _lead_times(rows)
    return SignalCounts(
        total=rows.count(),
        by_month=dict(by_month),
        by_channel=by_channel,
        by_form=by_form,
        form_unknown=rows.filter(forms__isnull=True).count(),
        urgent=rows.filter(is_urgent=True).count(),
        by_outcome=dict(
            rows.filter(status=SignalStatus.CLOSED)
            .exclude(outcome="")
            .values_list("outcome")
            .annotate(n=Count("pk"))
            .order_by()
        ),
        pick_ups=picked_up,
        closures=closed,
    )


def _lead_times(rows: QuerySet[Signal]) -> tuple[tuple[tuple[float, bool], ...], tuple[float, ...]]:
    """From the status history: when each signal left 'nieuw' and when it was closed."""
    timed = rows.annotate(
        picked_up_at=Min("status_changes__changed_at", filter=Q(status_changes__from_status=SignalStatus.NEW)),
        closed_at=Max("status_changes__changed_at", filter=Q(status_changes__to_status=SignalStatus.CLOSED)),
    ).values_list("submitted_at", "triage_due_on", "picked_up_at", "closed_at")
    pick_ups, closures = [], []
    for submitted, due, picked_up_at, closed_at in timed:
        if picked_up_at is not None:
            on_time = due is None or timezone.localtime(picked_up_at).date() <= due
            pick_ups.append((max((picked_up_at - submitted).total_seconds(), 0) / 3600, on_time))
        if closed_at is not None:
            closures.append(max((closed_at - submitted).total_seconds(), 0) / 86400)
    return tuple(pick_ups), tuple(closures)


def organisation_signal_counts(organisation_id: int, *, start: dt.date, end: dt.date) -> SignalCounts:
    """Counts of every signal of one municipality, for figures that are suppressed before anyone
    who may not see the rows reads them."""
    return signal_counts(Signal.objects.filter(organisation_id=organisation_id), start=start, end=end)


def exploitation_forms() -> list[tuple[str, str]]:
    """(code, label) of the forms of exploitation, in their catalogue order."""
    return list(ExploitationForm.objects.order_by("order", "code").values_list("code", "label"))


def signal_totals_per_organisation(
    organisation_ids: list[int], *, start: dt.date, end: dt.date
) -> dict[int, tuple[int, int]]:
    """(signals, urgent signals) per organisation reported from `start` to `end`, in one query;
    for figures that reporting suppresses before anyone reads them."""
    rows = (
        Signal.objects.filter(
            organisation_id__in=organisation_ids, submitted_at__date__gte=start, submitted_at__date__lte=end
        )
        .exclude(outcome=SignalOutcome.MERGED)
        .values_list("organisation_id")
        .annotate(n=Count("pk"), urgent=Count("pk", filter=Q(is_urgent=True)))
        .order_by()
    )
    return {organisation_id: (n, urgent) for organisation_id, n, urgent in rows}


def signals_at_address_count(*, since) -> Subquery:
    """For a queryset of locations (with organisation_id, postcode and house_number): how many
    signals were reported at that address of the same municipality since `since`. A count only,
    never a signal's contents; for the enforcement app's risk planning."""
    signals = (
        Signal.objects.filter(
            organisation_id=OuterRef("organisation_id"),
            postcode=OuterRef("postcode"),
            house_number__iexact=OuterRef("house_number"),
            submitted_at__gte=since,
        )
        .order_by()
        .values("organisation_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(signals[:1])
