"""Benchmark of Zorg at volume: the zorgcoördinator's start page, the trajectory list (with the
day's deadlines, referrals without an answer and shelter ending) and a trajectory page, at
5,000 and at 50,000 care cases across the installation (342 municipalities in 24 regions, so
about 2,000 cases in one region).

    BAKEN_VAR_DIR=var/bench-care python bench/care.py --requests 200

Runs on the database that DATABASE_URL selects (SQLite under BAKEN_VAR_DIR by default). Every
case gets two procedures, a referral and a status change; a third of them a shelter placement.
Requests go through Django's test client in-process (server time, no network): 5 warm-up
requests, then p50 and p95. Fails when a page's query count grows with the data. The figures go
in docs/benchmarks.md; speed is measured here, never asserted in a unit test.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baken.conf.bench")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from baken.accounts.models import User  # noqa: E402
from baken.care.models import (  # noqa: E402
    CareCase,
    CareCaseStatusChange,
    CarePhase,
    CareProcedure,
    CareReferral,
    ShelterPlacement,
)
from baken.core.confidentiality import Confidentiality  # noqa: E402
from baken.core.models import Organisation  # noqa: E402
from baken.partners.models import Partner  # noqa: E402
from baken.testing.auth import login_verified  # noqa: E402

BATCH = 2000
PHASES = [
    (CarePhase.INTAKE, 10),
    (CarePhase.IN_PROGRESS, 30),
    (CarePhase.AFTERCARE, 15),
    (CarePhase.CLOSED, 35),
    (CarePhase.ADVICE_ONLY, 5),
    (CarePhase.CONTACT_LOST, 5),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(name: str, client: Client, url: str, count: int) -> dict:
    for _ in range(5):
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Counted now: the next request clears the query log that `captured_queries` slices.
    query_count = len(queries.captured_queries)
    assert response.status_code == 200, (name, response.status_code)
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "name": name,
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "queries": query_count,
    }


def users(home: Organisation) -> tuple[User, User]:
    group = Group.objects.get(name="zorgcoordinator")
    local, _ = User.objects.get_or_create(
        username="bench-zorg", defaults={"organisation": home, "clearance": Confidentiality.GEHEIM, "password": "!"}
    )
    regional, _ = User.objects.get_or_create(
        username="bench-zorg-regio",
        defaults={"region": home.region, "clearance": Confidentiality.GEHEIM, "password": "!"},
    )
    for user in (local, regional):
        user.groups.add(group)
    return local, regional


def seed_to(total: int, organisations: list[Organisation], actor: User, rng: random.Random) -> None:
    """Grow the care cases to `total`, spread evenly over the municipalities."""
    have = CareCase.objects.count()
    if have >= total:
        return
    today = timezone.localdate()
    partners = {}
    for organisation in organisations:
        partner, _ = Partner.objects.get_or_create(
            organisation=organisation,
            name="Zorgaanbieder bench",
            defaults={"partner_type": "opvang", "shared_in_region": True, "active": True},
        )
        partners[organisation.pk] = partner.pk
    phases, weights = zip(*PHASES, strict=True)
    started = time.monotonic()
    for offset in range(have, total, BATCH):
        cases = []
        for n in range(offset, min(total, offset + BATCH)):
            organisation = organisations[n % len(organisations)]
            cases.append(
                CareCase(
                    organisation=organisation,
                    reference=f"ZB-{n:07d}",
                    pseudonym=f"Bench {n}",
                    status=rng.choices(phases, weights)[0],
                    source="politie",
                    registered_on=today - dt.timedelta(days=rng.randrange(0, 3650)),
                    responsible=actor if organisation.pk == actor.organisation_id else None,
                    created_by=actor,
                )
            )
        CareCase.objects.bulk_create(cases, batch_size=BATCH)
        made = CareCase.objects.filter(reference__in=[case.reference for case in cases]).values_list(
            "pk", "organisation_id", "status"
        )
        procedures, referrals, placements, changes = [], [], [], []
        for pk, org_id, status in made:
            changes.append(CareCaseStatusChange(case_id=pk, to_status=status, actor=actor))
            for kind, days in (("bedenktijd", 90), ("rvb_aanvraag", 14)):
                due = today + dt.timedelta(days=rng.randrange(-60, 120))
                procedures.append(
                    CareProcedure(
                        case_id=pk,
                        kind=kind,
                        started_on=due - dt.timedelta(days=days),
                        due_on=due,
                        remind_on=due - dt.timedelta(days=14),
                        done_on=due if rng.random() < 0.6 else None,
                        catalogue_version="bench",
                        created_by=actor,
                    )
                )
            requested = today - dt.timedelta(days=rng.randrange(0, 400))
            referrals.append(
                CareReferral(
                    case_id=pk,
                    service_type="medisch",
                    partner_id=partners[org_id],
                    requested_on=requested,
                    due_on=requested + dt.timedelta(days=7),
                    legal_basis="publieke_taak",
                    shared="Hulpvraag",
                    implemented_on=requested + dt.timedelta(days=5) if rng.random() < 0.8 else None,
                    created_by=actor,
                )
            )
            if rng.random() < 0.33:
                start = today - dt.timedelta(days=rng.randrange(0, 700))
                placements.append(
                    ShelterPlacement(
                        case_id=pk,
                        shelter_type="cosm",
                        provider_id=partners[org_id],
                        payer=rng.choice(["rijk", "centrumgemeente_wmo", "gemeente_jeugdwet"]),
                        started_on=start,
                        planned_end_on=start + dt.timedelta(days=180),
                        ended_on=start + dt.timedelta(days=90) if rng.random() < 0.5 else None,
                        cost_per_day=Decimal("110.00"),
                        created_by=actor,
                    )
                )
        CareCaseStatusChange.objects.bulk_create(changes, batch_size=BATCH)
        CareProcedure.objects.bulk_create(procedures, batch_size=BATCH)
        CareReferral.objects.bulk_create(referrals, batch_size=BATCH)
        ShelterPlacement.objects.bulk_create(placements, batch_size=BATCH)
    print(f"seeded {total - have} care cases in {time.monotonic() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=5000)
    parser.add_argument("--large", type=int, default=50000)
    parser.add_argument("--organisations", type=int, default=342)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Organisation.objects.filter(slug__startswith="bench-").exists():
        call_command("seed_signals", signals=1000, organisations=args.organisations, verbosity=0)
    organisations = list(Organisation.objects.filter(slug__startswith="bench-").order_by("slug")[: args.organisations])
    home = organisations[0]
    local, regional = users(home)
    rng = random.Random(2026)  # noqa: S311  (reproducible fiction)
    version = connection.Database.sqlite_version if connection.vendor == "sqlite" else connection.pg_version
    results = {}
    for volume in (args.small, args.large):
        seed_to(volume, organisations, local, rng)
        call_command("analyze_database")
        if connection.vendor == "postgresql":
            # After a bulk load the visibility map is empty until autovacuum comes by (in a
            # running installation it is current): without this the pages are measured before or
            # after that, by chance, and the index-only scans read the table as well.
            with connection.cursor() as cursor:
                cursor.execute(
                    "VACUUM (ANALYZE) care_carecase, care_careprocedure, care_carereferral, care_shelterplacement"
                )
        in_region = CareCase.objects.filter(organisation__region=home.region).count()
        as_local = login_verified(Client(), local)
        as_regional = login_verified(Client(), regional)
        case = CareCase.objects.filter(organisation=home).order_by("-id").first()
        rows = [
            measure("start page (GET /), zorgcoördinator", as_local, "/", args.requests),
            measure("start page (GET /), regional zorgcoördinator", as_regional, "/", args.requests),
            measure("trajectory list (GET /zorg/), zorgcoördinator", as_local, "/zorg/", args.requests),
            measure("trajectory list (GET /zorg/), regional", as_regional, "/zorg/", args.requests),
            measure(
                "list, in traject, page 3, regional", as_regional, "/zorg/?fase=in_traject&pagina=3", args.requests
            ),
            measure("trajectory page (GET /zorg/<id>/)", as_local, f"/zorg/{case.pk}/", args.requests),
            measure("shelter costs this year, regional", as_regional, "/zorg/opvangkosten/", args.requests),
        ]
        results[volume] = {"in_region": in_region, "rows": {row["name"]: row for row in rows}}

    small, large = results[args.small], results[args.large]
    lines = [
        f"### {connection.vendor} {version}: {args.small:,} → {args.large:,} care cases "
        f"({small['in_region']:,} → {large['in_region']:,} in the measured region), {args.requests} requests per page",
        "",
        f"| page | p50 ms @{args.small:,} | p50 ms @{args.large:,} | p95 ms @{args.large:,} | "
        f"queries @{args.small:,} | queries @{args.large:,} |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in large["rows"].items():
        before = small["rows"][name]
        lines.append(
            f"| {name} | {before['p50']:.1f} | {row['p50']:.1f} | {row['p95']:.1f} | "
            f"{before['queries']} | {row['queries']} |"
        )
    report = "\n".join(lines)
    print(report)
    out = Path(os.environ.get("BAKEN_VAR_DIR", ROOT / "var")) / "bench-care.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a") as handle:
        handle.write(report + "\n\n")
    growing = [name for name, row in large["rows"].items() if row["queries"] != small["rows"][name]["queries"]]
    if growing:
        sys.exit(f"Query counts grew with the number of rows: {growing}")


if __name__ == "__main__":
    main()
