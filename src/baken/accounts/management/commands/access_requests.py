"""The installation's administrator as the second pair of eyes, for a municipality whose only
functioneel beheerder cannot approve their own requests."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from baken.accounts.models import AccessRequest, AccessRequestStatus
from baken.accounts.services import access_request_approve, access_request_reject
from baken.core.exceptions import NotPermitted


class Command(BaseCommand):
    help = "Lists waiting access requests (four eyes); approves or rejects one as the installation's administrator."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--approve", type=int, metavar="ID", help="approve the waiting request with this number")
        action.add_argument("--reject", type=int, metavar="ID", help="reject the waiting request with this number")
        parser.add_argument("--reason", default="", help="why (required with --reject)")

    def handle(self, *args, **options):
        number = options["approve"] or options["reject"]
        if number is None:
            self._list()
            return
        access_request = AccessRequest.objects.filter(pk=number).first()
        if access_request is None:
            raise CommandError(f"No access request #{number}.")
        try:
            if options["approve"]:
                access_request_approve(actor=None, access_request=access_request, reason=options["reason"])
            else:
                access_request_reject(actor=None, access_request=access_request, reason=options["reason"])
        except NotPermitted as error:
            raise CommandError(f"Access request #{number} is not waiting (status: {access_request.status}).") from error
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        outcome = "approved" if options["approve"] else "rejected"
        self.stdout.write(f"Access request #{number} {outcome}.")

    def _list(self) -> None:
        waiting = (
            AccessRequest.objects.filter(status=AccessRequestStatus.PENDING)
            .select_related("organisation", "subject", "requested_by")
            .order_by("requested_at", "id")
        )
        if not waiting:
            self.stdout.write("No access requests are waiting.")
        for item in waiting:
            change = (
                item.kind
                if not item.roles and not item.clearance
                else f"roles +{item.roles} clearance {item.clearance}"
            )
            self.stdout.write(
                f"#{item.pk}  {item.requested_at:%Y-%m-%d %H:%M}  {item.organisation.slug}  {item.subject.username}: "
                f"{change} (asked by {getattr(item.requested_by, 'username', 'the installation')})"
            )
