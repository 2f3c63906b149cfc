from django.core.management.base import BaseCommand
from django.utils import timezone

from baken.care.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = "Reminds zorgcoördinatoren of the deadlines on their trajectories' timelines (run daily from cron)."

    def handle(self, *args, **options):
        count = send_deadline_reminders(today=timezone.localdate())
        self.stdout.write(f"Reminders sent for {count} care deadline(s).")
