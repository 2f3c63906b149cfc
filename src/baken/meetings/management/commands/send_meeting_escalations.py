from django.core.management.base import BaseCommand
from django.utils import timezone

from baken.meetings.reminders import escalate_overdue_actions


class Command(BaseCommand):
    help = (
        "Escalates the overdue agreed actions of case meetings once to the procesregisseur and the "
        "chair (run daily from cron)."
    )

    def handle(self, *args, **options):
        count = escalate_overdue_actions(today=timezone.localdate())
        self.stdout.write(f"Escalated {count} overdue meeting action(s).")
