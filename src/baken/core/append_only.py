"""One mechanism for records that are written once and never changed or removed: the audit log,
every status history, every revision, triage notes.

`AppendOnlyModel` refuses, in the ORM, a save after creation, a delete and a queryset update or
delete. `append_only_trigger` is the migration operation that makes PostgreSQL refuse UPDATE and
DELETE on the table as well, so raw SQL or a bug that bypasses the ORM cannot rewrite history.
(TRUNCATE stays possible: the test runner needs it; production roles must not hold it.)
"""

from django.db import migrations, models

FUNCTION = "baken_append_only"


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


_CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


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
