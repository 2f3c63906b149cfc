from django.core.management.base import BaseCommand, CommandError

from baken.core.audit_chain import verify


class Command(BaseCommand):
    help = (
        "Verifies the audit log's hash chains (one per municipality, per region, and national): prints OK with "
        "the row count and head of each chain, or names the first broken link of each broken chain and exits 1."
    )

    def handle(self, *args, **options):
        result = verify()
        for chain, state in sorted(result.chains.items()):
            self.stdout.write(f"{chain}\t{state.rows} rows\tlast row {state.last_id}\thead {state.last_hash}")
        if result.ok:
            total = sum(state.rows for state in result.chains.values())
            self.stdout.write(self.style.SUCCESS(f"OK: {len(result.chains)} chains, {total} rows."))
            return
        for link in result.broken:
            when = link.timestamp.isoformat() if link.timestamp else "-"
            self.stderr.write(f"BROKEN chain {link.chain}: row {link.row_id} at {when}: {link.problem}")
        raise CommandError(f"{len(result.broken)} broken chain(s).")
