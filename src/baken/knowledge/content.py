"""The national knowledge base: Markdown pages and barrier models shipped with the app.

National content is read from `content/` once per process and is the same for every
municipality. What a municipality changes lives in the database (models.LocalPage,
models.BarrierStatus) and is laid over this base by the selectors.
"""

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from baken.knowledge.search import normalise

CONTENT_DIR = Path(__file__).with_name("content")
PAGES_DIR = CONTENT_DIR / "pages"
BARRIERS_FILE = CONTENT_DIR / "barriers.toml"
SYNONYMS_FILE = CONTENT_DIR / "synonyms.toml"
FRONT_MATTER_FENCE = "+++"

#: Sections of the knowledge base, in reading order. Local pages may use any of them.
SECTIONS: dict[str, str] = {
    "basis": _("De basis"),
    "vormen": _("Vormen van uitbuiting"),
    "rollen": _("Rollen en taken van de gemeente"),
    "functies": _("Wat doet u in uw functie?"),
    "aanpak": _("Aanpak: melden, voorkomen en handhaven"),
    "zorg": _("Hulp aan slachtoffers"),
    "kader": _("Landelijk kader en privacy"),
    "lokaal": _("Afspraken in onze gemeente"),
}
LOCAL_SECTION = "lokaal"

#: Titles of the indicator lists (IndicatorGroup.catalogue_list). A list the catalogue adds
#: later still gets a page; it is then titled by its code.
SIGNAL_LISTS: dict[str, str] = {
    "arbeid": _("Signalen van arbeidsuitbuiting"),
    "seksueel": _("Signalen van seksuele uitbuiting"),
    "crimineel": _("Signalen van criminele uitbuiting"),
    "balie": _("Signalen aan de balie en in de BRP"),
    "locatie": _("Signalen op locatie"),
}


class ContentError(ValueError):
    """The shipped content is malformed: a programming error, caught by the tests."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class NationalPage:
    slug: str
    title: str
    summary: str
    order: int
    section: str
    roles: tuple[str, ...]
    body: str
    sources: tuple[Source, ...] = ()
    #: Exploitation form (ExploitationForm.code) this page explains, if any.
    form: str = ""
    #: Show the complete local reporting route (all partners) on this page.
    full_meldroute: bool = False
    #: Roles for whose start page this page is one of the first to read (a subset of roles).
    featured: tuple[str, ...] = ()


def split_front_matter(text: str) -> tuple[dict, str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise ContentError("page does not start with +++ front matter")
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == FRONT_MATTER_FENCE)
    except StopIteration as exc:
        raise ContentError("front matter is not closed with +++") from exc
    meta = tomllib.loads("\n".join(lines[1:end]))
    return meta, "\n".join(lines[end + 1 :]).strip() + "\n"


def parse_page(slug: str, text: str) -> NationalPage:
    meta, body = split_front_matter(text)
    missing = {"title", "summary", "order", "section", "roles"} - set(meta)
    if missing:
        raise ContentError(f"{slug}: missing {sorted(missing)}")
    if meta["section"] not in SECTIONS:
        raise ContentError(f"{slug}: unknown section {meta['section']!r}")
    return NationalPage(
        slug=slug,
        title=meta["title"],
        summary=meta["summary"],
        order=int(meta["order"]),
        section=meta["section"],
        roles=tuple(meta["roles"]),
        body=body,
        sources=tuple(Source(title=s["title"], url=s["url"]) for s in meta.get("sources", [])),
        form=meta.get("form", ""),
        full_meldroute=bool(meta.get("meldroute", False)),
        featured=tuple(meta.get("featured", ())),
    )


@cache
def national_pages() -> dict[str, NationalPage]:
    """All national pages by slug, in reading order (section, then order)."""
    pages = [parse_page(path.stem, path.read_text(encoding="utf-8")) for path in sorted(PAGES_DIR.glob("*.md"))]
    section_rank = {code: rank for rank, code in enumerate(SECTIONS)}
    pages.sort(key=lambda p: (section_rank[p.section], p.order, p.slug))
    return {page.slug: page for page in pages}


@dataclass(frozen=True)
class BarrierStep:
    code: str
    title: str
    order: int
    description: str
    signals: tuple[str, ...]
    barriers: tuple[tuple[str, str], ...]  # (stable key, text)
    partners: tuple[str, ...]
    facilitators: tuple[str, ...]


@dataclass(frozen=True)
class BarrierModel:
    code: str
    title: str
    form: str
    summary: str
    steps: tuple[BarrierStep, ...] = field(default_factory=tuple)

    def step(self, code: str) -> BarrierStep | None:
        return next((step for step in self.steps if step.code == code), None)


def barrier_key(text: str) -> str:
    """Stable key of a national barrier: the slug of its text.

    barriers.toml has no codes for barriers. A key from the text (rather than the position)
    means that reordering the file never moves a municipality's status to another barrier;
    rewording a barrier orphans its status, which the model page then shows apart.
    """
    return slugify(text)[:100]


def parse_barriers(data: dict) -> dict[str, BarrierModel]:
    models = {}
    for row in data.get("models", []):
        steps = []
        for step in sorted(row.get("steps", []), key=lambda s: s["order"]):
            keys = [barrier_key(text) for text in step.get("barriers", [])]
            if len(set(keys)) != len(keys):
                raise ContentError(f"{row['code']}/{step['code']}: two barriers with the same key")
            steps.append(
                BarrierStep(
                    code=step["code"],
                    title=step["title"],
                    order=step["order"],
                    description=step.get("description", ""),
                    signals=tuple(step.get("signals", [])),
                    barriers=tuple(zip(keys, step.get("barriers", []), strict=True)),
                    partners=tuple(step.get("partners", [])),
                    facilitators=tuple(step.get("facilitators", [])),
                )
            )
        if len({s.code for s in steps}) != len(steps):
            raise ContentError(f"{row['code']}: duplicate step codes")
        models[row["code"]] = BarrierModel(
            code=row["code"], title=row["title"], form=row.get("form", ""), summary=row["summary"], steps=tuple(steps)
        )
    return models


@cache
def barrier_models() -> dict[str, BarrierModel]:
    with BARRIERS_FILE.open("rb") as handle:
        return parse_barriers(tomllib.load(handle))


@dataclass(frozen=True)
class Synonym:
    """A search term and what it also stands for, both normalised (search.normalise)."""

    term: str
    means: str


def parse_synonyms(data: dict) -> tuple[Synonym, ...]:
    synonyms = []
    for entry in data.get("synonym", []):
        term, means = normalise(entry["term"]), normalise(entry["means"])
        if not term or " " in term:
            raise ContentError(f"synonym term {entry['term']!r} must be one word")
        if not means or means == term:
            raise ContentError(f"synonym {entry['term']!r} needs a different meaning")
        synonyms.append(Synonym(term=term, means=means))
    if len(set(synonyms)) != len(synonyms):
        raise ContentError("a synonym is listed twice")
    return tuple(synonyms)


@cache
def national_synonyms() -> tuple[Synonym, ...]:
    """The national search synonyms (content/synonyms.toml), read once per process."""
    with SYNONYMS_FILE.open("rb") as handle:
        return parse_synonyms(tomllib.load(handle))


def signal_list_title(code: str) -> str:
    return str(SIGNAL_LISTS.get(code, code.capitalize()))
