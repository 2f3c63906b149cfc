"""Hash the audit rows written before the chain existed, chain by chain in id order, and record
each chain's head. On PostgreSQL the append-only trigger is switched off for this one migration
(it runs as the owner role, in one transaction) and back on at its end: it is the only writer
that ever sets the hashes of existing rows."""

from django.db import migrations

from baken.core.append_only import _trigger_name
from baken.core.audit_chain import chain_key, row_hash

BATCH = 2000


def _set_trigger(schema_editor, table: str, enabled: bool) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    state = "ENABLE" if enabled else "DISABLE"
    schema_editor.execute(f"ALTER TABLE {quote(table)} {state} TRIGGER {quote(_trigger_name(table))}", params=None)


def hash_existing_rows(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    table = AuditEvent._meta.db_table
    heads: dict[str, tuple[int, str]] = {}
    _set_trigger(schema_editor, table, enabled=False)
    pending = []
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=BATCH):
        key = chain_key(organisation_id=event.organisation_id, region_id=event.region_id)
        event.prev_hash = heads.get(key, (0, ""))[1]
        event.row_hash = row_hash(event, event.prev_hash)
        heads[key] = (event.pk, event.row_hash)
        pending.append(event)
        if len(pending) >= BATCH:
            AuditEvent.objects.bulk_update(pending, ["prev_hash", "row_hash"])
            pending = []
    AuditEvent.objects.bulk_update(pending, ["prev_hash", "row_hash"])
    _set_trigger(schema_editor, table, enabled=True)
    for key, (last_id, last_hash) in heads.items():
        AuditChainHead.objects.update_or_create(chain=key, defaults={"last_event_id": last_id, "last_hash": last_hash})


def forget_hashes(apps, schema_editor):
    # Backwards: the columns and the head table go with the previous migration; nothing to undo.
    apps.get_model("core", "AuditChainHead").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0004_audit_region_and_hash_chain")]

    operations = [migrations.RunPython(hash_existing_rows, forget_hashes, elidable=False)]
