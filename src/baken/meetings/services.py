"""Writes of Casusoverleg. Every function checks through the access policy that the actor may do
it (or raises NotPermitted), owns the domain rules (ValidationError with Dutch messages), saves
in one transaction, moves an aanmelding's phase only through the workflow engine and writes
the audit log. Nothing is half-saved: a refusal changes nothing."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.accounts.models import User
from baken.core.access import policy_for
from baken.core.dates import short_date
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, Organisation
from baken.core.notify import clear_notifications, notify, subject_of
from baken.core.services import audit_record
from baken.meetings.catalogue.loader import catalogue
from baken.meetings.models import (
    ActionStatus,
    AgendaItem,
    Attendee,
    CaseReferral,
    DocumentDispatch,
    Meeting,
    MeetingAction,
    ReferralStatus,
    SharingLogEntry,
)
from baken.meetings.policies import may_run, runners_of
from baken.meetings.selectors import LINKS, care_case_visible, linkable_id, runners_for
from baken.meetings.workflow import CLOSURE_TARGETS, REFERRAL_WORKFLOW
from baken.signalling.figures import exploitation_forms

#: Agenda items may be added for aanmeldingen in these phases (planned, or back for a follow-up).
AGENDA_PHASES = (ReferralStatus.SCHEDULED,)
MAX_SHORT = 300


def _require(actor: User, model, obj) -> None:
    if not policy_for(model).allows(actor, "manage", obj):
        raise NotPermitted


def _lock(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


def _required_text(values: dict, field: str, message: str, errors: dict) -> str:
    value = (values.get(field) or "").strip()
    if not value:
        errors[field] = message
    return value


@transaction.atomic(durable=True)
def referral_register(*, actor: User, organisation: Organisation, values: dict) -> CaseReferral:
    """An aanmelding for a case meeting in a municipality the actor runs meetings for. `values`:
    pseudonym, referrer_name, referrer_organisation, referrer_contact, full_name, birth_date,
    reason, goal, criteria, proposed_partners, person_informed, not_informed_reason, urgency,
    care_case_id."""
    if not may_run(actor) or not policy_for(Organisation).visible(actor).filter(pk=organisation.pk).exists():
        raise NotPermitted
    errors: dict[str, str] = {}
    pseudonym = _required_text(values, "pseudonym", _("Geef een schuilnaam; die staat in lijsten en agenda's."), errors)
    referrer_name = _required_text(values, "referrer_name", _("Vul in wie aanmeldt."), errors)
    referrer_organisation = _required_text(
        values, "referrer_organisation", _("Vul de organisatie van de aanmelder in."), errors
    )
    reason = _required_text(values, "reason", _("Beschrijf de reden van aanmelding."), errors)
    goal = _required_text(values, "goal", _("Beschrijf wat het overleg moet opleveren."), errors)
    criteria = list(dict.fromkeys(values.get("criteria") or []))
    if not criteria:
        errors["criteria"] = _("Kies minstens één criterium waaraan de casus voldoet.")
    elif set(criteria) - set(catalogue().criteria):
        errors["criteria"] = _("Kies criteria uit de lijst.")
    urgency = values.get("urgency") or ""
    if urgency not in catalogue().urgencies:
        errors["urgency"] = _("Kies de urgentie.")
    informed = bool(values.get("person_informed"))
    not_informed_reason = (values.get("not_informed_reason") or "").strip()
    if not informed and not not_informed_reason:
        errors["not_informed_reason"] = _("Leg uit waarom de betrokkene niet is geïnformeerd.")
    if informed:
        not_informed_reason = ""
    birth_date = values.get("birth_date")
    if birth_date and birth_date > timezone.localdate():
        errors["birth_date"] = _("Een geboortedatum kan niet in de toekomst liggen.")
    care_case_id = values.get("care_case_id")
    if care_case_id and not care_case_visible(user=actor, organisation=organisation, pk=care_case_id):
        errors["care_case_id"] = _("Dit zorgtraject bestaat niet of u kunt het niet zien.")
    if errors:
        raise ValidationError(errors)
    referral = CaseReferral.objects.create(
        organisation=organisation,
        reference="",
        pseudonym=pseudonym[:60],
        referrer_name=referrer_name[:200],
        referrer_organisation=referrer_organisation[:200],
        referrer_contact=(values.get("referrer_contact") or "").strip()[:200],
        full_name=(values.get("full_name") or "").strip()[:200],
        birth_date=birth_date,
        reason=reason,
        goal=goal,
        criteria=criteria,
        proposed_partners=(values.get("proposed_partners") or "").strip(),
        person_informed=informed,
        not_informed_reason=not_informed_reason,
        urgency=urgency,
        care_case_id=care_case_id or None,
        received_at=timezone.now(),
        created_by=actor,
    )
    referral.reference = f"CO-{referral.received_at:%Y}-{referral.pk:05d}"
    referral.save(update_fields=["reference"])
    REFERRAL_WORKFLOW.record_start(referral, actor=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=referral)
    return referral


@transaction.atomic(durable=True)
def referral_transition(
    *, actor: User, referral: CaseReferral, target: str, reason: str = "", escalated_to: str = ""
) -> CaseReferral:
    """A plain step of the lifecycle (in triage, in uitvoering, evaluatie, afschalen, escaleren,
    ...). The triage's outcome and "besproken" are set by their own services. Escalating names to
    whom (the catalogue's escalation levels: management, the regional board) and why; the step
    back to uitvoering records the escalation's outcome as its reason (the workflow requires it)."""
    _require(actor, CaseReferral, referral)
    referral = _lock(CaseReferral, referral)
    if referral.status == ReferralStatus.IN_TRIAGE or target == ReferralStatus.DISCUSSED:
        raise ValidationError({"target": _("Deze stap zet u met het besluit van de triage of op de agenda.")})
    if target in CLOSURE_TARGETS:
        raise ValidationError({"target": _("Afsluiten of afschalen doet u met het formulier Afsluiten.")})
    reason = reason.strip()
    if target == ReferralStatus.ESCALATED and REFERRAL_WORKFLOW.find(referral.status, target) is not None:
        errors: dict[str, str] = {}
        level = catalogue().escalation_levels.get(escalated_to)
        if level is None:
            errors["escalated_to"] = _("Kies naar wie u escaleert.")
        if not reason:
            errors["reason"] = _("Geef de reden van de escalatie.")
        if errors:
            raise ValidationError(errors)
        reason = f"{level.label}: {reason}"[:2000]
    REFERRAL_WORKFLOW.record_transition(referral, target, actor=actor, reason=reason)
    return referral


@transaction.atomic(durable=True)
def referral_close(
    *, actor: User, referral: CaseReferral, target: str, outcome: str, handed_to: str, reason: str
) -> CaseReferral:
    """Close an aanmelding, or scale it down to the regular chain (afschalen), through the
    workflow table: with an outcome from the catalogue, the partner or route that takes it back
    (required when scaling down) and a reason. One audit line names the step, the outcome and the
    route; the reason stays in the status history."""
    _require(actor, CaseReferral, referral)
    referral = _lock(CaseReferral, referral)
    errors: dict[str, str] = {}
    handed_to = handed_to.strip()
    reason = reason.strip()
    transition = REFERRAL_WORKFLOW.find(referral.status, target) if target in CLOSURE_TARGETS else None
    if transition is None:
        errors["target"] = _("In deze fase kan de aanmelding zo niet worden afgesloten.")
    outcome_entry = catalogue().closure_outcomes.get(outcome)
    if outcome_entry is None:
        errors["outcome"] = _("Kies de uitkomst.")
    if target == ReferralStatus.SCALED_DOWN and not handed_to:
        errors["handed_to"] = _("Vul in bij welke partner of route de casus terugkomt.")
    if len(handed_to) > 200:
        errors["handed_to"] = _("Houd dit onder de 200 tekens.")
    if not reason:
        errors["reason"] = _("Geef de reden van afsluiten of afschalen.")
    if errors:
        raise ValidationError(errors)
    source = referral.status
    REFERRAL_WORKFLOW.record_transition(
        referral,
        target,
        actor=actor,
        reason=f"{outcome_entry.label}: {reason}"[:2000],
        changes={"closure_outcome": outcome, "handed_to": handed_to, "closed_on": timezone.localdate()},
        audit=False,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=referral,
        reason=f"status: {source} → {target}; uitkomst: {outcome}"
        + (f"; terug naar: {handed_to}" if handed_to else ""),
    )
    return referral


@transaction.atomic(durable=True)
def referral_link(*, actor: User, referral: CaseReferral, kind: str, reference: str) -> CaseReferral:
    """Link the aanmelding to a signal, care case or enforcement case of its municipality, by
    kenmerk: the id only, nothing copied. The actor must be able to open the record."""
    _require(actor, CaseReferral, referral)
    referral = _lock(CaseReferral, referral)
    if kind not in LINKS:
        raise ValidationError({"kind": _("Kies waarnaar u verwijst.")})
    reference = reference.strip()
    pk = linkable_id(user=actor, organisation=referral.organisation, kind=kind, reference=reference)
    if pk is None:
        raise ValidationError({"reference": _("Met dit kenmerk is er niets in deze gemeente dat u kunt openen.")})
    field = LINKS[kind][0]
    setattr(referral, field, pk)
    referral.save(update_fields=[field])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=referral, reason=f"koppeling: {kind} {pk}")
    return referral


@transaction.atomic(durable=True)
def triage_decide(
    *, actor: User, referral: CaseReferral, decision: str, rationale: str, process_director: User | None
) -> CaseReferral:
    """The weekly triage's decision on an aanmelding in triage, with its rationale; a meeting or
    advice needs a procesregisseur who may run the municipality's meetings."""
    _require(actor, CaseReferral, referral)
    referral = _lock(CaseReferral, referral)
    errors: dict[str, str] = {}
    entry = catalogue().decisions.get(decision)
    rationale = rationale.strip()
    if referral.status != ReferralStatus.IN_TRIAGE:
        errors["decision"] = _("Alleen een aanmelding in triage krijgt een besluit.")
    elif entry is None:
        errors["decision"] = _("Kies een besluit.")
    if not rationale:
        errors["rationale"] = _("Onderbouw het besluit.")
    if entry is not None and entry.target != ReferralStatus.REJECTED:
        if process_director is None:
            errors["process_director"] = _("Wijs een procesregisseur aan.")
        elif not runners_for(referral).filter(pk=process_director.pk).exists():
            errors["process_director"] = _("Deze persoon kan de casusoverleggen van deze gemeente niet voeren.")
    if errors:
        raise ValidationError(errors)
    REFERRAL_WORKFLOW.record_transition(
        referral,
        entry.target,
        actor=actor,
        reason=f"{entry.label}: {rationale}"[:2000],
        changes={
            "triage_decision": decision,
            "triage_rationale": rationale,
            "process_director": process_director if entry.target != ReferralStatus.REJECTED else None,
            "triaged_at": timezone.now(),
            "triaged_by": actor,
        },
    )
    return referral


@transaction.atomic(durable=True)
def meeting_plan(
    *,
    actor: User,
    organisation: Organisation,
    meeting_type: str,
    starts_at: dt.datetime,
    chair: User,
    location: str = "",
    minute_taker: str = "",
) -> Meeting:
    if not may_run(actor) or not policy_for(Organisation).visible(actor).filter(pk=organisation.pk).exists():
        raise NotPermitted
    errors: dict[str, str] = {}
    if meeting_type not in catalogue().meeting_types:
        errors["meeting_type"] = _("Kies de soort overleg.")
    if not runners_of(organisation).filter(pk=chair.pk).exists():
        errors["chair"] = _("De voorzitter moet de casusoverleggen van deze gemeente kunnen voeren.")
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        organisation=organisation,
        meeting_type=meeting_type,
        starts_at=starts_at,
        chair=chair,
        location=location.strip()[:200],
        minute_taker=minute_taker.strip()[:200],
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=meeting)
    return meeting


@transaction.atomic(durable=True)
def attendee_add(
    *,
    actor: User,
    meeting: Meeting,
    name: str,
    organisation_name: str,
    capacity: str,
    legal_basis: str,
    legal_basis_note: str = "",
    user: User | None = None,
) -> Attendee:
    """An attendee with the legal basis on which they take part and share. No basis, no seat.
    A Baken user must work for the meeting's municipality or its region."""
    _require(actor, Meeting, meeting)
    errors: dict[str, str] = {}
    name = name.strip()
    organisation_name = organisation_name.strip()
    capacity = capacity.strip()
    legal_basis_note = legal_basis_note.strip()
    if not name:
        errors["name"] = _("Vul de naam in.")
    if not organisation_name:
        errors["organisation_name"] = _("Vul de organisatie in.")
    if not capacity:
        errors["capacity"] = _("Vul de functie of rol in.")
    basis = catalogue().legal_bases.get(legal_basis)
    if basis is None:
        errors["legal_basis"] = _("Kies de grondslag waarop deze deelnemer meedoet en deelt.")
    elif basis.note_required and not legal_basis_note:
        errors["legal_basis_note"] = _("Licht deze grondslag toe (welk convenant, welke wet).")
    if len(legal_basis_note) > MAX_SHORT:
        errors["legal_basis_note"] = _("Houd de toelichting onder de 300 tekens.")
    if user is not None:
        organisation = meeting.organisation
        own = user.organisation_id == organisation.pk or (
            user.organisation_id is None and user.region_id is not None and user.region_id == organisation.region_id
        )
        if not own or not user.is_active:
            errors["user"] = _("Alleen een Baken-gebruiker van deze gemeente of haar regio kan deelnemen.")
        elif meeting.attendees.filter(user=user).exists():
            errors["user"] = _("Deze gebruiker staat al op de deelnemerslijst.")
    if errors:
        raise ValidationError(errors)
    attendee = Attendee.objects.create(
        meeting=meeting,
        name=name[:200],
        organisation_name=organisation_name[:200],
        capacity=capacity[:200],
        legal_basis=legal_basis,
        legal_basis_note=legal_basis_note,
        user=user,
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=attendee, organisation=meeting.organisation)
    return attendee


@transaction.atomic(durable=True)
def agenda_item_add(*, actor: User, meeting: Meeting, referral: CaseReferral, person_invited: bool) -> AgendaItem:
    """Put a planned aanmelding of the same municipality on the agenda, once per meeting."""
    _require(actor, Meeting, meeting)
    _require(actor, CaseReferral, referral)
    if referral.organisation_id != meeting.organisation_id:
        raise ValidationError({"referral": _("Dit overleg is van een andere gemeente dan de aanmelding.")})
    if referral.status not in AGENDA_PHASES:
        raise ValidationError({"referral": _("Alleen een ingeplande aanmelding kan op de agenda.")})
    if meeting.agenda_items.filter(referral=referral).exists():
        raise ValidationError({"referral": _("Deze aanmelding staat al op de agenda.")})
    order = meeting.agenda_items.count() + 1
    item = AgendaItem.objects.create(
        meeting=meeting, referral=referral, order=order, person_invited=person_invited, created_by=actor
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=item, organisation=meeting.organisation)
    return item


@transaction.atomic(durable=True)
def agenda_item_discussed(*, actor: User, item: AgendaItem, person_attended: bool, summary: str) -> AgendaItem:
    """The item was discussed: the aanmelding moves to "besproken"."""
    _require(actor, AgendaItem, item)
    item = _lock(AgendaItem, item)
    if item.discussed_at is not None:
        raise ValidationError({"summary": _("Dit agendapunt is al als besproken vastgelegd.")})
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": _("Vat de bespreking kort samen (zonder namen).")})
    referral = _lock(CaseReferral, item.referral)
    REFERRAL_WORKFLOW.record_transition(referral, ReferralStatus.DISCUSSED, actor=actor)
    item.discussed_at = timezone.now()
    item.person_attended = person_attended
    item.summary = summary
    item.save(update_fields=["discussed_at", "person_attended", "summary"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=item, organisation=item.meeting.organisation)
    return item


#: The fields of an agenda item's analysis, as `agenda_item_analyse` takes them.
ANALYSIS_FIELDS = (
    "problem_domains",
    "risk_factors",
    "protective_factors",
    "hypothesis",
    "hypothesis_forms",
    "safety_level",
    "safety_note",
)
MAX_ANALYSIS_TEXT = 4000


def _analysis_errors(values: dict) -> tuple[dict, dict]:
    """The analysis cleaned against the catalogue, and the errors (Dutch) by field."""
    entries = catalogue()
    errors: dict[str, str] = {}
    domains = list(dict.fromkeys(values.get("problem_domains") or []))
    if set(domains) - set(entries.problem_domains):
        errors["problem_domains"] = _("Kies probleemgebieden uit de lijst.")
    text_fields = ("risk_factors", "protective_factors", "safety_note")
    texts = {field: (values.get(field) or "").strip() for field in text_fields}
    for field, text in texts.items():
        if len(text) > MAX_ANALYSIS_TEXT:
            errors[field] = _("Houd dit onder de 4000 tekens.")
    hypothesis = entries.hypotheses.get(values.get("hypothesis") or "")
    known_forms = dict(exploitation_forms())
    forms = list(dict.fromkeys(values.get("hypothesis_forms") or []))
    if hypothesis is None:
        errors["hypothesis"] = _("Kies een hypothese: is dit mensenhandel?")
    elif set(forms) - set(known_forms):
        errors["hypothesis_forms"] = _("Kies vormen van uitbuiting uit de lijst.")
    elif hypothesis.forms == "required" and not forms:
        errors["hypothesis_forms"] = _("Kies ten minste één vorm van uitbuiting bij deze hypothese.")
    elif hypothesis.forms == "none" and forms:
        errors["hypothesis_forms"] = _("Bij deze hypothese hoort geen vorm van uitbuiting.")
    level = entries.safety_levels.get(values.get("safety_level") or "")
    if level is None:
        errors["safety_level"] = _("Kies de veiligheidstaxatie.")
    elif level.note_required and not texts["safety_note"]:
        errors["safety_note"] = _("Licht de veiligheidstaxatie toe: wat zijn de zorgen en wat is afgesproken?")
    cleaned = {
        "problem_domains": domains,
        **texts,
        "hypothesis": hypothesis.code if hypothesis else "",
        "hypothesis_forms": forms,
        "safety_level": level.code if level else "",
    }
    return cleaned, errors


@transaction.atomic(durable=True)
def agenda_item_analyse(*, actor: User, item: AgendaItem, values: dict) -> AgendaItem:
    """Record (or revise) the analysis of an agenda item: problem domains, risks and protective
    factors, the hypothesis (is this trafficking, which form) and the safety assessment. Not
    after the aanmelding was closed or scaled down. The audit row names the fields changed."""
    _require(actor, AgendaItem, item)
    item = _lock(AgendaItem, item)
    if item.referral.status in CLOSURE_TARGETS:
        raise ValidationError(_("Deze aanmelding is afgesloten; de analyse ligt vast."))
    cleaned, errors = _analysis_errors(values)
    if errors:
        raise ValidationError(errors)
    changed = [field for field in ANALYSIS_FIELDS if getattr(item, field) != cleaned[field]]
    if not changed:
        return item
    for field in ANALYSIS_FIELDS:
        setattr(item, field, cleaned[field])
    item.analysed_at = timezone.now()
    item.analysed_by = actor
    item.save(update_fields=[*ANALYSIS_FIELDS, "analysed_at", "analysed_by"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=item,
        organisation=item.meeting.organisation,
        reason="analysis: " + ", ".join(changed),
    )
    return item


@transaction.atomic(durable=True)
def sharing_record(
    *, actor: User, item: AgendaItem, attendee: Attendee, categories: list[str], legal_basis: str, note: str = ""
) -> SharingLogEntry:
    """Log which categories an attendee's organisation shared on this item, and on which basis."""
    _require(actor, AgendaItem, item)
    errors: dict[str, str] = {}
    if attendee.meeting_id != item.meeting_id:
        errors["attendee"] = _("Kies een deelnemer van dit overleg.")
    categories = list(dict.fromkeys(categories))
    if not categories:
        errors["categories"] = _("Kies wat er is gedeeld.")
    elif set(categories) - set(catalogue().categories):
        errors["categories"] = _("Kies soorten informatie uit de lijst.")
    if legal_basis not in catalogue().legal_bases:
        errors["legal_basis"] = _("Kies de grondslag waarop is gedeeld.")
    note = note.strip()
    if len(note) > MAX_SHORT:
        errors["note"] = _("Houd de toelichting onder de 300 tekens.")
    if errors:
        raise ValidationError(errors)
    entry = SharingLogEntry.objects.create(
        agenda_item=item,
        attendee=attendee,
        source_organisation=attendee.organisation_name,
        categories=categories,
        legal_basis=legal_basis,
        note=note,
        recorded_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=entry, organisation=item.meeting.organisation)
    return entry


@transaction.atomic(durable=True)
def action_add(
    *,
    actor: User,
    item: AgendaItem,
    description: str,
    owner_organisation: str,
    owner_person: str,
    due_on: dt.date,
    owner_user: User | None = None,
) -> MeetingAction:
    _require(actor, AgendaItem, item)
    errors: dict[str, str] = {}
    description = description.strip()
    owner_organisation = owner_organisation.strip()
    owner_person = owner_person.strip()
    if not description:
        errors["description"] = _("Beschrijf de actie.")
    if not owner_organisation:
        errors["owner_organisation"] = _("Vul de organisatie in die de actie uitvoert.")
    if not owner_person:
        errors["owner_person"] = _("Vul in wie de actie uitvoert.")
    if due_on < timezone.localdate():
        errors["due_on"] = _("De uiterste datum kan niet in het verleden liggen.")
    if owner_user is not None and not item.meeting.attendees.filter(user=owner_user).exists():
        errors["owner_user"] = _("Een Baken-gebruiker als eigenaar moet deelnemer van dit overleg zijn.")
    elif owner_user is not None and not policy_for(AgendaItem).allows(owner_user, "view", item):
        # Nobody gets a task they would find a 404 behind (too low a clearance for the case).
        errors["owner_user"] = _(
            "Deze gebruiker mag deze casus niet inzien (vertrouwelijkheid). Kies een andere eigenaar, "
            "of leg de actie vast zonder Baken-gebruiker."
        )
    if errors:
        raise ValidationError(errors)
    action = MeetingAction.objects.create(
        agenda_item=item,
        description=description[:500],
        owner_organisation=owner_organisation[:200],
        owner_person=owner_person[:200],
        owner_user=owner_user,
        due_on=due_on,
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=action, organisation=item.meeting.organisation)
    if owner_user is not None:
        # The owner's task list: a notification in Baken (pseudonym and date, not what was agreed).
        notify(
            recipients=[owner_user],
            organisation_id=item.meeting.organisation_id,
            message=_("Actie uit casusoverleg over %(pseudonym)s, uiterlijk %(date)s")
            % {"pseudonym": item.referral.pseudonym, "date": short_date(due_on)},
            url=reverse("meetings:item", args=[item.meeting_id, item.pk]),
            subject=subject_of(action),
        )
    return action


@transaction.atomic(durable=True)
def action_update(*, actor: User, action: MeetingAction, status: str, result: str) -> MeetingAction:
    """Record the result of an action (the runners, or the Baken user who owns it): done needs a
    result, cancelled a reason."""
    if not policy_for(MeetingAction).allows(actor, "report", action):
        raise NotPermitted
    action = _lock(MeetingAction, action)
    result = result.strip()
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Kies een status.")})
    if status != ActionStatus.OPEN and not result:
        raise ValidationError({"result": _("Beschrijf het resultaat of waarom de actie vervalt.")})
    action.status = status
    action.result = result
    action.save(update_fields=["status", "result", "updated_at"])
    if status != ActionStatus.OPEN:
        clear_notifications(subject=subject_of(action))
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=action,
        organisation=action.agenda_item.meeting.organisation,
        reason=f"status: {status}",
    )
    return action


#: What the chair may record as sent to an external attendee.
DOCUMENTS = ("agenda", "verslag")


@transaction.atomic(durable=True)
def dispatch_record(
    *, actor: User, meeting: Meeting, attendee: Attendee, document: str, note: str = ""
) -> DocumentDispatch:
    """Record that the chair sent the agenda or the minutes to an external attendee (one
    without a Baken account) outside Baken: Baken sends them nothing itself."""
    _require(actor, Meeting, meeting)
    errors: dict[str, str] = {}
    if attendee.meeting_id != meeting.pk:
        errors["attendee"] = _("Kies een deelnemer van dit overleg.")
    elif attendee.user_id is not None:
        errors["attendee"] = _("Een Baken-gebruiker haalt de stukken zelf op in Baken.")
    if document not in DOCUMENTS:
        errors["document"] = _("Kies het stuk dat u hebt verstuurd.")
    note = note.strip()
    if len(note) > MAX_SHORT:
        errors["note"] = _("Houd de toelichting onder de 300 tekens.")
    if errors:
        raise ValidationError(errors)
    dispatch = DocumentDispatch.objects.create(
        meeting=meeting,
        attendee=attendee,
        document=document,
        legal_basis=attendee.legal_basis,
        note=note,
        sent_by=actor,
    )
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=dispatch, reason=f"{document} verstuurd aan externe deelnemer"
    )
    return dispatch
