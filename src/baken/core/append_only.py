"""One mechanism for records that are written once and never changed or removed: the audit log,
every status history, every revision, triage notes.

`AppendOnlyModel` refuses, in the ORM, a save after creation, a delete and a queryset update or
delete. `append_only_trigger` is the migration operation that makes PostgreSQL refuse UPDATE and
DELETE on the table as well, so raw SQL or a bug that bypasses the ORM cannot rewrite history.
(TRUNCATE stays possible: the test runner needs it; production roles must not hold it.)

One exception, for the retention purge only (baken.retention, ADR 0017): `retention_delete()`
deletes given rows of an append-only table through the PostgreSQL function
`baken_retention_delete`, which runs with the owner's rights (the runtime role holds no DELETE on
these tables), refuses the audit log, the deletion log and any table without the append-only
trigger, and lets the trigger pass for its own DELETE only. Never an UPDATE. The audit log's own
term has a function of its own, `baken_audit_purge` (core/audit_chain.py), which removes only rows
older than the catalogue's minimum term and leaves a checkpoint from which the hash chain verifies.
"""

from django.db import connections, migrations, models

FUNCTION = "baken_append_only"
#: The transaction-local setting that lets the retention purge delete history rows.
PURGE_SETTING = "baken.retention_purge"
#: Tables that no purge may touch, even with the setting on.
NEVER_PURGED = ("core_auditevent", "retention_deletionlog")
#: The transaction-local setting that lets the audit log's own purge, and only it, delete audit
#: rows past the audit table's trigger (baken_audit_append_only, core migrations 0002 and 0011;
#: the function baken_audit_purge in core/audit_chain.py; ADR 0017).
AUDIT_PURGE_SETTING = "baken.audit_purge"


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


RETENTION_DELETE = "baken_retention_delete"

#: Created by the retention app's migration, as the owner: SECURITY DEFINER, so the runtime role
#: may delete the listed rows of one append-only table, and nothing else.
CREATE_RETENTION_DELETE = f"""
CREATE OR REPLACE FUNCTION {RETENTION_DELETE}(target regclass, ids bigint[]) RETURNS integer AS $$
DECLARE
    deleted integer;
BEGIN
    IF target::text IN ({_NEVER_PURGED_SQL}) OR NOT EXISTS (
        SELECT 1 FROM pg_trigger WHERE tgrelid = target AND tgname = left(target::text || '_append_only', 63)
    ) THEN
        RAISE EXCEPTION '% may not be purged', target USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('{PURGE_SETTING}', 'on', true);
    EXECUTE format('DELETE FROM %s WHERE id = ANY($1)', target) USING ids;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('{PURGE_SETTING}', 'off', true);
    RETURN deleted;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT;
"""  # noqa: S608  (names from code; the table comes in as a regclass and is formatted with %s)


def retention_delete(model: type[models.Model], ids: list[int], *, using: str = "default") -> int:
    """Delete the rows `ids` of the append-only `model`: only the retention purge calls this, for
    the histories of a record whose term has run out. Returns the number of rows deleted."""
    if not ids:
        return 0
    connection = connections[using]
    if connection.vendor != "postgresql":
        return model._base_manager.using(using).filter(pk__in=ids)._raw_delete(using)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {RETENTION_DELETE}(%s::regclass, %s)", [model._meta.db_table, list(ids)])
        return cursor.fetchone()[0]


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
