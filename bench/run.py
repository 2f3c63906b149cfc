"""Benchmark of Baken's pages at growing volume: medians, 95th percentiles, query counts and
the ratio between a small and a large database.

    python bench/run.py --small 10000 --large 500000 --requests 200

Runs on the database that DATABASE_URL selects (SQLite under BAKEN_VAR_DIR by default).
Requests go through Django's test client in-process, so figures are server time without
network. Results are printed as a Markdown table and appended to BAKEN_VAR_DIR/bench.md.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baken.conf.bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import (  # noqa: E402
    close_old_connections,
    connection,
)
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from baken.accounts.models import User  # noqa: E402
from baken.signalling.models import Indicator, Signal  # noqa: E402
from baken.testing.auth import login_verified  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(name: str, request, count: int) -> dict:
    for _ in range(5):
        request()
    with CaptureQueriesContext(connection) as queries:
        response = request()
    query_count = len(queries.captured_queries)  # now: every request clears the query log
    assert response.status_code in (200, 302), (name, response.status_code)
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        request()
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "name": name,
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "queries": query_count,
    }


def scenarios(count: int) -> list[dict]:
    reporter = User.objects.get(username="bench-000-1")
    triager = User.objects.get(username="bench-000-0")
    as_reporter = login_verified(Client(), reporter)
    as_triager = login_verified(Client(), triager)
    indicators = [str(pk) for pk in Indicator.objects.filter(critical=False).values_list("pk", flat=True)[:3]]
    own = Signal.objects.filter(reporter=reporter).order_by("-submitted_at").values_list("pk", flat=True)
    org_signals = list(
        Signal.objects.filter(organisation_id=triager.organisation_id).values_list("pk", flat=True)[:500]
    )

    def submit():
        return as_reporter.post(
            reverse("signalling:intake"),
            {
                "submission_key": str(uuid.uuid4()),
                "exploitation_forms": ["arbeid"],
                "minor_involved": "nee",
                "indicators": indicators,
                "postcode": "9901 AB",
                "house_number": "14",
                "observed_on": "2026-11-20",
                "channel": "controle",
                "description": "Benchmarkmelding: matrassen in een loods.",
            },
        )

    detail_cycle = iter(org_signals * (count // max(1, len(org_signals)) + 10))
    return [
        measure("intake (GET /signalen/nieuw/)", lambda: as_reporter.get(reverse("signalling:intake")), count),
        measure("submit (POST /signalen/nieuw/)", submit, count),
        measure("Mijn meldingen (GET /signalen/mijn/)", lambda: as_reporter.get(reverse("signalling:mine")), count),
        measure(
            "Mijn meldingen, page 3",
            lambda: as_reporter.get(reverse("signalling:mine"), {"pagina": 3}),
            count,
        ),
        measure(
            "signal page, own (GET /signalen/<id>/)",
            lambda: as_reporter.get(reverse("signalling:detail", args=[own[0]])),
            count,
        ),
        measure(
            "triage page (GET /triage/<id>/)",
            lambda: as_triager.get(reverse("coordination:signal", args=[next(detail_cycle)])),
            count,
        ),
        measure("inbox (GET /triage/)", lambda: as_triager.get(reverse("coordination:inbox")), count),
        measure(
            "inbox, urgent + closed + period",
            lambda: as_triager.get(
                reverse("coordination:inbox"), {"urgent": "true", "status": "afgesloten", "date_from": "2020-01-01"}
            ),
            count,
        ),
        measure(
            "inbox, critical + form + text",
            lambda: as_triager.get(
                reverse("coordination:inbox"), {"critical": "true", "form": "arbeid", "q": "loods", "sort": "oud"}
            ),
            count,
        ),
        measure(
            "inbox, overdue + assigned to nobody, page 2",
            lambda: as_triager.get(
                reverse("coordination:inbox"), {"overdue": "false", "assigned": "niemand", "pagina": 2}
            ),
            count,
        ),
    ]


def seed_to(total: int, organisations: int) -> None:
    present = Signal.objects.count()
    if present < total:
        call_command("seed_signals", signals=total - present, organisations=organisations, stdout=sys.stdout)


def main() -> None:
    # Keep one connection, as an app server with persistent connections does, so that the
    # captured queries of a request are all on it.
    request_started.disconnect(close_old_connections)
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=10000)
    parser.add_argument("--large", type=int, default=500000)
    parser.add_argument("--organisations", type=int, default=342)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    version = connection.Database.sqlite_version if connection.vendor == "sqlite" else connection.pg_version
    vendor = f"{connection.vendor} {version}"
    results = {}
    for volume in (args.small, args.large):
        seed_to(volume, args.organisations)
        call_command("analyze_database")
        results[volume] = {row["name"]: row for row in scenarios(args.requests)}

    small, large = results[args.small], results[args.large]
    lines = [
        f"### {vendor}: {args.small:,} → {args.large:,} signals, {args.organisations} organisations, "
        f"{args.requests} requests per page",
        "",
        f"| page | p50 ms @{args.small:,} | p50 ms @{args.large:,} | p95 ms @{args.large:,} | ratio p50 | "
        f"queries @{args.small:,} | queries @{args.large:,} |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in large.items():
        before = small[name]
        ratio = row["p50"] / before["p50"]
        lines.append(
            f"| {name} | {before['p50']:.1f} | {row['p50']:.1f} | {row['p95']:.1f} | {ratio:.2f} | "
            f"{before['queries']} | {row['queries']} |"
        )
    report = "\n".join(lines)
    print(report)
    out = Path(os.environ.get("BAKEN_VAR_DIR", ROOT / "var")) / "bench.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a") as handle:
        handle.write(report + "\n\n")
    growing = [name for name, row in large.items() if row["queries"] != small[name]["queries"]]
    if growing:
        sys.exit(f"Query counts grew with the number of rows: {growing}")


if __name__ == "__main__":
    main()
