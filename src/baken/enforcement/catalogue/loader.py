"""Reads the enforcement catalogue (enforcement.toml): deadlines with their source, the types of
letters and decisions, SNF norms and inspection checklists. The file is shipped with the code
and read once per process; records store the version they used."""

import calendar
import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATALOGUE_FILE = Path(__file__).with_name("enforcement.toml")
UNITS = ("dagen", "weken", "maanden")


@dataclass(frozen=True)
class Deadline:
    code: str
    label: str
    rule: str
    source: str
    to_verify: bool
    amount: int | None = None
    unit: str = ""
    extension_amount: int | None = None
    warn_before_days: int = 0

    def after(self, start: dt.date, amount: int | None = None) -> dt.date:
        """The day the term ends, counted from `start`."""
        return add_term(start, self.amount if amount is None else amount, self.unit)


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    legal_basis: str = ""
    penalty: bool = False
    source: str = ""
    to_verify: bool = False


@dataclass(frozen=True)
class BibobChoice:
    """A trigger, an LBB advice level or a decision of a Bibob test."""

    code: str
    label: str
    source: str
    to_verify: bool
    rule: str = ""


@dataclass(frozen=True)
class Norm:
    code: str
    label: str
    unit: str
    source: str
    to_verify: bool
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    label: str
    norm: str
    object_types: tuple[str, ...]
    source: str
    to_verify: bool

    def applies_to(self, object_type: str) -> bool:
        return "*" in self.object_types or object_type in self.object_types


@dataclass(frozen=True)
class PlanningWeights:
    """The weights of the risk-based planning: configuration, shown beside every score."""

    per_signal: int
    max_signals: int
    signal_months: int
    object_types: dict[str, int]
    per_month_uninspected: int
    max_months_uninspected: int
    per_failed_norm: int
    licence_expiring: int
    licence_warn_days: int
    partner_request: int
    partner_reasons: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    version: str
    deadlines: dict[str, Deadline]
    intent_types: dict[str, Choice]
    decision_types: dict[str, Choice]
    norms: dict[str, Norm]
    checklist: tuple[ChecklistItem, ...]
    planning: PlanningWeights
    bibob_triggers: dict[str, BibobChoice]
    bibob_advice_levels: dict[str, BibobChoice]
    bibob_decisions: dict[str, BibobChoice]

    def checklist_for(self, object_type: str) -> list[ChecklistItem]:
        return [item for item in self.checklist if item.applies_to(object_type)]


def add_term(start: dt.date, amount: int, unit: str) -> dt.date:
    if unit == "dagen":
        return start + dt.timedelta(days=amount)
    if unit == "weken":
        return start + dt.timedelta(weeks=amount)
    if unit == "maanden":
        month = start.month - 1 + amount
        year, month = start.year + month // 12, month % 12 + 1
        return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    raise ValueError(f"unknown unit {unit!r}")


def parse_catalogue(data: dict) -> Catalogue:
    deadlines = {}
    for row in data["deadlines"]:
        if row.get("unit", "") not in ("", *UNITS):
            raise ValueError(f"deadline {row['code']}: unknown unit {row['unit']!r}")
        deadlines[row["code"]] = Deadline(**row)
    return Catalogue(
        version=data["version"],
        deadlines=deadlines,
        intent_types={row["code"]: Choice(**row) for row in data["intent_types"]},
        decision_types={row["code"]: Choice(**row) for row in data["decision_types"]},
        norms={row["code"]: Norm(**row) for row in data["norms"]},
        checklist=tuple(
            ChecklistItem(**{**row, "object_types": tuple(row["object_types"])}) for row in data["checklist"]
        ),
        planning=PlanningWeights(**{**data["planning"], "partner_reasons": tuple(data["planning"]["partner_reasons"])}),
        **{
            key: {row["code"]: BibobChoice(**row) for row in data.get(key, [])}
            for key in ("bibob_triggers", "bibob_advice_levels", "bibob_decisions")
        },
    )


@cache
def catalogue() -> Catalogue:
    with CATALOGUE_FILE.open("rb") as handle:
        return parse_catalogue(tomllib.load(handle))
