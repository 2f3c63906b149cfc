from django.db import migrations

from baken.core.audit_chain import AUDIT_PURGE, create_audit_purge_sql


def _minimum_months() -> int:
    # The catalogue's lower bound for the audit log's term, fixed in the function when it is
    # created: a later change of the catalogue needs a new migration (run as the owner).
    from baken.retention.catalogue.loader import catalogue

    entry = catalogue().record_types["audit_log"]
    return entry.minimum if entry.unit == "months" else -(-entry.minimum // 30)


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(create_audit_purge_sql(_minimum_months()), params=None)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {AUDIT_PURGE}(timestamptz, text)", params=None)


class Migration(migrations.Migration):
    """The audit log's own purge (ADR 0017): a function, created here as the owner, that removes
    audit rows past the catalogue's minimum term and records each chain's checkpoint."""

    dependencies = [("retention", "0003_subject_requests"), ("core", "0011_audit_checkpoint")]

    operations = [migrations.RunPython(create_function, drop_function, elidable=False)]
