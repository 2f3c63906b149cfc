from django.db import migrations

from baken.core.append_only import append_only_trigger


class Migration(migrations.Migration):
    """The deletion log and the override revisions refuse UPDATE and DELETE in PostgreSQL. Creating
    the triggers also replaces the shared trigger function with the one that lets the retention
    purge delete history rows (core/append_only.py)."""

    dependencies = [("retention", "0001_initial")]

    operations = [
        append_only_trigger("retention_deletionlog"),
        append_only_trigger("retention_retentionoverriderevision"),
    ]
