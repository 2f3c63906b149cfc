"""The care catalogue (care.toml): deadline rules, who registers a victim (CoMensha's
categories), closure reasons, service types with their response times, shelter types and payers,
exploitation forms and sectors, means of control and ways of recruitment (with HTCDS codes), the
care plan's life domains, and the facts still to be verified. Read from the file shipped with the
code, once per process; every row keeps its source, its basis (S/K/D) and a to_verify flag, so no
legal number lives in code."""

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CATALOGUE_FILE = Path(__file__).with_name("care.toml")
RULES = ("months", "days", "working_days", "years", "date")


@dataclass(frozen=True)
class DeadlineRule:
    code: str
    label: str
    due_label: str
    rule: str
    amount: int
    reminder_days: int
    basis: str
    to_verify: bool
    source: str
    explanation: str
    order: int
    #: The date is when something becomes possible (continued stay), not a date by which it must
    #: be done: once reached it is "now possible", never "overdue".
    eligibility: bool = False

    @property
    def needs_date(self) -> bool:
        """The deadline is a date from a decision, entered by the user, not computed."""
        return self.rule == "date"


@dataclass(frozen=True)
class Entry:
    code: str
    label: str
    htcds_code: str
    order: int


@dataclass(frozen=True)
class ServiceType:
    code: str
    label: str
    response_days: int
    to_verify: bool
    order: int


@dataclass(frozen=True)
class ShelterType:
    code: str
    label: str
    payer: str
    basis: str
    to_verify: bool
    source: str
    order: int


@dataclass(frozen=True)
class Fact:
    code: str
    text: str
    basis: str
    to_verify: bool


@dataclass(frozen=True)
class Catalogue:
    version: str
    deadlines: dict[str, DeadlineRule]
    sources: dict[str, Entry]
    closure_reasons: dict[str, Entry]
    facts: dict[str, Fact]
    service_types: dict[str, ServiceType]
    payers: dict[str, Entry]
    shelter_types: dict[str, ShelterType]
    exploitation_forms: dict[str, Entry]
    sectors: dict[str, Entry]
    #: The life domains that the goals of a care plan belong to.
    life_domains: dict[str, Entry]
    #: Means of control and ways of recruitment (several per case, with their HTCDS/CTDC code).
    control_methods: dict[str, Entry] = field(default_factory=dict)
    recruitment_methods: dict[str, Entry] = field(default_factory=dict)
    #: Days without contact after which the case page proposes the phase 'contact verloren'.
    contact_lost_days: int = 42
    #: Days before an agreed action of the care plan is due that its reminder goes out.
    plan_action_reminder_days: int = 3
    #: Days before a referral's answer is due that its reminder goes out (when none came).
    referral_reminder_days: int = 0


def parse(data: dict) -> Catalogue:
    deadlines = {}
    for row in sorted(data.get("deadlines", []), key=lambda r: r["order"]):
        if row["rule"] not in RULES:
            raise ValueError(f"care catalogue: unknown rule {row['rule']!r} for {row['code']}")
        deadlines[row["code"]] = DeadlineRule(**row)

    def entries(key):
        return {row["code"]: Entry(**row) for row in sorted(data.get(key, []), key=lambda r: r["order"])}

    payers = {row["code"] for row in data.get("payers", [])}
    for row in data.get("shelter_types", []):
        if row["payer"] not in payers:
            raise ValueError(f"care catalogue: unknown payer {row['payer']!r} for shelter type {row['code']}")

    return Catalogue(
        version=data["version"],
        deadlines=deadlines,
        sources=entries("sources"),
        closure_reasons=entries("closure_reasons"),
        facts={row["code"]: Fact(**row) for row in data.get("facts", [])},
        service_types={
            row["code"]: ServiceType(**row) for row in sorted(data.get("service_types", []), key=lambda r: r["order"])
        },
        payers=entries("payers"),
        shelter_types={
            row["code"]: ShelterType(**row) for row in sorted(data.get("shelter_types", []), key=lambda r: r["order"])
        },
        exploitation_forms=entries("exploitation_forms"),
        sectors=entries("sectors"),
        life_domains=entries("life_domains"),
        control_methods=entries("control_methods"),
        recruitment_methods=entries("recruitment_methods"),
        contact_lost_days=int(data.get("contact_lost_days", 42)),
        plan_action_reminder_days=int(data.get("plan_action_reminder_days", 3)),
        referral_reminder_days=int(data.get("referral_reminder_days", 0)),
    )


@cache
def catalogue() -> Catalogue:
    with CATALOGUE_FILE.open("rb") as handle:
        return parse(tomllib.load(handle))
