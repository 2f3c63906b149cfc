"""Writes of Handhaven: the location register, enforcement cases, inspections, findings and
measures with their deadlines.

Every function checks through the access policies that the actor may act (or raises
NotPermitted, answered with 404), owns the domain rules (ValidationError with Dutch messages),
saves in one transaction, moves statuses only through the workflow engine and writes the audit
log. Deadlines come from the catalogue (catalogue/enforcement.toml), never from code.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.accounts.models import User
from baken.core.access import policy_for
from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction
from baken.core.services import audit_record
from baken.core.versioning import RevisionAction, append_revision, require_base_revision, restore_fields
from baken.enforcement import letters, validation
from baken.enforcement.catalogue.loader import catalogue
from baken.enforcement.models import (
    AppealKind,
    AppealOutcome,
    BarrierLink,
    BibobTest,
    CaseClosure,
    CaseReason,
    CaseStatus,
    CaseTheme,
    EnforcementCase,
    Finding,
    HousingNorm,
    Inspection,
    InspectionPhoto,
    InspectionStatus,
    LetterKind,
    LetterTemplate,
    LetterTemplateRevision,
    Licence,
    LicenceKind,
    Location,
    LocationParty,
    Measure,
    MeasureAppeal,
    MeasureStatus,
    ObjectType,
    Outcome,
    PartyRole,
    Situation,
)
from baken.enforcement.workflow import CASE_WORKFLOW, MEASURE_WORKFLOW
from baken.knowledge.selectors import national_barrier_models
from baken.signalling.models import Channel, Signal
from baken.signalling.services import SignalInput, signal_submit
from baken.signalling.uploads import check_attachment

MAX_RESIDENTS = 999


def _require(allowed: bool) -> None:
    if not allowed:
        raise NotPermitted


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# --- the location register ---------------------------------------------------------------------


@dataclass(frozen=True)
class LocationInput:
    street: str
    house_number: str
    postcode: str
    city: str
    object_type: str
    name: str = ""
    bag_id: str = ""
    neighbourhood: str = ""
    kvk_number: str = ""
    registered_residents: int | None = None
    housing_norm: str = ""
    floor_area: Decimal | None = None
    bedroom_areas: tuple[Decimal, ...] = ()
    toilets: int | None = None
    showers: int | None = None
    transport: str = ""


MAX_AREA = Decimal(100_000)
MAX_BEDROOMS = 200


def _clean_housing(data: LocationInput, errors: dict) -> dict:
    values = {
        "housing_norm": data.housing_norm,
        "floor_area": data.floor_area,
        "bedroom_areas": [str(area) for area in data.bedroom_areas],
        "toilets": data.toilets,
        "showers": data.showers,
        "transport": data.transport.strip(),
    }
    if data.housing_norm not in ("", *HousingNorm.values):
        errors["housing_norm"] = [_("Kies welke SNF-norm geldt.")]
    if data.floor_area is not None and not 0 < data.floor_area <= MAX_AREA:
        errors["floor_area"] = [_("Vul een oppervlakte groter dan 0 m² in.")]
    areas = data.bedroom_areas
    if len(areas) > MAX_BEDROOMS or any(not 0 < area <= MAX_AREA for area in areas):
        errors["bedroom_areas"] = [_("Vul per slaapkamer een oppervlakte groter dan 0 m² in.")]
    for field in ("toilets", "showers"):
        value = getattr(data, field)
        if value is not None and not 0 <= value <= MAX_RESIDENTS:
            errors[field] = [_("Vul een aantal tussen 0 en 999 in.")]
    return values


def _clean_location(data: LocationInput) -> dict:
    errors: dict[str, list] = {}
    values = {
        "name": data.name.strip(),
        "street": data.street.strip(),
        "city": data.city.strip(),
        "neighbourhood": data.neighbourhood.strip(),
        "object_type": data.object_type,
        "registered_residents": data.registered_residents,
    }
    for field, cleaner in (
        ("postcode", validation.clean_postcode),
        ("house_number", validation.clean_house_number),
        ("kvk_number", validation.clean_kvk),
        ("bag_id", validation.clean_bag_id),
    ):
        try:
            values[field] = cleaner(getattr(data, field))
        except ValidationError as error:
            errors[field] = error.messages
    if not values["street"]:
        errors["street"] = [_("Vul de straat in.")]
    if not values["city"]:
        errors["city"] = [_("Vul de plaats in.")]
    if data.object_type not in ObjectType.values:
        errors["object_type"] = [_("Kies het soort object.")]
    residents = data.registered_residents
    if residents is not None and not 0 <= residents <= MAX_RESIDENTS:
        errors["registered_residents"] = [_("Vul een aantal tussen 0 en 999 in.")]
    values |= _clean_housing(data, errors)
    _raise(errors)
    return values


@transaction.atomic(durable=True)
def location_save(*, actor: User, location: Location | None, data: LocationInput) -> Location:
    """Register a location, or change one the actor may change."""
    policy = policy_for(Location)
    if location is None:
        _require(policy.user_may(actor, "change"))
    else:
        _require(policy.allows(actor, "change", location))
    values = _clean_location(data)
    organisation_id = location.organisation_id if location else actor.organisation_id
    duplicate = Location.objects.filter(
        organisation_id=organisation_id, postcode=values["postcode"], house_number__iexact=values["house_number"]
    )
    if location is not None:
        duplicate = duplicate.exclude(pk=location.pk)
    if duplicate.exists():
        raise ValidationError({"house_number": _("Dit adres staat al in het register.")})
    created = location is None
    if created:
        location = Location(organisation_id=organisation_id, created_by=actor)
    for field, value in values.items():
        setattr(location, field, value)
    location.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=location,
        reason=_("locatie geregistreerd") if created else _("locatie gewijzigd"),
    )
    return location


@transaction.atomic(durable=True)
def party_add(*, actor: User, location: Location, role: str, name: str, kvk_number: str = "") -> LocationParty:
    _require(policy_for(Location).allows(actor, "change", location))
    errors: dict[str, list] = {}
    if role not in PartyRole.values:
        errors["role"] = [_("Kies de rol.")]
    if not name.strip():
        errors["name"] = [_("Vul de naam in.")]
    try:
        kvk_number = validation.clean_kvk(kvk_number)
    except ValidationError as error:
        errors["kvk_number"] = error.messages
    _raise(errors)
    party = LocationParty.objects.create(location=location, role=role, name=name.strip(), kvk_number=kvk_number)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=location, reason=f"betrokkene toegevoegd: {role}")
    return party


@transaction.atomic(durable=True)
def licence_add(
    *, actor: User, location: Location, kind: str, number: str = "", valid_until: dt.date | None = None
) -> Licence:
    _require(policy_for(Location).allows(actor, "change", location))
    if kind not in LicenceKind.values:
        raise ValidationError({"kind": _("Kies de soort vergunning.")})
    licence = Licence.objects.create(location=location, kind=kind, number=number.strip(), valid_until=valid_until)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=location, reason=f"vergunning toegevoegd: {kind}")
    return licence


# --- enforcement cases --------------------------------------------------------------------------


@transaction.atomic(durable=True)
def case_open(
    *,
    actor: User,
    location: Location,
    theme: str,
    reason: str,
    description: str = "",
    opened_on: dt.date | None = None,
) -> EnforcementCase:
    """Open a case at a location; it starts under supervision, zaakvertrouwelijk."""
    _require(policy_for(Location).allows(actor, "view", location))
    _require(policy_for(EnforcementCase).user_may(actor, "view"))
    errors: dict[str, list] = {}
    if theme not in CaseTheme.values:
        errors["theme"] = [_("Kies het thema.")]
    if reason not in CaseReason.values:
        errors["reason"] = [_("Kies de aanleiding.")]
    opened_on = opened_on or timezone.localdate()
    if opened_on > timezone.localdate():
        errors["opened_on"] = [_("De datum ligt in de toekomst.")]
    _raise(errors)
    case = EnforcementCase.objects.create(
        organisation_id=location.organisation_id,
        location=location,
        reference=uuid.uuid4().hex[:20],
        theme=theme,
        reason=reason,
        description=description.strip(),
        opened_on=opened_on,
        created_by=actor,
    )
    case.reference = f"HH-{opened_on.year}-{case.pk:05d}"
    case.save(update_fields=["reference"])
    CASE_WORKFLOW.record_start(case, actor=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=case, reason=f"handhavingszaak {case.reference}")
    return case


@transaction.atomic(durable=True)
def case_link_signal(*, actor: User, case: EnforcementCase, signal: Signal) -> EnforcementCase:
    """Link a trafficking signal to a case (the aandachtsfunctionaris, who may triage the signal
    and sees the case's phase). The case is raised to vertrouwelijk: from now on only users with
    that clearance open it."""
    _require(policy_for(Signal).allows(actor, "triage", signal))
    # Both policies keep to the actor's municipality, so signal and case share it.
    _require(policy_for(EnforcementCase).allows(actor, "see_phase", case))
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    case.signal = signal
    case.confidentiality = max(case.confidentiality, Confidentiality.VERTROUWELIJK)
    case.save(update_fields=["signal", "confidentiality"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=case,
        reason=f"gekoppeld aan signaal {signal.reference}; vertrouwelijk",
    )
    return case


@transaction.atomic(durable=True)
def case_transition(
    *, actor: User, case: EnforcementCase, target: str, reason: str = "", closure: str = ""
) -> EnforcementCase:
    _require(policy_for(EnforcementCase).allows(actor, "view", case))
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    CASE_WORKFLOW.require(case.status, target)
    closing = target == CaseStatus.CLOSED
    if closing and closure not in CaseClosure.values:
        raise ValidationError({"closure": _("Kies de reden van afsluiten.")})
    if closing and case.measures.filter(status__in=_open_measure_states()).exists():
        raise ValidationError(_("Sluit eerst de lopende maatregelen af."))
    if closing and MeasureAppeal.objects.filter(measure__case=case, outcome="").exists():
        raise ValidationError(
            _("Er loopt nog bezwaar, beroep of een voorlopige voorziening; leg eerst de uitkomst vast.")
        )
    CASE_WORKFLOW.record_transition(
        case, target, actor=actor, reason=reason, changes={"closure": closure if closing else ""}
    )
    return case


def _open_measure_states() -> list[str]:
    return [code for code, state in MEASURE_WORKFLOW.states.items() if state.open]


# --- inspections ----------------------------------------------------------------------------------


def _require_open(case: EnforcementCase) -> None:
    if not CASE_WORKFLOW.is_open(case.status):
        raise ValidationError(_("Deze zaak is afgesloten. Heropen de zaak eerst."))


@transaction.atomic(durable=True)
def inspection_plan(*, actor: User, case: EnforcementCase, planned_for: dt.datetime, team: str = "") -> Inspection:
    _require(policy_for(EnforcementCase).allows(actor, "inspect", case))
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    if planned_for is None:
        raise ValidationError({"planned_for": _("Vul datum en tijd van de controle in.")})
    inspection = Inspection.objects.create(
        organisation_id=case.organisation_id, case=case, planned_for=planned_for, team=team.strip(), created_by=actor
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=inspection, reason=f"controle gepland {case.reference}")
    return inspection


@dataclass(frozen=True)
class InspectionRecord:
    performed_at: dt.datetime
    situation: str
    outcome: str
    people_present: int | None = None
    observed_residents: int | None = None
    checklist: dict | None = None
    notes: str = ""
    team: str = ""


def _clean_record(inspection: Inspection, data: InspectionRecord) -> dict:
    errors: dict[str, list] = {}
    if data.performed_at is None:
        errors["performed_at"] = [_("Vul in wanneer de controle was.")]
    elif data.performed_at > timezone.now() + dt.timedelta(minutes=5):
        errors["performed_at"] = [_("Een controle kan niet in de toekomst zijn uitgevoerd.")]
    if data.situation not in Situation.values:
        errors["situation"] = [_("Kies de situatie bij aankomst.")]
    if data.outcome not in Outcome.values:
        errors["outcome"] = [_("Kies de uitkomst van de debrief.")]
    for field in ("people_present", "observed_residents"):
        value = getattr(data, field)
        if value is not None and not 0 <= value <= MAX_RESIDENTS:
            errors[field] = [_("Vul een aantal tussen 0 en 999 in.")]
    items = {item.code for item in catalogue().checklist_for(inspection.case.location.object_type)}
    checklist = {code: answer for code, answer in (data.checklist or {}).items() if answer}
    if set(checklist) - items or set(checklist.values()) - {"ja", "nee", "nvt"}:
        errors["checklist"] = [_("De checklist bevat een onbekend punt of antwoord.")]
    _raise(errors)
    return checklist


@transaction.atomic(durable=True)
def inspection_record(*, actor: User, inspection: Inspection, data: InspectionRecord) -> Inspection:
    """Record what was found in the field (and correct it later: the audit log keeps each save)."""
    _require(policy_for(Inspection).allows(actor, "change", inspection))
    inspection = Inspection.objects.select_for_update().select_related("case__location").get(pk=inspection.pk)
    _require_open(inspection.case)
    if inspection.status == InspectionStatus.CANCELLED:
        raise ValidationError(_("Deze controle is geannuleerd."))
    checklist = _clean_record(inspection, data)
    inspection.status = InspectionStatus.DONE
    inspection.performed_at = data.performed_at
    inspection.situation = data.situation
    inspection.outcome = data.outcome
    inspection.people_present = data.people_present
    inspection.observed_residents = data.observed_residents
    inspection.checklist = checklist
    inspection.checklist_version = catalogue().version
    inspection.notes = data.notes.strip()
    if data.team.strip():
        inspection.team = data.team.strip()
    inspection.recorded_by = actor
    inspection.save()
    if data.observed_residents is not None:
        Location.objects.filter(pk=inspection.case.location_id).update(observed_residents=data.observed_residents)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=inspection, reason=f"controle vastgelegd: {data.outcome}")
    return inspection


#: At most this many photos per inspection.
MAX_PHOTOS = 30


def inspection_photo_add(*, actor: User, inspection: Inspection, upload) -> InspectionPhoto:
    """Add a photo taken at the inspection: the content checks of a signal's attachment (type
    detected from the content, never the name; at most 10 MB), and only photos."""
    _require(policy_for(Inspection).allows(actor, "change", inspection))
    inspection = Inspection.objects.select_related("case").get(pk=inspection.pk)
    _require_open(inspection.case)
    try:
        checked = check_attachment(upload)
    except ValidationError as error:
        raise ValidationError({"photo": error.messages}) from error
    if not checked.content_type.startswith("image/"):
        raise ValidationError({"photo": [_("%(name)s is geen foto (JPEG, PNG, WebP, HEIC).") % {"name": upload.name}]})
    if inspection.photos.count() >= MAX_PHOTOS:
        raise ValidationError({"photo": [_("Een controle heeft hoogstens %(count)s foto's.") % {"count": MAX_PHOTOS}]})
    photo = InspectionPhoto(
        inspection=inspection,
        original_name=upload.name[:200],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    photo.file.save(f"foto.{checked.extension}", upload, save=False)
    try:
        with transaction.atomic():
            photo.save()
            audit_record(actor=actor, action=AuditAction.UPDATE, obj=inspection, reason=_("foto toegevoegd"))
    except BaseException:
        photo.file.storage.delete(photo.file.name)
        raise
    return photo


@transaction.atomic(durable=True)
def finding_add(
    *, actor: User, inspection: Inspection, description: str, checklist_code: str = "", norm: str = ""
) -> Finding:
    _require(policy_for(Inspection).allows(actor, "change", inspection))
    inspection = Inspection.objects.select_related("case__location").get(pk=inspection.pk)
    _require_open(inspection.case)
    errors: dict[str, list] = {}
    if not description.strip():
        errors["description"] = [_("Beschrijf de bevinding.")]
    item = None
    if checklist_code:
        item = next(
            (i for i in catalogue().checklist_for(inspection.case.location.object_type) if i.code == checklist_code),
            None,
        )
        if item is None:
            errors["checklist_code"] = [_("Kies een punt van de checklist van dit soort object.")]
    _raise(errors)
    finding = Finding.objects.create(
        inspection=inspection,
        checklist_code=checklist_code,
        description=description.strip(),
        norm=(norm.strip() or (item.norm if item else ""))[:200],
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=inspection, reason=f"bevinding {finding.pk}")
    return finding


# --- measures: the administrative track --------------------------------------------------------------


@transaction.atomic(durable=True)
def measure_start(
    *,
    actor: User,
    case: EnforcementCase,
    intent_type: str,
    addressees: str,
    sent_on: dt.date | None,
    finding: Finding | None = None,
    view_days: int | None = None,
) -> Measure:
    """Send a voornemen (aanschrijving): the zienswijze term comes from the catalogue unless the
    letter states another. A case under supervision moves to enforcement."""
    _require(policy_for(EnforcementCase).allows(actor, "measure", case))
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    table = catalogue()
    errors: dict[str, list] = {}
    if intent_type not in table.intent_types:
        errors["intent_type"] = [_("Kies de soort aanschrijving.")]
    if not addressees.strip():
        errors["addressees"] = [_("Vul in aan wie de brief is gericht.")]
    if sent_on is None:
        errors["sent_on"] = [_("Vul de verzenddatum in.")]
    elif sent_on > timezone.localdate():
        errors["sent_on"] = [_("De datum ligt in de toekomst.")]
    if view_days is not None and not 1 <= view_days <= 90:
        errors["view_days"] = [_("Een zienswijzetermijn ligt tussen 1 en 90 dagen.")]
    if finding is not None and finding.inspection.case_id != case.pk:
        errors["finding"] = [_("Deze bevinding hoort niet bij deze zaak.")]
    _raise(errors)
    view_term = table.deadlines["zienswijze"]
    measure = Measure.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        finding=finding,
        intent_type=intent_type,
        addressees=addressees.strip(),
        sent_on=sent_on,
        view_due_on=view_term.after(sent_on, view_days),
        catalogue_version=table.version,
        created_by=actor,
    )
    MEASURE_WORKFLOW.record_start(measure, actor=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=measure, reason=f"{intent_type} {case.reference}")
    if case.status == CaseStatus.SUPERVISION:
        CASE_WORKFLOW.record_transition(case, CaseStatus.ENFORCEMENT, actor=actor, system=True, reason=intent_type)
    return measure


@dataclass(frozen=True)
class MeasureStep:
    target: str
    reason: str = ""
    view_summary: str = ""
    decision_type: str = ""
    decided_on: dt.date | None = None
    amount_per_unit: Decimal | None = None
    amount_unit: str = ""
    amount_maximum: Decimal | None = None
    compliance_due_on: dt.date | None = None
    forfeited_on: dt.date | None = None


def _decision_changes(data: MeasureStep) -> dict:
    table = catalogue()
    errors: dict[str, list] = {}
    decision = table.decision_types.get(data.decision_type)
    if decision is None:
        errors["decision_type"] = [_("Kies de soort besluit.")]
    if data.decided_on is None:
        errors["decided_on"] = [_("Vul de datum van het besluit in.")]
    elif data.decided_on > timezone.localdate():
        errors["decided_on"] = [_("De datum ligt in de toekomst.")]
    if data.compliance_due_on is None:
        errors["compliance_due_on"] = [_("Vul het einde van de begunstigingstermijn in.")]
    elif data.decided_on and data.compliance_due_on <= data.decided_on:
        errors["compliance_due_on"] = [_("De begunstigingstermijn eindigt na de datum van het besluit.")]
    if decision is not None and decision.penalty:
        if not data.amount_per_unit or data.amount_per_unit <= 0:
            errors["amount_per_unit"] = [_("Vul het bedrag van de dwangsom per eenheid in.")]
        if not data.amount_unit.strip():
            errors["amount_unit"] = [_("Vul de eenheid in, bijvoorbeeld per week per woning.")]
        if not data.amount_maximum or (data.amount_per_unit and data.amount_maximum < data.amount_per_unit):
            errors["amount_maximum"] = [_("Vul het maximum in; het is minstens het bedrag per eenheid.")]
    _raise(errors)
    penalty = decision.penalty
    return {
        "decision_type": decision.code,
        "legal_basis": decision.legal_basis,
        "decided_on": data.decided_on,
        "compliance_due_on": data.compliance_due_on,
        "amount_per_unit": data.amount_per_unit if penalty else None,
        "amount_unit": data.amount_unit.strip() if penalty else "",
        "amount_maximum": data.amount_maximum if penalty else None,
    }


def _forfeit_changes(measure: Measure, data: MeasureStep) -> dict:
    table = catalogue()
    if data.forfeited_on is None:
        raise ValidationError({"forfeited_on": _("Vul de datum van verbeurte in.")})
    if measure.compliance_due_on and data.forfeited_on <= measure.compliance_due_on:
        raise ValidationError(
            {"forfeited_on": _("Een dwangsom verbeurt pas na het einde van de begunstigingstermijn.")}
        )
    if data.forfeited_on > timezone.localdate():
        raise ValidationError({"forfeited_on": _("De datum ligt in de toekomst.")})
    return {
        "forfeited_on": data.forfeited_on,
        "payment_due_on": table.deadlines["betaling"].after(data.forfeited_on),
        "collection_lapses_on": table.deadlines["invordering_verjaring"].after(data.forfeited_on),
    }


@transaction.atomic(durable=True)
def measure_step(*, actor: User, measure: Measure, data: MeasureStep) -> Measure:
    """The next step of the administrative track, with what that step records."""
    _require(policy_for(Measure).allows(actor, "change", measure))
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    MEASURE_WORKFLOW.require(measure.status, data.target)
    changes: dict = {}
    if data.target == MeasureStatus.VIEW_RECEIVED:
        if not data.view_summary.strip():
            raise ValidationError({"view_summary": _("Vat de zienswijze en uw beoordeling samen.")})
        changes["view_summary"] = data.view_summary.strip()
    elif data.target == MeasureStatus.DECISION:
        changes = _decision_changes(data)
    elif data.target == MeasureStatus.FORFEITED:
        if not catalogue().decision_types[measure.decision_type].penalty:
            raise ValidationError(_("Alleen een dwangsom kan verbeuren."))
        changes = _forfeit_changes(measure, data)
    MEASURE_WORKFLOW.record_transition(measure, data.target, actor=actor, reason=data.reason, changes=changes)
    return measure


# --- bezwaar, beroep and voorlopige voorziening: beside the track, never instead of it ----------------

#: The outcomes that fit each kind of appeal.
APPEAL_OUTCOMES = {
    AppealKind.OBJECTION: (
        AppealOutcome.WELL_FOUNDED,
        AppealOutcome.PARTLY,
        AppealOutcome.UNFOUNDED,
        AppealOutcome.INADMISSIBLE,
        AppealOutcome.WITHDRAWN,
    ),
    AppealKind.APPEAL: (
        AppealOutcome.WELL_FOUNDED,
        AppealOutcome.PARTLY,
        AppealOutcome.UNFOUNDED,
        AppealOutcome.INADMISSIBLE,
        AppealOutcome.WITHDRAWN,
    ),
    AppealKind.INTERIM: (AppealOutcome.GRANTED, AppealOutcome.REFUSED, AppealOutcome.WITHDRAWN),
}


def _appeal_order(appeals: list[MeasureAppeal], kind: str, lodged_on: dt.date) -> list[str]:
    """Beroep follows a decision on bezwaar; a voorlopige voorziening needs a pending bezwaar or
    beroep (art. 8:81 Awb); one pending appeal of each kind at a time."""
    errors = []
    if any(appeal.kind == kind and appeal.pending for appeal in appeals):
        errors.append(_("Er loopt al een %(kind)s tegen dit besluit.") % {"kind": AppealKind(kind).label.lower()})
    if kind == AppealKind.APPEAL and not any(
        appeal.kind == AppealKind.OBJECTION
        and appeal.outcome
        and appeal.outcome != AppealOutcome.WITHDRAWN
        and appeal.decided_on <= lodged_on
        for appeal in appeals
    ):
        errors.append(_("Beroep volgt op een beslissing op bezwaar; leg die eerst vast."))
    if kind == AppealKind.INTERIM and not any(
        appeal.kind in (AppealKind.OBJECTION, AppealKind.APPEAL) and appeal.pending for appeal in appeals
    ):
        errors.append(_("Een voorlopige voorziening kan alleen naast een lopend bezwaar of beroep."))
    return errors


@transaction.atomic(durable=True)
def appeal_add(*, actor: User, measure: Measure, kind: str, lodged_on: dt.date | None, lodged_by: str) -> MeasureAppeal:
    """Record a bezwaar, beroep or voorlopige voorziening against the measure's besluit. The
    measure's own stand does not change."""
    _require(policy_for(Measure).allows(actor, "change", measure))
    measure = Measure.objects.select_for_update().select_related("case").get(pk=measure.pk)
    _require_open(measure.case)
    errors: dict[str, list] = {}
    if measure.decided_on is None:
        raise ValidationError(_("Bezwaar, beroep of een voorlopige voorziening kan pas tegen een besluit."))
    if kind not in AppealKind.values:
        errors["kind"] = [_("Kies bezwaar, beroep of voorlopige voorziening.")]
    if not lodged_by.strip():
        errors["lodged_by"] = [_("Vul in wie het heeft ingediend.")]
    if lodged_on is None:
        errors["lodged_on"] = [_("Vul de datum van indienen in.")]
    elif lodged_on > timezone.localdate():
        errors["lodged_on"] = [_("De datum ligt in de toekomst.")]
    elif lodged_on < measure.decided_on:
        errors["lodged_on"] = [_("Dit kan pas op of na de datum van het besluit.")]
    if not errors:
        order = _appeal_order(list(measure.appeals.all()), kind, lodged_on)
        if order:
            errors["kind"] = order
    _raise(errors)
    appeal = MeasureAppeal.objects.create(
        measure=measure, kind=kind, lodged_on=lodged_on, lodged_by=lodged_by.strip(), created_by=actor
    )
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=measure, reason=f"{kind} ingediend op {lodged_on}")
    return appeal


@transaction.atomic(durable=True)
def appeal_decide(
    *, actor: User, appeal: MeasureAppeal, outcome: str, decided_on: dt.date | None, notes: str = ""
) -> MeasureAppeal:
    """Record the outcome of a pending appeal; a decided appeal is final."""
    _require(policy_for(Measure).allows(actor, "change", appeal.measure))
    appeal = MeasureAppeal.objects.select_for_update().select_related("measure__case").get(pk=appeal.pk)
    _require_open(appeal.measure.case)
    if not appeal.pending:
        raise ValidationError(_("De uitkomst is al vastgelegd."))
    errors: dict[str, list] = {}
    if outcome not in APPEAL_OUTCOMES[appeal.kind]:
        kind = appeal.get_kind_display().lower()
        errors["outcome"] = [_("Kies een uitkomst die bij een %(kind)s past.") % {"kind": kind}]
    if decided_on is None:
        errors["decided_on"] = [_("Vul de datum van de beslissing of uitspraak in.")]
    elif decided_on > timezone.localdate():
        errors["decided_on"] = [_("De datum ligt in de toekomst.")]
    elif decided_on < appeal.lodged_on:
        errors["decided_on"] = [_("De beslissing valt op of na de datum van indienen.")]
    _raise(errors)
    appeal.outcome = outcome
    appeal.decided_on = decided_on
    appeal.notes = notes.strip()
    appeal.save(update_fields=["outcome", "decided_on", "notes"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=appeal.measure, reason=f"{appeal.kind}: {outcome} op {decided_on}"
    )
    return appeal


# --- barrier links: closing the loop with the Kennisbank's barrier models ----------------------------------


@transaction.atomic(durable=True)
def barrier_link_add(
    *, actor: User, barrier: str, inspection: Inspection | None = None, measure: Measure | None = None
) -> BarrierLink:
    """Link an inspection outcome or a measure to a barrier ("model/step/barrier") of a national
    barrier model: this municipality raised that barrier on that day."""
    if (inspection is None) == (measure is None):
        raise ValueError("link exactly one inspection or measure")
    source = inspection or measure
    _require(policy_for(type(source)).allows(actor, "view", source))
    case = EnforcementCase.objects.select_for_update().get(pk=source.case_id)
    _require(policy_for(EnforcementCase).allows(actor, "measure", case))
    # The stored row, not the caller's copy: the status and dates it shows may be stale.
    if inspection is not None:
        inspection = Inspection.objects.get(pk=inspection.pk)
    else:
        measure = Measure.objects.get(pk=measure.pk)
    _require_open(case)
    model_code, _sep, rest = barrier.partition("/")
    step_code, _sep, key = rest.partition("/")
    model = national_barrier_models().get(model_code)
    step = model.step(step_code) if model else None
    text = dict(step.barriers).get(key) if step else None
    if text is None:
        raise ValidationError({"barrier": _("Kies een barrière uit een barrièremodel.")})
    if inspection is not None and inspection.status != InspectionStatus.DONE:
        raise ValidationError({"barrier": _("Leg eerst de controle vast; koppel daarna de barrière.")})
    links = BarrierLink.objects.filter(model_code=model_code, step_code=step_code, barrier_key=key)
    if links.filter(inspection=inspection, measure=measure).exists():
        raise ValidationError({"barrier": _("Deze barrière is hier al gekoppeld.")})
    if inspection is not None:
        raised_on = timezone.localtime(inspection.performed_at).date()
    else:
        raised_on = measure.decided_on or measure.sent_on
    link = BarrierLink.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        inspection=inspection,
        measure=measure,
        model_code=model_code,
        step_code=step_code,
        barrier_key=key,
        barrier_text=text[:300],
        raised_on=raised_on,
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=link, reason=f"barrière {barrier} bij {case.reference}")
    return link


# --- letter templates ------------------------------------------------------------------------------------

MAX_LETTER = 20_000


@transaction.atomic(durable=True)
def letter_template_save(
    *, actor: User, kind: str, title: str, body: str, base_revision: int, note: str = ""
) -> LetterTemplate:
    """The municipality's own text of a letter, as its next version (the first replaces the
    standard text). Only the known fields may be used."""
    policy = policy_for(LetterTemplate)
    _require(policy.user_may(actor, "change"))
    if kind not in LetterKind.values:
        raise NotPermitted
    template = policy.rows_for(actor, "change").select_for_update().filter(kind=kind).first()
    require_base_revision(template, base_revision)
    errors: dict[str, list] = {}
    if not title.strip():
        errors["title"] = [_("Vul de titel van de brief in.")]
    if not body.strip():
        errors["body"] = [_("Vul de tekst van de brief in.")]
    elif len(body) > MAX_LETTER:
        errors["body"] = [_("De tekst is te lang (ten hoogste 20.000 tekens).")]
    elif unknown := letters.unknown_fields(body + title):
        errors["body"] = [
            _("Onbekend veld: %(fields)s. Gebruik alleen de velden die onder het formulier staan.")
            % {"fields": ", ".join(f"{{{{ {name} }}}}" for name in unknown)}
        ]
    _raise(errors)
    created = template is None
    if created:
        template = LetterTemplate(organisation_id=actor.organisation_id, kind=kind)
    template.title = title.strip()
    template.body = body.strip()
    append_revision(
        template,
        LetterTemplateRevision,
        actor=actor,
        action=RevisionAction.CREATE if created else RevisionAction.UPDATE,
        note=note,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=template,
        reason=f"briefsjabloon {kind} versie {template.revision}",
    )
    return template


@transaction.atomic(durable=True)
def letter_template_restore(*, actor: User, kind: str, revision_pk: int, base_revision: int) -> LetterTemplate:
    """Make an earlier version of a letter text current again, as a new version (the history
    is never rewritten)."""
    template = policy_for(LetterTemplate).rows_for(actor, "change").select_for_update().filter(kind=kind).first()
    if template is None:
        raise NotPermitted
    revision = LetterTemplateRevision.objects.filter(pk=revision_pk, template=template).first()
    if revision is None:
        raise NotPermitted
    require_base_revision(template, base_revision)
    restore_fields(template, revision, ("title", "body"))
    append_revision(
        template,
        LetterTemplateRevision,
        actor=actor,
        action=RevisionAction.RESTORE,
        note=_("versie %(number)s teruggezet") % {"number": revision.revision},
        restored_from=revision.revision,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=template,
        reason=f"briefsjabloon {kind} versie {revision.revision} teruggezet als versie {template.revision}",
    )
    return template


# --- Bibob test ------------------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def bibob_start(
    *, actor: User, case: EnforcementCase, subject: str, trigger: str, started_on: dt.date | None
) -> BibobTest:
    """Start a Bibob test at a case (the handhavingsjurist's and the toezichthouder's)."""
    _require(policy_for(EnforcementCase).allows(actor, "measure", case))
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    table = catalogue()
    errors: dict[str, list] = {}
    if not subject.strip():
        errors["subject"] = [_("Vul in waarop de toets ziet, bijvoorbeeld de aanvraag of de vergunning.")]
    if trigger not in table.bibob_triggers:
        errors["trigger"] = [_("Kies de aanleiding van de toets.")]
    if started_on is None:
        errors["started_on"] = [_("Vul de startdatum in.")]
    elif started_on > timezone.localdate():
        errors["started_on"] = [_("De datum ligt in de toekomst.")]
    _raise(errors)
    test = BibobTest.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        subject=subject.strip(),
        trigger=trigger,
        started_on=started_on,
        catalogue_version=table.version,
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=test, reason=f"Bibob-toets {case.reference}")
    return test


@dataclass(frozen=True)
class BibobInput:
    questionnaire_sent_on: dt.date | None = None
    questionnaire_received_on: dt.date | None = None
    own_findings: str = ""
    lbb_requested_on: dt.date | None = None
    lbb_extended: bool = False
    lbb_advice_received_on: dt.date | None = None
    advice_level: str = ""
    decision: str = ""
    decided_on: dt.date | None = None
    proportionality: str = ""


def _bibob_dates(test: BibobTest, data: BibobInput, errors: dict) -> None:
    today = timezone.localdate()
    order = (
        ("questionnaire_sent_on", test.started_on, _("Het formulier is verzonden op of na de start van de toets.")),
        ("questionnaire_received_on", data.questionnaire_sent_on, _("Het formulier is ontvangen na verzending.")),
        ("lbb_requested_on", test.started_on, _("Het advies is gevraagd op of na de start van de toets.")),
        ("lbb_advice_received_on", data.lbb_requested_on, _("Het advies is ontvangen na de adviesaanvraag.")),
        ("decided_on", test.started_on, _("Het besluit valt op of na de start van de toets.")),
    )
    for field, earliest, message in order:
        value = getattr(data, field)
        if value is None:
            continue
        if value > today:
            errors[field] = [_("De datum ligt in de toekomst.")]
        elif earliest is not None and value < earliest:
            errors[field] = [message]
    if data.questionnaire_received_on and not data.questionnaire_sent_on:
        errors["questionnaire_received_on"] = [_("Vul eerst in wanneer het formulier is verzonden.")]
    if data.lbb_extended and not data.lbb_requested_on:
        errors["lbb_extended"] = [_("Alleen een gevraagd advies kan worden verlengd.")]
    if data.lbb_advice_received_on and not data.lbb_requested_on:
        errors["lbb_advice_received_on"] = [_("Vul eerst in wanneer het advies is gevraagd.")]


def _bibob_advice_and_decision(data: BibobInput, errors: dict) -> None:
    table = catalogue()
    if data.advice_level and data.advice_level not in table.bibob_advice_levels:
        errors["advice_level"] = [_("Kies de mate van gevaar uit het advies.")]
    elif data.advice_level and not data.lbb_advice_received_on:
        errors["lbb_advice_received_on"] = [_("Vul in wanneer het advies is ontvangen.")]
    elif data.lbb_advice_received_on and not data.advice_level:
        errors["advice_level"] = [_("Kies de mate van gevaar uit het advies.")]
    if not (data.decision or data.decided_on or data.proportionality.strip()):
        return
    if data.decision not in table.bibob_decisions:
        errors["decision"] = [_("Kies het besluit.")]
    if data.decided_on is None:
        errors.setdefault("decided_on", [_("Vul de datum van het besluit in.")])
    if not data.proportionality.strip():
        errors["proportionality"] = [_("Motiveer waarom het besluit evenredig is; het advies bindt niet.")]
    if data.lbb_requested_on and not data.lbb_advice_received_on:
        errors["decision"] = [_("Het advies van het LBB is nog niet binnen; leg het eerst vast.")]


@transaction.atomic(durable=True)
def bibob_update(*, actor: User, test: BibobTest, data: BibobInput) -> BibobTest:
    """Record the next steps of a Bibob test. The LBB's advice deadline (eight weeks, once
    extended by at most four) comes from the catalogue. A decided test is final."""
    _require(policy_for(BibobTest).allows(actor, "change", test))
    test = BibobTest.objects.select_for_update().select_related("case").get(pk=test.pk)
    _require_open(test.case)
    if test.decision:
        raise ValidationError(_("Over deze Bibob-toets is besloten; hij kan niet meer worden gewijzigd."))
    errors: dict[str, list] = {}
    _bibob_dates(test, data, errors)
    _bibob_advice_and_decision(data, errors)
    _raise(errors)
    term = catalogue().deadlines["bibob_advies"]
    due = None
    if data.lbb_requested_on:
        due = term.after(data.lbb_requested_on, term.amount + (term.extension_amount if data.lbb_extended else 0))
    values = {
        "questionnaire_sent_on": data.questionnaire_sent_on,
        "questionnaire_received_on": data.questionnaire_received_on,
        "own_findings": data.own_findings.strip(),
        "lbb_requested_on": data.lbb_requested_on,
        "lbb_extended": data.lbb_extended,
        "lbb_advice_due_on": due,
        "lbb_advice_received_on": data.lbb_advice_received_on,
        "advice_level": data.advice_level,
        "decision": data.decision,
        "decided_on": data.decided_on if data.decision else None,
        "proportionality": data.proportionality.strip(),
        "catalogue_version": catalogue().version,
    }
    for field, value in values.items():
        setattr(test, field, value)
    test.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=test,
        reason=f"Bibob-toets bijgewerkt{': ' + data.decision if data.decision else ''}",
    )
    return test


def inspection_hand_over(
    *, actor: User, inspection: Inspection, description: str, people_count: int | None, submission_key: uuid.UUID
) -> Signal:
    """ "Signaal mensenhandel doorzetten" at the debrief: a signal in the aandachtsfunctionaris's
    inbox through the intake service, with the inspector as reporter and the inspection linked.
    Not inside a transaction: the intake commits on its own (durable), and a repeated
    submission_key returns the signal the first click made."""
    _require(policy_for(Inspection).allows(actor, "change", inspection))
    if inspection.status != InspectionStatus.DONE:
        raise ValidationError({"description": [_("Leg eerst de controle vast; doe daarna de melding.")]})
    if inspection.handed_signal_id:
        earlier = Signal.objects.filter(pk=inspection.handed_signal_id, reporter=actor, submission_key=submission_key)
        if earlier.exists():  # the same click again: the signal it made
            return earlier.get()
        raise ValidationError({"description": [_("Bij deze controle is al een melding gedaan.")]})
    location = inspection.case.location
    performed = timezone.localtime(inspection.performed_at).date()
    data = SignalInput(
        observed_on=performed,
        channel=Channel.INSPECTION,
        description=description.strip(),
        form_unknown=True,
        postcode=location.postcode,
        house_number=location.house_number,
        street=location.street,
        city=location.city,
        business_name=location.name,
        neighbourhood=location.neighbourhood,
        people_count=people_count,
    )
    signal, _created = signal_submit(reporter=actor, data=data, submission_key=submission_key)
    with transaction.atomic():
        updated = Inspection.objects.filter(pk=inspection.pk, handed_signal__isnull=True).update(handed_signal=signal)
        if updated:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=inspection,
                reason=_("melding mensenhandel gedaan: %(reference)s") % {"reference": signal.reference},
            )
    inspection.handed_signal = signal
    return signal
