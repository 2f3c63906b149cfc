"""The rows written before the hash chain existed are hashed by migration core.0005, chain by
chain in id order, and verify afterwards. Migrating needs ALTER: an owner_role test."""

import datetime as dt

import pytest

from baken.core.audit_chain import verify
from baken.testing.migrations import latest_migrations, migrate_to

BEFORE = [("core", "0003_notification")]


@pytest.mark.owner_role
@pytest.mark.no_cover  # migrating is outside the measured code and some 40 % slower measured
@pytest.mark.django_db(transaction=True)
def test_existing_rows_are_chained_in_id_order():
    # Every app's latest migration: going back to core.0003 also unapplies the other apps'
    # migrations that depend on core, and the database must be whole again afterwards.
    latest = latest_migrations()
    old = migrate_to(BEFORE)
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
        new = migrate_to(latest)
        rows = list(new.get_model("core", "AuditEvent").objects.order_by("pk"))
        assert all(len(row.row_hash) == 64 for row in rows)
        own = [row for row in rows if row.organisation_id == organisation.pk]
        assert own[0].prev_hash == "" and own[1].prev_hash == own[0].row_hash
        result = verify()
        assert result.ok, result.broken
        assert {key: state.rows for key, state in result.chains.items()} == {f"org:{organisation.pk}": 2, "national": 3}
        assert rows[0].timestamp <= dt.datetime.now(dt.UTC)
    finally:
        migrate_to(latest)
