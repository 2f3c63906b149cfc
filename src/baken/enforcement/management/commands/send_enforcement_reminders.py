from django.core.management.base import BaseCommand
from django.utils import timezone

from baken.enforcement.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = "Reminds toezichthouders and handhavingsjuristen of their enforcement deadlines (run daily from cron)."

    def handle(self, *args, **options):
        count = send_deadline_reminders(today=timezone.localdate())
        self.stdout.write(f"Reminders sent for {count} enforcement deadline(s).")
