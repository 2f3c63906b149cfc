"""The rows written before the hash chain existed are hashed by migration core.0005, chain by
chain in id order, and verify afterwards. Migrating needs ALTER: an owner_role test."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from baken.core.audit_chain import verify

BEFORE = [("core", "0003_notification")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.owner_role
@pytest.mark.django_db(transaction=True)
def test_existing_rows_are_chained_in_id_order():
    # Every app's latest migration: going back to core.0003 also unapplies the other apps'
    # migrations that depend on core, and the database must be whole again afterwards.
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = _migrate(BEFORE)
    try:
        Organisation = old.get_model("core", "Organisation")
        AuditEvent = old.get_model("core", "AuditEvent")
        organisation = Organisation.objects.create(name="Gemeente Oud", slug="oud", cbs_code="GM9977")
        for index in range(5):
            AuditEvent.objects.create(
                organisation=organisation if index % 2 else None,
                actor_username=f"oud{index}",
                action="view",
                ip_address="2001:db8::1" if index == 3 else None,
            )
        new = _migrate(latest)
        rows = list(new.get_model("core", "AuditEvent").objects.order_by("pk"))
        assert all(len(row.row_hash) == 64 for row in rows)
        own = [row for row in rows if row.organisation_id == organisation.pk]
        assert own[0].prev_hash == "" and own[1].prev_hash == own[0].row_hash
        result = verify()
        assert result.ok, result.broken
        assert {key: state.rows for key, state in result.chains.items()} == {f"org:{organisation.pk}": 2, "national": 3}
        assert rows[0].timestamp <= dt.datetime.now(dt.UTC)
    finally:
        _migrate(latest)
