"""Transactional tests (live server, browser, `transaction=True`) end with Django's flush, which
empties every table with TRUNCATE. On PostgreSQL, `.ci/run` runs the suite as the runtime role,
which holds no TRUNCATE right by design (docs/adr/0009-database-roles-and-audit-chain.md). With
BAKEN_TEST_OWNER_DATABASE_URL set, the flush's statements go through a separate connection of
the owner role instead. Test infrastructure only: the application never flushes.
"""

import os

import dj_database_url

ENV = "BAKEN_TEST_OWNER_DATABASE_URL"


def flush_through_owner() -> bool:
    """Route PostgreSQL flushes through the owner's connection when ENV is set. Returns whether it did."""
    owner_url = os.environ.get(ENV, "")
    if not owner_url:
        return False
    import psycopg
    from django.db.backends.postgresql.operations import DatabaseOperations

    owner = dj_database_url.parse(owner_url)

    def execute_sql_flush(self, sql_list):
        # The test database's name, not the one in the URL: Django has switched to test_<name>.
        with (
            psycopg.connect(
                dbname=self.connection.settings_dict["NAME"],
                user=owner["USER"],
                password=owner["PASSWORD"],
                host=owner["HOST"],
                port=owner["PORT"] or None,
            ) as owner_connection,
            owner_connection.cursor() as cursor,
        ):
            for sql in sql_list:
                cursor.execute(sql)

    DatabaseOperations.execute_sql_flush = execute_sql_flush
    return True
