from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from baken.core.services import organisation_create


class Command(BaseCommand):
    help = "Creates a municipality (and its region if needed); for installing Baken."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='e.g. "Gemeente Voorbeeld"')
        parser.add_argument("--slug", required=True)
        parser.add_argument("--cbs-code", required=True, help="GM followed by four digits")
        parser.add_argument("--region-name", default="")
        parser.add_argument("--region-slug", default="")

    def handle(self, *args, **options):
        try:
            organisation = organisation_create(
                name=options["name"],
                slug=options["slug"],
                cbs_code=options["cbs_code"],
                region_slug=options["region_slug"],
                region_name=options["region_name"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())) from error
        self.stdout.write(f"Created {organisation.name} ({organisation.cbs_code}).")
