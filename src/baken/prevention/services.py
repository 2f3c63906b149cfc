"""Writes of Preventie. Every function checks the access policy (NotPermitted otherwise), owns
the domain rules (ValidationError with Dutch messages), saves in one transaction, moves the
status only through the workflow engine and writes the audit log."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from baken.accounts.models import User
from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction
from baken.core.services import audit_record
from baken.core.versioning import RevisionAction, append_revision, require_base_revision
from baken.partners.selectors import active_partners
from baken.prevention.catalogue.loader import catalogue
from baken.prevention.models import (
    ActivityStatus,
    LocationKind,
    PreventionActivity,
    PreventionMaterial,
    PreventionMaterialRevision,
    StaffCount,
    Training,
)
from baken.prevention.workflow import ACTIVITY_WORKFLOW, NEEDS_EVALUATION, NEEDS_REACH
from baken.signalling.models import ExploitationForm

#: The fields an activity form sends; the status moves only by activity_transition.
ACTIVITY_FIELDS = (
    "title",
    "activity_type",
    "exploitation_forms",
    "target_groups",
    "languages",
    "provider",
    "programme",
    "material",
    "starts_on",
    "ends_on",
    "location_kind",
    "location_name",
    "reach",
    "cost",
    "kader_theme",
    "action_reference",
)


def _clean_values(actor: User, values: dict) -> dict:
    """Check the values against the catalogue and the rules; return them stripped."""
    values = {name: values.get(name) for name in ACTIVITY_FIELDS}
    lists = catalogue()
    errors: dict[str, str] = {}
    values["title"] = (values["title"] or "").strip()
    if not values["title"]:
        errors["title"] = _("Geef de activiteit een titel.")
    if values["activity_type"] not in lists.codes("activity_types"):
        errors["activity_type"] = _("Kies een soort activiteit uit de lijst.")
    values["target_groups"] = list(values["target_groups"] or [])
    if not values["target_groups"]:
        errors["target_groups"] = _("Kies ten minste één doelgroep.")
    elif set(values["target_groups"]) - lists.codes("target_groups"):
        errors["target_groups"] = _("Kies doelgroepen uit de lijst.")
    values["languages"] = list(values["languages"] or [])
    if set(values["languages"]) - lists.codes("languages"):
        errors["languages"] = _("Kies talen uit de lijst.")
    values["kader_theme"] = values["kader_theme"] or ""
    if values["kader_theme"] and values["kader_theme"] not in lists.codes("kader_themes"):
        errors["kader_theme"] = _("Kies een thema van het Kader uit de lijst.")
    provider = values["provider"]
    if provider is not None and not active_partners(user=actor).filter(pk=provider.pk).exists():
        errors["provider"] = _("Kies een aanbieder uit de partnerlijst van uw gemeente.")
    material = values["material"]
    if material is not None and not policy_for(PreventionMaterial).visible(actor).filter(pk=material.pk).exists():
        errors["material"] = _("Kies een materiaal uit de bibliotheek van uw gemeente.")
    if values["location_kind"] not in LocationKind.values:
        errors["location_kind"] = _("Kies of de activiteit op een school, in een wijk of online is.")
    values["location_name"] = (values["location_name"] or "").strip()
    if values["location_kind"] in (LocationKind.SCHOOL, LocationKind.WIJK) and not values["location_name"]:
        errors["location_name"] = _("Vul de naam van de school of de wijk in (nooit namen van leerlingen).")
    starts_on: dt.date | None = values["starts_on"]
    if starts_on is None:
        errors["starts_on"] = _("Vul de datum in.")
    elif values["ends_on"] is not None and values["ends_on"] < starts_on:
        errors["ends_on"] = _("De einddatum ligt vóór de begindatum.")
    if values["reach"] is not None and values["reach"] < 0:
        errors["reach"] = _("Het bereik is een aantal van nul of meer.")
    cost: Decimal | None = values["cost"]
    if cost is not None and cost < 0:
        errors["cost"] = _("De kosten kunnen niet negatief zijn.")
    if errors:
        raise ValidationError(errors)
    values["programme"] = (values["programme"] or "").strip()
    values["action_reference"] = (values["action_reference"] or "").strip()
    values["exploitation_forms"] = list(values["exploitation_forms"] or [])
    return values


def _apply(activity: PreventionActivity, values: dict) -> None:
    forms = values.pop("exploitation_forms")
    for name, value in values.items():
        setattr(activity, name, value)
    activity.full_clean(exclude=["organisation", "created_by"])
    activity.save()
    activity.forms.set([form.pk for form in forms if isinstance(form, ExploitationForm)])


@transaction.atomic(durable=True)
def activity_create(*, actor: User, values: dict) -> PreventionActivity:
    """Plan a new activity of the actor's own municipality."""
    if not policy_for(PreventionActivity).user_may(actor, "change"):
        raise NotPermitted
    cleaned = _clean_values(actor, values)
    activity = PreventionActivity(
        organisation_id=actor.organisation_id,
        created_by=actor,
        status=ActivityStatus.PLANNED,
        catalogue_version=catalogue().version,
    )
    _apply(activity, cleaned)
    ACTIVITY_WORKFLOW.record_start(activity, actor=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=activity, reason=cleaned["activity_type"])
    return activity


@transaction.atomic(durable=True)
def activity_update(*, actor: User, activity: PreventionActivity, values: dict) -> PreventionActivity:
    """Change what an activity is about; its status changes only through activity_transition."""
    if not policy_for(PreventionActivity).allows(actor, "change", activity):
        raise NotPermitted
    activity = PreventionActivity.objects.select_for_update().get(pk=activity.pk)
    cleaned = _clean_values(actor, values)
    changed = sorted(
        name for name, value in cleaned.items() if name != "exploitation_forms" and getattr(activity, name) != value
    )
    activity.catalogue_version = catalogue().version
    _apply(activity, cleaned)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=activity, reason=", ".join(changed)[:200])
    return activity


@transaction.atomic(durable=True)
def activity_transition(
    *,
    actor: User,
    activity: PreventionActivity,
    target: str,
    reason: str = "",
    reach: int | None = None,
    evaluation_score: int | None = None,
    evaluation_notes: str = "",
) -> PreventionActivity:
    """Move an activity along its lifecycle. Held needs the reach (a count, never names);
    evaluated needs a score and what was learned."""
    if not policy_for(PreventionActivity).allows(actor, "change", activity):
        raise NotPermitted
    activity = PreventionActivity.objects.select_for_update().get(pk=activity.pk)
    transition = ACTIVITY_WORKFLOW.require(activity.status, target)
    errors: dict[str, str] = {}
    changes: dict = {}
    if transition.reason_required and not reason.strip():
        errors["reason"] = _("Geef een reden voor deze stap.")
    if target in NEEDS_REACH:
        if reach is None or reach < 0:
            errors["reach"] = _("Vul het bereik in: het aantal deelnemers (geen namen).")
        else:
            changes["reach"] = reach
    if target in NEEDS_EVALUATION:
        if evaluation_score is None or not 1 <= evaluation_score <= 5:
            errors["evaluation_score"] = _("Geef een cijfer van 1 tot en met 5.")
        if not evaluation_notes.strip():
            errors["evaluation_notes"] = _("Beschrijf kort wat de evaluatie opleverde.")
        changes |= {"evaluation_score": evaluation_score, "evaluation_notes": evaluation_notes.strip()}
    if errors:
        raise ValidationError(errors)
    ACTIVITY_WORKFLOW.record_transition(activity, target, actor=actor, reason=reason, changes=changes)
    return activity


# --- signalling capacity ---------------------------------------------------------------------

#: A refresher is due this many years after a training when none is given.
DEFAULT_REFRESHER_YEARS = 2


@transaction.atomic(durable=True)
def training_create(*, actor: User, values: dict) -> Training:
    """Record a training of staff of one department: a count of participants; names optional."""
    if not policy_for(Training).user_may(actor, "change"):
        raise NotPermitted
    lists = catalogue()
    errors: dict[str, str] = {}
    department = values.get("department") or ""
    if department not in lists.codes("departments"):
        errors["department"] = _("Kies een afdeling uit de lijst.")
    level = values.get("level") or ""
    if level not in lists.codes("training_levels"):
        errors["level"] = _("Kies een niveau uit de lijst.")
    trained_on: dt.date | None = values.get("trained_on")
    if trained_on is None:
        errors["trained_on"] = _("Vul de datum van de training in.")
    refresher_on: dt.date | None = values.get("refresher_on")
    if trained_on is not None and refresher_on is not None and refresher_on <= trained_on:
        errors["refresher_on"] = _("De opfriscursus ligt na de training.")
    participants = values.get("participants")
    if participants is None or participants < 1:
        errors["participants"] = _("Vul het aantal deelnemers in (één of meer).")
    provider = values.get("provider")
    if provider is not None and not active_partners(user=actor).filter(pk=provider.pk).exists():
        errors["provider"] = _("Kies een aanbieder uit de partnerlijst van uw gemeente.")
    if errors:
        raise ValidationError(errors)
    if refresher_on is None:
        try:
            refresher_on = trained_on.replace(year=trained_on.year + DEFAULT_REFRESHER_YEARS)
        except ValueError:  # 29 February
            refresher_on = trained_on.replace(year=trained_on.year + DEFAULT_REFRESHER_YEARS, day=28)
    training = Training(
        organisation_id=actor.organisation_id,
        department=department,
        function=(values.get("function") or "").strip(),
        level=level,
        trained_on=trained_on,
        refresher_on=refresher_on,
        participants=participants,
        names=(values.get("names") or "").strip(),
        provider=provider,
        catalogue_version=lists.version,
        created_by=actor,
    )
    training.full_clean(exclude=["organisation", "created_by"])
    training.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=training, reason=department)
    return training


@transaction.atomic(durable=True)
def staff_counts_set(*, actor: User, counts: dict[str, int | None]) -> list[StaffCount]:
    """Set the staff per department (the denominators). An empty value removes a department's
    count; a department outside the catalogue is refused."""
    if not policy_for(StaffCount).user_may(actor, "change"):
        raise NotPermitted
    codes = catalogue().codes("departments")
    errors = {}
    for code, staff in counts.items():
        if code not in codes:
            errors[code] = _("Deze afdeling staat niet in de lijst.")
        elif staff is not None and (staff < 0 or staff > 100_000):
            errors[code] = _("Vul een aantal van 0 tot 100.000 in.")
    if errors:
        raise ValidationError(errors)
    saved = []
    changed = []
    existing = {row.department: row for row in StaffCount.objects.filter(organisation_id=actor.organisation_id)}
    for code, staff in counts.items():
        row = existing.get(code)
        if staff is None:
            if row is not None:
                row.delete()
                changed.append(code)
            continue
        if row is None:
            row = StaffCount(organisation_id=actor.organisation_id, department=code, staff=staff, updated_by=actor)
        elif row.staff == staff:
            saved.append(row)
            continue
        row.staff, row.updated_by = staff, actor
        row.save()
        saved.append(row)
        changed.append(code)
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type=StaffCount._meta.label_lower,
            reason=", ".join(sorted(changed))[:200],
        )
    return saved


# --- the materials library -------------------------------------------------------------------

#: The fields a material form sends.
MATERIAL_FIELDS = ("title", "description", "audiences", "languages", "form", "evidence_level", "provider", "url")
MAX_DESCRIPTION_LENGTH = 4000


def _clean_material(actor: User, values: dict) -> dict:
    """Check a material's values against the catalogue and the rules; return them stripped."""
    values = {name: values.get(name) for name in MATERIAL_FIELDS}
    lists = catalogue()
    errors: dict[str, str] = {}
    values["title"] = (values["title"] or "").strip()
    if not values["title"]:
        errors["title"] = _("Geef het materiaal een titel.")
    elif len(values["title"]) > 200:
        errors["title"] = _("De titel mag hoogstens 200 tekens lang zijn.")
    values["description"] = (values["description"] or "").strip()
    if len(values["description"]) > MAX_DESCRIPTION_LENGTH:
        errors["description"] = _("De omschrijving mag hoogstens 4.000 tekens lang zijn.")
    values["audiences"] = sorted(set(values["audiences"] or []))
    if not values["audiences"]:
        errors["audiences"] = _("Kies ten minste één doelgroep.")
    elif set(values["audiences"]) - lists.codes("target_groups"):
        errors["audiences"] = _("Kies doelgroepen uit de lijst.")
    values["languages"] = sorted(set(values["languages"] or []))
    if not values["languages"]:
        errors["languages"] = _("Kies ten minste één taal.")
    elif set(values["languages"]) - lists.codes("languages"):
        errors["languages"] = _("Kies talen uit de lijst.")
    if values["form"] not in lists.codes("material_forms"):
        errors["form"] = _("Kies een vorm uit de lijst.")
    if values["evidence_level"] not in lists.codes("evidence_levels"):
        errors["evidence_level"] = _("Kies de bewijskracht uit de lijst (of 'niet beoordeeld').")
    provider = values["provider"]
    if provider is not None and not active_partners(user=actor).filter(pk=provider.pk).exists():
        errors["provider"] = _("Kies een aanbieder uit de partnerlijst van uw gemeente.")
    values["url"] = (values["url"] or "").strip()
    if not values["url"]:
        errors["url"] = _("Vul de link naar het materiaal in.")
    elif not values["url"].lower().startswith(("https://", "http://")) or len(values["url"]) > 500:
        errors["url"] = _("Vul een webadres in dat begint met https:// (hoogstens 500 tekens).")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic(durable=True)
def material_create(*, actor: User, values: dict, note: str = "") -> PreventionMaterial:
    """Add a material to the library of the actor's own municipality, as its version 1."""
    if not policy_for(PreventionMaterial).user_may(actor, "change"):
        raise NotPermitted
    cleaned = _clean_material(actor, values)
    material = PreventionMaterial(
        organisation_id=actor.organisation_id, created_by=actor, catalogue_version=catalogue().version, **cleaned
    )
    material.full_clean(exclude=["organisation", "created_by", "updated_by"])
    append_revision(material, PreventionMaterialRevision, actor=actor, action=RevisionAction.CREATE, note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=material, reason=f"materiaal versie {material.revision}")
    return material


@transaction.atomic(durable=True)
def material_update(
    *, actor: User, material: PreventionMaterial, values: dict, base_revision: int, note: str = ""
) -> PreventionMaterial:
    """Change a material: a new version, the earlier ones kept readable. A form carries the
    version it started from, so two people editing at once cannot overwrite each other; a save
    that changes nothing makes no new version."""
    locked = policy_for(PreventionMaterial).rows_for(actor, "change").select_for_update().filter(pk=material.pk)
    material = locked.first()
    if material is None:
        raise NotPermitted
    require_base_revision(material, base_revision)
    cleaned = _clean_material(actor, values)
    changed = sorted(name for name, value in cleaned.items() if getattr(material, name) != value)
    if not changed:
        return material
    for name, value in cleaned.items():
        setattr(material, name, value)
    material.catalogue_version = catalogue().version
    material.full_clean(exclude=["organisation", "created_by", "updated_by"])
    append_revision(material, PreventionMaterialRevision, actor=actor, action=RevisionAction.UPDATE, note=note)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=material,
        reason=f"materiaal versie {material.revision}: {', '.join(changed)}"[:200],
    )
    return material
