import datetime as dt

from django.core.management.base import BaseCommand

from baken.core.services import orphan_files_purge


class Command(BaseCommand):
    help = (
        "Deletes uploaded files that no record refers to (left by a process killed between writing an "
        "attachment and saving its record) and that are older than --minutes. Run daily (deploy/baken-daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=60, help="only files older than this (default 60)")
        parser.add_argument("--dry-run", action="store_true", help="list them, delete nothing")

    def handle(self, *args, minutes: int, dry_run: bool, **options):
        orphans = orphan_files_purge(older_than=dt.timedelta(minutes=minutes), dry_run=dry_run)
        for name in orphans:
            self.stdout.write(name)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{len(orphans)} files without a record {verb}.")
