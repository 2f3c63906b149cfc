"""Monitoring and rapportage at volume (issue 15): every dashboard as each role that reads it, at
a small volume and again at the issue's volume, on a database of its own: 500,000 signals in 342
municipalities (one, `groot-000`, with 100,000 of them), 50,000 care trajectories (meant as a fifth
there and the rest over its region; the seeded region holds no other municipality, so all land in
`groot-000`: the heavier case for its dashboards), 100,000 inspections at 20,000 locations in
that municipality, and a fifth of its signals handed over to partners, half with feedback.
Medians, 95th percentiles, query counts (the script fails when a page's count grows with the
data), and the peak memory of the CSV and XLSX exports of each dashboard's largest table
(tracemalloc).

    BAKEN_VAR_DIR=var/bench-reporting DATABASE_URL=postgres://… python bench/reporting.py --requests 100

Target (issue 15): p95 < 300 ms on PostgreSQL at the large volume, constant query counts. Prints
a Markdown table and appends it to BAKEN_VAR_DIR/bench-reporting.md. Never part of `make test`.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baken.conf.bench")

import django  # noqa: E402

django.setup()

import care as care_bench  # noqa: E402  (bench/care.py: seeds care trajectories)
import enforcement as enforcement_bench  # noqa: E402  (bench/enforcement.py: seeds locations and inspections)
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from run import measure  # noqa: E402  (bench/run.py: warm-up, query count, p50/p95)

from baken.accounts.models import User  # noqa: E402
from baken.care.models import CareCase  # noqa: E402
from baken.coordination.models import Escalation, EscalationStatus  # noqa: E402
from baken.core.confidentiality import Confidentiality  # noqa: E402
from baken.core.models import Organisation  # noqa: E402
from baken.enforcement.models import Inspection  # noqa: E402
from baken.partners.models import Partner, PartnerType  # noqa: E402
from baken.signalling.models import Signal  # noqa: E402
from baken.testing.auth import login_verified  # noqa: E402

BIG = "groot-000"
#: (signals in the big municipality, signals elsewhere, care trajectories, inspections there)
VOLUMES = {
    "small": (10_000, 40_000, 5_000, 10_000),
    "large": (100_000, 400_000, 50_000, 100_000),
}


def seed_to(volume: tuple[int, int, int, int]) -> None:
    big_signals, other_signals, care_cases, inspections = volume
    big = Organisation.objects.filter(slug=BIG).first()
    have = Signal.objects.filter(organisation=big).count() if big else 0
    if have < big_signals:
        call_command(
            "seed_signals", signals=big_signals - have, organisations=1, prefix="groot", first_code=9000, seed=have + 1
        )
    big = Organisation.objects.get(slug=BIG)
    others = Signal.objects.exclude(organisation=big).count()
    if others < other_signals:
        call_command("seed_signals", signals=other_signals - others, organisations=341, seed=others + 1)
    region = list(Organisation.objects.filter(region=big.region).exclude(pk=big.pk).order_by("slug"))
    rng = random.Random(2026)  # noqa: S311  (reproducible fiction)
    carers = accounts(big)
    # A fifth in the big municipality, the rest spread over the municipalities of its region.
    care_bench.seed_to(care_cases // 5, [big], carers["zorgcoordinator"], rng)
    care_bench.seed_to(care_cases, region or [big], carers["zorgcoordinator"], rng)
    enforcement_bench.seed_to(inspections, big, carers["toezichthouder"], rng)
    seed_handovers(big, big_signals // HANDED_OVER, carers["aandachtsfunctionaris"], rng)
    call_command("analyze_database")
    if connection.vendor == "postgresql":
        # As autovacuum leaves a table some time after a bulk load: its visibility map set, so
        # that the covering indexes answer without visiting the table (index-only scans).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")


#: One signal in this many of the big municipality is handed over to a partner.
HANDED_OVER = 5
#: The kinds of partner the bench hands signals over to, one partner each.
HANDOVER_TYPES = (
    PartnerType.POLICE,
    PartnerType.LABOUR_INSPECTORATE,
    PartnerType.RIEC,
    PartnerType.CARE_COORDINATOR,
    PartnerType.VEILIG_THUIS,
    PartnerType.KMAR,
)


def seed_handovers(big: Organisation, total: int, actor: User, rng: random.Random) -> None:
    """Hand `total` of the big municipality's signals over (one each, to a partner of a kind
    in HANDOVER_TYPES), shared 1 to 20 days after the report; half with feedback received."""
    partners = []
    for kind in HANDOVER_TYPES:
        partner, _created = Partner.objects.get_or_create(
            organisation=big,
            partner_type=kind,
            defaults={"name": f"Bench {kind.label}", "receives_handovers": True},
        )
        partners.append(partner)
    have = Escalation.objects.filter(organisation=big).count()
    if have >= total:
        return
    signals = (
        Signal.objects.filter(organisation=big, escalations__isnull=True)
        .order_by("id")
        .values_list("pk", "submitted_at")[: total - have]
    )
    rows = []
    for pk, submitted_at in signals:
        shared_on = submitted_at.date() + dt.timedelta(days=rng.randint(1, 20))
        answered = rng.random() < 0.5
        rows.append(
            Escalation(
                organisation=big,
                signal_id=pk,
                partner=rng.choice(partners),
                channel="beveiligde_mail",
                purpose="Onderzoek naar mogelijke uitbuiting",
                legal_ground="wettelijke_taak",
                shared_fields=["description"],
                shared_on=shared_on,
                expected_feedback_on=shared_on + dt.timedelta(days=28),
                feedback="Opgepakt" if answered else "",
                feedback_on=shared_on + dt.timedelta(days=rng.randint(3, 40)) if answered else None,
                status=EscalationStatus.FEEDBACK if answered else EscalationStatus.SENT,
                created_by=actor,
            )
        )
    Escalation.objects.bulk_create(rows, batch_size=5000)
    print(f"seeded {len(rows)} hand-overs")


def accounts(big: Organisation) -> dict[str, User]:
    """One account per reading role, in the big municipality (the regional one in its region)."""
    made = {}
    for group, clearance in (
        ("aandachtsfunctionaris", Confidentiality.VERTROUWELIJK),
        ("zorgcoordinator", Confidentiality.GEHEIM),
        ("toezichthouder", Confidentiality.VERTROUWELIJK),
        ("beleidsmaker", Confidentiality.INTERN),
    ):
        user, _created = User.objects.get_or_create(
            username=f"bench-rapportage-{group}",
            defaults={"organisation": big, "clearance": clearance, "password": "!"},
        )
        user.groups.add(Group.objects.get(name=group))
        made[group] = user
    regional, _created = User.objects.get_or_create(
        username="bench-rapportage-regio",
        defaults={"region": big.region, "clearance": Confidentiality.INTERN, "password": "!"},
    )
    regional.groups.add(Group.objects.get(name="beleidsmaker"))
    made["regional beleidsmaker"] = regional
    return made


PAGES = (
    ("aandachtsfunctionaris", "/rapportage/meldingen/"),
    ("aandachtsfunctionaris", "/rapportage/meldingen/?van=2025-01-01&tot=2025-12-31"),
    ("zorgcoordinator", "/rapportage/zorg/"),
    ("toezichthouder", "/rapportage/handhaving/"),
    ("beleidsmaker", "/rapportage/"),
    ("beleidsmaker", "/rapportage/meldingen/"),
    ("beleidsmaker", "/rapportage/zorg/"),
    ("beleidsmaker", "/rapportage/handhaving/"),
    ("beleidsmaker", "/rapportage/beleid/"),
    ("regional beleidsmaker", "/rapportage/regio/"),
)


def scenarios(count: int) -> list[dict]:
    big = Organisation.objects.get(slug=BIG)
    clients = {role: login_verified(Client(), user) for role, user in accounts(big).items()}
    rows = []
    for role, url in PAGES:
        client = clients[role]
        row = measure(f"{url} as {role}", lambda client=client, url=url: client.get(url, follow=True), count)
        row["export"] = export_memory(client, url)
        rows.append(row)
    return rows


def export_memory(client: Client, url: str) -> str:
    """Peak extra memory (MB, tracemalloc) of the largest CSV and of the largest XLSX download
    among the page's tables, with how many tables were exported."""
    response = client.get(url, follow=True)
    page, path = response.content.decode(), response.request["PATH_INFO"]  # after a redirect, if any
    links = [part.split('"', 1)[0].replace("&amp;", "&") for part in page.split('href="?')[1:]]
    peaks = {}
    for kind in ("csv", "xlsx"):
        for link in (link for link in links if f"{kind}=" in link):
            tracemalloc.start()
            response = client.get(path + "?" + link)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert response.status_code == 200 and body, (url, link, response.status_code)
            peaks.setdefault(kind, []).append(peak)
    if not peaks:
        return "—"
    return ", ".join(f"{kind} {max(values) / 1e6:.1f} ({len(values)} tables)" for kind, values in peaks.items())


def inbox_export(volume: str) -> str:
    """The aandachtsfunctionaris's whole signal list (every status) as one streamed CSV: rows,
    seconds and peak extra memory (tracemalloc, which also slows it down)."""
    client = login_verified(Client(), accounts(Organisation.objects.get(slug=BIG))["aandachtsfunctionaris"])
    url = reverse("coordination:inbox_export") + "?status=alle"
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url)
    lines = sum(chunk.count(b"\r\n") for chunk in response.streaming_content) - 1
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert response.status_code == 200, response.status_code
    return f"{volume}: {lines:,} signals in {seconds:.1f} s, peak {peak / 1e6:.1f} MB"


def main() -> None:
    request_started.disconnect(close_old_connections)
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    version = connection.Database.sqlite_version if connection.vendor == "sqlite" else connection.pg_version
    results, sizes, exports = {}, {}, []
    for name, volume in VOLUMES.items():
        seed_to(volume)
        sizes[name] = (Signal.objects.count(), CareCase.objects.count(), Inspection.objects.count())
        results[name] = {row["name"]: row for row in scenarios(args.requests)}
        exports.append(inbox_export(name))
    small, large = results["small"], results["large"]
    lines = [
        f"### {connection.vendor} {version}: signals {sizes['small'][0]:,} → {sizes['large'][0]:,}, care "
        f"trajectories {sizes['small'][1]:,} → {sizes['large'][1]:,}, inspections {sizes['small'][2]:,} → "
        f"{sizes['large'][2]:,}; {args.requests} requests per page",
        "",
        "| dashboard, role | p50 ms small | p95 ms small | p50 ms large | p95 ms large | ratio p95 | queries "
        "| export peak MB (large) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    grew = []
    for name, row in large.items():
        before = small[name]
        lines.append(
            f"| {name} | {before['p50']:.1f} | {before['p95']:.1f} | {row['p50']:.1f} | {row['p95']:.1f} | "
            f"{row['p95'] / before['p95']:.2f} | {before['queries']} → {row['queries']} | {row['export']} |"
        )
        if row["queries"] > before["queries"]:
            grew.append(name)
    lines += ["", "Inbox export (CSV, streamed) as the aandachtsfunctionaris: " + "; ".join(exports) + "."]
    text = "\n".join(lines) + "\n"
    print(text)
    out = Path(os.environ.get("BAKEN_VAR_DIR", ROOT / "var")) / "bench-reporting.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a") as handle:
        handle.write(text + "\n")
    if grew:
        raise SystemExit(f"query count grows with the data: {', '.join(grew)}")


if __name__ == "__main__":
    main()
