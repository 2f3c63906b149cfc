"""The national partners (national_partners.toml) in every municipality's directory.

`national_partners_sync` is idempotent: it creates what a municipality lacks, brings changed
numbers and instructions up to date, and sets partners that left the catalogue to not active.
A partner the municipality entered by hand with the same type and number is adopted rather than
doubled. It runs after every migrate (for all municipalities) and when a municipality is created.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from baken.core.models import AuditAction, Organisation
from baken.core.services import audit_record
from baken.partners.models import Partner, PartnerType

CATALOGUE_FILE = Path(__file__).with_name("national_partners.toml")
ACUTE_CHOICES = {"", "altijd", "minderjarige"}


@dataclass(frozen=True)
class NationalPartner:
    code: str
    name: str
    partner_type: str
    phone: str
    acute: str
    instruction: str
    receives_handovers: bool
    order: int

    def values(self) -> dict:
        """The Partner fields the catalogue owns."""
        return {
            "name": self.name,
            "partner_type": self.partner_type,
            "phone": self.phone,
            "acute_route": self.acute == "altijd",
            "acute_for_minors": self.acute == "minderjarige",
            "acute_instruction": self.instruction,
            "receives_handovers": self.receives_handovers,
            "order": self.order,
            "active": True,
        }


def read_catalogue(path: Path = CATALOGUE_FILE) -> tuple[str, list[NationalPartner]]:
    """The catalogue's version and partners; a malformed file raises ValueError naming the entry."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    entries, seen = [], set()
    for row in data.get("partners", []):
        code = row.get("code", "")
        if not code or code in seen:
            raise ValueError(f"national partner code missing or twice: {code!r}")
        if row.get("partner_type") not in PartnerType.values or row.get("acute", "") not in ACUTE_CHOICES:
            raise ValueError(f"national partner {code!r}: unknown partner_type or acute")
        if not row.get("source") or not row.get("checked_on"):
            raise ValueError(f"national partner {code!r}: record its source and the date it was checked")
        seen.add(code)
        entries.append(
            NationalPartner(
                code=code,
                name=row["name"],
                partner_type=row["partner_type"],
                phone=row["phone"],
                acute=row.get("acute", ""),
                instruction=row.get("instruction", ""),
                receives_handovers=bool(row.get("receives_handovers", True)),
                order=int(row["order"]),
            )
        )
    return data["version"], entries


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def _adoptable(partners: list[Partner], entry: NationalPartner) -> Partner | None:
    for partner in partners:
        if partner.partner_type == entry.partner_type and _digits(partner.phone) == _digits(entry.phone):
            partners.remove(partner)
            return partner
    return None


@transaction.atomic
def national_partners_sync(*, organisations=None, path: Path = CATALOGUE_FILE) -> dict[str, int]:
    """Bring the national partners of the given municipalities (default: all) in line with the
    catalogue. Returns counts: created, adopted, changed, retired."""
    version, entries = read_catalogue(path)
    codes = {entry.code for entry in entries}
    counts = {"created": 0, "adopted": 0, "changed": 0, "retired": 0}
    for organisation in organisations if organisations is not None else Organisation.objects.all():
        own = list(Partner.objects.filter(organisation=organisation).order_by("pk"))
        national = {partner.national_code: partner for partner in own if partner.national_code}
        local = [partner for partner in own if not partner.national_code]
        before = dict(counts)
        for entry in entries:
            values = entry.values()
            partner = national.get(entry.code)
            if partner is None:
                partner = _adoptable(local, entry)
                kind = "adopted" if partner is not None else "created"
                partner = partner or Partner(organisation=organisation)
                partner.national_code = entry.code
            elif all(getattr(partner, field) == value for field, value in values.items()):
                continue
            else:
                kind = "changed"
            for field, value in values.items():
                setattr(partner, field, value)
            partner.full_clean()
            partner.save()
            counts[kind] += 1
        for code, partner in national.items():
            if code not in codes and partner.active:
                partner.active = False
                partner.save(update_fields=["active"])
                counts["retired"] += 1
        if counts != before:
            done = ", ".join(f"{kind} {counts[kind] - before[kind]}" for kind in counts if counts[kind] != before[kind])
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                object_type=Partner._meta.label_lower,
                organisation=organisation,
                reason=f"landelijke partners {version}: {done}",
            )
    return counts


def sync_after_migrate(sender, **kwargs) -> None:
    if kwargs.get("using", "default") == "default":
        national_partners_sync()


def sync_new_organisation(sender, organisation, **kwargs) -> None:
    national_partners_sync(organisations=[organisation])
