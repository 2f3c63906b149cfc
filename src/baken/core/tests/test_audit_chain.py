"""The audit log's hash chain (security finding #6): each row holds the hash of the previous row
of its scope, and `manage.py audit_verify` names the first broken link when a row is edited or
removed in the database itself.

Editing or removing a row needs the append-only trigger out of the way. On PostgreSQL only the
table's owner can switch it off, so the tampering tests are `owner_role` tests: `.ci/run` runs
them as the owner role, the rest of the PostgreSQL suite as the runtime role."""

import io
import itertools
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from baken.core.append_only import _trigger_name
from baken.core.audit_chain import NATIONAL, canonical, chain_key, row_hash, verify
from baken.core.models import AuditAction, AuditChainHead, AuditEvent
from baken.core.services import audit_record

pytestmark = pytest.mark.both_databases

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def log(make_user, voorbeeld, zuiderhaven, region):
    """Rows in four chains: two municipalities, a region and the national scope."""
    own = make_user("signaleerder", voorbeeld, username="sanne")
    other = make_user("signaleerder", zuiderhaven, username="zeno")
    regional = make_user("zorgcoordinator", None, region=region, username="ruben")
    rows = []
    for index in range(3):
        rows.append(audit_record(actor=own, action=AuditAction.VIEW, object_type="signalling.signal", object_id=index))
        rows.append(audit_record(actor=other, action=AuditAction.EXPORT, reason=f"export {index}"))
        rows.append(audit_record(actor=regional, action=AuditAction.VIEW, reason=f"regio {index}"))
        rows.append(audit_record(actor=None, username=f"onbekend{index}", action=AuditAction.LOGIN_FAILED))
    return rows


def _verify() -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=err)
    except CommandError:
        return 1, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _tamper(sql: str, params: list) -> None:
    """Run `sql` on the audit table with the append-only trigger switched off (PostgreSQL: as the
    table's owner, inside the test's transaction, so the switch is rolled back with it)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The rows' deferred foreign-key checks first: ALTER TABLE refuses pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {quote(TABLE)} DISABLE TRIGGER {quote(_trigger_name(TABLE))}")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {quote(TABLE)} ENABLE TRIGGER {quote(_trigger_name(TABLE))}")


def test_each_row_links_to_the_previous_row_of_its_scope(log, voorbeeld, region):
    chain = [row for row in log if row.organisation_id == voorbeeld.pk]
    assert chain[0].prev_hash == "" or AuditEvent.objects.filter(pk__lt=chain[0].pk, organisation=voorbeeld).exists()
    for previous, row in itertools.pairwise(chain):
        assert row.prev_hash == previous.row_hash
    for row in log:
        stored = AuditEvent.objects.get(pk=row.pk)
        assert stored.row_hash == row_hash(stored, stored.prev_hash) and len(stored.row_hash) == 64
    keys = set(AuditChainHead.objects.values_list("chain", flat=True))
    assert {f"org:{voorbeeld.pk}", f"region:{region.pk}", NATIONAL} <= keys


def test_the_hash_covers_every_field_and_the_previous_hash(log):
    row = AuditEvent.objects.get(pk=log[0].pk)
    original = row_hash(row, row.prev_hash)
    assert row_hash(row, "0" * 64) != original
    for name, value in [("reason", "anders"), ("actor_username", "iemand"), ("ip_address", "10.0.0.9")]:
        changed = AuditEvent.objects.get(pk=row.pk)
        setattr(changed, name, value)
        assert row_hash(changed, row.prev_hash) != original, name
    assert chain_key(organisation_id=None, region_id=None) == NATIONAL
    assert canonical(row).startswith(b'["')
    # Addresses compare as addresses (PostgreSQL's inet may spell them differently); anything else as text.
    row.ip_address = "2001:DB8:0:0::1"
    assert canonical(row).endswith(b'"2001:db8::1"]')
    row.ip_address = "geen-adres"
    assert canonical(row).endswith(b'"geen-adres"]')


def test_a_clean_log_verifies(log):
    status, out, err = _verify()
    assert status == 0, err
    assert "OK: 4 chains" in out and err == ""
    assert verify().ok


def test_an_empty_log_verifies(db):
    assert _verify()[0] == 0


@pytest.mark.owner_role
def test_a_row_edited_in_the_database_is_detected(log):
    edited = log[4]  # the second row of Voorbeeld's chain
    _tamper(f"UPDATE {TABLE} SET reason = %s WHERE id = %s", ["herschreven", edited.pk])
    status, _out, err = _verify()
    assert status == 1
    assert f"BROKEN chain org:{edited.organisation_id}: row {edited.pk} at " in err
    assert "row changed" in err
    assert err.count("BROKEN") == 1  # the other chains are intact


@pytest.mark.owner_role
def test_a_row_removed_from_the_middle_is_detected(log):
    removed, following = log[4], log[8]  # Voorbeeld's second and third row
    _tamper(f"DELETE FROM {TABLE} WHERE id = %s", [removed.pk])
    status, _out, err = _verify()
    assert status == 1
    assert f"BROKEN chain org:{removed.organisation_id}: row {following.pk} at " in err
    assert "previous row missing" in err


@pytest.mark.owner_role
def test_the_last_row_removed_is_detected(log):
    last = log[-1]  # the national chain's last row
    _tamper(f"DELETE FROM {TABLE} WHERE id = %s", [last.pk])
    status, _out, err = _verify()
    assert status == 1 and f"BROKEN chain {NATIONAL}: row {last.pk}" in err and "last rows missing" in err


@pytest.mark.owner_role
def test_a_row_moved_to_another_scope_is_detected(log, zuiderhaven):
    moved = log[4]
    _tamper(f"UPDATE {TABLE} SET organisation_id = %s WHERE id = %s", [zuiderhaven.pk, moved.pk])
    result = verify()
    assert not result.ok
    assert {link.chain for link in result.broken} == {f"org:{moved.organisation_id}", f"org:{zuiderhaven.pk}"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks under real concurrency need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_do_not_fork_a_chain(make_user, voorbeeld):
    from django.db import connections

    writers = [make_user("signaleerder", voorbeeld, username=f"parallel{i}") for i in range(6)]
    barrier = threading.Barrier(len(writers))
    errors = []

    def write(user):
        try:
            barrier.wait()
            for index in range(10):
                audit_record(actor=user, action=AuditAction.VIEW, object_id=index)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(user,)) for user in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = verify()
    assert result.ok, result.broken
    assert result.chains[f"org:{voorbeeld.pk}"].rows == AuditEvent.objects.filter(organisation=voorbeeld).count() >= 60
