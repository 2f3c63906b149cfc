"""Reads the Kader catalogue (kader.toml): themes, plateaus and building blocks as versioned
data with their source and date. Blocks whose text could not be checked against the official
Kader carry `to_verify`; Baken shows that flag, it never hides it."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATALOGUE_FILE = Path(__file__).with_name("kader.toml")


@dataclass(frozen=True)
class Theme:
    code: str
    number: int
    label: str


@dataclass(frozen=True)
class Block:
    code: str
    theme: str
    plateau: str
    label: str
    ibp_511: bool
    to_verify: bool
    #: What Baken itself holds as evidence for this block: keys of policy/evidence.py's sources.
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class KaderCatalogue:
    version: str
    source: str
    date: str
    themes: tuple[Theme, ...]
    plateaus: tuple[tuple[str, str], ...]
    blocks: tuple[Block, ...]

    def theme(self, code: str) -> Theme | None:
        return next((theme for theme in self.themes if theme.code == code), None)

    def theme_label(self, code: str) -> str:
        theme = self.theme(code)
        return f"{theme.number}. {theme.label}" if theme else code

    def theme_choices(self) -> list[tuple[str, str]]:
        return [(theme.code, f"{theme.number}. {theme.label}") for theme in self.themes]

    def block(self, code: str) -> Block | None:
        return next((block for block in self.blocks if block.code == code), None)

    def plateau_label(self, code: str) -> str:
        return dict(self.plateaus).get(code, code)


def _keys(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@cache
def kader() -> KaderCatalogue:
    with CATALOGUE_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    themes = tuple(Theme(row["code"], row["number"], row["label"]) for row in data["themes"])
    known = {theme.code for theme in themes}
    plateaus = tuple((row["code"], row["label"]) for row in data["plateaus"])
    blocks = tuple(
        Block(
            code=row["code"],
            theme=row["theme"],
            plateau=row["plateau"],
            label=row["label"],
            ibp_511=row.get("ibp_511", False),
            to_verify=row.get("to_verify", True),
            evidence=_keys(row.get("evidence", ())),
        )
        for row in data["blocks"]
    )
    unknown = {block.code for block in blocks if block.theme not in known or block.plateau not in dict(plateaus)}
    if unknown:
        raise ValueError(f"kader.toml: blocks with an unknown theme or plateau: {sorted(unknown)}")
    return KaderCatalogue(data["version"], data["source"], data["date"], themes, plateaus, blocks)
