from django.core.management.base import BaseCommand
from django.utils import timezone

from baken.coordination.reminders import send_feedback_reminders, send_triage_reminders


class Command(BaseCommand):
    help = (
        "Reminds aandachtsfunctionarissen of signals whose triage is overdue and of escalations whose "
        "feedback is overdue (run daily from cron)."
    )

    def handle(self, *args, **options):
        count = send_triage_reminders(today=timezone.localdate())
        self.stdout.write(f"Reminders sent for {count} overdue signal(s).")
        feedback = send_feedback_reminders(today=timezone.localdate())
        self.stdout.write(f"Reminders sent for {feedback} escalation(s) with overdue feedback.")
