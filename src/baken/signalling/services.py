"""Writes of Signaleren: submitting a signal and keeping the local catalogue. Validate, save in
one transaction, append the status history and the audit log, notify on commit."""

import contextlib
import uuid
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.accounts.models import User
from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction
from baken.core.services import audit_record
from baken.core.versioning import RevisionAction, append_revision
from baken.signalling.catalogue.loader import catalogue_version, indicator_content
from baken.signalling.deadlines import triage_due_on
from baken.signalling.models import (
    AcuteCall,
    ExploitationForm,
    Indicator,
    IndicatorRevision,
    MinorInvolved,
    ReferenceCounter,
    Signal,
    SignalAddition,
    SignalAttachment,
    SignalIndicator,
)
from baken.signalling.notifications import notify_urgent_signal
from baken.signalling.uploads import MAX_ATTACHMENTS, check_attachment, is_storage_full, storage_full_message
from baken.signalling.workflow import SIGNAL_WORKFLOW


@dataclass
class SignalInput:
    """What the reporter tells; the intake form and the API both produce one."""

    observed_on: date
    channel: str
    description: str
    form_codes: list[str] = field(default_factory=list)
    form_unknown: bool = False
    acute_danger: bool = False
    minor_involved: str = MinorInvolved.UNKNOWN
    indicator_ids: list[int] = field(default_factory=list)
    postcode: str = ""
    house_number: str = ""
    street: str = ""
    city: str = ""
    location_description: str = ""
    business_name: str = ""
    neighbourhood: str = ""
    people_count: int | None = None
    estimated_age: str = ""
    sex: str = ""
    languages: str = ""
    identifying_details: str = ""
    attachments: list = field(default_factory=list)
    #: What the reporter chose in the acute panel. None: the caller showed no panel (the API, the
    #: demo data); the intake passes "" when nothing was chosen, which an urgent signal refuses.
    acute_call: str | None = None
    acute_no_call_reason: str = ""


def format_reference(cbs_code: str, year: int, sequence: int) -> str:
    """A reference that is unambiguous beyond the municipality (hand-overs travel to regional
    partners): `SIG-GM9901-2026-0014`. References given before the municipality's code was part
    of them (`SIG-2026-0014`) stay as they were, and the number finds both."""
    return f"SIG-{cbs_code}-{year}-{sequence:04d}"


def _next_sequence(*, organisation_id: int, year: int) -> int:
    """Next number for this organisation and year. Must run inside the signal's transaction:
    the row lock (PostgreSQL) or the write lock (SQLite, IMMEDIATE) is held until commit, and
    a rollback gives the number back, so there are no gaps or duplicates."""
    ReferenceCounter.objects.bulk_create(
        [ReferenceCounter(organisation_id=organisation_id, year=year)], ignore_conflicts=True
    )
    counter = ReferenceCounter.objects.select_for_update().get(organisation_id=organisation_id, year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value


def _chosen(reporter: User, data: SignalInput) -> tuple[list[Indicator], list[ExploitationForm]]:
    indicators = list(
        policy_for(Indicator)
        .visible(reporter)
        .filter(pk__in=set(data.indicator_ids), active=True)
        .select_related("group")
    )
    return indicators, list(ExploitationForm.objects.filter(code__in=set(data.form_codes)))


def signal_check(*, reporter: User, data: SignalInput) -> None:
    """Apply every rule of a signal without saving it: the intake asks this before it shows the
    acute step, so that the reporter sees all errors at once."""
    if not policy_for(Signal).user_may(reporter, "report"):
        raise NotPermitted
    _validate(data, *_chosen(reporter, data))


def _validate(data: SignalInput, indicators: list[Indicator], forms: list[ExploitationForm]) -> None:
    errors: dict[str, list[str]] = {}
    if not data.description.strip():
        errors.setdefault("description", []).append(_("Beschrijf in eigen woorden wat u zag of hoorde."))
    if data.observed_on > timezone.localdate():
        errors.setdefault("observed_on", []).append(_("De datum van de waarneming ligt in de toekomst."))
    if not forms and not data.form_unknown:
        errors.setdefault("forms", []).append(_("Kies een of meer vormen, of 'weet ik niet'."))
    if len(indicators) != len(set(data.indicator_ids)):
        errors.setdefault("indicators", []).append(_("Een of meer gekozen signalen bestaan niet (meer)."))
    _validate_place(data, errors)
    _validate_acute_call(data, indicators, errors)
    if len(data.attachments) > MAX_ATTACHMENTS:
        errors.setdefault("attachments", []).append(
            _("U kunt hoogstens %(count)d bijlagen meesturen.") % {"count": MAX_ATTACHMENTS}
        )
    for upload in data.attachments:
        try:
            check_attachment(upload)
        except ValidationError as error:
            errors.setdefault("attachments", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)


def address_is_complete(*, postcode: str, house_number: str, street: str, city: str) -> bool:
    """An address is postcode + house number, or street + house number + town."""
    return bool(house_number.strip() and (postcode.strip() or (street.strip() and city.strip())))


def _validate_place(data: SignalInput, errors: dict[str, list[str]]) -> None:
    address = (data.postcode, data.house_number, data.street, data.city)
    if data.location_description.strip() or address_is_complete(
        postcode=data.postcode, house_number=data.house_number, street=data.street, city=data.city
    ):
        return
    if not any(part.strip() for part in address):
        errors.setdefault("location_description", []).append(
            _("Geef een adres (postcode en huisnummer, of straat, huisnummer en plaats) of beschrijf de locatie.")
        )
    elif not data.house_number.strip():
        errors.setdefault("house_number", []).append(_("Vul ook het huisnummer in, of beschrijf de locatie."))
    else:
        errors.setdefault("house_number", []).append(
            _("Vul postcode én huisnummer in, of straat, huisnummer en plaats. Of beschrijf de locatie.")
        )


def _validate_acute_call(data: SignalInput, indicators: list[Indicator], errors: dict[str, list[str]]) -> None:
    """The acute panel counts as seen only after an explicit choice: called, or not needed and why."""
    if data.acute_call is None:
        return
    urgent = signal_is_urgent(acute_danger=data.acute_danger, minor_involved=data.minor_involved, indicators=indicators)
    if not urgent:
        return
    if data.acute_call not in AcuteCall.values:
        errors.setdefault("acute_call", []).append(
            _("Dit lijkt een acute situatie. Kies 'Ik heb gebeld' of 'Bellen is niet nodig' en zeg waarom.")
        )
    elif data.acute_call == AcuteCall.NOT_NEEDED and not data.acute_no_call_reason.strip():
        errors.setdefault("acute_no_call_reason", []).append(_("Schrijf kort op waarom bellen niet nodig is."))


def signal_is_urgent(*, acute_danger: bool, minor_involved: str, indicators: list[Indicator]) -> bool:
    return acute_danger or minor_involved == MinorInvolved.YES or any(i.critical for i in indicators)


def signal_submit(*, reporter: User, data: SignalInput, submission_key: uuid.UUID) -> tuple[Signal, bool]:
    """Record a signal. Returns (signal, created); a repeated submission_key returns the
    signal that the first submit created, so a double click makes one signal."""
    if not policy_for(Signal).user_may(reporter, "report"):
        raise NotPermitted
    existing = Signal.objects.filter(reporter=reporter, submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    indicators, forms = _chosen(reporter, data)
    _validate(data, indicators, forms)

    saved_files: list = []
    try:
        with transaction.atomic(durable=True):
            signal = _create(reporter, data, submission_key, indicators, forms, saved_files)
    except IntegrityError:
        _delete_files(saved_files)
        existing = Signal.objects.filter(reporter=reporter, submission_key=submission_key).first()
        if existing is None:
            raise
        return existing, False
    except OSError as error:
        _delete_files(saved_files)
        if is_storage_full(error):
            raise ValidationError({"attachments": [storage_full_message()]}) from error
        raise
    except BaseException:
        _delete_files(saved_files)
        raise
    return signal, True


def _create(reporter, data, submission_key, indicators, forms, saved_files) -> Signal:
    today = timezone.localdate()
    year = today.year
    sequence = _next_sequence(organisation_id=reporter.organisation_id, year=year)
    urgent = signal_is_urgent(acute_danger=data.acute_danger, minor_involved=data.minor_involved, indicators=indicators)
    signal = Signal(
        organisation_id=reporter.organisation_id,
        reference=format_reference(reporter.organisation.cbs_code, year, sequence),
        year=year,
        sequence=sequence,
        reporter=reporter,
        submission_key=submission_key,
        is_urgent=urgent,
        triage_due_on=triage_due_on(
            received_on=today, urgent=urgent, working_days=reporter.organisation.triage_working_days
        ),
        form_unknown=data.form_unknown and not forms,
        acute_danger=data.acute_danger,
        minor_involved=data.minor_involved,
        acute_call=(data.acute_call or "") if urgent else "",
        acute_no_call_reason=data.acute_no_call_reason.strip()
        if urgent and data.acute_call == AcuteCall.NOT_NEEDED
        else "",
        catalogue_version=catalogue_version(),
        postcode=data.postcode,
        house_number=data.house_number,
        street=data.street,
        city=data.city,
        location_description=data.location_description,
        business_name=data.business_name,
        neighbourhood=data.neighbourhood,
        observed_on=data.observed_on,
        channel=data.channel,
        people_count=data.people_count,
        estimated_age=data.estimated_age,
        sex=data.sex,
        languages=data.languages,
        identifying_details=data.identifying_details,
        description=data.description,
    )
    # Field-level checks (lengths, choices) for every caller, not only the intake form.
    signal.full_clean(validate_unique=False, validate_constraints=False)
    signal.save()
    signal.forms.set(forms)
    SignalIndicator.objects.bulk_create(
        [
            SignalIndicator(
                signal=signal,
                indicator=indicator,
                code=indicator.code,
                label=indicator.label,
                group_label=indicator.group.label,
                critical=indicator.critical,
                revision=indicator.revision,
            )
            for indicator in indicators
        ]
    )
    for upload in data.attachments:
        checked = check_attachment(upload)
        attachment = SignalAttachment(
            signal=signal,
            original_name=upload.name[:200],
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        attachment.file.save(f"bijlage.{checked.extension}", upload, save=False)
        saved_files.append(attachment.file)
        attachment.save()
    SIGNAL_WORKFLOW.record_start(signal, actor=reporter, system=True)
    audit_record(
        actor=reporter,
        action=AuditAction.CREATE,
        obj=signal,
        reason=_("melding gedaan") + (f" ({_('spoed')})" if urgent else ""),
    )
    if urgent:
        notify_urgent_signal(signal)
    return signal


def _delete_files(files) -> None:
    for stored in files:
        with contextlib.suppress(OSError):
            stored.storage.delete(stored.name)


INDICATOR_FIELDS = ("label", "explanation", "group", "forms", "critical", "ilo_indicator", "om_cluster", "active")


@transaction.atomic(durable=True)
def indicator_save(*, actor: User, indicator: Indicator | None, values: dict) -> Indicator:
    """Create or change a local indicator of the actor's municipality. Every save is a new
    revision with its full content; signals keep the snapshot they were made with."""
    policy = policy_for(Indicator)
    if not policy.user_may(actor, "change"):
        raise NotPermitted
    creating = indicator is None
    if creating:
        indicator = Indicator(organisation_id=actor.organisation_id, revision=0)
        indicator.code = _next_local_code(actor.organisation)
    elif not policy.allows(actor, "change", indicator):
        raise NotPermitted(_("Landelijke signalen worden via de landelijke catalogus beheerd."))
    else:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    for name in INDICATOR_FIELDS:
        if name in values and name != "forms":
            setattr(indicator, name, values[name])
    indicator.full_clean()
    indicator.save()
    if "forms" in values:
        indicator.forms.set(values["forms"])
    append_revision(
        indicator,
        IndicatorRevision,
        actor=actor,
        action=RevisionAction.CREATE if creating else RevisionAction.UPDATE,
        content=indicator_content(indicator),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=indicator,
        reason=f"{indicator.code} v{indicator.revision}",
    )
    return indicator


def _next_local_code(organisation) -> str:
    prefix = f"LOK-{organisation.cbs_code}-"
    numbers = [
        int(code.removeprefix(prefix))
        for code in Indicator.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        if code.removeprefix(prefix).isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


MAX_ADDITION_LENGTH = 5000


@transaction.atomic(durable=True)
def signal_add_information(*, reporter: User, signal: Signal, text: str) -> SignalAddition:
    """The reporter adds information to their own open signal: appended, never edited; triage
    sees it under what was first reported, and the inbox marks the signal until it is opened."""
    if not policy_for(Signal).allows(reporter, "view_own", signal) or signal.reporter_id != reporter.pk:
        raise NotPermitted
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Schrijf wat u wilt aanvullen.")})
    if len(text) > MAX_ADDITION_LENGTH:
        raise ValidationError(
            {"text": _("Een aanvulling mag hoogstens %(count)d tekens lang zijn.") % {"count": MAX_ADDITION_LENGTH}}
        )
    if not SIGNAL_WORKFLOW.is_open(signal.status):
        raise ValidationError({"text": _("Deze melding is afgerond; aanvullen kan niet meer. Doe een nieuwe melding.")})
    addition = SignalAddition.objects.create(signal=signal, author=reporter, text=text)
    signal.addition_waiting = True
    signal.save(update_fields=["addition_waiting"])
    audit_record(actor=reporter, action=AuditAction.CREATE, obj=addition, organisation=signal.organisation)
    return addition
