from django.db import migrations

from baken.core.append_only import CREATE_RETENTION_DELETE, RETENTION_DELETE, append_only_trigger


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_RETENTION_DELETE, params=None)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {RETENTION_DELETE}(regclass, bigint[])", params=None)


class Migration(migrations.Migration):
    """The deletion log and the override revisions refuse UPDATE and DELETE in PostgreSQL. Creating
    the triggers also replaces the shared trigger function with the one that lets the retention
    purge's function through (core/append_only.py), which is created here, as the owner."""

    dependencies = [("retention", "0001_initial")]

    operations = [
        append_only_trigger("retention_deletionlog"),
        append_only_trigger("retention_retentionoverriderevision"),
        migrations.RunPython(create_function, drop_function, elidable=False),
    ]
