"""Writes for data-subject requests: record a request, search for the person, and note what was
rectified or restricted. Typed keyword-only functions; every change and every search audited.

The identity values a search is run with (BSN, name, date of birth) are never stored and never
written to the audit log: the search keeps which fields were used and the records found, and
the audit line names the request's own reference.
"""

import datetime as dt

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


def _criteria(*, bsn: str, name: str, birth_date: dt.date | None) -> tuple[str, str, dt.date | None, str]:
    """The cleaned identity values and the label of the fields used; a ValidationError with a
    Dutch message for a BSN that is not one, or a name without a date of birth."""
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
    if not errors and not digits and not name:
        errors["__all__"] = _("Zoek op BSN, of op naam en geboortedatum.")
    if errors:
        raise ValidationError(errors)
    used = ([_("BSN")] if digits else []) + ([_("naam en geboortedatum")] if name else [])
    return digits, name, birth_date, ", ".join(str(part) for part in used)


def subject_search_run(
    *, actor, request: SubjectRequest, bsn: str = "", name: str = "", birth_date: dt.date | None = None
) -> SubjectSearch:
    """Find every record of the request's municipality about the person and keep the result
    (fields used, records found; never the values), audited under the request's reference."""
    _require_request(actor, request)
    digits, name, birth_date, criteria = _criteria(bsn=bsn, name=name, birth_date=birth_date)
    matches = find_person(organisation_id=request.organisation_id, bsn=digits, name=name, birth_date=birth_date)
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
