"""The search test set (data/search_test_set.toml) and its measures, shared by
test_search_quality.py and bench/search.py (which times the same queries on the demo data)."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

TEST_SET = Path(__file__).with_name("data") / "search_test_set.toml"
TOP = 3


@dataclass(frozen=True)
class Query:
    query: str
    kind: str
    expected: str
    relevant: tuple[str, ...] = ()
    known_miss: str = ""


@dataclass(frozen=True)
class Outcome:
    query: Query
    top: tuple[str, ...]  # addresses of the first results
    suggestion: str

    @property
    def found(self) -> bool:
        """The expected result is among the first three."""
        return any(is_answer(url, self.query.expected) for url in self.top[:TOP])

    @property
    def precision(self) -> float:
        """Share of the first three results that are right answers (expected or relevant)."""
        answers = (self.query.expected, *self.query.relevant)
        right = sum(1 for url in self.top[:TOP] if any(is_answer(url, answer) for answer in answers))
        return right / TOP


def is_answer(url: str, answer: str) -> bool:
    """An address answers when it is the answer, or when the answer is a signal list (no
    #code) and the address is one of its signals."""
    return url == answer or ("#" not in answer and url.split("#", 1)[0] == answer)


def load_test_set() -> list[Query]:
    with TEST_SET.open("rb") as handle:
        rows = tomllib.load(handle)["query"]
    return [
        Query(
            query=row["query"],
            kind=row["kind"],
            expected=row["expected"],
            relevant=tuple(row.get("relevant", ())),
            known_miss=row.get("known_miss", ""),
        )
        for row in rows
    ]


def evaluate(search, queries: list[Query]) -> list[Outcome]:
    """`search(query)` returns the hits (knowledge_search for a user)."""
    outcomes = []
    for query in queries:
        hits = search(query.query)
        outcomes.append(
            Outcome(query=query, top=tuple(hit.document.url for hit in hits[:TOP]), suggestion=hits.suggestion)
        )
    return outcomes


def precision_at_3(outcomes: list[Outcome]) -> float:
    return sum(outcome.precision for outcome in outcomes) / len(outcomes)


def success_at_3(outcomes: list[Outcome]) -> float:
    return sum(1 for outcome in outcomes if outcome.found) / len(outcomes)


def report(outcomes: list[Outcome]) -> str:
    lines = [f"precision@3 {precision_at_3(outcomes):.3f}, expected in top 3 {success_at_3(outcomes):.3f}"]
    for outcome in outcomes:
        mark = "ok  " if outcome.found else "MISS"
        suggestion = f" (bedoelde u: {outcome.suggestion})" if outcome.suggestion else ""
        lines.append(
            f"{mark} p={outcome.precision:.2f} {outcome.query.query!r}{suggestion} -> {', '.join(outcome.top)}"
        )
    return "\n".join(lines)
