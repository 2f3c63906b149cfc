from django.core.management.base import BaseCommand

from baken.retention.services import purge_expired
from baken.retention.tasks import purge_expired_records


class Command(BaseCommand):
    help = (
        "Queues the deletion of every record whose retention term has run out (retention catalogue, "
        "a municipality's own terms, legal holds respected) on the task worker (manage.py db_worker). "
        "Run daily from cron or a systemd timer. --dry-run lists what the next run would delete and "
        "deletes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted; delete nothing.")

    def handle(self, *args, **options):
        if not options["dry_run"]:
            result = purge_expired_records.enqueue()
            self.stdout.write(f"Purge of expired records queued (task {result.id}).")
            return
        result = purge_expired(dry_run=True)
        for label, records in (("delete", result.deleted), ("legal hold", result.held)):
            for record in records:
                self.stdout.write(
                    f"{label}\t{record.record_type}\t{record.object_type}:{record.row.pk}\t{record.reference}\t"
                    f"term started {record.term_started_on.isoformat()}\texpired {record.expired_on.isoformat()}"
                    f"\t{record.term} {record.unit}{' (own term)' if record.own_term else ''}"
                )
        self.stdout.write(
            f"Dry run: {len(result.deleted)} record(s) would be deleted, {len(result.held)} kept by a legal hold, "
            f"{result.audit_rows} audit row(s) past the audit log's term. Nothing was deleted."
        )
