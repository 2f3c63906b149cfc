from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from baken.core.backup import BackupError, Database, restore
from baken.core.management.commands.backup import files_root


class Command(BaseCommand):
    help = (
        "Restores a backup directory (manage.py backup) into the configured PostgreSQL database, which must be "
        "empty, and the private files into their root, which must hold no files; then verifies every table "
        "(row count and content digest) and every file (sha256) against the manifest. Refuses SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup directory (baken-<time>) holding manifest.json.")
        parser.add_argument("--database", default="default", help="Which database of settings.DATABASES.")
        parser.add_argument(
            "--no-privileges",
            action="store_true",
            help="Leave out the GRANTs (when the runtime role does not exist on this server; "
            "grant afterwards with manage.py db_grant_runtime).",
        )

    def handle(self, *args, backup: Path, database: str, no_privileges: bool, **options):
        connection = connections[database]
        try:
            target = Database.from_settings(connection.settings_dict)
            # Django's own connection would keep a session open on the database being restored.
            connection.close()
            result = restore(backup, target, files_root(), privileges=not no_privileges)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified: {result.tables} tables, {result.rows} rows, {result.files} files "
                f"from {result.directory}."
            )
        )
