"""The case-meeting catalogue (meetings.toml): admission criteria, urgencies, triage decisions
(with the phase each leads to), meeting types, legal bases of attendees, categories of shared
information, outcomes of a closure, the analysis of a discussed case (life domains, hypotheses,
safety levels), and the weekly triage cut-off. Read once per process from
the file shipped with the code, so no value list lives in code."""

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATALOGUE_FILE = Path(__file__).with_name("meetings.toml")


@dataclass(frozen=True)
class Entry:
    code: str
    label: str
    order: int


@dataclass(frozen=True)
class Decision:
    code: str
    label: str
    target: str
    order: int


@dataclass(frozen=True)
class LegalBasis:
    code: str
    label: str
    note_required: bool
    order: int


@dataclass(frozen=True)
class Hypothesis:
    code: str
    label: str
    #: Forms of exploitation with this hypothesis: "required", "optional" or "none".
    forms: str
    order: int

    def __post_init__(self):
        if self.forms not in ("required", "optional", "none"):
            raise ValueError(f"meetings catalogue: hypothesis {self.code}: forms {self.forms!r}")


@dataclass(frozen=True)
class SafetyLevel:
    code: str
    label: str
    note_required: bool
    order: int


@dataclass(frozen=True)
class Catalogue:
    version: str
    criteria: dict[str, Entry]
    urgencies: dict[str, Entry]
    decisions: dict[str, Decision]
    meeting_types: dict[str, Entry]
    legal_bases: dict[str, LegalBasis]
    categories: dict[str, Entry]
    closure_outcomes: dict[str, Entry]
    #: To whom a stuck case is escalated.
    escalation_levels: dict[str, Entry]
    #: The analysis of a discussed case: life domains, hypothesis, safety assessment.
    problem_domains: dict[str, Entry]
    hypotheses: dict[str, Hypothesis]
    safety_levels: dict[str, SafetyLevel]
    #: 0 = Monday.
    cutoff_weekday: int
    cutoff_time: dt.time
    #: An action's owner is reminded this many days before its due date.
    reminder_days_before_due: int


def _sorted(rows):
    return sorted(rows, key=lambda row: row["order"])


def parse(data: dict) -> Catalogue:
    def entries(key, kind=Entry):
        return {row["code"]: kind(**row) for row in _sorted(data.get(key, []))}

    cutoff = data.get("triage_cutoff", {})
    weekday = int(cutoff.get("weekday", 0))
    if not 0 <= weekday <= 6:
        raise ValueError(f"meetings catalogue: weekday {weekday} is not 0 (Monday) to 6 (Sunday)")
    reminder_days = int(data.get("action_reminder", {}).get("days_before_due", 3))
    if not 0 <= reminder_days <= 30:
        raise ValueError(f"meetings catalogue: days_before_due {reminder_days} is not 0 to 30")
    return Catalogue(
        version=data["version"],
        criteria=entries("criteria"),
        urgencies=entries("urgencies"),
        decisions=entries("decisions", Decision),
        meeting_types=entries("meeting_types"),
        legal_bases=entries("legal_bases", LegalBasis),
        categories=entries("categories"),
        closure_outcomes=entries("closure_outcomes"),
        escalation_levels=entries("escalation_levels"),
        problem_domains=entries("problem_domains"),
        hypotheses=entries("hypotheses", Hypothesis),
        safety_levels=entries("safety_levels", SafetyLevel),
        cutoff_weekday=weekday,
        cutoff_time=dt.time.fromisoformat(cutoff.get("time", "12:00")),
        reminder_days_before_due=reminder_days,
    )


@cache
def catalogue() -> Catalogue:
    with CATALOGUE_FILE.open("rb") as handle:
        return parse(tomllib.load(handle))
