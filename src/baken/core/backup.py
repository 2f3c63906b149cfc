"""Backup and restore of a PostgreSQL installation: the database (pg_dump, custom format) and the
private files (a tar of the default storage's root), with a manifest to verify a restore against.

A backup is a directory holding three files:

- ``database.dump``: ``pg_dump --format=custom`` of the database;
- ``files.tar``: every private file (attachments, inspection photos, logos, drafts' uploads);
- ``manifest.json``: Baken's version, the time, per table its row count and a content digest
  (read in the same snapshot as the dump), the sha256 of both files and of every private file.

``restore`` loads such a directory into an EMPTY database and an empty file root and then
verifies every table and every file against the manifest. Passwords never reach a command line:
pg_dump and pg_restore get the connection through PG* environment variables (PGPASSWORD).
SQLite is for the demo (``make run``): copy its file instead; these functions refuse it.
"""

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "files.tar"
FORMAT = 1
#: The PostgreSQL whose client tools Baken uses (the server's major version; pg_dump must not be older).
PG_MAJOR = 15
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """Something that makes a backup or restore refuse or fail; the message says what and why."""


@dataclass(frozen=True)
class Database:
    """Where a PostgreSQL database is: Django's settings dict, reduced to what libpq needs."""

    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    sslmode: str = ""

    @classmethod
    def from_settings(cls, settings_dict: dict) -> "Database":
        engine = settings_dict.get("ENGINE", "")
        if "postgresql" not in engine:
            raise BackupError(
                "Backup and restore work on PostgreSQL only. SQLite is for the demo (make run): stop Baken "
                "and copy its database file (var/baken.sqlite3) and the var/private directory instead."
            )
        options = settings_dict.get("OPTIONS") or {}
        return cls(
            name=str(settings_dict["NAME"]),
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            host=settings_dict.get("HOST") or "",
            port=str(settings_dict.get("PORT") or ""),
            sslmode=options.get("sslmode", ""),
        )

    def environment(self) -> dict[str, str]:
        """The process environment for pg_dump/pg_restore: the connection in PG* variables."""
        # Without a configured password, libpq's own ~/.pgpass or $PGPASSFILE applies.
        env = dict(os.environ)
        env.update({"PGDATABASE": self.name, "PGAPPNAME": "baken-backup"})
        for variable, value in (
            ("PGUSER", self.user),
            ("PGPASSWORD", self.password),
            ("PGHOST", self.host),
            ("PGPORT", self.port),
            ("PGSSLMODE", self.sslmode),
        ):
            if value:
                env[variable] = value
        return env

    def connect(self) -> psycopg.Connection:
        params = {"dbname": self.name, "user": self.user or None, "password": self.password or None}
        params |= {"host": self.host or None, "port": self.port or None, "sslmode": self.sslmode or None}
        return psycopg.connect(
            **{key: value for key, value in params.items() if value is not None},
            application_name="baken-backup",
            # The digest hashes each row's text form: the same for source and restore only with the
            # same output settings.
            options="-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres -c extra_float_digits=1",
        )


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore of PostgreSQL 15: $BAKEN_PG_BIN, Debian's /usr/lib/postgresql/15/bin, or PATH."""
    candidates = [os.environ.get("BAKEN_PG_BIN", ""), f"/usr/lib/postgresql/{PG_MAJOR}/bin"]
    for directory in candidates:
        if directory and (Path(directory) / name).is_file():
            return str(Path(directory) / name)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} was not found: install postgresql-client-{PG_MAJOR} or set BAKEN_PG_BIN.")
    return found


def baken_version() -> str:
    try:
        return importlib.metadata.version("baken")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- what a database holds --------------------------------------------------------------------

_TABLES = """
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname
"""
_USER_RELATIONS = """
SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
  AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
"""


def table_state(cursor: psycopg.Cursor) -> dict[str, dict[str, int | str]]:
    """Per table of the public schema: its row count and a digest of its content.

    The digest is the sum of a 60-bit slice of each row's md5: independent of row order, it reads
    a table in one pass without sorting or holding it, and any changed, lost or added row changes it.
    """
    cursor.execute(_TABLES)
    tables = [row[0] for row in cursor.fetchall()]
    state: dict[str, dict[str, int | str]] = {}
    for table in tables:
        cursor.execute(
            sql.SQL(
                "SELECT count(*), coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint), 0)::text "
                "FROM {} AS t"
            ).format(sql.Identifier(table))
        )
        rows, digest = cursor.fetchone()
        state[table] = {"rows": rows, "digest": digest}
    return state


def is_empty(database: Database) -> bool:
    with database.connect() as connection, connection.cursor() as cursor:
        cursor.execute(_USER_RELATIONS)
        return cursor.fetchone()[0] == 0


# --- files --------------------------------------------------------------------------------------


def _private_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def _write_files(root: Path, archive: Path) -> dict[str, dict[str, int | str]]:
    entries: dict[str, dict[str, int | str]] = {}
    with tarfile.open(archive, "w") as tar:
        for path in _private_files(root):
            name = path.relative_to(root).as_posix()
            # Hash what goes into the archive: read once, from the same open file.
            with path.open("rb") as handle:
                data_digest = hashlib.sha256()
                info = tar.gettarinfo(fileobj=handle, arcname=name)
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                info.mode = 0o600
                while chunk := handle.read(_CHUNK):
                    data_digest.update(chunk)
                handle.seek(0)
                tar.addfile(info, handle)
            entries[name] = {"size": info.size, "sha256": data_digest.hexdigest()}
    return entries


def _check_files(root: Path, expected: dict[str, dict]) -> list[str]:
    problems = []
    present = {path.relative_to(root).as_posix(): path for path in _private_files(root)}
    for name, entry in sorted(expected.items()):
        path = present.pop(name, None)
        if path is None:
            problems.append(f"file missing: {name}")
        elif sha256_of(path) != entry["sha256"]:
            problems.append(f"file differs: {name}")
    problems.extend(f"file not in the backup: {name}" for name in sorted(present))
    return problems


# --- backup and restore -------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    directory: Path
    tables: int
    rows: int
    files: int


def backup(database: Database, files_root: Path, destination: Path, *, now: dt.datetime | None = None) -> Result:
    """Write a backup directory under ``destination`` and return where it is.

    The row counts and digests are read in the snapshot that pg_dump dumps (pg_export_snapshot),
    so the manifest describes exactly the dump even while Baken keeps writing.
    """
    now = now or dt.datetime.now(dt.UTC)
    directory = destination / f"baken-{now:%Y%m%dT%H%M%SZ}"
    if directory.exists():
        raise BackupError(f"{directory} exists already.")
    destination.mkdir(parents=True, exist_ok=True)
    directory.mkdir(mode=0o700)
    dump = directory / DUMP
    with database.connect() as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            _run(
                [pg_tool("pg_dump"), "--format=custom", "--no-password", f"--snapshot={snapshot}", f"--file={dump}"],
                database,
            )
            tables = table_state(cursor)
    dump.chmod(0o600)
    archive = directory / FILES
    entries = _write_files(files_root, archive)
    archive.chmod(0o600)
    manifest = {
        "format": FORMAT,
        "baken_version": baken_version(),
        "created_at": now.isoformat(),
        "database": {"name": database.name, "server_version": server_version, "tables": tables},
        "dump": {"file": DUMP, "sha256": sha256_of(dump)},
        "files": {"file": FILES, "sha256": sha256_of(archive), "entries": entries},
    }
    manifest_path = directory / MANIFEST
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    manifest_path.chmod(0o600)
    return Result(directory, len(tables), sum(int(t["rows"]) for t in tables.values()), len(entries))


def read_manifest(directory: Path) -> dict:
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(f"{directory} is not a Baken backup: {MANIFEST} is missing.")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: unknown backup format {manifest.get('format')!r}.")
    for part in ("dump", "files"):
        file = directory / manifest[part]["file"]
        if not file.is_file():
            raise BackupError(f"{file} is missing.")
        if sha256_of(file) != manifest[part]["sha256"]:
            raise BackupError(f"{file} does not match the manifest (sha256): the backup is damaged.")
    return manifest


def restore(directory: Path, database: Database, files_root: Path, *, privileges: bool = True) -> Result:
    """Restore a backup into an empty database and an empty file root, then verify both."""
    manifest = read_manifest(directory)
    if not is_empty(database):
        raise BackupError(
            f"Database {database.name} is not empty. Restore only into an empty database "
            "(createdb --owner=<owner role> <name>) so that nothing of another state mixes in."
        )
    if _private_files(files_root):
        raise BackupError(f"{files_root} holds files already. Restore the private files only into an empty directory.")
    command = [pg_tool("pg_restore"), "--no-password", "--exit-on-error", "--single-transaction", "--no-owner"]
    if not privileges:
        command.append("--no-privileges")
    _run([*command, f"--dbname={database.name}", str(directory / DUMP)], database)
    files_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / FILES) as tar:
        tar.extractall(files_root, filter="data")
    problems = verify(manifest, database, files_root)
    if problems:
        raise BackupError("The restore does not match the manifest:\n" + "\n".join(problems))
    tables = manifest["database"]["tables"]
    entries = manifest["files"]["entries"]
    return Result(directory, len(tables), sum(int(t["rows"]) for t in tables.values()), len(entries))


def verify(manifest: dict, database: Database, files_root: Path) -> list[str]:
    """What differs between a database plus file root and a backup's manifest (empty: nothing)."""
    with database.connect() as connection, connection.cursor() as cursor:
        found = table_state(cursor)
    expected = manifest["database"]["tables"]
    problems = [f"table missing: {table}" for table in sorted(expected.keys() - found.keys())]
    problems += [f"table not in the backup: {table}" for table in sorted(found.keys() - expected.keys())]
    for table in sorted(expected.keys() & found.keys()):
        if found[table]["rows"] != expected[table]["rows"]:
            problems.append(f"table {table}: {found[table]['rows']} rows, the backup has {expected[table]['rows']}")
        elif found[table]["digest"] != expected[table]["digest"]:
            problems.append(f"table {table}: same row count, different content")
    return problems + _check_files(files_root, manifest["files"]["entries"])


def _run(command: list[str], database: Database) -> None:
    completed = subprocess.run(  # noqa: S603 - fixed tool path, arguments without user-controlled shell
        command, env=database.environment(), capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed (exit {completed.returncode}): {completed.stderr.strip()}")
