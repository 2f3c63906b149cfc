from django.core.management.base import BaseCommand, CommandError

from baken.core.models import AuditAction, AuditEvent
from baken.core.services import audit_record


class Command(BaseCommand):
    help = (
        "Prints audit rows of the installation's national scope (no municipality, no region: e.g. failed logins "
        "for unknown user names), newest first. For the installation's administrator, who has no web access to "
        "the audit log; the consultation is itself logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--national", action="store_true", help="the national scope (required: the only one)")
        parser.add_argument("--limit", type=int, default=100, help="at most this many rows (default 100)")
        parser.add_argument("--action", choices=AuditAction.values, help="only this action")

    def handle(self, *args, **options):
        if not options["national"]:
            raise CommandError(
                "Use --national. A municipality's or region's rows are read by its privacy officer in Baken."
            )
        audit_record(actor=None, username="manage.py audit_log", action=AuditAction.VIEW, object_type="core.auditlog")
        rows = AuditEvent.objects.filter(organisation__isnull=True, region__isnull=True)
        if options["action"]:
            rows = rows.filter(action=options["action"])
        for event in rows.order_by("-timestamp", "-id")[: max(options["limit"], 0)]:
            fields = [
                event.timestamp.isoformat(timespec="seconds"),
                event.actor_username or "-",
                event.action,
                f"{event.object_type}:{event.object_id}" if event.object_type else "-",
                event.reason or "-",
                event.request_id or "-",
                event.ip_address or "-",
            ]
            self.stdout.write("\t".join(fields))
