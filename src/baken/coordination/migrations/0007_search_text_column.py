"""The inbox's search text as a stored generated column on PostgreSQL (a no-op on SQLite).

The trigram index of 0005 is on an expression (`baken_fold(<six fields>)`). A trigram match is
lossy, so PostgreSQL checks every candidate row again: with an expression index that means
folding the signal's whole text once per candidate, about 35 µs a row, 70 ms for a word with
2,000 candidates at 100,000 signals (docs/benchmarks.md). Stored once per signal as
`search_text`, the check is a plain LIKE on the stored text. The column is computed by
PostgreSQL itself on every INSERT and UPDATE (also for COPY and raw SQL), so no code path can
forget it, and it is not in the Django model (the application never writes it).

A later migration that changes the type of one of the six columns must drop this column first
and add it again afterwards: PostgreSQL refuses to alter a column a generated column uses.
"""

from django.db import migrations

# Frozen copy of baken.coordination.search.DOCUMENT_SQL (a test checks they still agree).
DOCUMENT_SQL = (
    'baken_fold("signalling_signal"."reference" || \' \' || "signalling_signal"."description" || \' \' || '
    '"signalling_signal"."street" || \' \' || "signalling_signal"."postcode" || \' \' || '
    '"signalling_signal"."business_name" || \' \' || "signalling_signal"."neighbourhood" || \' \' || '
    "replace(\"signalling_signal\".\"postcode\", ' ', ''))"
)

FORWARD = [
    "DROP INDEX IF EXISTS signal_search_trgm_idx",
    f"ALTER TABLE signalling_signal ADD COLUMN search_text text GENERATED ALWAYS AS ({DOCUMENT_SQL}) STORED",
    "CREATE INDEX signal_search_trgm_idx ON signalling_signal USING gin (search_text gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS signal_search_trgm_idx",
    "ALTER TABLE signalling_signal DROP COLUMN search_text",
    f"CREATE INDEX signal_search_trgm_idx ON signalling_signal USING gin (({DOCUMENT_SQL}) gin_trgm_ops)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0006_vocabulary"),
        ("signalling", "0011_open_assigned_index"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
