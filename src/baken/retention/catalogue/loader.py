"""The retention catalogue (retention.toml): per kind of record its term, what starts the term
(ZGW afleidingswijze), its archive rule (selectielijst, klasse, archiefnominatie), the bounds
within which a municipality may change the term, and its source. Read once per process from the
file shipped with the code, so no term lives in code; every deletion log row keeps the version.
"""

import calendar
import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATALOGUE_FILE = Path(__file__).with_name("retention.toml")
UNITS = ("days", "months")
AFLEIDINGSWIJZEN = ("afgehandeld", "ander_datumkenmerk", "hoofdzaak")
NOMINATIES = ("vernietigen", "blijvend_bewaren")
BASES = ("S", "K", "D")


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months; the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class RecordType:
    code: str
    label: str
    start_label: str
    afleidingswijze: str
    term: int
    unit: str
    minimum: int
    maximum: int
    archiefnominatie: str
    selectielijst: str
    selectielijstklasse: str
    purge: bool
    basis: str
    to_verify: bool
    source: str
    order: int

    def expires_on(self, start: dt.date, term: int | None = None) -> dt.date:
        """The first day on which a record whose term started on `start` may be deleted."""
        term = self.term if term is None else term
        if self.unit == "days":
            return start + dt.timedelta(days=term)
        return add_months(start, term)

    def latest_start(self, today: dt.date, term: int | None = None) -> dt.date:
        """The last start date whose term has run out on `today` (a bound for the query; each
        row is checked again with expires_on)."""
        term = self.term if term is None else term
        if self.unit == "days":
            return today - dt.timedelta(days=term)
        return add_months(today, -term)


@dataclass(frozen=True)
class Catalogue:
    version: str
    record_types: dict[str, RecordType]


def parse(data: dict) -> Catalogue:
    record_types = {}
    for row in sorted(data.get("record_types", []), key=lambda r: r["order"]):
        entry = RecordType(**row)
        where = f"retention catalogue, {entry.code}"
        if entry.unit not in UNITS:
            raise ValueError(f"{where}: unknown unit {entry.unit!r}")
        if entry.afleidingswijze not in AFLEIDINGSWIJZEN:
            raise ValueError(f"{where}: unknown afleidingswijze {entry.afleidingswijze!r}")
        if entry.archiefnominatie not in NOMINATIES:
            raise ValueError(f"{where}: unknown archiefnominatie {entry.archiefnominatie!r}")
        if entry.basis not in BASES:
            raise ValueError(f"{where}: unknown basis {entry.basis!r}")
        if entry.basis == "K" and not entry.to_verify:
            raise ValueError(f"{where}: a K term must be marked to_verify")
        if entry.purge and entry.archiefnominatie == "blijvend_bewaren":
            raise ValueError(f"{where}: a record to keep permanently is never purged")
        if not entry.minimum <= entry.term <= entry.maximum:
            raise ValueError(f"{where}: term {entry.term} outside {entry.minimum}..{entry.maximum}")
        if entry.purge and entry.term < 1:
            raise ValueError(f"{where}: a purged record needs a term of at least 1")
        if entry.code in record_types:
            raise ValueError(f"{where}: duplicate code")
        record_types[entry.code] = entry
    return Catalogue(version=data["version"], record_types=record_types)


@cache
def catalogue() -> Catalogue:
    with CATALOGUE_FILE.open("rb") as handle:
        return parse(tomllib.load(handle))
