"""Cost of one audit_record call: the median of N calls, each its own transaction (as in a
request), after a warm-up. Compares the audit log with and without its hash chain when run in
two checkouts (docs/benchmarks.md).

    python bench/audit_record.py --calls 1000            # SQLite under BAKEN_VAR_DIR
    DATABASE_URL=postgres://... python bench/audit_record.py --calls 1000

Migrates a throw-away database (SQLite file, or the PostgreSQL database of DATABASE_URL, which
it expects empty) and writes N + warm-up rows into it.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baken.conf.bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)

    from baken.accounts.models import User
    from baken.core.models import AuditAction
    from baken.core.services import audit_record, organisation_create

    organisation = organisation_create(name="Gemeente Bank", slug="bank", cbs_code="GM9988")
    actor = User.objects.create(username="bench-actor", organisation=organisation)
    timings = []
    for index in range(args.warmup + args.calls):
        start = time.perf_counter()
        audit_record(actor=actor, action=AuditAction.VIEW, object_type="signalling.signal", object_id=index)
        if index >= args.warmup:
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{connection.vendor}: median {statistics.median(timings):.3f} ms, p95 {p95:.3f} ms over {args.calls} calls")


if __name__ == "__main__":
    main()
