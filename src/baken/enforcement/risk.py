"""Risk-based planning: a priority per location that explains itself. Each factor is shown with
its weight (catalogue/enforcement.toml, [planning]); the score supports a human choice of where
to go and decides nothing."""

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Case, Exists, F, JSONField, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.core.access import policy_for
from baken.enforcement.catalogue.loader import PlanningWeights, catalogue
from baken.enforcement.housing import HOUSING_TYPES, failed_norm_count
from baken.enforcement.models import (
    CaseStatus,
    EnforcementCase,
    Inspection,
    InspectionStatus,
    Licence,
    Location,
    ObjectType,
)
from baken.signalling.figures import signals_at_address_count


@dataclass(frozen=True)
class Factor:
    label: str
    #: What was found, in words ("3 signalen").
    value: str
    #: The weight as configured, in words ("10 per signaal, ten hoogste 5").
    weight: str
    points: int


@dataclass(frozen=True)
class Priority:
    location: Location
    score: int
    factors: tuple[Factor, ...]


def _locations(user, today: dt.date, weights: PlanningWeights):
    since = timezone.now() - dt.timedelta(days=round(weights.signal_months * 30.44))
    inspections = policy_for(Inspection).rows_for(user, "view")
    cases = policy_for(EnforcementCase).rows_for(user, "view")
    return (
        policy_for(Location)
        .rows_for(user, "view")
        .annotate(
            recent_signals=Coalesce(signals_at_address_count(since=since), 0),
            # The local day, from the database: a date per row, not a moment to convert.
            last_inspected=TruncDate(
                Subquery(
                    inspections.filter(case__location=OuterRef("pk"), status=InspectionStatus.DONE)
                    .order_by()
                    .values("case__location")
                    .annotate(last=Max("performed_at"))
                    .values("last")[:1]
                )
            ),
            licence_expiring=Exists(
                Licence.objects.filter(
                    location=OuterRef("pk"),
                    valid_until__lte=today + dt.timedelta(days=weights.licence_warn_days),
                )
            ),
            partner_request=Exists(
                cases.filter(location=OuterRef("pk"), reason__in=weights.partner_reasons).filter(
                    ~Q(status=CaseStatus.CLOSED)
                )
            ),
        )
        .order_by("id")
    )


def _months(day: dt.date | None, today: dt.date) -> int | None:
    if day is None:
        return None
    return (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)


@dataclass(frozen=True)
class _Measures:
    """What counts for one location, as numbers: enough to rank without the words."""

    months: int | None
    failed_norms: int
    type_points: int
    points: tuple[int, ...]


def _measure(location: Location, today: dt.date, weights: PlanningWeights) -> _Measures:
    signals = min(location.recent_signals, weights.max_signals)
    months = _months(location.last_inspected, today)
    counted_months = weights.max_months_uninspected if months is None else min(months, weights.max_months_uninspected)
    failed = failed_norm_count(location)
    type_points = weights.object_types.get(location.object_type, 0)
    points = (
        signals * weights.per_signal,
        type_points,
        counted_months * weights.per_month_uninspected,
        failed * weights.per_failed_norm,
        weights.licence_expiring if location.licence_expiring else 0,
        weights.partner_request if location.partner_request else 0,
    )
    return _Measures(months, failed, type_points, points)


def priority(location: Location, today: dt.date, weights: PlanningWeights) -> Priority:
    """The score of one annotated location (see `_locations`) with each factor explained."""
    measures = _measure(location, today, weights)
    months = measures.months
    labels = (
        (
            _("Signalen op dit adres (laatste %(months)s maanden)") % {"months": weights.signal_months},
            str(location.recent_signals),
            _("%(points)s per melding, ten hoogste %(max)s")
            % {"points": weights.per_signal, "max": weights.max_signals},
        ),
        (
            _("Soort object"),
            ObjectType(location.object_type).label,
            _("%(points)s voor dit soort object") % {"points": measures.type_points},
        ),
        (
            _("Tijd sinds de laatste controle"),
            _("nooit gecontroleerd") if months is None else _("%(months)s maanden") % {"months": months},
            _("%(points)s per maand, ten hoogste %(max)s maanden")
            % {"points": weights.per_month_uninspected, "max": weights.max_months_uninspected},
        ),
        (
            _("SNF-normen niet gehaald"),
            str(measures.failed_norms),
            _("%(points)s per norm") % {"points": weights.per_failed_norm},
        ),
        (
            _("Vergunning verlopen of verloopt binnen %(days)s dagen") % {"days": weights.licence_warn_days},
            _("ja") if location.licence_expiring else _("nee"),
            str(weights.licence_expiring),
        ),
        (
            _("Verzoek van een partner"),
            _("ja") if location.partner_request else _("nee"),
            str(weights.partner_request),
        ),
    )
    factors = tuple(
        Factor(label, value, weight, points)
        for (label, value, weight), points in zip(labels, measures.points, strict=True)
    )
    return Priority(location, sum(measures.points), factors)


#: What ranking reads of a location (the norm checks' inputs and the object type) beside the
#: annotations of `_locations`: no names, addresses or timestamps are loaded for 20,000 rows.
RANK_FIELDS = (
    "id",
    "object_type",
    "housing_norm",
    "floor_area",
    "bedroom_areas",
    "toilets",
    "showers",
    "registered_residents",
    "observed_residents",
    "recent_signals",
    "last_inspected",
    "licence_expiring",
    "partner_request",
)


@dataclass(frozen=True)
class Ranked:
    """A location's id and score, without the explanation: what the whole list is sorted by."""

    location_id: int
    score: int


def ranked(*, user, today: dt.date | None = None) -> list[Ranked]:
    """The locations this user may see, highest priority first (ties: oldest registration).
    Only numbers: a page explains its own rows with `explained`, so a register of 20,000
    locations is not loaded as models and put into words on every request."""
    today = today or timezone.localdate()
    weights = catalogue().planning
    # The bedroom areas (JSON) only where the norms read them: not decoded for 20,000 rows.
    bedrooms = Case(
        When(object_type__in=HOUSING_TYPES, then=F("bedroom_areas")), default=Value(None), output_field=JSONField()
    )
    fields = [field for field in RANK_FIELDS if field != "bedroom_areas"]
    rows = []
    for row in _locations(user, today, weights).values(*fields, housing_bedroom_areas=bedrooms):
        row["bedroom_areas"] = row.pop("housing_bedroom_areas")
        rows.append(Ranked(row["id"], sum(_measure(SimpleNamespace(**row), today, weights).points)))
    rows.sort(key=lambda row: -row.score)
    return rows


def explained(rows, *, user, today: dt.date | None = None) -> list[Priority]:
    """The ranked rows, in their order, each with its location and every factor in words (a page
    of them, or all for the export); read again through the policy, in one query."""
    today = today or timezone.localdate()
    weights = catalogue().planning
    rows = list(rows)
    locations = _locations(user, today, weights).in_bulk([row.location_id for row in rows])
    return [priority(locations[row.location_id], today, weights) for row in rows if row.location_id in locations]


def priorities(*, user, today: dt.date | None = None) -> list[Priority]:
    """The locations this user may see, highest priority first, each factor explained."""
    today = today or timezone.localdate()
    return explained(ranked(user=user, today=today), user=user, today=today)
