"""Search over knowledge pages, indicators and barrier models: Dutch, forgiving, ranked.

An in-process index (see docs/adr/0006-kennisbank.md and docs/search.md): the national
documents are normalised once per process; the few rows a municipality adds (local pages, its
search synonyms) and the indicator catalogue are read per search and normalised on the fly.
The same Python code ranks on SQLite and PostgreSQL, so both give the same answers.

A query is split into terms. Each term also stands for its synonyms (national file plus the
municipality's own), and a term that occurs in no document and is no synonym is replaced by the
nearest word of the documents' vocabulary (optimal string alignment distance, from rapidfuzz):
"arbijdsuitbuiting" becomes "arbeidsuitbuiting", and the page says "Bedoelde u …?".
A document matches when it contains ANY term; documents with more of the terms come first, then
the more relevant (BM25-like: rare terms weigh more, title above summary above body).
"""

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from rapidfuzz import process
from rapidfuzz.distance import OSA

MAX_TERMS = 8
MIN_TERM_LENGTH = 2
EXCERPT_RADIUS = 90
#: Words that would match almost every document; ignored unless the query has nothing else.
STOPWORDS = frozenset(
    {"de", "het", "een", "en", "van", "in", "op", "te", "is", "dat", "die", "met", "voor", "aan", "er", "als"}
    | {"bij", "of", "om", "ook", "zijn", "wat", "wie", "hoe", "je", "u", "ik", "we"}
)
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 2.0
#: A title that starts a word with the term (not only contains it) counts this much more.
WORD_START_BONUS = 0.5
#: BM25's usual constants for term frequency saturation and length normalisation of the body.
BM25_K1, BM25_B = 1.2, 0.75
#: A term shorter than this is never corrected: too many words are one edit away.
MIN_CORRECTED_LENGTH = 4
#: Vocabulary words shorter than this are no correction target (codes, abbreviations).
MIN_VOCABULARY_LENGTH = 3


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


def max_edits(term: str) -> int:
    """How many edits a correction of `term` may be away: none for short words, more for long ones."""
    if len(term) < MIN_CORRECTED_LENGTH:
        return 0
    if len(term) <= 5:
        return 1
    if len(term) <= 11:
        return 2
    return 3


@dataclass
class Document:
    kind: str  # a label for the reader: "Pagina", "Signaal", "Barrièremodel"
    title: str
    summary: str
    body: str
    url_name: str
    url_args: tuple = ()
    anchor: str = ""
    #: Searchable but never shown in an excerpt: internal codes such as an indicator's "ARB-03".
    keywords: str = ""
    _normalised: tuple[str, str, str, str] | None = field(default=None, repr=False)
    _words: frozenset[str] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return reverse(self.url_name, args=self.url_args) + (f"#{self.anchor}" if self.anchor else "")

    def normalised(self) -> tuple[str, str, str, str]:
        """Title, summary, body and keywords, normalised."""
        if self._normalised is None:
            self._normalised = (
                normalise(self.title),
                normalise(self.summary),
                normalise(self.body),
                normalise(self.keywords),
            )
        return self._normalised

    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = frozenset(" ".join(self.normalised()).split())
        return self._words


@dataclass(frozen=True)
class Term:
    """One word of the query and what is looked for in its place."""

    typed: str
    #: The word itself (or its correction) and its synonyms; a document matches any of them.
    alternatives: tuple[str, ...]
    #: The vocabulary word searched instead of `typed`, when `typed` occurs nowhere.
    corrected: str = ""

    @property
    def shown(self) -> str:
        return self.corrected or self.typed

    @property
    def synonyms(self) -> tuple[str, ...]:
        return self.alternatives[1:]


class SearchHits(list):
    """The hits, best first, and what the search made of the query (for "Bedoelde u …?")."""

    def __init__(self, hits: Iterable["Hit"] = (), terms: Iterable[Term] = ()):
        super().__init__(hits)
        self.terms = list(terms)

    @property
    def suggestion(self) -> str:
        """The query with its corrected words, when a word was corrected; else empty."""
        if not any(term.corrected for term in self.terms):
            return ""
        return " ".join(term.shown for term in self.terms)

    @property
    def synonyms(self) -> list[str]:
        """Words that were also searched for as synonyms of the query's words."""
        return list(dict.fromkeys(synonym for term in self.terms for synonym in term.synonyms))


@dataclass(frozen=True)
class Hit:
    document: Document
    score: float
    #: The words the search looked for (query words, corrections, synonyms), for the excerpt.
    looked_for: tuple[str, ...] = ()
    #: How many of the query's terms the document contains.
    matched: int = 1

    @cached_property
    def excerpt(self) -> SafeString:
        """Made when shown: a page of results shows 20 of up to 100 hits."""
        return _excerpt_for(self.document, list(self.looked_for))


def vocabulary(documents: Iterable[Document]) -> Counter:
    """Every word of the documents with the number of documents it occurs in."""
    counts: Counter = Counter()
    for document in documents:
        counts.update(word for word in document.words() if len(word) >= MIN_VOCABULARY_LENGTH and not word.isdigit())
    return counts


def nearest_word(term: str, words: Mapping[str, int]) -> str:
    """The word of `words` with the same first letter closest to `term` (fewest edits, then most
    frequent, then alphabetical), or "" when none is within max_edits(term)."""
    limit = max_edits(term)
    if not limit:
        return ""
    # People rarely mistype the first letter; keeping it avoids "correcting" a real word that
    # is simply not in the documents into an unrelated one ("ingehouden" -> "gehouden").
    choices = [word for word in words if word[:1] == term[:1]]
    candidates = process.extract(term, choices, scorer=OSA.distance, score_cutoff=limit, limit=None)
    if not candidates:
        return ""
    word, _distance, _index = min(candidates, key=lambda found: (found[1], -words[found[0]], found[0]))
    return word


def expand(
    terms: list[str], documents: list[Document], synonyms: Mapping[str, tuple[str, ...]] | None = None
) -> list[Term]:
    """Each query term with its synonyms; a term found nowhere (not even through a synonym) is
    replaced by the nearest word of the documents or of the synonyms' terms."""
    synonyms = synonyms or {}
    corpus = "\n".join(text for document in documents for text in document.normalised())
    words: Counter | None = None
    expanded = []
    for term in terms:
        alternatives = (term, *synonyms.get(term, ()))
        if any(alternative in corpus for alternative in alternatives):
            expanded.append(Term(typed=term, alternatives=alternatives))
            continue
        if words is None:
            words = vocabulary(documents)
            for key in synonyms:
                words.setdefault(key, 0)
        corrected = nearest_word(term, words)
        if corrected:
            alternatives = (corrected, *synonyms.get(corrected, ()))
            expanded.append(Term(typed=term, alternatives=alternatives, corrected=corrected))
        else:
            expanded.append(Term(typed=term, alternatives=alternatives))
    return expanded


def _word_start(haystack: str, term: str) -> bool:
    return haystack.startswith(term) or f" {term}" in haystack


def _field_counts(document: Document, term: Term) -> tuple[int, int, int, bool]:
    """Occurrences of the term (its best alternative per field) in title, summary and body,
    and whether a word of the title starts with it."""
    title, summary, body, _keywords = document.normalised()
    counts = [0, 0, 0]
    title_word_start = False
    for alternative in term.alternatives:
        for index, text in enumerate((title, summary, body)):
            counts[index] = max(counts[index], text.count(alternative))
        title_word_start = title_word_start or _word_start(title, alternative)
    return counts[0], counts[1], counts[2], title_word_start


def _names_keywords(document: Document, typed: str) -> bool:
    """The query names the document's keywords (a code such as "ARB-03") as a whole: a code's
    parts ("arb", "brp") are not words people search for, so they never match on their own."""
    keywords = document.normalised()[3]
    return bool(keywords) and f" {keywords} " in f" {typed} "


def _body_weight(occurrences: int, length: int, average_length: float) -> float:
    """BM25's saturating term frequency: the fifth mention adds less than the first."""
    if not occurrences:
        return 0.0
    norm = 1 - BM25_B + BM25_B * (length / average_length if average_length else 1)
    return occurrences * (BM25_K1 + 1) / (occurrences + BM25_K1 * norm)


def rank(documents: list[Document], terms: list[Term]) -> list[tuple[int, float, Document]]:
    """(terms matched, score, document) for every document that matches any term, best first."""
    counts = {id(document): [_field_counts(document, term) for term in terms] for document in documents}
    total = len(documents)
    frequencies = [
        sum(1 for document in documents if any(counts[id(document)][index][:3])) for index in range(len(terms))
    ]
    weights = [math.log(1 + (total - found + 0.5) / (found + 0.5)) for found in frequencies]
    lengths = {id(document): len(document.normalised()[2].split()) for document in documents}
    average_length = sum(lengths.values()) / total if total else 0.0
    phrase = " ".join(term.shown for term in terms) if len(terms) > 1 else ""
    typed = " ".join(term.typed for term in terms)
    ranked = []
    for document in documents:
        matched, value = 0, 0.0
        for index, (in_title, in_summary, in_body, word_start) in enumerate(counts[id(document)]):
            if not (in_title or in_summary or in_body):
                continue
            matched += 1
            field_score = _body_weight(in_body, lengths[id(document)], average_length) * BODY_WEIGHT
            if in_title:
                field_score += TITLE_WEIGHT * (1 + (WORD_START_BONUS if word_start else 0))
            if in_summary:
                field_score += SUMMARY_WEIGHT
            value += weights[index] * field_score
        if _names_keywords(document, typed):
            matched = len(terms)
            value += 2 * TITLE_WEIGHT * max(weights)
        if not matched:
            continue
        title = document.normalised()[0]
        if phrase and phrase in title:
            value += TITLE_WEIGHT * max(weights)  # the whole query as a phrase in the title
        ranked.append((matched, value, document))
    ranked.sort(key=lambda item: (-item[0], -item[1], item[2].title))
    return ranked


@lru_cache(maxsize=2048)
def _normalised_with_positions(text: str) -> tuple[str, tuple[int, ...]]:
    """normalise() character by character, remembering where each output char came from.

    Cached: the national texts are the same in every search."""
    out: list[str] = []
    positions: list[int] = []
    previous_space = True
    for index, char in enumerate(text):
        if char.isascii() and char.isalnum():  # the common case, without Unicode tables
            out.append(char.lower())
            positions.append(index)
            previous_space = False
            continue
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
    return "".join(out), tuple(positions)


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


def _excerpt_for(document: Document, looked_for: list[str]) -> SafeString:
    """From the summary when it has a hit, else from the body; never from the keywords."""
    _title, summary, body, _keywords = document.normalised()
    if any(word in summary for word in looked_for) or not document.body:
        source = document.summary
    elif any(word in body for word in looked_for):
        source = document.body
    else:
        source = document.summary or document.body
    return excerpt(source, looked_for)


def search(
    documents: list[Document],
    query: str,
    limit: int,
    synonyms: Mapping[str, tuple[str, ...]] | None = None,
) -> SearchHits:
    terms = expand(query_terms(query), documents, synonyms)
    if not terms:
        return SearchHits()
    looked_for = tuple(dict.fromkeys(alternative for term in terms for alternative in term.alternatives))
    hits = [
        Hit(document=document, score=value, looked_for=looked_for, matched=matched)
        for matched, value, document in rank(documents, terms)[:limit]
    ]
    return SearchHits(hits, terms)
