from django.core.management.base import BaseCommand

from baken.enforcement.tasks import purge_inspection_drafts


class Command(BaseCommand):
    help = (
        "Queues the deletion of inspection drafts unchanged for BAKEN_DRAFT_DAYS (default 7) on the task "
        "worker (manage.py db_worker). Run daily from cron or a systemd timer, beside purge_intake_drafts."
    )

    def handle(self, *args, **options):
        result = purge_inspection_drafts.enqueue()
        self.stdout.write(f"Purge of expired inspection drafts queued (task {result.id}).")
