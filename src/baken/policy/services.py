"""Writes of Beleid & regie. Every function checks the access policy (NotPermitted otherwise),
owns the rules (ValidationError with Dutch messages), saves in one transaction and writes the
audit log; an action's status moves only through the workflow engine."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.accounts.models import User
from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, Organisation
from baken.core.services import audit_record
from baken.core.versioning import RevisionAction, append_revision, require_base_revision
from baken.policy.catalogue.loader import Block, kader
from baken.policy.models import (
    LOCAL_BLOCK_PREFIX,
    ActionPlan,
    ActionProgressNote,
    ActionStatus,
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
from baken.policy.selectors import catalogue_blocks
from baken.policy.workflow import ACTION_WORKFLOW
from baken.signalling.models import ExploitationForm

MIN_YEAR, MAX_YEAR = 2015, 2100


def _require_change(actor: User, model, row=None) -> None:
    policy = policy_for(model)
    if not policy.user_may(actor, "change") or (row is not None and not policy.allows(actor, "change", row)):
        raise NotPermitted


def _save_changes(actor: User, row, cleaned: dict, *, also: tuple[str, ...] = ()) -> None:
    """Write the cleaned values to a locked row and audit the names of those that changed;
    nothing at all (no write, no audit line) when none did."""
    changed = sorted(name for name, value in cleaned.items() if getattr(row, name) != value)
    if not changed:
        return
    for name, value in cleaned.items():
        setattr(row, name, value)
    row.save(update_fields=[*cleaned, *also])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=row, reason=", ".join(changed)[:200])


def _check_year(year, field: str) -> None:
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({field: _("Vul een jaar in tussen %(a)s en %(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR}})


# --- the self-assessment ------------------------------------------------------------------------


def _assessment_owner(actor: User) -> dict[str, int]:
    """Who owns the assessment the actor starts: their municipality, or (a regional account) their region."""
    if actor.organisation_id:
        return {"organisation_id": actor.organisation_id}
    return {"region_id": actor.region_id}


def assessment_audit_scope(assessment: KaderAssessment) -> dict:
    """Audit rows of an assessment (and its items) are filed under its owner: the municipality,
    or the region for a regional one, whoever acts."""
    return {"organisation": assessment.organisation, "region": assessment.region}


@transaction.atomic(durable=True)
def assessment_create(*, actor: User, year: int | None) -> KaderAssessment:
    """Start the self-assessment of a year: one item per building block of the current catalogue."""
    _require_change(actor, KaderAssessment)
    _check_year(year, "year")
    owner = _assessment_owner(actor)
    if KaderAssessment.objects.filter(**owner, year=year).exists():
        raise ValidationError({"year": _("Er is al een zelfevaluatie voor %(year)s.") % {"year": year}})
    catalogue = kader()
    blocks = catalogue_blocks(user=actor)
    assessment = KaderAssessment.objects.create(
        **owner, year=year, catalogue_version=catalogue.version, created_by=actor
    )
    AssessmentItem.objects.bulk_create(
        AssessmentItem(
            assessment=assessment,
            block_code=block.code,
            theme=block.theme,
            plateau=block.plateau,
            label=block.label,
            ibp_511=block.ibp_511,
            to_verify=block.to_verify,
            order=index,
        )
        for index, block in enumerate(blocks)
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=assessment,
        **assessment_audit_scope(assessment),
        reason=f"Kader {year} ({catalogue.version})",
    )
    return assessment


ITEM_FIELDS = ("status", "evidence", "evidence_date", "owner", "target_date", "remarks")


@transaction.atomic(durable=True)
def assessment_item_update(*, actor: User, item: AssessmentItem, values: dict) -> AssessmentItem:
    """Record the status of one building block, with its evidence, owner and target date."""
    _require_change(actor, KaderAssessment, item.assessment)
    item = AssessmentItem.objects.select_for_update().get(pk=item.pk)
    values = {name: values.get(name) for name in ITEM_FIELDS}
    for name in ("evidence", "owner", "remarks"):
        values[name] = (values[name] or "").strip()
    values["status"] = values["status"] or ""
    errors: dict[str, str] = {}
    if values["status"] not in BlockStatus.values:
        errors["status"] = _("Kies niet, gedeeltelijk, volledig of n.v.t.")
    if values["status"] in (BlockStatus.PARTLY, BlockStatus.FULLY) and not values["evidence"]:
        errors["evidence"] = _("Noem het document of besluit waaruit dit blijkt.")
    if values["evidence_date"] and values["evidence_date"] > timezone.localdate():
        errors["evidence_date"] = _("De datum van het document ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    before = item.status
    for name, value in values.items():
        setattr(item, name, value)
    item.updated_at = timezone.now()
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=item,
        **assessment_audit_scope(item.assessment),
        reason=f"{item.block_code}: {before or '-'} → {item.status}",
    )
    return item


def snapshot_content(assessment: KaderAssessment) -> list[dict]:
    return [
        {
            "code": item.block_code,
            "theme": item.theme,
            "plateau": item.plateau,
            "label": item.label,
            "status": item.status,
            "evidence": item.evidence,
            "evidence_date": item.evidence_date.isoformat() if item.evidence_date else "",
            "owner": item.owner,
            "target_date": item.target_date.isoformat() if item.target_date else "",
        }
        for item in assessment.items.order_by("order", "id")
    ]


@transaction.atomic(durable=True)
def assessment_adopt(
    *, actor: User, assessment: KaderAssessment, adopted_by: str, adopted_on: dt.date | None
) -> AssessmentSnapshot:
    """ "Vaststellen": freeze the assessment as it stands now. Every block needs a status first."""
    _require_change(actor, KaderAssessment, assessment)
    assessment = KaderAssessment.objects.select_for_update().get(pk=assessment.pk)
    errors: dict[str, str] = {}
    if not adopted_by.strip():
        errors["adopted_by"] = _("Vul in wie de zelfevaluatie vaststelt (bijvoorbeeld het college).")
    if adopted_on is None:
        errors["adopted_on"] = _("Vul de datum van vaststelling in.")
    elif adopted_on > timezone.localdate():
        errors["adopted_on"] = _("De datum van vaststelling ligt in de toekomst.")
    open_items = assessment.items.filter(status="").count()
    if open_items:
        errors["__all__"] = _("Nog %(count)s bouwstenen zonder status: beoordeel eerst alle bouwstenen.") % {
            "count": open_items
        }
    if errors:
        raise ValidationError(errors)
    number = (assessment.snapshots.aggregate(last=Max("number"))["last"] or 0) + 1
    snapshot = AssessmentSnapshot.objects.create(
        assessment=assessment,
        number=number,
        adopted_on=adopted_on,
        adopted_by=adopted_by.strip(),
        taken_by=actor,
        content=snapshot_content(assessment),
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=assessment,
        **assessment_audit_scope(assessment),
        reason=f"vastgesteld (versie {number})",
    )
    return snapshot


# --- the action plan ---------------------------------------------------------------------------

PLAN_FIELDS = ("title", "first_year", "last_year", "adopted_by", "adopted_on", "regional_framework")


def _clean_plan(values: dict) -> dict:
    values = {name: values.get(name) for name in PLAN_FIELDS}
    for name in ("title", "adopted_by", "regional_framework"):
        values[name] = (values[name] or "").strip()
    errors: dict[str, str] = {}
    if not values["title"]:
        errors["title"] = _("Geef het plan een titel.")
    for name in ("first_year", "last_year"):
        try:
            _check_year(values[name], name)
        except ValidationError as error:
            errors |= {name: error.message_dict[name][0]}
    if not errors and values["last_year"] < values["first_year"]:
        errors["last_year"] = _("Het laatste jaar ligt vóór het eerste.")
    if values["adopted_on"] and values["adopted_on"] > timezone.localdate():
        errors["adopted_on"] = _("De datum van vaststelling ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic(durable=True)
def plan_create(*, actor: User, values: dict) -> ActionPlan:
    _require_change(actor, ActionPlan)
    values = _clean_plan(values)
    plan = ActionPlan.objects.create(organisation_id=actor.organisation_id, created_by=actor, **values)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=plan, reason=f"{plan.first_year}-{plan.last_year}")
    return plan


@transaction.atomic(durable=True)
def plan_update(*, actor: User, plan: ActionPlan, values: dict) -> ActionPlan:
    """Change the plan's title, period or framework, or record that it was adopted (by whom, on
    which day). The audit line names the changed fields."""
    _require_change(actor, ActionPlan, plan)
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _save_changes(actor, plan, _clean_plan(values))
    return plan


ACTION_FIELDS = (
    "title",
    "goal",
    "kader_theme",
    "owner",
    "partners",
    "starts_on",
    "ends_on",
    "budget",
    "indicator",
    "target",
)


def _clean_action(values: dict, plan: ActionPlan) -> dict:
    values = {name: values.get(name) for name in ACTION_FIELDS}
    for name in ("title", "kader_theme", "owner", "partners", "indicator", "target"):
        values[name] = (values[name] or "").strip()
    errors: dict[str, str] = {}
    if not values["title"]:
        errors["title"] = _("Beschrijf de actie.")
    if kader().theme(values["kader_theme"]) is None:
        errors["kader_theme"] = _("Kies het thema van het Kader dat deze actie dient.")
    goal: PlanGoal | None = values["goal"]
    if goal is not None and goal.plan_id != plan.pk:
        errors["goal"] = _("Kies een doel uit dit uitvoeringsplan.")
    if values["starts_on"] and values["ends_on"] and values["ends_on"] < values["starts_on"]:
        errors["ends_on"] = _("De einddatum ligt vóór de start.")
    budget: Decimal | None = values["budget"]
    if budget is not None and budget < 0:
        errors["budget"] = _("Het budget kan niet negatief zijn.")
    if errors:
        raise ValidationError(errors)
    return values


def _next_number(plan: ActionPlan) -> int:
    return (PlanAction.objects.filter(plan=plan).aggregate(last=Max("number"))["last"] or 0) + 1


def _create_action(actor: User, plan: ActionPlan, values: dict, **extra) -> PlanAction:
    action = PlanAction.objects.create(
        plan=plan,
        organisation_id=plan.organisation_id,
        number=_next_number(plan),
        status=ActionStatus.PLANNED,
        created_by=actor,
        **values,
        **extra,
    )
    ACTION_WORKFLOW.record_start(action, actor=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=action, reason=f"{action.reference} in plan {plan.pk}")
    return action


@transaction.atomic(durable=True)
def action_create(*, actor: User, plan: ActionPlan, values: dict) -> PlanAction:
    _require_change(actor, ActionPlan, plan)
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    return _create_action(actor, plan, _clean_action(values, plan))


@transaction.atomic(durable=True)
def action_from_item(*, actor: User, item: AssessmentItem) -> PlanAction:
    """One click from a gap in the self-assessment to an action: in the plan whose period holds
    the assessment's year (a plan for that year is started when there is none). Only for a
    municipality's assessment: a region has no action plan in Baken."""
    _require_change(actor, KaderAssessment, item.assessment)
    item = AssessmentItem.objects.select_for_update().select_related("assessment").get(pk=item.pk)
    assessment = item.assessment
    if assessment.is_regional:
        raise ValidationError(
            _(
                "Een zelfevaluatie van de regio heeft geen uitvoeringsplan in Baken: "
                "maak de actie in het uitvoeringsplan van een gemeente."
            )
        )
    if not item.is_gap:
        raise ValidationError(_("Alleen een bouwsteen die niet of gedeeltelijk op orde is, wordt een actie."))
    if item.actions.exists():
        raise ValidationError(_("Voor deze bouwsteen is al een actie gemaakt."))
    plan = (
        ActionPlan.objects.select_for_update()
        .filter(
            organisation_id=assessment.organisation_id, first_year__lte=assessment.year, last_year__gte=assessment.year
        )
        .order_by("-first_year", "-id")
        .first()
    )
    if plan is None:
        plan = ActionPlan.objects.create(
            organisation_id=assessment.organisation_id,
            title=_("Uitvoeringsplan mensenhandel %(year)s") % {"year": assessment.year},
            first_year=assessment.year,
            last_year=assessment.year,
            created_by=actor,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=plan, reason=f"uit zelfevaluatie {assessment.year}")
    values = {
        "title": item.label,
        "goal": None,
        "kader_theme": item.theme,
        "owner": item.owner,
        "partners": "",
        "starts_on": None,
        "ends_on": item.target_date,
        "budget": None,
        "indicator": "",
        "target": "",
    }
    return _create_action(actor, plan, values, block_code=item.block_code, source_item=item)


@transaction.atomic(durable=True)
def action_update(*, actor: User, action: PlanAction, values: dict, status: str = "", reason: str = "") -> PlanAction:
    """Change an action; a new status goes through the workflow (with its reason)."""
    _require_change(actor, PlanAction, action)
    action = PlanAction.objects.select_for_update().select_related("plan").get(pk=action.pk)
    cleaned = _clean_action(values, action.plan)
    changed = sorted(name for name, value in cleaned.items() if getattr(action, name) != value)
    for name, value in cleaned.items():
        setattr(action, name, value)
    action.save(update_fields=list(cleaned))
    if status and status != action.status:
        ACTION_WORKFLOW.record_transition(action, status, actor=actor, reason=reason)
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=action, reason=", ".join(changed)[:200])
    return action


@transaction.atomic(durable=True)
def action_progress_add(*, actor: User, action: PlanAction, year: int | None, quarter: int | None, note: str):
    """Add a quarterly progress note to an action; notes are kept, never changed."""
    _require_change(actor, PlanAction, action)
    errors: dict[str, str] = {}
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        errors["year"] = _("Vul een jaar in tussen %(a)s en %(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR}
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = _("Kies een kwartaal van 1 tot en met 4.")
    note = (note or "").strip()
    if not note:
        errors["note"] = _("Beschrijf de voortgang in dit kwartaal.")
    if errors:
        raise ValidationError(errors)
    progress = ActionProgressNote.objects.create(action=action, year=year, quarter=quarter, note=note, author=actor)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=action, reason=f"voortgang {year}-K{quarter}")
    return progress


# --- goals of the action plan ----------------------------------------------------------------

GOAL_FIELDS = ("title", "kader_theme", "local_pillar", "description", "indicator", "target")


def _clean_goal(values: dict) -> dict:
    """A goal serves one Kader theme or one local pillar, never both and never neither."""
    values = {name: (values.get(name) or "").strip() for name in GOAL_FIELDS}
    errors: dict[str, str] = {}
    if not values["title"]:
        errors["title"] = _("Beschrijf het doel.")
    if values["kader_theme"] and kader().theme(values["kader_theme"]) is None:
        errors["kader_theme"] = _("Kies een thema van het Kader uit de lijst.")
    elif values["kader_theme"] and values["local_pillar"]:
        errors["local_pillar"] = _("Kies een Kader-thema óf vul een lokale pijler in, niet allebei.")
    elif not values["kader_theme"] and not values["local_pillar"]:
        errors["kader_theme"] = _("Kies het Kader-thema van dit doel, of vul een lokale pijler in.")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic(durable=True)
def goal_create(*, actor: User, plan: ActionPlan, values: dict) -> PlanGoal:
    """Add a goal to an action plan, numbered D-1, D-2, … within the plan."""
    _require_change(actor, ActionPlan, plan)
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    cleaned = _clean_goal(values)
    number = (PlanGoal.objects.filter(plan=plan).aggregate(last=Max("number"))["last"] or 0) + 1
    goal = PlanGoal.objects.create(
        plan=plan, organisation_id=plan.organisation_id, number=number, created_by=actor, **cleaned
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=goal, reason=f"{goal.reference} in plan {plan.pk}")
    return goal


@transaction.atomic(durable=True)
def goal_update(*, actor: User, goal: PlanGoal, values: dict) -> PlanGoal:
    _require_change(actor, PlanGoal, goal)
    goal = PlanGoal.objects.select_for_update().get(pk=goal.pk)
    _save_changes(actor, goal, _clean_goal(values), also=("updated_at",))
    return goal


# --- the local risk picture ----------------------------------------------------------------------


@transaction.atomic(durable=True)
def risk_picture_create(*, actor: User, year: int | None) -> RiskPicture:
    """Start the risk picture of a year: one row per form of exploitation of the national
    catalogue, the sectors and assessment copied from the previous year's picture if any."""
    _require_change(actor, RiskPicture)
    _check_year(year, "year")
    pictures = RiskPicture.objects.filter(organisation_id=actor.organisation_id)
    if pictures.filter(year=year).exists():
        raise ValidationError({"year": _("Er is al een risicobeeld voor %(year)s.") % {"year": year}})
    previous = pictures.filter(year__lt=year).order_by("-year").first()
    earlier = {row.form_id: row for row in previous.rows.all()} if previous else {}
    picture = RiskPicture.objects.create(
        organisation_id=actor.organisation_id,
        year=year,
        partner_intelligence=previous.partner_intelligence if previous else "",
        created_by=actor,
    )
    RiskFormRow.objects.bulk_create(
        RiskFormRow(
            organisation_id=actor.organisation_id,
            picture=picture,
            form=form,
            sectors=earlier[form.pk].sectors if form.pk in earlier else "",
        )
        for form in ExploitationForm.objects.order_by("order", "code")
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=picture, reason=f"risicobeeld {year}")
    return picture


@transaction.atomic(durable=True)
def risk_picture_update(*, actor: User, picture: RiskPicture, partner_intelligence: str) -> RiskPicture:
    _require_change(actor, RiskPicture, picture)
    picture = RiskPicture.objects.select_for_update().get(pk=picture.pk)
    picture.partner_intelligence = (partner_intelligence or "").strip()
    picture.save(update_fields=["partner_intelligence", "updated_at"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=picture, reason="informatie van partners")
    return picture


@transaction.atomic(durable=True)
def risk_row_update(*, actor: User, row: RiskFormRow, values: dict) -> RiskFormRow:
    """Describe one form of exploitation: sectors and locations, and an assessment with its
    rationale and date (an assessment without a rationale is refused)."""
    _require_change(actor, RiskFormRow, row)
    row = RiskFormRow.objects.select_for_update().get(pk=row.pk)
    level = values.get("level") or ""
    rationale = (values.get("rationale") or "").strip()
    assessed_on = values.get("assessed_on")
    errors: dict[str, str] = {}
    if level and level not in RiskLevel.values:
        errors["level"] = _("Kies laag, midden of hoog.")
    if level and not rationale:
        errors["rationale"] = _("Onderbouw de inschatting: waarom laag, midden of hoog?")
    if assessed_on is not None and assessed_on > timezone.localdate():
        errors["assessed_on"] = _("De datum van de inschatting ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    if level and assessed_on is None:
        assessed_on = timezone.localdate()
    row.sectors = (values.get("sectors") or "").strip()
    row.level, row.rationale, row.assessed_on, row.updated_by = level, rationale, assessed_on, actor
    row.full_clean(exclude=["organisation", "picture", "form", "updated_by"])
    row.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=row, reason=level or "-")
    return row


# --- the municipality's own version of the Kader catalogue ---------------------------------------

MAX_BLOCK_LABEL = 300


def _clean_local_block(values: dict, *, national: Block | None) -> dict:
    """The text of a block, and for an own block its theme and plateau; a national block keeps
    its own theme and plateau."""
    catalogue = kader()
    label = (values.get("label") or "").strip()
    errors: dict[str, str] = {}
    if not label:
        errors["label"] = _("Beschrijf de bouwsteen.")
    elif len(label) > MAX_BLOCK_LABEL:
        errors["label"] = _("Gebruik hoogstens %(n)s tekens.") % {"n": MAX_BLOCK_LABEL}
    elif national is not None and label == national.label:
        errors["label"] = _("Deze tekst is gelijk aan de landelijke tekst. Pas hem aan, of laat de bouwsteen zo.")
    if national is not None:
        cleaned = {"theme": national.theme, "plateau": national.plateau, "label": label}
    else:
        cleaned = {"theme": values.get("theme") or "", "plateau": values.get("plateau") or "", "label": label}
        if catalogue.theme(cleaned["theme"]) is None:
            errors["theme"] = _("Kies het thema van het Kader waar de bouwsteen onder valt.")
        if cleaned["plateau"] not in dict(catalogue.plateaus):
            errors["plateau"] = _("Kies het plateau: basis of verdieping.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _next_own_code(organisation_id: int) -> str:
    codes = LocalKaderBlock.objects.filter(
        organisation_id=organisation_id, code__startswith=LOCAL_BLOCK_PREFIX
    ).values_list("code", flat=True)
    numbers = [int(code[len(LOCAL_BLOCK_PREFIX) :]) for code in codes if code[len(LOCAL_BLOCK_PREFIX) :].isdigit()]
    return f"{LOCAL_BLOCK_PREFIX}{max(numbers, default=0) + 1}"


@transaction.atomic(durable=True)
def local_block_create(*, actor: User, code: str | None, values: dict, note: str = "") -> LocalKaderBlock:
    """Adjust a national block's text for the own municipality (`code`: the national code), or
    add a block of its own (`code` None: numbered L1, L2, ...). Version 1 of the row; new
    self-assessments use it, earlier ones keep their text."""
    _require_change(actor, LocalKaderBlock)
    national = None
    if code is not None:
        national = kader().block(code)
        if national is None:
            raise ValidationError(_("Deze bouwsteen staat niet in de landelijke catalogus."))
        if LocalKaderBlock.objects.filter(organisation_id=actor.organisation_id, code=code).exists():
            raise ValidationError(_("Deze bouwsteen is al aangepast: wijzig de lokale tekst."))
    cleaned = _clean_local_block(values, national=national)
    # One own block at a time per municipality, so that two beheerders never take the same number.
    Organisation.objects.select_for_update().filter(pk=actor.organisation_id).first()
    block = LocalKaderBlock(
        organisation_id=actor.organisation_id,
        code=code or _next_own_code(actor.organisation_id),
        created_by=actor,
        **cleaned,
    )
    append_revision(block, LocalKaderBlockRevision, actor=actor, action=RevisionAction.CREATE, note=note.strip())
    audit_record(actor=actor, action=AuditAction.CREATE, obj=block, reason=f"Kader {block.code} versie 1")
    return block


def _locked_local_block(actor: User, block: LocalKaderBlock, base_revision: int) -> LocalKaderBlock:
    locked = policy_for(LocalKaderBlock).rows_for(actor, "change").select_for_update().filter(pk=block.pk).first()
    if locked is None:
        raise NotPermitted
    require_base_revision(locked, base_revision)
    return locked


@transaction.atomic(durable=True)
def local_block_update(
    *, actor: User, block: LocalKaderBlock, values: dict, base_revision: int, note: str = ""
) -> LocalKaderBlock:
    """A new version of the local text (for an own block also its theme and plateau); a
    withdrawn block is taken into use again. A save that changes nothing makes no version."""
    block = _locked_local_block(actor, block, base_revision)
    cleaned = _clean_local_block(values, national=None if block.is_own else kader().block(block.code))
    changed = sorted(name for name, value in cleaned.items() if getattr(block, name) != value)
    if not block.is_active:
        changed.append("is_active")
    if not changed:
        return block
    for name, value in cleaned.items():
        setattr(block, name, value)
    block.is_active = True
    append_revision(
        block,
        LocalKaderBlockRevision,
        actor=actor,
        action=RevisionAction.RESTORE if "is_active" in changed else RevisionAction.UPDATE,
        note=note.strip(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=block,
        reason=f"Kader {block.code} versie {block.revision}: {', '.join(changed)}",
    )
    return block


@transaction.atomic(durable=True)
def local_block_withdraw(*, actor: User, block: LocalKaderBlock, base_revision: int, note: str = "") -> LocalKaderBlock:
    """Withdraw the local text (new self-assessments use the national text again) or the own
    block (no longer in new self-assessments). A new version; the earlier ones stay readable."""
    block = _locked_local_block(actor, block, base_revision)
    if not block.is_active:
        raise ValidationError(_("Deze bouwsteen is al ingetrokken."))
    block.is_active = False
    append_revision(block, LocalKaderBlockRevision, actor=actor, action=RevisionAction.WITHDRAW, note=note.strip())
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=block,
        reason=f"Kader {block.code} versie {block.revision}: ingetrokken",
    )
    return block
