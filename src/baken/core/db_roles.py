"""The runtime database role on PostgreSQL: the rights the application needs, and nothing more.

Production runs with two roles (docs/adr/0009-database-roles-and-audit-chain.md): the owner,
which owns every table and runs the migrations, and the runtime role the application connects
as. The runtime role may read and write ordinary tables; on append-only tables (every
`AppendOnlyModel`: the audit log, histories, revisions, triage notes) it may only read and
insert. It holds no TRUNCATE, REFERENCES or TRIGGER right and owns nothing, so it cannot alter a
table, switch a trigger off or empty a table.

The statements are derived from the models and the tables that exist, and are idempotent: each
table's rights are first revoked, then granted. Run as the owner after every `migrate`. There are
no default privileges on purpose: a table created by a later migration is closed to the runtime
role until this runs again (fail closed), rather than open with UPDATE and DELETE on what may be
a new append-only table.
"""

from django.apps import apps
from django.db import connection

from baken.core.append_only import AppendOnlyModel

#: Rights on ordinary tables, and on append-only ones.
ORDINARY = "SELECT, INSERT, UPDATE, DELETE"
APPEND_ONLY = "SELECT, INSERT"


def append_only_tables() -> set[str]:
    return {model._meta.db_table for model in apps.get_models() if issubclass(model, AppendOnlyModel)}


def _sequences(cursor) -> list[str]:
    cursor.execute(
        "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = current_schema() "
        "ORDER BY sequence_name"
    )
    return [name for (name,) in cursor.fetchall()]


def grant_statements(role: str) -> list[str]:
    """The GRANT and REVOKE statements that give `role` the runtime rights on this database."""
    quote = connection.ops.quote_name
    role_name = quote(role)
    append_only = append_only_tables()
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor, include_views=False))
        sequences = _sequences(cursor)
        cursor.execute("SELECT current_database(), current_schema()")
        database, schema = cursor.fetchone()
    statements = [
        f"GRANT CONNECT ON DATABASE {quote(database)} TO {role_name}",
        f"REVOKE CREATE ON SCHEMA {quote(schema)} FROM {role_name}",
        f"GRANT USAGE ON SCHEMA {quote(schema)} TO {role_name}",
    ]
    for table in tables:
        rights = APPEND_ONLY if table in append_only else ORDINARY
        statements += [f"REVOKE ALL ON TABLE {quote(table)} FROM {role_name}"]
        statements += [f"GRANT {rights} ON TABLE {quote(table)} TO {role_name}"]
    for sequence in sequences:
        statements += [f"REVOKE ALL ON SEQUENCE {quote(sequence)} FROM {role_name}"]
        statements += [f"GRANT USAGE ON SEQUENCE {quote(sequence)} TO {role_name}"]
    return statements


def role_problems(role: str) -> list[str]:
    """Why `role` cannot be the runtime role: it does not exist, is the connected (owner) role, is
    a superuser, may create roles or databases, or owns something in this database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolname = current_user FROM pg_roles WHERE rolname = %s",
            [role],
        )
        found = cursor.fetchone()
        if found is None:
            return [f"role {role} does not exist"]
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
            "WHERE r.rolname = %s AND c.relnamespace = current_schema()::regnamespace",
            [role],
        )
        (owned,) = cursor.fetchone()
    superuser, create_role, create_db, is_current = found
    problems = []
    if is_current:
        problems.append(f"{role} is the connected role; run this as the owner and name the runtime role")
    if superuser:
        problems.append(f"{role} is a superuser")
    if create_role or create_db:
        problems.append(f"{role} may create roles or databases")
    if owned:
        problems.append(f"{role} owns {owned} table(s), sequence(s) or index(es) in this schema")
    return problems
