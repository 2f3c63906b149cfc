from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from baken.core.backup import BackupError, Database, backup


def files_root() -> Path:
    """The root of the private files: the default storage's directory (settings.STORAGES)."""
    location = getattr(default_storage, "location", None)
    if location is None:
        raise CommandError("The default storage keeps no files on disk; back its files up with the storage itself.")
    return Path(location)


class Command(BaseCommand):
    help = (
        "Backs up the PostgreSQL database (pg_dump, custom format) and the private files (a tar) into a new "
        "directory baken-<time> under DESTINATION, with manifest.json: Baken's version, the time, the row count "
        "and a digest of every table (from the dump's snapshot) and the sha256 of every file. Refuses SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="Directory to write the backup into (created if needed).")
        parser.add_argument("--database", default="default", help="Which database of settings.DATABASES.")

    def handle(self, *args, destination: Path, database: str, **options):
        try:
            result = backup(Database.from_settings(connections[database].settings_dict), files_root(), destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {result.directory} "
                f"({result.tables} tables, {result.rows} rows, {result.files} files)."
            )
        )
