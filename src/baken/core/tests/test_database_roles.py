"""The runtime database role (security finding #6): on PostgreSQL the application connects as a
role that may read and insert audit rows but cannot rewrite, remove or empty them, nor switch the
append-only trigger off. `manage.py db_grant_runtime` derives those rights from the models.

test_runtime_role_* run only as the runtime role: `.ci/run` sets BAKEN_TEST_RUNTIME_ROLE=1 for
the PostgreSQL suite it runs as that role, and then they must hold (they fail, not skip, when the
variable is set but the connection is SQLite or the owner). Elsewhere they skip, saying why."""

import io
import os

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from baken.core.append_only import _trigger_name
from baken.core.db_roles import APPEND_ONLY, ORDINARY, append_only_tables
from baken.core.models import AuditAction, AuditEvent
from baken.core.services import audit_record

pytestmark = pytest.mark.both_databases

AS_RUNTIME_ROLE = os.environ.get("BAKEN_TEST_RUNTIME_ROLE") == "1"
runtime_role_only = pytest.mark.skipif(
    not AS_RUNTIME_ROLE, reason="BAKEN_TEST_RUNTIME_ROLE=1 not set: not PostgreSQL as the runtime role (.ci/run)"
)
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles exist on PostgreSQL")
TABLE = AuditEvent._meta.db_table


def _refused(sql: str, params=None) -> str:
    """Run `sql` in a savepoint; return PostgreSQL's refusal (the statement must be refused)."""
    with pytest.raises(DatabaseError) as refusal, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    return str(refusal.value)


def test_the_append_only_tables_come_from_the_models():
    assert {"core_auditevent", "signalling_signalstatuschange", "coordination_triagenote"} <= append_only_tables()
    assert "core_auditchainhead" not in append_only_tables()


@runtime_role_only
def test_runtime_role_is_neither_owner_nor_superuser(db):
    assert connection.vendor == "postgresql", "BAKEN_TEST_RUNTIME_ROLE=1 but the database is not PostgreSQL"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, pg_get_userbyid(c.relowner) = current_user "
            "FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = %s::regclass",
            [TABLE],
        )
        superuser, create_db, create_role, owns_the_audit_table = cursor.fetchone()
    assert not (superuser or create_db or create_role or owns_the_audit_table)


@runtime_role_only
def test_runtime_role_cannot_rewrite_remove_or_empty_the_audit_log(db, make_user, voorbeeld):
    event = audit_record(actor=make_user("signaleerder", voorbeeld), action=AuditAction.VIEW, reason="blijft")
    quote = connection.ops.quote_name
    table, trigger = quote(TABLE), quote(_trigger_name(TABLE))
    assert "permission denied" in _refused(f"UPDATE {table} SET reason = 'x' WHERE id = %s", [event.pk])
    assert "permission denied" in _refused(f"DELETE FROM {table} WHERE id = %s", [event.pk])
    assert "permission denied" in _refused(f"TRUNCATE {table}")
    assert "must be owner" in _refused(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
    assert "must be owner" in _refused(f"DROP TRIGGER {trigger} ON {table}")
    assert "must be owner" in _refused(f"ALTER TABLE {table} ADD COLUMN x integer")
    assert AuditEvent.objects.get(pk=event.pk).reason == "blijft"


@runtime_role_only
def test_runtime_role_holds_exactly_the_granted_rights_on_every_table(db):
    append_only = append_only_tables()
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor, include_views=False)
        for table in tables:
            expected = APPEND_ONLY if table in append_only else ORDINARY
            for right in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"):
                cursor.execute("SELECT has_table_privilege(current_user, %s, %s)", [table, right])
                assert cursor.fetchone()[0] == (right in expected), (table, right)


@postgresql_only
def test_grant_statements_for_a_role(db):
    out = io.StringIO()
    call_command("db_grant_runtime", "pg_monitor", "--print", stdout=out)  # a role that exists everywhere
    statements = out.getvalue()
    assert f'GRANT {APPEND_ONLY} ON TABLE "{TABLE}" TO "pg_monitor"' in statements
    assert f'REVOKE ALL ON TABLE "{TABLE}" FROM "pg_monitor"' in statements
    assert f'GRANT {ORDINARY} ON TABLE "core_auditchainhead" TO "pg_monitor"' in statements
    assert "TRUNCATE" not in statements


@postgresql_only
def test_grant_refuses_an_unfit_role(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (current,) = cursor.fetchone()
    with pytest.raises(CommandError, match="connected role"):
        call_command("db_grant_runtime", current, "--print", stdout=io.StringIO())
    with pytest.raises(CommandError, match="does not exist"):
        call_command("db_grant_runtime", "baken_no_such_role", stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite answer")
def test_grant_says_sqlite_has_no_roles(db):
    with pytest.raises(CommandError, match="PostgreSQL only"):
        call_command("db_grant_runtime", "baken_app", stdout=io.StringIO())
