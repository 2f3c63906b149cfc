"""The triage inbox of one big municipality: its default view, filters, searches and the link
lookup at 1,000 signals and again after growing the same municipality to 100,000, as its
aandachtsfunctionaris. Medians, 95th percentiles, query counts and the ratio between the sizes.

    python bench/inbox.py --small 1000 --large 100000 --requests 200

Runs on the database that DATABASE_URL selects (SQLite under BAKEN_VAR_DIR by default); use a
database of its own (it seeds the municipality `groot-000`, GM9000, next to whatever is there).
Requests go through Django's test client in-process (server time, no network). Prints a Markdown
table and appends it to BAKEN_VAR_DIR/bench.md; fails when a page's query count grows with the
number of signals. Never part of `make test` (docs/benchmarks.md).
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baken.conf.bench")

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from run import measure  # noqa: E402  (bench/run.py: warm-up, query count, p50/p95)

from baken.accounts.models import User  # noqa: E402
from baken.signalling.models import Signal  # noqa: E402
from baken.testing.auth import login_verified  # noqa: E402

PREFIX = "groot"
FIRST_CODE = 9000


def organisation_signals() -> int:
    return Signal.objects.filter(organisation__slug=f"{PREFIX}-000").count()


def seed_to(total: int) -> None:
    present = organisation_signals()
    if present < total:
        call_command(
            "seed_signals",
            signals=total - present,
            organisations=1,
            prefix=PREFIX,
            first_code=FIRST_CODE,
            seed=total,
            stdout=sys.stdout,
        )


def scenarios(count: int) -> list[dict]:
    triager = User.objects.get(username=f"{PREFIX}-000-0")
    client = login_verified(Client(), triager)
    inbox = reverse("coordination:inbox")
    # An old-form reference (before the municipality's code was part of it) of a real signal.
    sample = Signal.objects.filter(organisation_id=triager.organisation_id).order_by("id").first()
    old_reference = f"SIG-{sample.year}-{sample.sequence:04d}"
    lookup = reverse("coordination:link_lookup", args=[sample.pk])
    # The two-word and the postcode search take their words from a signal that is there at both
    # volumes, so that each finds something at 1,000 signals too: an empty page makes fewer
    # queries, and the query-count check would flag it.
    addressed = (
        Signal.objects.filter(organisation_id=triager.organisation_id)
        .exclude(business_name="")
        .exclude(street="")
        .exclude(postcode="")
        .order_by("id")
        .first()
    )
    two_words = f"{addressed.business_name.split()[-1]} {addressed.street.split()[0]}".lower()
    postcode_digits = addressed.postcode[:4]

    def get(params, url=inbox):
        return lambda: client.get(url, params)

    pages = [
        ("inbox (default: open signals, urgent first)", get({})),
        ("inbox, page 3", get({"pagina": 3})),
        ("inbox, Aan mij", get({"assigned": "mij"})),
        ("inbox, Te laat", get({"overdue": "true"})),
        ("inbox, all statuses, oldest first", get({"status": "alle", "sort": "oud"})),
        ("inbox, deadline first", get({"sort": "deadline"})),
        ("search, common word (bedrijfspand)", get({"q": "bedrijfspand"})),
        ("search, street (molenkade)", get({"q": "molenkade"})),
        ("search, business without accent (creperie)", get({"q": "creperie", "status": "alle"})),
        ("search, two words (business and street of a signal)", get({"q": two_words, "status": "alle"})),
        ("search, postcode digits of a signal", get({"q": postcode_digits, "status": "alle"})),
        ("search, old-form reference", get({"q": old_reference, "status": "alle"})),
        ("search, no match (xylofoon)", get({"q": "xylofoon", "status": "alle"})),
        ("link lookup (beukenweg)", get({"link-reference": "beukenweg"}, lookup)),
    ]
    return [measure(name, request, count) for name, request in pages]


def main() -> None:
    request_started.disconnect(close_old_connections)
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    version = connection.Database.sqlite_version if connection.vendor == "sqlite" else connection.pg_version
    vendor = f"{connection.vendor} {version}"
    results = {}
    for volume in (args.small, args.large):
        seed_to(volume)
        call_command("analyze_database")
        results[volume] = {row["name"]: row for row in scenarios(args.requests)}

    small, large = results[args.small], results[args.large]
    lines = [
        f"### {vendor}: one municipality, {args.small:,} → {args.large:,} signals, {args.requests} requests per page",
        "",
        f"| page | p50 ms @{args.small:,} | p95 ms @{args.small:,} | p50 ms @{args.large:,} | "
        f"p95 ms @{args.large:,} | ratio p50 | ratio p95 | queries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in large.items():
        before = small[name]
        queries = (
            str(row["queries"]) if row["queries"] == before["queries"] else f"{before['queries']} → {row['queries']}"
        )
        lines.append(
            f"| {name} | {before['p50']:.1f} | {before['p95']:.1f} | {row['p50']:.1f} | {row['p95']:.1f} | "
            f"{row['p50'] / before['p50']:.2f} | {row['p95'] / before['p95']:.2f} | {queries} |"
        )
    report = "\n".join(lines)
    print(report)
    out = Path(os.environ.get("BAKEN_VAR_DIR", ROOT / "var")) / "bench.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a") as handle:
        handle.write(report + "\n\n")
    growing = [name for name, row in large.items() if row["queries"] != small[name]["queries"]]
    if growing:
        sys.exit(f"Query counts grew with the number of signals: {growing}")


if __name__ == "__main__":
    main()
