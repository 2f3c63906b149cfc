"""Reads of Beleid & regie, through the access policies; each takes the acting user.

These apps reach no signal, care case or enforcement case: figures from case data come only
from the suppressed aggregates of the reporting app (issue 15), which is not built yet. Where
the assessment shows figures beside a block, policy/evidence.py reads them as counts.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from baken.core.access import policy_for
from baken.core.models import Organisation
from baken.policy.catalogue.loader import Block, kader
from baken.policy.models import (
    ActionPlan,
    ActionStatus,
    ActionStatusChange,
    AssessmentItem,
    AssessmentSnapshot,
    BlockStatus,
    KaderAssessment,
    LocalKaderBlock,
    LocalKaderBlockRevision,
    PlanAction,
    PlanGoal,
    RiskFormRow,
    RiskLevel,
    RiskPicture,
)


def assessments(*, user) -> QuerySet[KaderAssessment]:
    """Every self-assessment the user sees, of municipalities and of their region."""
    return policy_for(KaderAssessment).visible(user).select_related("organisation", "region").order_by("-year", "-id")


def municipal_assessments(*, user) -> QuerySet[KaderAssessment]:
    """The self-assessments of municipalities the user sees (their own; a regional account: the region's)."""
    return assessments(user=user).filter(organisation__isnull=False)


def region_assessments(*, user) -> QuerySet[KaderAssessment]:
    """The self-assessments of the user's region itself (read-only for a municipal beleidsmaker)."""
    return assessments(user=user).filter(region__isnull=False)


def assessment_for(*, user, pk: int, action: str = "view") -> KaderAssessment:
    return policy_for(KaderAssessment).get_for(user, action, pk=pk)


def item_for(*, user, pk: int, action: str = "view") -> AssessmentItem:
    """An item follows its assessment's policy."""
    rows = AssessmentItem.objects.filter(assessment__in=policy_for(KaderAssessment).rows_for(user, action))
    try:
        return rows.select_related("assessment__organisation", "assessment__region").get(pk=pk)
    except AssessmentItem.DoesNotExist as exc:
        raise Http404 from exc


@dataclass
class ThemeSection:
    code: str
    label: str
    items: list = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return Counter(item.status or "open" for item in self.items)


def assessment_sections(assessment: KaderAssessment) -> list[ThemeSection]:
    """The items per theme, in catalogue order, each with the action made from it (if any)."""
    catalogue = kader()
    sections = {theme.code: ThemeSection(theme.code, catalogue.theme_label(theme.code)) for theme in catalogue.themes}
    items = assessment.items.prefetch_related(Prefetch("actions", queryset=PlanAction.objects.select_related("plan")))
    for item in items.order_by("order", "id"):
        sections.setdefault(item.theme, ThemeSection(item.theme, item.theme)).items.append(item)
    return [section for section in sections.values() if section.items]


def status_summary(assessment: KaderAssessment) -> dict[str, int]:
    rows = assessment.items.values("status").annotate(n=Count("id"))
    return {row["status"] or "open": row["n"] for row in rows}


def snapshots(assessment: KaderAssessment) -> QuerySet[AssessmentSnapshot]:
    return assessment.snapshots.order_by("number")


@dataclass(frozen=True)
class Difference:
    code: str
    label: str
    before: str
    after: str


def compare(first: list[dict], second: list[dict]) -> list[Difference]:
    """The blocks whose status differs between two frozen versions (or a version and now)."""
    labels = dict(BlockStatus.choices)
    before = {row["code"]: row for row in first}
    result = []
    for row in second:
        old = before.get(row["code"], {}).get("status", "")
        if old != row["status"]:
            result.append(
                Difference(row["code"], row["label"], str(labels.get(old, "—")), str(labels.get(row["status"], "—")))
            )
    return result


# --- the action plan ---------------------------------------------------------------------------


def plans(*, user) -> QuerySet[ActionPlan]:
    return (
        policy_for(ActionPlan)
        .visible(user)
        .select_related("organisation")
        .annotate(action_count=Count("actions"))
        .order_by("-first_year", "-id")
    )


def plan_for(*, user, pk: int, action: str = "view") -> ActionPlan:
    return policy_for(ActionPlan).get_for(user, action, pk=pk)


def plan_actions(*, user, plan: ActionPlan) -> QuerySet[PlanAction]:
    return policy_for(PlanAction).visible(user).filter(plan=plan).order_by("number")


def plan_goals(*, user, plan: ActionPlan) -> QuerySet[PlanGoal]:
    return policy_for(PlanGoal).visible(user).filter(plan=plan).order_by("number")


def goal_for(*, user, pk: int, action: str = "view") -> PlanGoal:
    return policy_for(PlanGoal)._get(policy_for(PlanGoal).rows_for(user, action).select_related("plan"), {"pk": pk})


@dataclass
class GoalSection:
    """A goal with its actions; `goal` None holds the actions that belong to no goal."""

    goal: PlanGoal | None
    actions: list = field(default_factory=list)


def plan_sections(goals, actions) -> list[GoalSection]:
    """The plan's actions grouped under their goals, in goal order; the actions without a goal
    last (only when there are any)."""
    sections = {goal.pk: GoalSection(goal) for goal in goals}
    loose = GoalSection(None)
    for action in actions:
        sections.get(action.goal_id, loose).actions.append(action)
    return [*sections.values(), *([loose] if loose.actions else [])]


def action_for(*, user, pk: int, action: str = "view") -> PlanAction:
    return policy_for(PlanAction)._get(
        policy_for(PlanAction).rows_for(user, action).select_related("plan", "source_item"), {"pk": pk}
    )


def action_status_counts(actions) -> list[tuple[str, int]]:
    """(status label, number of actions) for the statuses that occur, in workflow order."""
    counts = Counter(action.status for action in actions)
    return [(label, counts[code]) for code, label in ActionStatus.choices if counts[code]]


# --- the regional view -------------------------------------------------------------------------


@dataclass
class MunicipalityRow:
    organisation: Organisation
    assessment_year: int | None = None
    blocks: dict = field(default_factory=dict)
    actions: dict = field(default_factory=dict)

    @property
    def block_cells(self) -> list[int]:
        """Blocks per status, in the order of BlockStatus, then those not yet assessed."""
        return [self.blocks.get(code, 0) for code in [*BlockStatus.values, "open"]]

    @property
    def action_cells(self) -> list[tuple[str, int]]:
        return [(label, self.actions[code]) for code, label in ActionStatus.choices if self.actions.get(code)]


def regional_overview(*, user) -> list[MunicipalityRow]:
    """Per municipality the user sees (a regional account: the region's), the latest
    self-assessment's block statuses and the actions by status. State of the approach only."""
    rows = {org.pk: MunicipalityRow(org) for org in policy_for(Organisation).visible(user).order_by("name")}
    latest: dict[int, int] = {}
    for assessment in municipal_assessments(user=user):
        latest.setdefault(assessment.organisation_id, assessment.pk)
    counts = (
        AssessmentItem.objects.filter(assessment_id__in=latest.values())
        .values("assessment__organisation_id", "assessment__year", "status")
        .annotate(n=Count("id"))
    )
    for count in counts:
        row = rows.get(count["assessment__organisation_id"])
        if row is not None:
            row.assessment_year = count["assessment__year"]
            row.blocks[count["status"] or "open"] = count["n"]
    actions = defaultdict(Counter)
    visible_actions = policy_for(PlanAction).visible(user).values("organisation_id", "status").annotate(n=Count("id"))
    for count in visible_actions:
        actions[count["organisation_id"]][count["status"]] += count["n"]
    for organisation_id, counter in actions.items():
        if organisation_id in rows:
            rows[organisation_id].actions = dict(counter)
    return list(rows.values())


def block_statuses(
    *, user, organisation_id: int, limit: int = 2, until_year: int | None = None
) -> list[tuple[int, dict[str, int]]]:
    """The municipality's latest self-assessments that the user may see (of `until_year` or
    before, when given), newest first: (year, blocks per status, "open" for blocks not assessed yet)."""
    rows = assessments(user=user).filter(organisation_id=organisation_id)
    if until_year is not None:
        rows = rows.filter(year__lte=until_year)
    latest = list(rows[:limit])
    counts: dict[int, Counter] = defaultdict(Counter)
    rows = AssessmentItem.objects.filter(assessment__in=latest).values("assessment_id", "status")
    for row in rows.annotate(n=Count("id")):
        counts[row["assessment_id"]][row["status"] or "open"] += row["n"]
    return [(assessment.year, dict(counts[assessment.pk])) for assessment in latest]


def action_statuses_on(*, user, organisation_id: int, day: dt.date) -> dict[str, int]:
    """The municipality's plan actions that the user may see, per status as it stood at the end
    of `day` (from each action's status history); actions made later are not counted."""
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    history = ActionStatusChange.objects.order_by("changed_at", "id")
    actions = (
        policy_for(PlanAction)
        .visible(user)
        .filter(organisation_id=organisation_id, created_at__lt=end)
        .prefetch_related(Prefetch("status_changes", queryset=history, to_attr="history"))
    )
    counts: Counter = Counter()
    for action in actions:
        before = [change for change in action.history if change.changed_at < end]
        if before:
            counts[before[-1].to_status] += 1
        else:
            # Not changed by then: the status it was made with (where its first change started),
            # or the present one when it never changed.
            counts[action.history[0].from_status if action.history else action.status] += 1
    return dict(counts)


ACTION_STATUSES = ActionStatus.choices
BLOCK_STATUSES = BlockStatus.choices


# --- the local risk picture ----------------------------------------------------------------------


def risk_pictures(*, user) -> QuerySet[RiskPicture]:
    return policy_for(RiskPicture).visible(user).select_related("organisation").order_by("-year", "-id")


def risk_picture_for(*, user, pk: int, action: str = "view") -> RiskPicture:
    return policy_for(RiskPicture).get_for(user, action, pk=pk)


def risk_rows(*, user, picture: RiskPicture) -> QuerySet[RiskFormRow]:
    return (
        policy_for(RiskFormRow)
        .visible(user)
        .filter(picture=picture)
        .select_related("form")
        .order_by("form__order", "form__code")
    )


@dataclass(frozen=True)
class RiskSummary:
    rows: list
    #: (label, number of forms) per assessment level.
    level_counts: list[tuple[str, int]]
    #: Forms not assessed yet.
    open_count: int


def risk_summary(*, user, picture: RiskPicture) -> RiskSummary:
    """A risk picture's rows with the number of forms per assessment level, for its page and
    its PDF."""
    rows = list(risk_rows(user=user, picture=picture))
    counts = {code: sum(1 for row in rows if row.level == code) for code in RiskLevel.values}
    return RiskSummary(
        rows=rows,
        level_counts=[(label, counts[code]) for code, label in RiskLevel.choices],
        open_count=sum(1 for row in rows if not row.level),
    )


def risk_row_for(*, user, pk: int, action: str = "view") -> RiskFormRow:
    return policy_for(RiskFormRow)._get(
        policy_for(RiskFormRow).rows_for(user, action).select_related("picture", "form"), {"pk": pk}
    )


# --- the municipality's own version of the Kader catalogue ---------------------------------------


def _own_block(local: LocalKaderBlock) -> Block:
    return Block(
        code=local.code,
        theme=local.theme,
        plateau=local.plateau,
        label=local.label,
        ibp_511=False,
        to_verify=False,
    )


def _own_in_order(rows) -> list[LocalKaderBlock]:
    """The municipality's own blocks among `rows`, by number (L2 before L10)."""
    return sorted((row for row in rows if row.is_own), key=lambda row: (len(row.code), row.code))


def catalogue_blocks(*, user) -> list[Block]:
    """The blocks a new self-assessment by `user` copies: the national catalogue with the
    municipality's adjusted texts in use, and its own blocks after the national ones of their
    theme. A regional account sees no municipality's blocks: the national catalogue."""
    local = {row.code: row for row in policy_for(LocalKaderBlock).visible(user).filter(is_active=True)}
    own = _own_in_order(local.values())
    blocks: list[Block] = []
    national = kader().blocks
    for index, block in enumerate(national):
        adjusted = local.get(block.code)
        blocks.append(replace(block, label=adjusted.label) if adjusted else block)
        if index + 1 == len(national) or national[index + 1].theme != block.theme:
            blocks.extend(_own_block(row) for row in own if row.theme == block.theme)
    return blocks


@dataclass(frozen=True)
class CatalogueLine:
    """One block on the catalogue page: the national text, and the municipality's own row."""

    code: str
    national: Block | None
    local: LocalKaderBlock | None

    @property
    def label(self) -> str:
        if self.local is not None and self.local.is_active:
            return self.local.label
        return self.national.label if self.national else self.local.label


def local_catalogue(*, user) -> list[tuple[str, list[CatalogueLine]]]:
    """Per theme the national blocks beside their local text, then the municipality's own blocks
    (withdrawn ones too, marked), for the beleidsmaker and the functioneel beheerder."""
    catalogue = kader()
    rows = {row.code: row for row in policy_for(LocalKaderBlock).visible(user)}
    own = _own_in_order(rows.values())
    sections = []
    for theme in catalogue.themes:
        lines = [
            CatalogueLine(block.code, block, rows.get(block.code))
            for block in catalogue.blocks
            if block.theme == theme.code
        ]
        lines += [CatalogueLine(row.code, None, row) for row in own if row.theme == theme.code]
        sections.append((catalogue.theme_label(theme.code), lines))
    return sections


def local_block_for(*, user, pk: int, action: str = "view") -> LocalKaderBlock:
    return policy_for(LocalKaderBlock).get_for(user, action, pk=pk)


def local_block_revisions(*, user, block: LocalKaderBlock) -> QuerySet[LocalKaderBlockRevision]:
    return (
        policy_for(LocalKaderBlockRevision)
        .visible(user)
        .filter(block=block)
        .select_related("changed_by")
        .order_by("-revision")
    )
