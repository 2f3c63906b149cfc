"""Reads of Preventie, through the access policy; each takes the acting user."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, QuerySet, Sum

from baken.core.access import policy_for
from baken.prevention.models import SCHOOL_YEAR_START_MONTH, ActivityStatus, PreventionActivity


def school_year_bounds(first_year: int) -> tuple[dt.date, dt.date]:
    return dt.date(first_year, SCHOOL_YEAR_START_MONTH, 1), dt.date(first_year + 1, SCHOOL_YEAR_START_MONTH, 1)


def activities(*, user, status: str = "", school_year: int | None = None) -> QuerySet[PreventionActivity]:
    rows = policy_for(PreventionActivity).visible(user).select_related("provider")
    if status:
        rows = rows.filter(status=status)
    if school_year is not None:
        start, end = school_year_bounds(school_year)
        rows = rows.filter(starts_on__gte=start, starts_on__lt=end)
    return rows.order_by("-starts_on", "-id")


def activity_for(*, user, pk: int, action: str = "view") -> PreventionActivity:
    rows = policy_for(PreventionActivity).rows_for(user, action).select_related("provider")
    return policy_for(PreventionActivity)._get(rows.prefetch_related("forms", "status_changes__actor"), {"pk": pk})


def school_years(*, user) -> list[int]:
    """The school years (first calendar year) in which the user's municipality has activities."""
    dates = policy_for(PreventionActivity).visible(user).dates("starts_on", "month")
    return sorted({day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1 for day in dates}, reverse=True)


def calendar(*, user, school_year: int) -> list[tuple[dt.date, list[PreventionActivity]]]:
    """The activities of one school year by month, August first: so that prevention is planned
    for the whole year, not incidentally."""
    by_month: dict[dt.date, list[PreventionActivity]] = defaultdict(list)
    for activity in activities(user=user, school_year=school_year).order_by("starts_on", "id"):
        by_month[activity.starts_on.replace(day=1)].append(activity)
    start, _end = school_year_bounds(school_year)
    months = [dt.date(start.year + (start.month + i - 1) // 12, (start.month + i - 1) % 12 + 1, 1) for i in range(12)]
    return [(month, by_month.get(month, [])) for month in months]


def reach_by_target_group(*, user, school_year: int) -> list[tuple[str, int, int]]:
    """(target group code, activities held, participants reached) of one school year. A count
    over the municipality's own activities; no person is in it."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    held = activities(user=user, school_year=school_year).filter(
        status__in=(ActivityStatus.DONE, ActivityStatus.EVALUATED)
    )
    for groups, reach in held.values_list("target_groups", "reach"):
        for group in groups:
            totals[group][0] += 1
            totals[group][1] += reach or 0
    return sorted(((code, count, people) for code, (count, people) in totals.items()), key=lambda row: row[0])


def status_counts(*, user) -> dict[str, int]:
    rows = policy_for(PreventionActivity).visible(user).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def total_reach(*, user, school_year: int) -> int:
    return activities(user=user, school_year=school_year).aggregate(total=Sum("reach"))["total"] or 0
