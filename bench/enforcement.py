"""Handhaven at volume in one large municipality: the planning list (planned inspections), the
risk-based planning (every location scored), a location page and a case page, at a small volume
and again after growing the same municipality to the large one, as its toezichthouder. Medians,
95th percentiles and query counts; fails when a page's query count grows with the data.

    BAKEN_VAR_DIR=var/bench-enforcement python bench/enforcement.py --small 10000 --large 100000 --requests 200

Volumes count inspections; there is one location (with one case) for every five inspections, so
the large volume is 20,000 locations and 100,000 inspections. Of each case's inspections the
last is planned, the others were carried out (a fifth with a finding); every tenth case has a
measure and every tenth location a licence. Runs on the database that DATABASE_URL selects
(SQLite under BAKEN_VAR_DIR by default); use a database of its own (it seeds the municipality
`handhaving-000`, GM9100, next to whatever is there). Requests go through Django's test client
in-process (server time, no network). Prints a Markdown table and appends it to
BAKEN_VAR_DIR/bench-enforcement.md. Never part of `make test` (docs/benchmarks.md).
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baken.conf.bench")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from run import measure  # noqa: E402  (bench/run.py: warm-up, query count, p50/p95)

from baken.accounts.models import User  # noqa: E402
from baken.core.confidentiality import Confidentiality  # noqa: E402
from baken.core.models import Organisation  # noqa: E402
from baken.enforcement.models import (  # noqa: E402
    CaseStatus,
    CaseStatusChange,
    EnforcementCase,
    Finding,
    Inspection,
    InspectionStatus,
    Licence,
    LicenceKind,
    Location,
    Measure,
    ObjectType,
)
from baken.testing.auth import login_verified  # noqa: E402

PREFIX = "handhaving"
FIRST_CODE = 9100
INSPECTIONS_PER_LOCATION = 5
BATCH = 2000
OBJECT_TYPES = [choice for choice, _label in ObjectType.choices]


def municipality() -> tuple[Organisation, User]:
    """The large municipality (made by seed_signals, with a few signals of its own) and its
    toezichthouder."""
    slug = f"{PREFIX}-000"
    if not Organisation.objects.filter(slug=slug).exists():
        call_command(
            "seed_signals", signals=200, organisations=1, prefix=PREFIX, first_code=FIRST_CODE, seed=1, verbosity=0
        )
    organisation = Organisation.objects.get(slug=slug)
    inspector, _created = User.objects.get_or_create(
        username=f"{PREFIX}-toezicht",
        defaults={"organisation": organisation, "clearance": Confidentiality.VERTROUWELIJK, "password": "!"},
    )
    inspector.groups.add(Group.objects.get(name="toezichthouder"))
    return organisation, inspector


def seed_to(inspections: int, organisation: Organisation, actor: User, rng: random.Random) -> None:
    """Grow the municipality's register to inspections / 5 locations, each with one case and
    five inspections."""
    total = inspections // INSPECTIONS_PER_LOCATION
    have = Location.objects.filter(organisation=organisation).count()
    if have >= total:
        return
    now = timezone.now()
    today = timezone.localdate()
    started = time.monotonic()
    for offset in range(have, total, BATCH):
        numbers = range(offset, min(total, offset + BATCH))
        Location.objects.bulk_create(
            [
                Location(
                    organisation=organisation,
                    name=f"Object {n}",
                    street=f"Benchstraat {n // 500}",
                    house_number=str(n),
                    postcode=f"{1000 + n % 9000:04d} AB",
                    city="Groot",
                    neighbourhood=f"Wijk {n % 40}",
                    object_type=OBJECT_TYPES[n % len(OBJECT_TYPES)],
                    registered_residents=rng.randrange(0, 40),
                    created_by=actor,
                )
                for n in numbers
            ],
            batch_size=BATCH,
        )
        locations = list(
            Location.objects.filter(organisation=organisation, name__in=[f"Object {n}" for n in numbers]).values_list(
                "pk", "name"
            )
        )
        Licence.objects.bulk_create(
            [
                Licence(
                    location_id=pk,
                    kind=LicenceKind.WGV,
                    number=f"WGV-{pk}",
                    valid_until=today + dt.timedelta(days=rng.randrange(-200, 800)),
                )
                for pk, _name in locations
                if pk % 10 == 0
            ],
            batch_size=BATCH,
        )
        EnforcementCase.objects.bulk_create(
            [
                EnforcementCase(
                    organisation=organisation,
                    location_id=pk,
                    reference=f"HB-{name.split()[-1]:0>7}",
                    theme="huisvesting_arbeidsmigranten",
                    reason="eigen_onderzoek",
                    status=rng.choice([CaseStatus.SUPERVISION, CaseStatus.ENFORCEMENT, CaseStatus.CLOSED]),
                    opened_on=today - dt.timedelta(days=rng.randrange(30, 1500)),
                    created_by=actor,
                )
                for pk, name in locations
            ],
            batch_size=BATCH,
        )
        cases = list(
            EnforcementCase.objects.filter(location_id__in=[pk for pk, _name in locations]).values_list("pk", "status")
        )
        CaseStatusChange.objects.bulk_create(
            [CaseStatusChange(case_id=pk, to_status=status, actor=actor) for pk, status in cases], batch_size=BATCH
        )
        rows = []
        for pk, _status in cases:
            for k in range(INSPECTIONS_PER_LOCATION):
                last = k == INSPECTIONS_PER_LOCATION - 1
                when = now + dt.timedelta(days=rng.randrange(1, 90)) if last else now - dt.timedelta(days=k * 200 + 30)
                rows.append(
                    Inspection(
                        organisation=organisation,
                        case_id=pk,
                        planned_for=when,
                        status=InspectionStatus.PLANNED if last else InspectionStatus.DONE,
                        performed_at=None if last else when,
                        situation="" if last else "toegang_verleend",
                        observed_residents=None if last else rng.randrange(0, 40),
                        checklist={} if last else {"snf_oppervlakte": rng.choice(["ja", "nee"])},
                        outcome="" if last else rng.choice(["geen_overtreding", "overtreding", "hercontrole"]),
                        created_by=actor,
                        recorded_by=None if last else actor,
                    )
                )
        Inspection.objects.bulk_create(rows, batch_size=BATCH)
        done = Inspection.objects.filter(
            case_id__in=[pk for pk, _status in cases], status=InspectionStatus.DONE
        ).values_list("pk", "case_id")
        Finding.objects.bulk_create(
            [
                Finding(
                    inspection_id=pk, checklist_code="snf_oppervlakte", description="Te weinig m²", created_by=actor
                )
                for pk, _case in done
                if pk % 5 == 0
            ],
            batch_size=BATCH,
        )
        Measure.objects.bulk_create(
            [
                Measure(
                    organisation=organisation,
                    case_id=pk,
                    intent_type="voornemen_lod",
                    addressees="Verhuurder B.V.",
                    sent_on=today - dt.timedelta(days=20),
                    view_due_on=today - dt.timedelta(days=6),
                    catalogue_version="bench",
                    created_by=actor,
                )
                for pk, _status in cases
                if pk % 10 == 0
            ],
            batch_size=BATCH,
        )
    print(f"seeded {total - have} locations in {time.monotonic() - started:.0f} s")


def scenarios(inspector: User, count: int) -> list[dict]:
    client = login_verified(Client(), inspector)
    # The busiest case: a measure and findings, so every block of the pages is drawn.
    case = (
        EnforcementCase.objects.filter(organisation_id=inspector.organisation_id, measures__isnull=False)
        .order_by("id")
        .first()
    )

    def get(url):
        return lambda: client.get(url)

    pages = [
        ("planning list (planned inspections)", get(reverse("enforcement:planning"))),
        ("planning list, page 3", get(reverse("enforcement:planning") + "?pagina=3")),
        ("risk-based planning (every location scored)", get(reverse("enforcement:priorities"))),
        ("location register", get(reverse("enforcement:index"))),
        ("my deadlines (every near or passed one, paged)", get(reverse("enforcement:deadlines"))),
        ("location page", get(reverse("enforcement:location", args=[case.location_id]))),
        ("case page", get(reverse("enforcement:case", args=[case.pk]))),
    ]
    return [measure(name, request, count) for name, request in pages]


def main() -> None:
    request_started.disconnect(close_old_connections)
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=10000, help="inspections at the small volume")
    parser.add_argument("--large", type=int, default=100000, help="inspections at the large volume")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    version = connection.Database.sqlite_version if connection.vendor == "sqlite" else connection.pg_version
    organisation, inspector = municipality()
    rng = random.Random(2026)  # noqa: S311  (reproducible fiction)
    results = {}
    for volume in (args.small, args.large):
        seed_to(volume, organisation, inspector, rng)
        call_command("analyze_database")
        if connection.vendor == "postgresql":
            # As autovacuum leaves the tables some time after a bulk load (bench/care.py says why).
            with connection.cursor() as cursor:
                cursor.execute(
                    "VACUUM (ANALYZE) enforcement_location, enforcement_enforcementcase, enforcement_inspection"
                )
        results[volume] = {row["name"]: row for row in scenarios(inspector, args.requests)}

    small, large = results[args.small], results[args.large]
    locations = (args.small // INSPECTIONS_PER_LOCATION, args.large // INSPECTIONS_PER_LOCATION)
    lines = [
        f"### {connection.vendor} {version}: one municipality, {locations[0]:,} → {locations[1]:,} locations, "
        f"{args.small:,} → {args.large:,} inspections, {args.requests} requests per page",
        "",
        f"| page | p50 ms @{args.small:,} | p95 ms @{args.small:,} | p50 ms @{args.large:,} | "
        f"p95 ms @{args.large:,} | queries |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in large.items():
        before = small[name]
        queries = (
            str(row["queries"]) if row["queries"] == before["queries"] else f"{before['queries']} → {row['queries']}"
        )
        lines.append(
            f"| {name} | {before['p50']:.1f} | {before['p95']:.1f} | {row['p50']:.1f} | {row['p95']:.1f} | {queries} |"
        )
    report = "\n".join(lines)
    print(report)
    out = Path(os.environ.get("BAKEN_VAR_DIR", ROOT / "var")) / "bench-enforcement.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a") as handle:
        handle.write(report + "\n\n")
    growing = [name for name, row in large.items() if row["queries"] != small[name]["queries"]]
    if growing:
        sys.exit(f"Query counts grew with the number of locations and inspections: {growing}")


if __name__ == "__main__":
    main()
