"""Writes for data-subject requests: record a request, search for the person, and note what was
rectified or restricted. Typed keyword-only functions; every change and every search audited.

The identity values a search is run with (BSN, name, date of birth) are never stored and never
written to the audit log: the search keeps which fields were used and the records found, and
the audit line names the request's own reference.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.nl import bsn as bsn_number

from baken.core.access import policy_for
from baken.core.crypto import normalise_digits, normalise_name
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction
from baken.core.services import audit_record
from baken.enforcement.validation import clean_house_number, clean_postcode
from baken.retention.models import (
    SubjectNoteKind,
    SubjectRequest,
    SubjectRequestKind,
    SubjectRequestNote,
    SubjectSearch,
)
from baken.retention.subject_selectors import find_person

NOTE_MAX_LENGTH = 2000


def _require_officer(actor) -> None:
    if not policy_for(SubjectRequest).user_may(actor, "change"):
        raise NotPermitted


def _require_request(actor, request: SubjectRequest) -> None:
    if not policy_for(SubjectRequest).allows(actor, "change", request):
        raise NotPermitted


def subject_request_create(*, actor, kind: str, received_on: dt.date, reference: str) -> SubjectRequest:
    """Record a request of a data subject for the actor's municipality."""
    _require_officer(actor)
    reference = reference.strip()
    errors = {}
    if kind not in SubjectRequestKind.values:
        errors["kind"] = _("Kies het soort verzoek: inzage, rectificatie of beperking.")
    if not reference:
        errors["reference"] = _("Geef het verzoek uw eigen kenmerk.")
    if received_on > timezone.localdate():
        errors["received_on"] = _("De datum van ontvangst kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = SubjectRequest.objects.create(
            organisation_id=actor.organisation_id,
            kind=kind,
            received_on=received_on,
            reference=reference,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=request,
            reason=_("verzoek van betrokkene %(reference)s vastgelegd") % {"reference": reference},
        )
    return request


def subject_note_add(*, actor, request: SubjectRequest, kind: str, text: str) -> SubjectRequestNote:
    """Note, on the request, what was rectified or restricted. Append-only."""
    _require_request(actor, request)
    text = text.strip()
    errors = {}
    if kind not in SubjectNoteKind.values:
        errors["kind"] = _("Kies rectificatie of beperking.")
    if not text:
        errors["text"] = _("Schrijf op wat er is gerectificeerd of beperkt.")
    elif len(text) > NOTE_MAX_LENGTH:
        errors["text"] = _("Houd de notitie korter dan %(limit)s tekens.") % {"limit": NOTE_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        note = SubjectRequestNote.objects.create(request=request, kind=kind, text=text, recorded_by=actor)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=note,
            organisation=request.organisation,
            reason=_("verzoek van betrokkene %(reference)s: notitie %(kind)s")
            % {"reference": request.reference, "kind": note.get_kind_display()},
        )
    return note


@dataclass(frozen=True)
class _Criteria:
    bsn: str
    name: str
    birth_date: dt.date | None
    postcode: str
    house_number: str
    #: The fields used, in words, for the audit log and the search's record (never the values).
    label: str


def _criteria(
    *, bsn: str, name: str, birth_date: dt.date | None, postcode: str = "", house_number: str = ""
) -> _Criteria:
    """The cleaned identity values and the label of the fields used; a ValidationError with a
    Dutch message for a BSN that is not one, a name without a date of birth, or half an address."""
    errors = {}
    digits = normalise_digits(bsn)
    if bsn.strip() and not bsn_number.is_valid(digits):
        errors["bsn"] = _("Dit is geen geldig BSN: het heeft 9 cijfers en voldoet aan de elfproef.")
    name = name.strip() if normalise_name(name) else ""
    if name and birth_date is None:
        errors["birth_date"] = _("Vul bij de naam ook de geboortedatum in.")
    if birth_date is not None and not name:
        errors["name"] = _("Vul bij de geboortedatum ook de naam in.")
    if birth_date is not None and birth_date > timezone.localdate():
        errors["birth_date"] = _("De geboortedatum kan niet in de toekomst liggen.")
    postcode, house_number = postcode.strip(), house_number.strip()
    if postcode and not house_number:
        errors["house_number"] = _("Vul bij de postcode ook het huisnummer in.")
    if house_number and not postcode:
        errors["postcode"] = _("Vul bij het huisnummer ook de postcode in.")
    for field, value, clean in (
        ("postcode", postcode, clean_postcode),
        ("house_number", house_number, clean_house_number),
    ):
        if value and field not in errors:
            try:
                cleaned = clean(value)
            except ValidationError as error:
                errors[field] = error.messages[0]
            else:
                postcode, house_number = (cleaned, house_number) if field == "postcode" else (postcode, cleaned)
    if not errors and not digits and not name and not postcode:
        errors["__all__"] = _("Zoek op BSN, op naam en geboortedatum, of op postcode en huisnummer.")
    if errors:
        raise ValidationError(errors)
    used = (
        ([_("BSN")] if digits else [])
        + ([_("naam en geboortedatum")] if name else [])
        + ([_("adres")] if postcode else [])
    )
    return _Criteria(digits, name, birth_date, postcode, house_number, ", ".join(str(part) for part in used))


def subject_search_run(
    *,
    actor,
    request: SubjectRequest,
    bsn: str = "",
    name: str = "",
    birth_date: dt.date | None = None,
    postcode: str = "",
    house_number: str = "",
) -> SubjectSearch:
    """Find every record of the request's municipality about the person and keep the result
    (fields used, records found; never the values), audited under the request's reference."""
    _require_request(actor, request)
    found = _criteria(bsn=bsn, name=name, birth_date=birth_date, postcode=postcode, house_number=house_number)
    criteria = found.label
    matches = find_person(
        organisation_id=request.organisation_id,
        bsn=found.bsn,
        name=found.name,
        birth_date=found.birth_date,
        postcode=found.postcode,
        house_number=found.house_number,
    )
    with transaction.atomic():
        search = SubjectSearch.objects.create(request=request, criteria=criteria, matches=matches, searched_by=actor)
        audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            obj=search,
            organisation=request.organisation,
            reason=_("verzoek van betrokkene %(reference)s: gezocht op %(criteria)s, %(count)s gegevens gevonden")
            % {"reference": request.reference, "criteria": criteria, "count": len(matches)},
        )
    return search
