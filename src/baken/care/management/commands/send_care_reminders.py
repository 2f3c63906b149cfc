from django.core.management.base import BaseCommand
from django.utils import timezone

from baken.care.reminders import (
    send_deadline_reminders,
    send_plan_action_reminders,
    send_referral_reminders,
    send_shelter_end_reminders,
)


class Command(BaseCommand):
    help = (
        "Reminds zorgcoördinatoren of the deadlines on their trajectories' timelines and of the "
        "agreed actions of care plans, referrals without an answer and shelter stays whose planned end "
        "comes near (run daily from cron)."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        count = send_deadline_reminders(today=today)
        self.stdout.write(f"Reminders sent for {count} care deadline(s).")
        count = send_plan_action_reminders(today=today)
        self.stdout.write(f"Reminders sent for {count} care plan action(s).")
        count = send_referral_reminders(today=today)
        self.stdout.write(f"Reminders sent for {count} care referral(s) without an answer.")
        count = send_shelter_end_reminders(today=today)
        self.stdout.write(f"Reminders sent for {count} shelter stay(s) ending.")
