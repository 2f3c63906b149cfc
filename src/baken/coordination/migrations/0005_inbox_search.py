"""The inbox's search and its open-signals order, on PostgreSQL (a no-op on SQLite, which
registers `baken_fold` per connection in Python: baken/coordination/search.py).

- `pg_trgm` (a trusted extension since PostgreSQL 13: the database's owner may create it
  without being a superuser; `IF NOT EXISTS`, so a DBA may also have created it beforehand);
- `baken_fold(text)`: lowercase without accents, immutable, so it can be indexed;
- a GIN trigram index on the folded search text of a signal (the exact expression the inbox
  filters on), so that `LIKE '%word%'` is answered from the index.

The runtime role needs nothing new: functions and the extension's operators are executable by
PUBLIC, and an index needs no grant (docs/adr/0009).
"""

from django.db import migrations

# Frozen copies of baken.coordination.search (a test checks they still agree).
ACCENTED = "ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿŸÇçÑñ"
PLAIN = "AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuYyyYCcNn"
DOCUMENT_SQL = (
    'baken_fold("signalling_signal"."reference" || \' \' || "signalling_signal"."description" || \' \' || '
    '"signalling_signal"."street" || \' \' || "signalling_signal"."postcode" || \' \' || '
    '"signalling_signal"."business_name" || \' \' || "signalling_signal"."neighbourhood" || \' \' || '
    "replace(\"signalling_signal\".\"postcode\", ' ', ''))"
)

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""CREATE OR REPLACE FUNCTION baken_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT lower(translate(value, '{ACCENTED}', '{PLAIN}')) $$""",
    f"CREATE INDEX signal_search_trgm_idx ON signalling_signal USING gin (({DOCUMENT_SQL}) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS signal_search_trgm_idx",
    "DROP FUNCTION IF EXISTS baken_fold(text)",
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
        ("coordination", "0004_escalation_reminders"),
        ("signalling", "0006_longer_reference"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
