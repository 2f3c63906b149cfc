"""Search in the triage inbox and the link lookup: reference, narrative, street, postcode,
business name and wijk, case- and accent-insensitive.

One SQL expression, the same on both databases: `baken_fold(<the fields joined by spaces>)`.
`baken_fold` lowercases and drops the accents of Western European letters (`Café` → `cafe`).
On PostgreSQL it is an immutable SQL function (`translate` + `lower`) created by migration
`coordination.0005`, with a pg_trgm GIN index on exactly this expression, so that
`LIKE '%word%'` (a word of three letters or more) is an index lookup, not a scan of a
municipality's history. Since `coordination.0007` the folded text is stored per signal (a
generated column, `search_text`) and the index is on that column, so the database no longer
folds each candidate row's text again while checking it. On SQLite the same function is
registered on each connection in Python (`register_sqlite_functions`), without an index: the
embedded database is for small installations. Both fold with the same table, so both give the same answers
(`tests/test_inbox_search.py` runs one test set on either).

A reference is also found by its number: `SIG-2026-0014` (the form before the municipality's
code was part of it), `SIG-GM9901-2026-0014` and `2026-14` all find the signal with year 2026
and number 14, whichever form its reference has.
"""

import re

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from baken.signalling.models import Signal

#: Accented letters and what they fold to: the same table in Python and in the SQL function.
ACCENTED = "ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿŸÇçÑñ"
PLAIN = "AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuYyyYCcNn"
_TABLE = str.maketrans(ACCENTED, PLAIN)

#: The fields searched, in the order they are joined. The postcode also without its space,
#: so that `9901AB` and `9901 AB` both find `9901 AB`.
_TABLE_NAME = '"signalling_signal"'
_FIELDS = ("reference", "description", "street", "postcode", "business_name", "neighbourhood")
DOCUMENT_SQL = (
    "baken_fold("
    + " || ' ' || ".join(
        [f'{_TABLE_NAME}."{name}"' for name in _FIELDS] + [f"replace({_TABLE_NAME}.\"postcode\", ' ', '')"]
    )
    + ")"
)

#: On PostgreSQL the same text is stored per signal, as a generated column with the trigram index
#: (migration `coordination.0007`): searching reads it instead of folding every candidate again.
SEARCH_COLUMN_SQL = f'{_TABLE_NAME}."search_text"'

MAX_WORDS = 8
_REFERENCE = re.compile(r"(?:SIG-)?(?:(GM\d{4})-)?(\d{4})-(\d{1,6})", re.IGNORECASE)


def fold(text: str) -> str:
    """What `baken_fold` does in SQL: accents dropped (by the table above), then lowercased."""
    return text.translate(_TABLE).lower()


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """connection_created receiver: `baken_fold` on every SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("baken_fold", 1, _sqlite_fold, deterministic=True)


def _sqlite_fold(value):
    return None if value is None else fold(value)


def document_sql() -> str:
    """The folded search text of a signal in SQL: the stored column on PostgreSQL, the
    expression on SQLite."""
    return SEARCH_COLUMN_SQL if connection.vendor == "postgresql" else DOCUMENT_SQL


def document() -> RawSQL:
    """The folded search text of a signal, for `.alias(search_document=document())`."""
    from django.db.models import TextField

    return RawSQL(document_sql(), (), output_field=TextField())  # noqa: S611  (a constant, no input)


def words(query: str) -> list[str]:
    """The folded words of a query, at most MAX_WORDS."""
    return fold(query).split()[:MAX_WORDS]


def reference_number(query: str) -> tuple[str, int, int] | None:
    """(CBS code or "", year, number) when the whole query is a reference, in either form."""
    match = _REFERENCE.fullmatch(query.strip())
    if match is None:
        return None
    return (match.group(1) or "").upper(), int(match.group(2)), int(match.group(3))


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


#: Up to this many matches (over every municipality), the inbox filters on the matching ids
#: themselves; beyond it, on the words' subquery. docs/benchmarks.md: with a subquery only,
#: PostgreSQL walked the inbox's order index probing each row for a rare word (72 ms at 100,000
#: signals) and read every row for a reference (the OR with the number defeated the index).
FEW_MATCHES = 2000


def matching_signals(query: str) -> Q | None:
    """The inbox's condition for a query (None if empty): the signal is among those whose folded
    text holds every word, or (a reference-shaped query) has that number.

    The words are matched in a query of their own on the signals table, written out so that its
    expression is exactly the one the trigram index is built on: PostgreSQL answers it from the
    index. (As a Django subquery the table would be aliased (U0) and the expression would no
    longer be the indexed one, or would even point at the outer row.) The matching ids are read
    first, at most FEW_MATCHES + 1 of them: when they are few, the inbox filters on those ids, so
    the database sorts only the matches; when they are many (a common word), the words stay a
    subquery and the inbox's order index finds the first page among its dense matches. Either
    way the rows remain those of the caller's queryset: the ids only narrow it."""
    terms = words(query)
    if not terms:
        return None
    like = " AND ".join([f"{document_sql()} LIKE %s ESCAPE '\\'"] * len(terms))
    sql = f'SELECT {_TABLE_NAME}."id" FROM {_TABLE_NAME} WHERE {like}'  # noqa: S608  (constants; words are parameters)
    params = [_like_pattern(term) for term in terms]
    by_number = _by_number(query)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT %s", [*params, FEW_MATCHES + 1])
        ids = [row[0] for row in cursor.fetchall()]
    if len(ids) <= FEW_MATCHES:
        if reference_number(query) is not None:
            ids += list(Signal.objects.filter(by_number).values_list("id", flat=True)[: FEW_MATCHES + 1])
        return Q(pk__in=_id_list(ids))
    return Q(pk__in=RawSQL(sql, params)) | by_number  # noqa: S611


def _id_list(ids: list[int]):
    """The ids as one array parameter on PostgreSQL (`IN (SELECT unnest(...))`): two thousand
    separate parameters made the inbox's query take 42 ms to bind and plan against 3 ms to run
    (bench/inbox.py, the street search). SQLite has no arrays and takes the list."""
    if connection.vendor != "postgresql":
        return ids
    return RawSQL("SELECT unnest(%s::bigint[])", [ids])


def _by_number(query: str) -> Q:
    number = reference_number(query)
    if number is None:
        return Q(pk__in=[])
    cbs_code, year, sequence = number
    by_number = Q(year=year, sequence=sequence)
    if cbs_code:
        by_number &= Q(organisation__cbs_code=cbs_code)
    return by_number


def search_condition(query: str) -> Q | None:
    """The condition on `search_document` (aliased by the caller) for a query; None if empty.
    Every word must occur somewhere (AND); a reference-shaped query also matches by number."""
    terms = words(query)
    if not terms:
        return None
    condition = Q()
    for term in terms:
        condition &= Q(search_document__contains=term)
    number = reference_number(query)
    if number is not None:
        cbs_code, year, sequence = number
        by_number = Q(year=year, sequence=sequence)
        if cbs_code:
            by_number &= Q(organisation__cbs_code=cbs_code)
        condition |= by_number
    return condition
