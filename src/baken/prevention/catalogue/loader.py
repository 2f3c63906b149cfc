"""Reads the value lists of Preventie (values.toml): versioned catalogue data with its source.

The lists are read once per process; an activity stores the catalogue version it was recorded
under, and keeps its codes when a later version retires one (shown by code then).
"""

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CATALOGUE_FILE = Path(__file__).with_name("values.toml")
LISTS = (
    "activity_types",
    "target_groups",
    "languages",
    "kader_themes",
    "departments",
    "training_levels",
    "material_forms",
    "evidence_levels",
)


@dataclass(frozen=True)
class Catalogue:
    version: str
    source: str
    date: str
    lists: dict[str, tuple[tuple[str, str], ...]]
    #: Per list, the codes whose text could not be checked against their source (`to_verify`):
    #: Baken shows that flag, it never hides it.
    unverified: dict[str, frozenset[str]] = field(default_factory=dict)

    def choices(self, name: str) -> list[tuple[str, str]]:
        """The active values of one list as form choices."""
        return list(self.lists[name])

    def label(self, name: str, code: str) -> str:
        return dict(self.lists[name]).get(code, code)

    def codes(self, name: str) -> set[str]:
        return {code for code, _label in self.lists[name]}

    def to_verify(self, name: str, code: str) -> bool:
        return code in self.unverified.get(name, frozenset())


@cache
def catalogue() -> Catalogue:
    with CATALOGUE_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    lists = {
        name: tuple((row["code"], row["label"]) for row in data[name] if row.get("active", True)) for name in LISTS
    }
    unverified = {name: frozenset(row["code"] for row in data[name] if row.get("to_verify", False)) for name in LISTS}
    return Catalogue(
        version=data["version"], source=data["source"], date=data["date"], lists=lists, unverified=unverified
    )
