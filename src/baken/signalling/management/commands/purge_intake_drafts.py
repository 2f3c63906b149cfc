from django.core.management.base import BaseCommand

from baken.signalling.tasks import purge_intake_drafts


class Command(BaseCommand):
    help = (
        "Queues the deletion of intake drafts unchanged for BAKEN_DRAFT_DAYS (default 7) on the task "
        "worker (manage.py db_worker). Run daily from cron or a systemd timer."
    )

    def handle(self, *args, **options):
        result = purge_intake_drafts.enqueue()
        self.stdout.write(f"Purge of expired intake drafts queued (task {result.id}).")
