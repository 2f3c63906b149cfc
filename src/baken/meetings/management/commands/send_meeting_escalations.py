from django.core.management.base import BaseCommand
from django.utils import timezone

from baken.meetings.reminders import escalate_overdue_actions, remind_due_actions


class Command(BaseCommand):
    help = (
        "Reminds the owners of agreed actions of case meetings once before the due date, and "
        "escalates the overdue ones once to the procesregisseur and the chair (run daily from cron)."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        reminded = remind_due_actions(today=today)
        self.stdout.write(f"Reminded the owners of {reminded} meeting action(s) due soon.")
        count = escalate_overdue_actions(today=today)
        self.stdout.write(f"Escalated {count} overdue meeting action(s).")
