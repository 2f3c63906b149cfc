"""The inbox's search: one test set that runs on SQLite (`make test`) and on PostgreSQL (.ci/run),
so that the trigram-indexed PostgreSQL search and the SQLite fallback give the same answers."""

import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from baken.coordination import search
from baken.signalling.models import Signal
from baken.testing.signals import make_signal

pytestmark = pytest.mark.both_databases

INBOX = reverse("coordination:inbox")

#: name -> what the reporter gave
SIGNALS = {
    "cafe": {
        "business_name": "Café De Zwaan",
        "street": "Havenstraat",
        "house_number": "4",
        "postcode": "9901 AB",
        "description": "Personeel slaapt boven het café.",
    },
    "creperie": {"business_name": "Crêperie Marché", "description": "Lange werkdagen in de keuken."},
    "loods": {
        "street": "Molenkade",
        "postcode": "9902 CD",
        "house_number": "1",
        "description": "Matrassen in een LOODS",
    },
    "wijk": {"neighbourhood": "Havenkwartier", "description": "Jongeren worden opgehaald met een busje."},
    "emmeloord": {"street": "Éémweg", "description": "Naïeve werknemers zonder contract."},
}

#: query -> the signals it must find (and no others)
TEST_SET = [
    ("zwaan", {"cafe"}),
    ("ZWAAN", {"cafe"}),
    ("cafe", {"cafe"}),  # the accent dropped in the query
    ("café", {"cafe"}),
    ("creperie marche", {"creperie"}),  # two words, both without accents
    ("CRÊPERIE", {"creperie"}),
    ("loods", {"loods"}),  # the narrative, upper case in the text
    ("matrassen loods", {"loods"}),
    ("matrassen zwaan", set()),  # every word must occur
    ("molenkade", {"loods"}),  # street
    ("9902 CD", {"loods"}),  # postcode as written
    ("9902cd", {"loods"}),  # postcode without its space
    ("havenkwartier", {"wijk"}),  # wijk
    ("haven", {"cafe", "wijk"}),  # part of a street and of a wijk
    ("eemweg", {"emmeloord"}),
    ("naieve", {"emmeloord"}),
    ("xylofoon", set()),
    ("100%", set()),  # LIKE's wildcards are searched as text
    ("_", set()),
]


@pytest.fixture
def made(reporter):
    signals = {}
    for name, values in SIGNALS.items():
        values = {"location_description": "" if values.get("postcode") else "Ergens", **values}
        signals[name] = make_signal(reporter, **values)
    return signals


@pytest.mark.parametrize(("query", "expected"), TEST_SET)
def test_search_test_set(client_for, triager, made, query, expected):
    response = client_for(triager).get(INBOX, {"q": query})
    assert response.status_code == 200
    found = {name for name, signal in made.items() if signal in response.context["page"].object_list}
    assert found == expected
    assert len(response.context["page"].object_list) == len(expected)


def test_search_finds_a_reference_in_both_forms(client_for, triager, reporter, made):
    """A reference given before the municipality's code was part of it stays searchable, and the
    number finds the signal in whichever form it is asked for."""
    new_form = made["cafe"]
    old_form = made["loods"]
    Signal.objects.filter(pk=old_form.pk).update(reference=f"SIG-{old_form.year}-{old_form.sequence:04d}")
    client = client_for(triager)

    def found(query):
        return set(client.get(INBOX, {"q": query, "status": "alle"}).context["page"].object_list)

    assert found(new_form.reference) == {new_form}
    assert found(new_form.reference.lower()) == {new_form}
    assert found(f"SIG-{new_form.year}-{new_form.sequence:04d}") == {new_form}  # old form of a new reference
    assert found(f"{new_form.year}-{new_form.sequence}") == {new_form}
    assert found(f"SIG-{old_form.year}-{old_form.sequence:04d}") == {old_form}
    assert found(f"SIG-GM9901-{old_form.year}-{old_form.sequence:04d}") == {old_form}  # new form of an old one
    assert found(f"SIG-GM9902-{old_form.year}-{old_form.sequence:04d}") == set()  # another municipality's code


def test_search_never_finds_another_municipality(client_for, triager, made, signaleerder_zuiderhaven):
    foreign = make_signal(signaleerder_zuiderhaven, business_name="Café De Zwaan", description="Zuiderhaven")
    rows = client_for(triager).get(INBOX, {"q": "zwaan", "status": "alle"}).context["page"].object_list
    assert foreign not in rows and made["cafe"] in rows


def test_sql_and_python_fold_the_same(db):
    text = "ÀÉÎÕÜ àéîõü Çç Ññ Ÿÿ Café Crêperie ÉÉMWEG 9901 AB"
    with connection.cursor() as cursor:
        cursor.execute("SELECT baken_fold(%s)", [text])
        (folded,) = cursor.fetchone()
    assert folded == search.fold(text) == "aeiou aeiou cc nn yy cafe creperie eemweg 9901 ab"


def test_the_migration_indexes_the_expression_the_inbox_filters_on():
    migration = importlib.import_module("baken.coordination.migrations.0005_inbox_search")
    assert migration.DOCUMENT_SQL == search.DOCUMENT_SQL
    assert (migration.ACCENTED, migration.PLAIN) == (search.ACCENTED, search.PLAIN)
    stored = importlib.import_module("baken.coordination.migrations.0007_search_text_column")
    assert stored.DOCUMENT_SQL == search.DOCUMENT_SQL


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored search text exists on PostgreSQL only")
def test_postgresql_stores_the_folded_text_of_every_signal(made):
    """The generated column holds what Python's fold makes of the six fields, for rows the ORM
    wrote (and, being generated, for any other INSERT or UPDATE too)."""
    signal = made["cafe"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_text FROM signalling_signal WHERE id = %s", [signal.pk])
        (stored,) = cursor.fetchone()
    fields = [signal.reference, signal.description, signal.street, signal.postcode, signal.business_name]
    expected = " ".join([*fields, signal.neighbourhood, signal.postcode.replace(" ", "")])
    assert stored == search.fold(expected)
    Signal.objects.filter(pk=signal.pk).update(business_name="Brasserie Éénhoorn")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_text FROM signalling_signal WHERE id = %s", [signal.pk])
        assert "brasserie eenhoorn" in cursor.fetchone()[0]


def test_few_and_many_matches_find_the_same_signals(monkeypatch, client_for, triager, made):
    """Up to FEW_MATCHES the inbox filters on the matching ids, beyond it on the words'
    subquery: both give the same rows, with a reference's number as well."""
    queries = ["zwaan", "haven", "matrassen loods", made["cafe"].reference, "xylofoon"]
    client = client_for(triager)

    def found():
        return [
            {row.pk for row in client.get(INBOX, {"q": query, "status": "alle"}).context["page"].object_list}
            for query in queries
        ]

    few = found()
    monkeypatch.setattr(search, "FEW_MATCHES", 0)
    many = found()
    assert few == many
    assert few[0] == few[3] == {made["cafe"].pk} and few[-1] == set()
    assert few[1] == {made["cafe"].pk, made["wijk"].pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index exists on PostgreSQL only")
def test_postgresql_answers_a_search_from_the_trigram_index(made):
    """The search condition, as the inbox's search subquery builds it, is one the trigram index
    answers: the index is on exactly the expression filtered on. (On a handful of rows any plan
    is cheap, so the planner is left only lookups by condition.)"""
    matches = Signal.objects.alias(search_document=search.document()).filter(search.search_condition("zwaan"))
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        sql, params = matches.values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    assert "signal_search_trgm_idx" in plan, plan
    assert list(matches.values_list("pk", flat=True)) == [made["cafe"].pk]


def test_reference_number_reads_both_forms():
    assert search.reference_number("SIG-GM9901-2026-0014") == ("GM9901", 2026, 14)
    assert search.reference_number(" sig-2026-0014 ") == ("", 2026, 14)
    assert search.reference_number("2026-14") == ("", 2026, 14)
    assert search.reference_number("SIG-2026") is None
    assert search.reference_number("Havenstraat 4") is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index exists on PostgreSQL only")
@pytest.mark.parametrize("few_matches", [search.FEW_MATCHES, 0], ids=["ids-first", "subquery"])
def test_the_inbox_query_itself_can_use_the_trigram_index(monkeypatch, made, triager, few_matches):
    """The inbox's own queries with a search reach the index, both ways: the ids read first
    (few matches), or the words' subquery inside the inbox's query (many). The subquery is on
    the signals table itself, not a correlated subquery that folds the outer row's text for
    every row (65 s for one search at 1,000 signals before). On a handful of rows any plan is
    cheap, so the planner is left only lookups by condition."""
    from baken.coordination.selectors import InboxFilter, triage_queryset

    monkeypatch.setattr(search, "FEW_MATCHES", few_matches)
    with CaptureQueriesContext(connection) as queries:
        rows = InboxFilter({"q": "zwaan"}, queryset=triage_queryset(user=triager), user=triager).qs
        sql, params = rows.values("pk").query.sql_with_params()
    (ids_first,) = [query["sql"] for query in queries.captured_queries if "search_text" in query["sql"]]
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        cursor.execute("SET enable_nestloop = off")
        for statement, arguments in ((ids_first, None), (sql, params)):
            cursor.execute(f"EXPLAIN {statement}", arguments)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
        cursor.execute("RESET enable_nestloop")
    assert "signal_search_trgm_idx" in plans[0], plans[0]
    if few_matches:
        assert "search_text" not in sql  # filtered on the ids found
    else:
        assert "signal_search_trgm_idx" in plans[1], plans[1]
    assert "SubPlan" not in plans[1], plans[1]
    assert list(rows.values_list("pk", flat=True)) == [made["cafe"].pk]
