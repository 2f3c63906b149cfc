"""PostgreSQL sessions run without JIT compiling (baken.conf.database): Baken's requests are
short, and compiling a plan cost more than the work it sped up."""

import pytest
from django.db import connection

from baken.conf.database import from_url


def test_postgresql_sessions_switch_jit_off_beside_the_urls_own_options():
    plain = from_url("postgres://baken:geheim@db.internal:5432/baken")
    assert plain["OPTIONS"]["options"] == "-c jit=off"
    own = from_url("postgres://baken:geheim@db.internal:5432/baken?options=-c%20statement_timeout%3D5000")
    assert own["OPTIONS"]["options"] == "-c statement_timeout=5000 -c jit=off"


def test_sqlite_gets_no_postgresql_options(tmp_path):
    assert "options" not in from_url(f"sqlite:///{tmp_path}/baken.sqlite3").get("OPTIONS", {})


@pytest.mark.django_db
@pytest.mark.both_databases
def test_the_connection_has_jit_off_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("JIT is a PostgreSQL setting; the same test runs on PostgreSQL in .ci/run")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
