import base64

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from baken.demo import catalogue


class Command(BaseCommand):
    help = "Prints the current TOTP code of the demo accounts (never in production)."

    def handle(self, *args, **options):
        if settings.BAKEN_ENVIRONMENT == "production":
            raise CommandError("There are no demo accounts in production.")
        code = totp(base64.b32decode(catalogue.DEMO_TOTP_BASE32))
        self.stdout.write(f"{code:06d}")
