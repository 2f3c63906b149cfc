"""Reads for data-subject requests (AVG art. 15, 16, 18): the privacy officer's requests, the
records of their municipality about one person, and the metadata of those records for the
inzage export.

The privacy officer holds no case role and so sees no case through the care, signal or
enforcement policies; the person search therefore reads the municipality's rows directly, by
blind index (care cases, aanmeldingen) and exact normalised match (parties at a location), and
only ever within the officer's own municipality. What leaves this module is metadata: kinds,
references, dates, recipients of hand-overs and retention terms, never the content.
"""

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.care.models import CareCase
from baken.coordination.models import SHAREABLE_FIELDS, Escalation
from baken.core.access import policy_for
from baken.core.crypto import blind_index_filter, normalise_name
from baken.enforcement.models import EnforcementCase, Location, LocationParty
from baken.meetings.catalogue.loader import catalogue as meetings_catalogue
from baken.meetings.models import AgendaItem, Attendee, CaseReferral, Meeting
from baken.retention.catalogue.loader import catalogue
from baken.retention.models import RetentionOverride, SubjectRequest, SubjectRequestNote, SubjectSearch
from baken.signalling.models import Signal

SUBJECT_ACCESS_FILE = Path(__file__).parent / "catalogue" / "subject_access.toml"

#: The kinds of record a search finds, in the order the result lists them.
RECORD_KINDS = ("signal", "care_case", "enforcement_case", "case_referral", "meeting")


@cache
def subject_access_catalogue() -> dict:
    with SUBJECT_ACCESS_FILE.open("rb") as handle:
        return tomllib.load(handle)["record_types"]


# --- the privacy officer's requests -----------------------------------------------------------------


def subject_requests(*, user) -> QuerySet[SubjectRequest]:
    return policy_for(SubjectRequest).rows_for(user, "view").select_related("created_by")


def subject_request_for(*, user, pk: int, action: str = "view") -> SubjectRequest:
    return get_object_or_404(policy_for(SubjectRequest).rows_for(user, action), pk=pk)


def subject_notes(*, user, request: SubjectRequest) -> QuerySet[SubjectRequestNote]:
    return policy_for(SubjectRequestNote).rows_for(user, "view").filter(request=request).select_related("recorded_by")


def subject_searches(*, user, request: SubjectRequest) -> QuerySet[SubjectSearch]:
    return policy_for(SubjectSearch).rows_for(user, "view").filter(request=request).select_related("searched_by")


def subject_search_for(*, user, pk: int) -> SubjectSearch:
    rows = policy_for(SubjectSearch).rows_for(user, "view").select_related("request", "request__organisation")
    return get_object_or_404(rows, pk=pk)


# --- finding the person -----------------------------------------------------------------------------


def _same_birth_date(rows, birth_date: dt.date | None) -> list:
    """The rows whose (encrypted) date of birth is `birth_date`; all rows when none is given."""
    return [row for row in rows if birth_date is None or row.birth_date == birth_date]


def find_person(
    *,
    organisation_id: int,
    bsn: str = "",
    name: str = "",
    birth_date: dt.date | None = None,
    postcode: str = "",
    house_number: str = "",
) -> list:
    """Every record of the municipality about the person with this BSN, or with exactly this
    name (and this date of birth, when given), or at this address (postcode as "1234 AB" and
    house number, as the intake and the location register store them), as sorted (kind, id) pairs.

    By address: signals reported at it, enforcement cases of a location registered at it, and the
    aanmeldingen (and so the meetings) linked to either.

    Care cases by BSN or name (blind indexes), aanmeldingen for the casusoverleg by name (blind
    index) or by their link to a care case found, meetings that discussed such an aanmelding,
    enforcement cases linked to an aanmelding found or at a location where a party of exactly
    this name is registered, and signals linked to any of these. A signal's own person fields
    are free text (`identifying_details`), which is not searched: a signal is found through
    the records it led to."""
    care_cases: set[int] = set()
    if bsn:
        care_cases |= set(
            CareCase.objects.filter(organisation_id=organisation_id)
            .filter(blind_index_filter(CareCase, "bsn_index", bsn))
            .values_list("pk", flat=True)
        )
    referrals: set[int] = set()
    locations: set[int] = set()
    if name:
        named = CareCase.objects.filter(organisation_id=organisation_id).filter(
            blind_index_filter(CareCase, "name_index", name)
        )
        care_cases |= {row.pk for row in _same_birth_date(named, birth_date)}
        named_referrals = CaseReferral.objects.filter(organisation_id=organisation_id).filter(
            blind_index_filter(CaseReferral, "name_index", name)
        )
        referrals |= {row.pk for row in _same_birth_date(named_referrals, birth_date)}
        wanted = normalise_name(name)
        parties = LocationParty.objects.filter(location__organisation_id=organisation_id).values_list(
            "location_id", "name"
        )
        locations = {location for location, party in parties if normalise_name(party) == wanted}
    referral_rows = CaseReferral.objects.filter(organisation_id=organisation_id)
    at_address_signals: set[int] = set()
    if postcode and house_number:
        at_address_signals = set(
            Signal.objects.filter(
                organisation_id=organisation_id, postcode=postcode, house_number__iexact=house_number
            ).values_list("pk", flat=True)
        )
        locations |= set(
            Location.objects.filter(
                organisation_id=organisation_id, postcode=postcode, house_number__iexact=house_number
            ).values_list("pk", flat=True)
        )
    address_cases = set(
        EnforcementCase.objects.filter(organisation_id=organisation_id, location_id__in=locations).values_list(
            "pk", flat=True
        )
    )
    if at_address_signals or address_cases:
        referrals |= set(
            referral_rows.filter(
                Q(signal_id__in=at_address_signals) | Q(enforcement_case_id__in=address_cases)
            ).values_list("pk", flat=True)
        )
    if care_cases:
        referrals |= set(referral_rows.filter(care_case_id__in=care_cases).values_list("pk", flat=True))
    linked = referral_rows.filter(pk__in=referrals)
    enforcement_ids = {pk for pk in linked.values_list("enforcement_case_id", flat=True) if pk}
    enforcement = set(
        EnforcementCase.objects.filter(organisation_id=organisation_id)
        .filter(pk__in=enforcement_ids)
        .values_list("pk", flat=True)
    )
    enforcement |= address_cases
    meetings = set(
        AgendaItem.objects.filter(referral_id__in=referrals, meeting__organisation_id=organisation_id).values_list(
            "meeting_id", flat=True
        )
    )
    signal_ids = {pk for pk in linked.values_list("signal_id", flat=True) if pk} | at_address_signals
    signal_ids |= {
        pk
        for pk in CareCase.objects.filter(pk__in=care_cases).values_list("signal_id", flat=True)
        if pk  # a care case without a signal
    }
    signal_ids |= {
        pk for pk in EnforcementCase.objects.filter(pk__in=enforcement).values_list("signal_id", flat=True) if pk
    }
    signals = set(
        Signal.objects.filter(organisation_id=organisation_id, pk__in=signal_ids).values_list("pk", flat=True)
    )
    found = {
        "signal": signals,
        "care_case": care_cases,
        "enforcement_case": enforcement,
        "case_referral": referrals,
        "meeting": meetings,
    }
    return [[kind, pk] for kind in RECORD_KINDS for pk in sorted(found[kind])]


# --- what is held: metadata only --------------------------------------------------------------------


@dataclass
class Recipient:
    name: str
    on: dt.date | None
    ground: str
    shared: str


@dataclass
class HeldRecord:
    kind: str
    label: str
    reference: str
    dates: list[tuple[str, dt.date]]
    categories: list[str]
    purposes: list[str]
    basis: str
    retention: str
    retention_start: str
    archive_rule: str
    recipients: list[Recipient] = field(default_factory=list)


def _term_label(organisation_id: int, code: str) -> tuple[str, str, str]:
    entry = catalogue().record_types[code]
    own = RetentionOverride.objects.filter(organisation_id=organisation_id, record_type=code).first()
    term = own.term if own else entry.term
    if entry.unit == "days":
        text = _("%(amount)s dagen") % {"amount": term}
    else:
        text = _("%(amount)s maanden") % {"amount": term}
    if own:
        text = _("%(term)s (eigen termijn van de gemeente)") % {"term": text}
    rule = ", ".join(part for part in (entry.selectielijst, entry.selectielijstklasse, entry.archiefnominatie) if part)
    return text, entry.start_label, rule


def _local(value) -> dt.date | None:
    return timezone.localdate(value) if isinstance(value, dt.datetime) else value


def _signal_records(organisation_id, ids):
    for signal in Signal.objects.filter(organisation_id=organisation_id, pk__in=ids).order_by("pk"):
        escalations = list(
            Escalation.objects.filter(organisation_id=organisation_id, signal=signal).select_related("partner")
        )
        recipients = [
            Recipient(
                name=row.partner.name,
                on=row.shared_on,
                ground=row.get_legal_ground_display(),
                shared=", ".join(str(SHAREABLE_FIELDS[name]) for name in row.shared_fields if name in SHAREABLE_FIELDS),
            )
            for row in escalations
        ]
        purposes = [row.purpose for row in escalations]
        yield signal.reference, [(_("gemeld op"), _local(signal.submitted_at))], recipients, purposes, bool(escalations)


def _care_records(organisation_id, ids):
    for case in CareCase.objects.filter(organisation_id=organisation_id, pk__in=ids).order_by("pk"):
        dates = [(_("aangemeld op"), case.registered_on)]
        if case.closed_on:
            dates.append((_("afgesloten op"), case.closed_on))
        yield case.reference, dates, [], [], False


def _enforcement_records(organisation_id, ids):
    for case in EnforcementCase.objects.filter(organisation_id=organisation_id, pk__in=ids).order_by("pk"):
        yield case.reference, [(_("geopend op"), case.opened_on)], [], [], False


def _referral_records(organisation_id, ids):
    for referral in CaseReferral.objects.filter(organisation_id=organisation_id, pk__in=ids).order_by("pk"):
        dates = [(_("ontvangen op"), _local(referral.received_at))]
        if referral.closed_on:
            dates.append((_("afgesloten op"), referral.closed_on))
        yield referral.reference, dates, [], [], False


def _meeting_records(organisation_id, ids):
    for meeting in Meeting.objects.filter(organisation_id=organisation_id, pk__in=ids).order_by("pk"):
        attendees = Attendee.objects.filter(meeting=meeting).values_list("organisation_name", "legal_basis").distinct()
        bases, types = meetings_catalogue().legal_bases, meetings_catalogue().meeting_types
        recipients = [
            Recipient(
                name=organisation,
                on=_local(meeting.starts_at),
                ground=bases[basis].label if basis in bases else basis,
                shared=_("bespreking"),
            )
            for organisation, basis in sorted(set(attendees))
        ]
        kind = types[meeting.meeting_type].label if meeting.meeting_type in types else meeting.meeting_type
        reference = f"{kind} {_local(meeting.starts_at):%Y-%m-%d}"
        yield reference, [(_("datum"), _local(meeting.starts_at))], recipients, [], False


READERS = {
    "signal": _signal_records,
    "care_case": _care_records,
    "enforcement_case": _enforcement_records,
    "case_referral": _referral_records,
    "meeting": _meeting_records,
}


def held_records(*, search: SubjectSearch) -> list[HeldRecord]:
    """The metadata of the records a search found, still within the search's municipality (a
    record deleted since is left out)."""
    organisation_id = search.request.organisation_id
    entries = subject_access_catalogue()
    records = []
    for kind in RECORD_KINDS:
        ids = [pk for match_kind, pk in search.matches if match_kind == kind]
        if not ids:
            continue
        entry = entries[kind]
        for reference, dates, recipients, purposes, handed_over in READERS[kind](organisation_id, ids):
            code = entry["retention_handed_over"] if handed_over else entry["retention"]
            term, start, rule = _term_label(organisation_id, code)
            records.append(
                HeldRecord(
                    kind=kind,
                    label=entry["label"],
                    reference=reference,
                    dates=dates,
                    categories=entry["categories"],
                    purposes=[*entry["purposes"], *purposes],
                    basis=entry["basis"],
                    retention=term,
                    retention_start=start,
                    archive_rule=rule,
                    recipients=recipients,
                )
            )
    return records
