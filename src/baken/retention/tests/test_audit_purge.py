"""The audit log's own term (issue 17, ADR 0017): rows older than the catalogue's term go, chain by
chain, with the daily purge; each chain keeps its last row and is re-anchored on a checkpoint, so
`audit_verify` still proves every kept row; a checkpoint without the rows really gone, or a row
removed after it, shows as a break; nothing younger than the catalogue's minimum can go, on
PostgreSQL not even when the function is called directly. Runs on SQLite and on PostgreSQL."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from baken.core import audit_chain
from baken.core.models import AuditAction, AuditChainHead, AuditCheckpoint, AuditEvent
from baken.core.services import audit_record
from baken.retention.services import audit_log_cutoffs, purge_expired, retention_term_set

pytestmark = pytest.mark.both_databases

EIGHT_YEARS = dt.timedelta(days=8 * 366)  # past the audit log's term (84 months)
SIX_YEARS = dt.timedelta(days=6 * 366)  # within it, past the minimum (60 months)


def _write(reason, *, ago=None, organisation=None, region=None):
    """An audit line of the system (no actor) in the chain of `organisation` or `region`, written
    `ago` in the past: rows are made in time order, as in life (the chain runs in id order)."""
    with time_machine.travel(timezone.now() - (ago or dt.timedelta(0)), tick=False):
        return audit_record(
            actor=None, action=AuditAction.VIEW, reason=reason, organisation=organisation, region=region
        )


@pytest.fixture
def history(voorbeeld, zuiderhaven, region):
    """Old, middle-aged and recent rows in two municipalities' chains and the region's; one chain
    (Zuiderhaven) whose every row is old."""
    return {
        "old": [_write(f"oud {n}", ago=EIGHT_YEARS + dt.timedelta(days=n), organisation=voorbeeld) for n in (3, 2, 1)],
        "zuiderhaven": [
            _write(f"oud z{n}", ago=EIGHT_YEARS + dt.timedelta(days=n), organisation=zuiderhaven) for n in (2, 1)
        ],
        "region_old": [_write("regio oud", ago=EIGHT_YEARS, region=region)],
        "middle": [_write("zes jaar", ago=SIX_YEARS, organisation=voorbeeld)],
        "recent": [_write("vandaag", organisation=voorbeeld)],
        "region_recent": [_write("regio nu", region=region)],
    }


def _ids(rows):
    return {row.pk for row in rows}


def _existing():
    return set(AuditEvent.objects.values_list("pk", flat=True))


def test_old_rows_go_each_chain_keeps_its_last_row_and_verifies_from_its_checkpoint(history, voorbeeld, zuiderhaven):
    assert audit_chain.verify().ok
    result = purge_expired()
    kept = _existing()
    assert not kept & _ids(history["old"]) and not kept & _ids(history["region_old"])
    assert _ids(history["middle"] + history["recent"] + history["region_recent"]) <= kept
    # Zuiderhaven's chain is all old: its last row stays, so its head still names a row.
    assert kept & _ids(history["zuiderhaven"]) == {history["zuiderhaven"][-1].pk}
    assert result.audit_rows == 3 + 1 + 1
    checkpoints = {c.chain: c for c in AuditCheckpoint.objects.filter(run=str(result.batch))}
    assert set(checkpoints) == {f"org:{voorbeeld.pk}", f"org:{zuiderhaven.pk}", f"region:{voorbeeld.region_id}"}
    voorbeeld_point = checkpoints[f"org:{voorbeeld.pk}"]
    assert voorbeeld_point.last_deleted_id == history["old"][-1].pk
    assert voorbeeld_point.last_deleted_hash == history["old"][-1].row_hash and voorbeeld_point.rows_deleted == 3
    verification = audit_chain.verify()
    assert verification.ok, verification.broken
    # Each chain that lost rows says so in its own audit log, without an actor.
    event = AuditEvent.objects.filter(organisation=voorbeeld, action="delete", object_type="core.auditevent").get()
    assert event.actor is None and "3 regels" in event.reason and str(result.batch)[:8] in event.reason


def test_later_runs_take_what_was_kept_as_a_head_then_nothing_and_the_chains_verify(history, zuiderhaven):
    purge_expired()
    # Zuiderhaven's old last row was kept as its chain's head; the first run's own audit line
    # followed it, so the next run takes it (a second checkpoint), and then nothing is left to take.
    second = purge_expired()
    assert second.audit_rows == 1 and history["zuiderhaven"][-1].pk not in _existing()
    assert [c.chain for c in AuditCheckpoint.objects.filter(run=str(second.batch))] == [f"org:{zuiderhaven.pk}"]
    third = purge_expired()
    assert third.audit_rows == 0 and not AuditCheckpoint.objects.filter(run=str(third.batch)).exists()
    verification = audit_chain.verify()
    assert verification.ok, verification.broken


def test_a_dry_run_counts_and_removes_nothing(history):
    before = _existing()
    result = purge_expired(dry_run=True)
    assert result.audit_rows == 5 and _existing() == before
    assert not AuditCheckpoint.objects.exists()
    output = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=output)
    assert "5 audit row(s) past the audit log's term" in output.getvalue()


def test_a_checkpoint_written_by_hand_is_a_break_not_a_cover(history, voorbeeld):
    """Someone who may insert rows (the runtime role may insert into append-only tables) writes a
    checkpoint as if the old rows had gone: the rows are still there, so verify reports it."""
    target = history["old"][-1]
    AuditCheckpoint.objects.create(
        chain=f"org:{voorbeeld.pk}",
        last_deleted_id=target.pk,
        last_deleted_hash=target.row_hash,
        rows_deleted=3,
        cutoff=timezone.now(),
        run="hand",
    )
    broken = audit_chain.verify().broken
    assert [(link.chain, link.row_id) for link in broken] == [(f"org:{voorbeeld.pk}", history["old"][0].pk)]
    assert "checkpoint" in broken[0].problem


@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="there the trigger refuses the removal (test_database_roles.py)"
)
def test_a_row_removed_after_the_purge_still_breaks_the_chain(history):
    purge_expired()
    middle = history["middle"][0]
    AuditEvent.objects.filter(pk=middle.pk)._raw_delete(AuditEvent.objects.db)  # as a tamperer would, past the ORM
    broken = audit_chain.verify().broken
    assert [link.row_id for link in broken] == [history["recent"][0].pk]


def test_nothing_younger_than_the_minimum_term_can_go(history):
    today = timezone.localdate()
    cutoff, latest = audit_log_cutoffs(today)
    assert cutoff < latest
    too_late = latest + dt.timedelta(days=1)
    with pytest.raises(ValueError):
        audit_chain.purge_before(cutoff=too_late, latest_cutoff=latest, run="te vroeg")
    assert not AuditCheckpoint.objects.exists() and _ids(history["middle"]) <= _existing()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database function exists on PostgreSQL")
def test_on_postgresql_the_function_itself_refuses_a_recent_cutoff(history):
    recent = timezone.now() - dt.timedelta(days=365)
    with pytest.raises(DatabaseError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT {audit_chain.AUDIT_PURGE}(%s, %s)", [recent, "direct"])
    assert "kept at least" in str(refused.value)
    assert _ids(history["middle"] + history["old"]) <= _existing()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL")
def test_on_postgresql_the_purge_setting_alone_deletes_nothing(history):
    """The setting lets the trigger pass, but the runtime role holds no DELETE and the owner's
    own DELETE outside the function is refused by the trigger unless the setting is on: either
    way a plain DELETE of an audit row is refused."""
    old = history["old"][0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [old.pk])
    assert old.pk in _existing()


def test_the_audit_log_term_is_the_installations_not_a_municipalitys(beheerder):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        retention_term_set(actor=beheerder, record_type="audit_log", term=72, note="Langer bewaren")
    assert "hele installatie" in refused.value.messages[0]


def test_heads_are_untouched(history):
    heads = dict(AuditChainHead.objects.values_list("chain", "last_event_id"))
    purge_expired()
    after = dict(AuditChainHead.objects.values_list("chain", "last_event_id"))
    # Only the purge's own audit lines moved the heads on; no head points at a removed row.
    assert set(after) == set(heads)
    assert all(AuditEvent.objects.filter(pk=pk).exists() for pk in after.values())


def test_with_purge_off_in_the_catalogue_no_audit_row_goes(history, monkeypatch):
    import dataclasses

    from baken.retention import services
    from baken.retention.catalogue.loader import catalogue

    entries = dict(catalogue().record_types)
    entries["audit_log"] = dataclasses.replace(entries["audit_log"], purge=False)
    monkeypatch.setattr(services, "catalogue", lambda: dataclasses.replace(catalogue(), record_types=entries))
    assert purge_expired().audit_rows == 0
    assert _ids(history["old"]) <= _existing() and not AuditCheckpoint.objects.exists()
