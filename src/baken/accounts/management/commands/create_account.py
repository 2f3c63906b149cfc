from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from baken.accounts.roles import INSTALLATION_ROLES, ROLES_BY_CODE
from baken.accounts.services import user_create
from baken.core.confidentiality import Confidentiality
from baken.core.models import Organisation, Region


class Command(BaseCommand):
    help = "Creates an account in a municipality (e.g. the first functioneel beheerder)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisation", default="", help="slug of the municipality (leave out for an installatiebeheerder)"
        )
        parser.add_argument("--region", default="", help="slug of the region of a regional installatiebeheerder")
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--role", action="append", required=True, choices=sorted(ROLES_BY_CODE))
        parser.add_argument("--clearance", type=int, default=Confidentiality.INTERN, choices=Confidentiality.values)

    def handle(self, *args, **options):
        organisation = region = None
        if set(options["role"]) <= INSTALLATION_ROLES and not options["organisation"]:
            # An installation account: national, or of one region (docs/adr/0011).
            if options["region"]:
                region = Region.objects.filter(slug=options["region"]).first()
                if region is None:
                    raise CommandError(f"No region with slug {options['region']!r}.")
        else:
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"No organisation with slug {options['organisation']!r}.")
        try:
            user = user_create(
                actor=None,
                organisation=organisation,
                region=region,
                username=options["username"],
                email=options["email"],
                role_codes=options["role"],
                clearance=options["clearance"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        home = organisation.name if organisation else (region.name if region else "the installation")
        self.stdout.write(f"Created {user.username} in {home}.")
        link = settings.BAKEN_BASE_URL.rstrip("/") + reverse("accounts:password_reset_confirm", args=[uid, token])
        self.stdout.write(f"Password link (valid once): {link}")
