"""Reads of the partner directory, through its access policy; each takes the acting user."""

import functools
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from baken.core.access import policy_for
from baken.partners.catalogue.loader import read_catalogue
from baken.partners.models import Partner, PartnerType

EMERGENCY_NUMBER = "112"
#: Numbers for when there is no danger: never offered as an acute number, even if a municipality
#: ticked "tonen bij acute situaties" (the police's 0900-8844, Meld Misdaad Anoniem).
NOT_ACUTE_NATIONAL_CODES = {"politie-geen-spoed", "meld-misdaad-anoniem"}
NOT_ACUTE_NUMBERS = {"09008844", "08007000"}


@dataclass(frozen=True)
class AcuteNumber:
    name: str
    phone: str
    acute_instruction: str


@dataclass(frozen=True)
class AcuteNumbers:
    """The acute panel: 112 first, then (for a minor) Veilig Thuis, then the municipality's own
    acute contacts (such as the aandachtsfunctionaris)."""

    emergency: AcuteNumber
    minors: list[AcuteNumber]
    others: list[AcuteNumber]


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def _number(partner) -> AcuteNumber:
    return AcuteNumber(name=partner.name, phone=partner.phone, acute_instruction=partner.acute_instruction)


@functools.cache
def _national_acute() -> tuple[AcuteNumber, tuple[AcuteNumber, ...]]:
    """From the national catalogue, for a municipality whose directory lacks them."""
    _version, entries = read_catalogue()
    emergency = next(e for e in entries if e.acute == "altijd" and _digits(e.phone) == EMERGENCY_NUMBER)
    minors = tuple(
        AcuteNumber(name=e.name, phone=e.phone, acute_instruction=e.instruction)
        for e in entries
        if e.acute == "minderjarige"
    )
    return AcuteNumber(name=emergency.name, phone=emergency.phone, acute_instruction=emergency.instruction), minors


def acute_numbers(*, user, minor: bool) -> AcuteNumbers:
    """Whom to call now. The numbers come from the municipality's directory (the national
    partners are synced into it); a directory without 112 or Veilig Thuis gets them from the
    national catalogue, so nobody is left with only a sentence."""
    rows = list(
        policy_for(Partner)
        .visible(user)
        .filter(organisation_id=user.organisation_id, active=True)
        .filter(Q(acute_route=True) | Q(acute_for_minors=True))
        .order_by("order", "name")
    )
    rows = [
        row
        for row in rows
        if row.national_code not in NOT_ACUTE_NATIONAL_CODES and _digits(row.phone) not in NOT_ACUTE_NUMBERS
    ]
    national_emergency, national_minors = _national_acute()
    emergency_rows = [row for row in rows if _digits(row.phone) == EMERGENCY_NUMBER]
    emergency = _number(emergency_rows[0]) if emergency_rows else national_emergency
    minor_rows = [row for row in rows if row.acute_for_minors and row not in emergency_rows]
    minors = ([_number(row) for row in minor_rows] or list(national_minors)) if minor else []
    shown = emergency_rows + (minor_rows if minor else [])
    others = [_number(row) for row in rows if row.acute_route and row not in shown]
    return AcuteNumbers(emergency=emergency, minors=minors, others=others)


def acute_contacts(*, user) -> QuerySet[Partner]:
    """Whom to call now: the own municipality's acute route, in its chosen order."""
    return (
        policy_for(Partner)
        .visible(user)
        .filter(organisation_id=user.organisation_id, acute_route=True, active=True)
        .order_by("order", "name")
    )


def partners_visible(*, user) -> QuerySet[Partner]:
    return policy_for(Partner).visible(user).select_related("organisation").order_by("order", "name")


def active_partners(*, user) -> QuerySet[Partner]:
    """The active partners the user sees (phone numbers only included)."""
    return partners_visible(user=user).filter(active=True)


def handover_partners(*, user) -> QuerySet[Partner]:
    """Partners a hand-over can go to: not a phone number only, such as 112."""
    return active_partners(user=user).filter(receives_handovers=True)


def local_partners_set(user) -> bool:
    """Set-up step: the municipality keeps at least one partner of its own (the national ones
    come from the catalogue)."""
    return policy_for(Partner).rows_for(user, "change").filter(active=True).exists()


def partner_for_change(*, user, pk: int) -> Partner:
    return policy_for(Partner).get_for(user, "change", pk=pk)


def handover_partner_types() -> list[tuple[str, str]]:
    """(code, label) of the kinds of partner a signal can be handed over to, in the directory's
    order: every kind but the emergency number and Meld Misdaad Anoniem."""
    return [
        (code, label)
        for code, label in PartnerType.choices
        if code not in (PartnerType.EMERGENCY, PartnerType.ANONYMOUS)
    ]
