"""Serialising a short critical section across processes, inside the current transaction."""

from django.db import connection


def serialise_transactions(name: str) -> None:
    """Until the current transaction ends, other transactions that call this with the same name
    wait here. PostgreSQL: a transaction-level advisory lock (needs no privilege on any table).
    SQLite: every write transaction already runs alone (transaction_mode IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])
