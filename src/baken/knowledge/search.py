"""Search over knowledge pages, indicators and barrier models: Dutch, case and accent tolerant.

An in-process index (see docs/adr/0006-kennisbank.md): the national documents are normalised
once per process; the few rows a municipality adds (local pages) and the indicator catalogue
are normalised per search, which costs two queries and well under a millisecond of work per
document. The same code runs on SQLite and PostgreSQL.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_TERMS = 8
MIN_TERM_LENGTH = 2
EXCERPT_RADIUS = 90
#: Words that would match almost every document; ignored unless the query has nothing else.
STOPWORDS = frozenset(
    {"de", "het", "een", "en", "van", "in", "op", "te", "is", "dat", "die", "met", "voor", "aan", "er", "als"}
    | {"bij", "of", "om", "ook", "zijn", "wat", "wie", "hoe", "je", "u", "ik", "we"}
)
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0


def normalise(text: str) -> str:
    """Lowercase, without accents, punctuation as spaces: 'Coördinátor!' -> 'coordinator'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[\W_]+", " ", stripped.casefold()).strip()


def query_terms(query: str) -> list[str]:
    terms = [term for term in normalise(query).split() if len(term) >= MIN_TERM_LENGTH]
    meaningful = [term for term in terms if term not in STOPWORDS]
    unique = list(dict.fromkeys(meaningful or terms))
    return unique[:MAX_TERMS]


@dataclass
class Document:
    kind: str  # a label for the reader: "Pagina", "Signaal", "Barrièremodel"
    title: str
    summary: str
    body: str
    url_name: str
    url_args: tuple = ()
    anchor: str = ""
    _normalised: tuple[str, str, str] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return reverse(self.url_name, args=self.url_args) + (f"#{self.anchor}" if self.anchor else "")

    def normalised(self) -> tuple[str, str, str]:
        if self._normalised is None:
            self._normalised = (normalise(self.title), normalise(self.summary), normalise(self.body))
        return self._normalised


@dataclass(frozen=True)
class Hit:
    document: Document
    score: float
    excerpt: SafeString


def _occurrences(haystack: str, term: str) -> int:
    return haystack.count(term)


def _word_start(haystack: str, term: str) -> bool:
    return haystack.startswith(term) or f" {term}" in haystack


def score(document: Document, terms: list[str]) -> float:
    """0 when a term is missing everywhere; otherwise title hits outweigh summary and body hits."""
    title, summary, body = document.normalised()
    total = 0.0
    for term in terms:
        in_title, in_summary, in_body = (
            _occurrences(title, term),
            _occurrences(summary, term),
            _occurrences(body, term),
        )
        if not (in_title or in_summary or in_body):
            return 0.0
        if in_title:
            total += TITLE_WEIGHT + (TITLE_WEIGHT / 2 if _word_start(title, term) else 0)
        if in_summary:
            total += SUMMARY_WEIGHT
        if in_body:
            total += BODY_WEIGHT + min(in_body, 5) * 0.2
    if len(terms) > 1 and " ".join(terms) in title:
        total += TITLE_WEIGHT  # the whole query as a phrase in the title
    return total


def _normalised_with_positions(text: str) -> tuple[str, list[int]]:
    """normalise() character by character, remembering where each output char came from."""
    out: list[str] = []
    positions: list[int] = []
    previous_space = True
    for index, char in enumerate(text):
        decomposed = unicodedata.normalize("NFKD", char)
        for part in "".join(c for c in decomposed if not unicodedata.combining(c)).casefold():
            if re.match(r"[\W_]", part):
                if previous_space:
                    continue
                part, previous_space = " ", True
            else:
                previous_space = False
            out.append(part)
            positions.append(index)
    return "".join(out), positions


def excerpt(text: str, terms: list[str], radius: int = EXCERPT_RADIUS) -> SafeString:
    """A piece of `text` around the first hit, with the hits marked; escaped."""
    normalised, positions = _normalised_with_positions(text)
    spans = []
    for term in terms:
        start = 0
        while (found := normalised.find(term, start)) != -1:
            spans.append((positions[found], positions[found + len(term) - 1] + 1))
            start = found + len(term)
    if not spans:
        short = text[: 2 * radius]
        return mark_safe(escape(short) + ("…" if len(text) > len(short) else ""))  # noqa: S308 (escaped)
    spans.sort()
    first = spans[0][0]
    begin = max(0, text.rfind(" ", 0, max(0, first - radius)) + 1) if first > radius else 0
    end = text.find(" ", min(len(text), first + radius))
    end = len(text) if end == -1 else end
    pieces, cursor = [], begin
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 (every piece is escaped)


def search(documents: list[Document], query: str, limit: int) -> list[Hit]:
    terms = query_terms(query)
    if not terms:
        return []
    scored = [(score(document, terms), document) for document in documents]
    ranked = sorted(
        ((value, document) for value, document in scored if value > 0), key=lambda item: (-item[0], item[1].title)
    )[:limit]
    hits = []
    for value, document in ranked:
        summary_hit = any(term in document.normalised()[1] for term in terms)
        source = document.summary if summary_hit or not document.body else document.body
        if not any(term in normalise(source) for term in terms):
            source = document.summary or document.body
        hits.append(Hit(document=document, score=value, excerpt=excerpt(source, terms)))
    return hits
