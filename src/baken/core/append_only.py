"""One mechanism for records that are written once and never changed or removed: the audit log,
every status history, every revision, triage notes.

`AppendOnlyModel` refuses, in the ORM, a save after creation, a delete and a queryset update or
delete. `append_only_trigger` is the migration operation that makes PostgreSQL refuse UPDATE and
DELETE on the table as well, so raw SQL or a bug that bypasses the ORM cannot rewrite history.
(TRUNCATE stays possible: the test runner needs it; production roles must not hold it.)

One exception, for the retention purge only (baken.retention, ADR 0017): inside a transaction
that called `permit_retention_delete()`, PostgreSQL lets DELETE through on the histories of the
record being destroyed, never on the audit log or the deletion log, and never an UPDATE.
"""

from django.db import migrations, models

FUNCTION = "baken_append_only"
#: The transaction-local setting that lets the retention purge delete history rows.
PURGE_SETTING = "baken.retention_purge"
#: Tables that no purge may touch, even with the setting on.
NEVER_PURGED = ("core_auditevent", "retention_deletionlog")


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an append-only row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.label} is append-only.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.label} is append-only.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.label} is append-only.")


_NEVER_PURGED_SQL = ", ".join(f"'{table}'" for table in NEVER_PURGED)

_CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('{PURGE_SETTING}', true) = 'on'
       AND TG_TABLE_NAME NOT IN ({_NEVER_PURGED_SQL}) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def permit_retention_delete(connection) -> None:
    """Let this transaction delete append-only history rows (not the audit or deletion log) on
    PostgreSQL: only the retention purge calls this, inside transaction.atomic()."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {PURGE_SETTING} = 'on'")


def _trigger_name(table: str) -> str:
    return f"{table}_append_only"[:63]


def append_only_trigger(table: str) -> migrations.RunPython:
    """Migration operation: on PostgreSQL, refuse UPDATE and DELETE on `table` (no-op elsewhere).
    The table name comes from code, never from input; identifiers are quoted all the same."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        schema_editor.execute(_CREATE_FUNCTION, params=None)
        schema_editor.execute(
            f"CREATE TRIGGER {quote(_trigger_name(table))} BEFORE UPDATE OR DELETE ON {quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
            params=None,
        )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(_trigger_name(table))} ON {quote(table)}", params=None)

    return migrations.RunPython(create, drop, elidable=False)
