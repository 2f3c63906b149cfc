"""Reads of Preventie, through the access policy; each takes the acting user."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from baken.core.access import policy_for
from baken.prevention.catalogue.loader import catalogue
from baken.prevention.models import (
    SCHOOL_YEAR_START_MONTH,
    ActivityStatus,
    PreventionActivity,
    PreventionMaterial,
    PreventionMaterialRevision,
    StaffCount,
    Training,
)


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
    rows = policy_for(PreventionActivity).rows_for(user, action).select_related("provider", "material")
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


# --- signalling capacity ---------------------------------------------------------------------

#: A refresher counts as due when its date is within this many days.
REFRESHER_WINDOW_DAYS = 90


@dataclass(frozen=True)
class DepartmentCapacity:
    """One department: staff (entered), participants with a current training, participants
    whose refresher is past or due soon. A participation count: one person trained twice counts
    twice, so the share is capped at 100%."""

    code: str
    label: str
    staff: int | None
    trained: int
    overdue: int
    due_soon: int
    last_trained_on: dt.date | None

    @property
    def share(self) -> int | None:
        """Percentage of staff with a current training; None without a denominator."""
        if not self.staff:
            return None
        return min(100, round(100 * self.trained / self.staff))


def trainings(*, user) -> QuerySet[Training]:
    return policy_for(Training).visible(user).select_related("provider").order_by("-trained_on", "-id")


def staff_counts(*, user) -> dict[str, int]:
    return dict(policy_for(StaffCount).visible(user).values_list("department", "staff"))


def capacity_by_department(*, user, today: dt.date) -> list[DepartmentCapacity]:
    """Per department of the catalogue (and any department with data that a later catalogue
    retired), the share of staff trained and the refreshers due."""
    lists = catalogue()
    staff = staff_counts(user=user)
    trained: dict[str, int] = defaultdict(int)
    overdue: dict[str, int] = defaultdict(int)
    due_soon: dict[str, int] = defaultdict(int)
    last: dict[str, dt.date] = {}
    soon = today + dt.timedelta(days=REFRESHER_WINDOW_DAYS)
    for department, trained_on, refresher_on, participants in trainings(user=user).values_list(
        "department", "trained_on", "refresher_on", "participants"
    ):
        last[department] = max(last.get(department, trained_on), trained_on)
        if trained_on > today:
            continue
        if refresher_on is not None and refresher_on <= today:
            overdue[department] += participants
            continue
        trained[department] += participants
        if refresher_on is not None and refresher_on <= soon:
            due_soon[department] += participants
    codes = [code for code, _label in lists.choices("departments")]
    codes += sorted((set(staff) | set(last)) - set(codes))
    return [
        DepartmentCapacity(
            code=code,
            label=lists.label("departments", code),
            staff=staff.get(code),
            trained=trained.get(code, 0),
            overdue=overdue.get(code, 0),
            due_soon=due_soon.get(code, 0),
            last_trained_on=last.get(code),
        )
        for code in codes
    ]


@dataclass(frozen=True)
class CapacitySummary:
    departments_counted: int
    departments_trained: int
    staff: int
    trained: int
    refreshers_overdue: int

    @property
    def share(self) -> int | None:
        return min(100, round(100 * self.trained / self.staff)) if self.staff else None


def capacity_summary(*, user, today: dt.date) -> CapacitySummary:
    """The municipality's signalling capacity in one line, for the Kader theme "signalerend
    vermogen": over the departments whose staff is entered."""
    rows = [row for row in capacity_by_department(user=user, today=today) if row.staff]
    return CapacitySummary(
        departments_counted=len(rows),
        departments_trained=sum(1 for row in rows if row.trained),
        staff=sum(row.staff for row in rows),
        trained=sum(min(row.trained, row.staff) for row in rows),
        refreshers_overdue=sum(row.overdue for row in rows),
    )


# --- the materials library -------------------------------------------------------------------


def _json_list_has(field: str, code: str) -> dict:
    """A lookup for "this JSON list of codes holds `code`" that works on SQLite and PostgreSQL
    alike: the quoted code in the list's JSON text. Codes are plain catalogue codes (checked by
    the filter form), so the quotes cannot be part of one."""
    return {f"{field}__icontains": f'"{code}"'}


def materials(*, user, audience: str = "", language: str = "", form: str = "") -> QuerySet[PreventionMaterial]:
    """The library of the user's municipality, optionally narrowed to one audience, language or form."""
    rows = policy_for(PreventionMaterial).visible(user).select_related("provider")
    if audience:
        rows = rows.filter(**_json_list_has("audiences", audience))
    if language:
        rows = rows.filter(**_json_list_has("languages", language))
    if form:
        rows = rows.filter(form=form)
    return rows.order_by("title", "id")


def material_count(*, user) -> int:
    return policy_for(PreventionMaterial).visible(user).count()


def material_for(*, user, pk: int, action: str = "view") -> PreventionMaterial:
    rows = policy_for(PreventionMaterial).rows_for(user, action).select_related("provider", "updated_by")
    return policy_for(PreventionMaterial)._get(rows, {"pk": pk})


#: The fields of a material's version, with how the history names them.
MATERIAL_FIELD_LABELS = {
    "title": _("titel"),
    "description": _("omschrijving"),
    "audiences": _("doelgroepen"),
    "languages": _("talen"),
    "form": _("vorm"),
    "evidence_level": _("bewijskracht"),
    "provider": _("aanbieder"),
    "url": _("link"),
}


@dataclass(frozen=True)
class MaterialVersion:
    """One version of a material as a reader sees it: the revision, its content in words, and
    which fields it changed compared with the version before."""

    revision: PreventionMaterialRevision
    title: str
    description: str
    audiences: list[str]
    languages: list[str]
    form: str
    evidence_level: str
    provider: str
    url: str
    changed_fields: list[str]


def material_versions(*, user, material: PreventionMaterial) -> list[MaterialVersion]:
    """Every version of a material, newest first, each readable in full and compared with the
    version before it."""
    lists = catalogue()
    revisions = (
        policy_for(PreventionMaterialRevision)
        .visible(user)
        .filter(material=material)
        .select_related("changed_by")
        .order_by("revision")
    )
    versions, previous = [], None
    for revision in revisions:
        content = revision.content
        changed = (
            [str(label) for name, label in MATERIAL_FIELD_LABELS.items() if previous.get(name) != content.get(name)]
            if previous is not None
            else []
        )
        versions.append(
            MaterialVersion(
                revision=revision,
                title=content.get("title", ""),
                description=content.get("description", ""),
                audiences=[lists.label("target_groups", code) for code in content.get("audiences", [])],
                languages=[lists.label("languages", code) for code in content.get("languages", [])],
                form=lists.label("material_forms", content.get("form", "")),
                evidence_level=lists.label("evidence_levels", content.get("evidence_level", "")),
                provider=content.get("provider", ""),
                url=content.get("url", ""),
                changed_fields=changed,
            )
        )
        previous = content
    return list(reversed(versions))
