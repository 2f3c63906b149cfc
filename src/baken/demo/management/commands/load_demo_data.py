from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from baken.demo import catalogue
from baken.demo.loader import load_demo_data


class Command(BaseCommand):
    help = "Creates the fictional demo region, municipalities and accounts (never in production)."

    def handle(self, *args, **options):
        if settings.BAKEN_ENVIRONMENT == "production":
            raise CommandError("Demo data is never loaded with production settings.")
        results = load_demo_data()
        created = sum(1 for _name, was_created in results if was_created)
        self.stdout.write(f"Demo data ready: {len(results)} accounts ({created} new).")
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password {catalogue.DEMO_PASSWORD}, TOTP key {catalogue.DEMO_TOTP_BASE32}):")
        for username, _created in results:
            self.stdout.write(f"  {username}")
        self.stdout.write("Current TOTP code: python manage.py demo_totp")
