"""manage.py backup and restore: a populated PostgreSQL database with attachments, backed up,
restored into an empty database, has every row and every file back; the restore verifies itself
against the manifest, and refuses a database that is not empty and SQLite.

The round trip needs a second, empty database that the test's role owns: .ci/run creates it and
passes its URL in BAKEN_TEST_RESTORE_DATABASE_URL (the runtime role may not create databases).
In CI (BAKEN_CI or CI set) a missing URL fails the test instead of skipping it."""

import filecmp
import json
import os
from pathlib import Path
from types import SimpleNamespace

import dj_database_url
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from baken.core.backup import Database, pg_tool, restore, sha256_of, verify
from baken.core.models import AuditEvent
from baken.signalling.models import SignalAttachment as Attachment
from baken.testing.signals import make_signal, png_file

RESTORE_URL = "BAKEN_TEST_RESTORE_DATABASE_URL"
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump backs up PostgreSQL")


def _restore_target() -> Database:
    url = os.environ.get(RESTORE_URL, "")
    if not url:
        if os.environ.get("BAKEN_CI") or os.environ.get("CI"):
            pytest.fail(f"{RESTORE_URL} is not set: .ci/run must create the empty restore database.")
        pytest.skip(f"{RESTORE_URL} is not set (an empty PostgreSQL database owned by the test's role)")
    return Database.from_settings(dj_database_url.parse(url))


def _empty(database: Database) -> None:
    """Drop everything in the restore database's public schema (a failed earlier run included)."""
    with database.connect() as target, target.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public AUTHORIZATION pg_database_owner")
        cursor.execute("GRANT USAGE ON SCHEMA public TO PUBLIC")


def _all_rows(database: Database) -> dict[str, list[tuple]]:
    with database.connect() as db, db.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        rows = {}
        for table in tables:
            cursor.execute(sql.SQL("SELECT * FROM {} ORDER BY 1").format(sql.Identifier(table)))
            rows[table] = cursor.fetchall()
        return rows


@pytest.fixture
def private_files(settings, tmp_path):
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}},
    }
    return root


@postgresql_only
@pytest.mark.owner_role  # pg_dump reads every table and sequence; the restore creates them: the owner's rights
@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_row_and_file_into_an_empty_database(private_files, tmp_path, reporter, voorbeeld):
    target = _restore_target()
    _empty(target)
    try:
        signals = [make_signal(reporter, with_attachment=True, description=f"Signaal {n}") for n in range(3)]
        voorbeeld.logo.save("logo.png", png_file("logo.png"))
        assert Attachment.objects.filter(signal__in=signals).count() == 3
        assert AuditEvent.objects.exists()

        call_command("backup", str(tmp_path / "backups"))
        (directory,) = (tmp_path / "backups").iterdir()
        manifest = json.loads((directory / "manifest.json").read_text())
        assert manifest["baken_version"] and manifest["created_at"]
        tables = manifest["database"]["tables"]
        assert tables["signalling_signal"]["rows"] == 3
        assert tables["signalling_signalattachment"]["rows"] == 3
        assert tables["core_auditevent"]["rows"] == AuditEvent.objects.count()
        stored = {a.file.name for a in Attachment.objects.all()} | {voorbeeld.logo.name}
        assert set(manifest["files"]["entries"]) == stored
        assert oct((directory / "database.dump").stat().st_mode & 0o777) == "0o600"

        restored_root = tmp_path / "restored"
        result = restore(directory, target, restored_root)
        assert (result.files, result.rows) == (4, sum(t["rows"] for t in tables.values()))

        # Independently of the manifest: every row of every table, and every file byte for byte.
        source = Database.from_settings(connection.settings_dict)
        assert _all_rows(target) == _all_rows(source)
        for name in stored:
            assert filecmp.cmp(private_files / name, restored_root / name, shallow=False), name

        # The verification can fail: a changed row and a changed file are both named.
        with target.connect() as db, db.cursor() as cursor:
            cursor.execute("UPDATE signalling_signal SET description = 'anders' WHERE id = %s", [signals[0].pk])
        (restored_root / signals[1].attachments.get().file.name).write_bytes(b"anders")
        problems = verify(manifest, target, restored_root)
        assert problems == [
            "table signalling_signal: same row count, different content",
            f"file differs: {signals[1].attachments.get().file.name}",
        ]

        # Restoring again into the now populated database is refused before anything is written.
        with pytest.raises(Exception, match="is not empty"):
            restore(directory, target, tmp_path / "again")
        assert not (tmp_path / "again").exists()
    finally:
        _empty(target)


@postgresql_only
@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(private_files, tmp_path, settings):
    directory = tmp_path / "baken-x"
    directory.mkdir()
    (directory / "database.dump").write_bytes(b"dump")
    (directory / "files.tar").write_bytes(b"tar")

    manifest = {
        "format": 1,
        "dump": {"file": "database.dump", "sha256": sha256_of(directory / "database.dump")},
        "files": {"file": "files.tar", "sha256": sha256_of(directory / "files.tar"), "entries": {}},
        "database": {"tables": {}},
    }
    (directory / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=r"Database test_\w+ is not empty"):
        call_command("restore", str(directory))


@pytest.mark.django_db
def test_restore_refuses_a_damaged_backup(private_files, tmp_path):
    directory = tmp_path / "baken-x"
    directory.mkdir()
    (directory / "database.dump").write_bytes(b"dump")
    (directory / "files.tar").write_bytes(b"tar")
    manifest = {
        "format": 1,
        "dump": {"file": "database.dump", "sha256": "0" * 64},
        "files": {"file": "files.tar", "sha256": "0" * 64, "entries": {}},
    }
    (directory / "manifest.json").write_text(json.dumps(manifest))
    target = Database(name="niet-gebruikt")
    with pytest.raises(Exception, match="does not match the manifest"):
        restore(directory, target, tmp_path / "files")
    (directory / "manifest.json").unlink()
    with pytest.raises(Exception, match=r"manifest\.json is missing"):
        restore(directory, target, tmp_path / "files")


def test_sqlite_is_refused_with_the_way_to_back_it_up(monkeypatch, private_files, tmp_path):
    sqlite = SimpleNamespace(settings_dict={"ENGINE": "django.db.backends.sqlite3", "NAME": "var/baken.sqlite3"})
    sqlite.close = lambda: None
    for module in ("backup", "restore"):
        monkeypatch.setattr(f"baken.core.management.commands.{module}.connections", {"default": sqlite})
    for command, argument in (("backup", tmp_path / "out"), ("restore", tmp_path / "in")):
        with pytest.raises(CommandError, match=r"SQLite is for the demo.*copy its database file"):
            call_command(command, str(argument))
    assert not (tmp_path / "out").exists()


def test_the_postgresql_15_tools_are_used_and_passwords_stay_off_the_command_line(monkeypatch, tmp_path):
    assert pg_tool("pg_dump").endswith("pg_dump")
    database = Database(name="baken", user="baken_owner", password="geheim", host="db", port="5432")
    env = database.environment()
    assert (env["PGDATABASE"], env["PGUSER"], env["PGPASSWORD"], env["PGHOST"], env["PGPORT"]) == (
        "baken",
        "baken_owner",
        "geheim",
        "db",
        "5432",
    )
    calls = []

    def fake_run(command, **kwargs):
        calls.append(command)
        raise SystemExit  # stop before anything else

    monkeypatch.setattr("baken.core.backup.subprocess.run", fake_run)
    monkeypatch.setattr("baken.core.backup.is_empty", lambda db: True)
    directory = tmp_path / "b"
    directory.mkdir()
    for name in ("database.dump", "files.tar"):
        (directory / name).write_bytes(b"x")

    digest = sha256_of(directory / "database.dump")
    manifest = {"format": 1, "dump": {"file": "database.dump", "sha256": digest}}
    manifest["files"] = {"file": "files.tar", "sha256": digest, "entries": {}}
    (directory / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SystemExit):
        restore(directory, database, tmp_path / "files")
    assert Path(calls[0][0]).name == "pg_restore"
    assert not any("geheim" in part for part in calls[0])


def test_a_missing_pg_tool_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("BAKEN_PG_BIN", str(tmp_path))
    (tmp_path / "pg_dump").write_text("")
    assert pg_tool("pg_dump") == str(tmp_path / "pg_dump")
    monkeypatch.setattr("baken.core.backup.PG_MAJOR", 0)
    monkeypatch.setenv("BAKEN_PG_BIN", "")
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(Exception, match="pg_dump was not found: install postgresql-client-0"):
        pg_tool("pg_dump")
