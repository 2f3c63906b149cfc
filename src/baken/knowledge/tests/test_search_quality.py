"""The search test set: typos, synonyms and several words, each with the result people want.

Runs in `make test` on SQLite and PostgreSQL (the search is in-process, so both must give the
same figures). The measured figures and how to read them are in docs/search.md.
"""

from collections import Counter

import pytest

from baken.knowledge.selectors import knowledge_search
from baken.knowledge.tests.search_quality import evaluate, load_test_set, precision_at_3, report, success_at_3

#: Set from the measured figure (docs/search.md), rounded down: a change that makes the search
#: worse for these queries fails here. Raise it when the search gets better.
MIN_PRECISION_AT_3 = 0.60  # measured 0.602 (41 queries, 2026-12-01)
MIN_SUCCESS_AT_3 = 0.92  # measured 0.927: 38 of 41, the 3 others are known misses


def test_the_test_set_has_thirty_queries_of_every_kind():
    queries = load_test_set()
    kinds = Counter(query.kind for query in queries)
    assert len(queries) >= 30
    assert set(kinds) == {"typo", "synonym", "multi-word"} and min(kinds.values()) >= 10
    assert len({query.query for query in queries}) == len(queries)


@pytest.fixture
def outcomes(signaleerder):
    return evaluate(lambda query: knowledge_search(user=signaleerder, query=query), load_test_set())


def test_every_query_finds_its_page_in_the_top_three_unless_a_known_miss(outcomes):
    print(report(outcomes))  # shown with pytest -s, and on failure
    misses = [outcome.query.query for outcome in outcomes if not outcome.found and not outcome.query.known_miss]
    assert not misses, report(outcomes)
    fixed = [outcome.query.query for outcome in outcomes if outcome.found and outcome.query.known_miss]
    assert not fixed, f"found now; remove known_miss: {fixed}"


def test_precision_at_three_does_not_drop(outcomes):
    assert precision_at_3(outcomes) >= MIN_PRECISION_AT_3, report(outcomes)
    assert success_at_3(outcomes) >= MIN_SUCCESS_AT_3, report(outcomes)


def test_typos_get_a_did_you_mean_and_synonyms_are_never_corrected(outcomes):
    for outcome in outcomes:
        if outcome.query.kind == "typo":
            assert outcome.suggestion, outcome.query.query
        if outcome.query.kind == "synonym":
            assert not outcome.suggestion, (outcome.query.query, outcome.suggestion)
