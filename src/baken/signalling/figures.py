"""Selectors for figures: counts of signals, never the signals themselves.

The reporting app reads signalling only through these functions. They take either the rows a
user may already see (an aandachtsfunctionaris's own queue: the counts may be shown in full) or an
organisation (its counts go to roles that may not see the rows, and reporting suppresses them).
Merged duplicates are not counted: they live on in the signal they were merged into.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek

from baken.core.dates import local_days
from baken.core.db_functions import SecondsBetween
from baken.signalling.models import ExploitationForm, Signal, SignalOutcome, SignalStatus


@dataclass(frozen=True)
class SignalCounts:
    total: int
    by_month: dict[dt.date, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_form: dict[str, int] = field(default_factory=dict)
    form_unknown: int = 0
    urgent: int = 0
    #: Per wijk as the reporter wrote it (free text; "" when left empty).
    by_neighbourhood: dict[str, int] = field(default_factory=dict)
    #: Closed signals (of those reported in the period) by outcome code.
    by_outcome: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SignalLeadTimes:
    #: Per signal picked up: (hours from report to pick-up, picked up by the deadline).
    pick_ups: tuple[tuple[float, bool], ...] = ()
    #: Per closed signal: days from report to closure.
    closures: tuple[float, ...] = ()


def _reported_in(rows: QuerySet[Signal], start: dt.date, end: dt.date) -> QuerySet[Signal]:
    return rows.filter(**local_days("submitted_at", start, end)).exclude(outcome=SignalOutcome.MERGED)


def signal_counts(rows: QuerySet[Signal], *, start: dt.date, end: dt.date) -> SignalCounts:
    """Counts of `rows` reported from `start` up to and including `end` (local dates), in a
    constant number of queries."""
    rows = _reported_in(rows, start, end)
    # One pass per grouping: months (with the urgent ones in each), channels, wijken, forms and
    # outcomes; the total is the sum of the months.
    by_month: Counter = Counter()
    urgent = 0
    for month, n, n_urgent in (
        rows.annotate(month=TruncMonth("submitted_at"))
        .values_list("month")
        .annotate(n=Count("pk"), urgent=Count("pk", filter=Q(is_urgent=True)))
        .order_by()
    ):
        by_month[month.date() if isinstance(month, dt.datetime) else month] += n
        urgent += n_urgent
    by_channel = dict(rows.values_list("channel").annotate(n=Count("pk")).order_by())
    by_neighbourhood = dict(rows.values_list("neighbourhood").annotate(n=Count("pk")).order_by())
    # Per form over a left join: the signals without a form come as None.
    by_form = dict(rows.values_list("forms__code").annotate(n=Count("pk")).order_by())
    form_unknown = by_form.pop(None, 0)
    return SignalCounts(
        total=sum(by_month.values()),
        by_month=dict(by_month),
        by_channel=by_channel,
        by_neighbourhood=by_neighbourhood,
        by_form=by_form,
        form_unknown=form_unknown,
        urgent=urgent,
        by_outcome=dict(
            rows.filter(status=SignalStatus.CLOSED)
            .exclude(outcome="")
            .values_list("outcome")
            .annotate(n=Count("pk"))
            .order_by()
        ),
    )


def signal_lead_times(rows: QuerySet[Signal], *, start: dt.date, end: dt.date) -> SignalLeadTimes:
    """How long each signal of `rows` reported from `start` to `end` waited before it left
    'nieuw' (in hours, and whether that was by its deadline) and before it was closed (in days),
    from the moments the workflow keeps on the signal (picked_up_at, closed_at: copies of the
    status history's). The database computes the durations, so a year of a large municipality
    is read as numbers, from the index alone on PostgreSQL. Apart from the counts: only the
    pages that show lead times read them."""
    timed = (
        _reported_in(rows, start, end)
        .annotate(picked_up_on=TruncDate("picked_up_at"))
        .annotate(
            to_pick_up=SecondsBetween("submitted_at", "picked_up_at"),
            to_close=SecondsBetween("submitted_at", "closed_at"),
            on_time=Case(
                When(triage_due_on__isnull=True, then=Value(True)),
                When(picked_up_on__lte=F("triage_due_on"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .values_list("to_pick_up", "to_close", "on_time")
        .order_by()
    )
    pick_ups, closures = [], []
    for to_pick_up, to_close, on_time in timed:
        if to_pick_up is not None:
            pick_ups.append((max(to_pick_up, 0) / 3600, bool(on_time)))
        if to_close is not None:
            closures.append(max(to_close, 0) / 86400)
    return SignalLeadTimes(tuple(pick_ups), tuple(closures))


def signals_per_week(rows: QuerySet[Signal], *, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    """Signals of `rows` reported from `start` to `end` per week (keyed by the week's Monday, in
    local time), in one query. Only for the roles that may see the rows: weeks nest inside months,
    so suppressing both would need the one table's hidden cells carried into the other."""
    weeks: dict[dt.date, int] = {}
    for week, n in (
        _reported_in(rows, start, end)
        .annotate(week=TruncWeek("submitted_at"))
        .values_list("week")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        day = week.date() if isinstance(week, dt.datetime) else week
        weeks[day] = weeks.get(day, 0) + n
    return weeks


def organisation_signal_counts(organisation_id: int, *, start: dt.date, end: dt.date) -> SignalCounts:
    """Counts of every signal of one municipality, for figures that are suppressed before anyone
    who may not see the rows reads them."""
    return signal_counts(Signal.objects.filter(organisation_id=organisation_id), start=start, end=end)


def organisation_signal_lead_times(organisation_id: int, *, start: dt.date, end: dt.date) -> SignalLeadTimes:
    """Lead times of every signal of one municipality, for figures that reporting withholds over
    too few signals before anyone who may not see the rows reads them."""
    return signal_lead_times(Signal.objects.filter(organisation_id=organisation_id), start=start, end=end)


def exploitation_forms() -> list[tuple[str, str]]:
    """(code, label) of the forms of exploitation, in their catalogue order."""
    return list(ExploitationForm.objects.order_by("order", "code").values_list("code", "label"))


def signal_totals_per_organisation(
    organisation_ids: list[int], *, start: dt.date, end: dt.date
) -> dict[int, tuple[int, int]]:
    """(signals, urgent signals) per organisation reported from `start` to `end`, in one query;
    for figures that reporting suppresses before anyone reads them."""
    rows = (
        Signal.objects.filter(organisation_id__in=organisation_ids, **local_days("submitted_at", start, end))
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
