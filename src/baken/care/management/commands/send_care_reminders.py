from django.core.management.base import BaseCommand
from django.utils import timezone

from baken.care.reminders import send_deadline_reminders, send_plan_action_reminders


class Command(BaseCommand):
    help = (
        "Reminds zorgcoördinatoren of the deadlines on their trajectories' timelines and of the "
        "agreed actions of care plans (run daily from cron)."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        count = send_deadline_reminders(today=today)
        self.stdout.write(f"Reminders sent for {count} care deadline(s).")
        count = send_plan_action_reminders(today=today)
        self.stdout.write(f"Reminders sent for {count} care plan action(s).")
