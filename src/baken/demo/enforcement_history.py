"""Two years of fictional inspections and measures per demo municipality, so that "Handhaving in
cijfers" shows something (and the beleidsmaker sees some cells suppressed). Inserted in bulk at
the demo's locations, like the signal history (history.py): history from before the demo, without
audit lines or status history. Deterministic (a seeded generator) and idempotent."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from baken.accounts.models import User
from baken.enforcement.models import EnforcementCase, Finding, Inspection, Location, Measure

#: Inspections per municipality over the two years before today.
ENFORCEMENT_HISTORY_SIZE = {"voorbeeld": 90, "zuiderhaven": 30}
QUIET_DAYS = 30
PREFIX = "HH-H"
OUTCOMES = {"geen_overtreding": 50, "overtreding": 25, "aanvullend_bezoek": 12, "externe_partij": 8, "": 5}
FINDINGS = ["snf_oppervlakte", "snf_sanitair", "brandveiligheid", "bewoning_brp", "wgv_huurcontract"]
INTENTS = {"waarschuwing": 40, "voornemen_lod": 45, "voornemen_sluiting": 15}
#: Closed stands only: history must not appear in the demo's work lists of open measures, and it
#: has no status history, so it claims no compliance terms (and no rechecks, late or on time).
STANDS = {"voldaan": 60, "afgezien": 15, "afgesloten": 25}


def load_demo_enforcement_history(organisation) -> int:
    """Insert the history once: skipped when the municipality already has it."""
    size = ENFORCEMENT_HISTORY_SIZE.get(organisation.slug, 0)
    if not size or EnforcementCase.objects.filter(organisation=organisation, reference__startswith=PREFIX).exists():
        return 0
    inspector = User.objects.filter(organisation=organisation, username__startswith="toezichthouder-").first()
    locations = list(Location.objects.filter(organisation=organisation).order_by("pk"))
    if inspector is None or not locations:
        return 0
    rng = random.Random(f"baken-demo-enforcement-history-{organisation.slug}")  # noqa: S311 (fictional data)
    today = timezone.localdate()
    start = today - dt.timedelta(days=730)
    with transaction.atomic():
        cases = [
            EnforcementCase.objects.create(
                organisation=organisation,
                location=location,
                reference=f"{PREFIX}-{organisation.pk:03d}-{number:03d}",
                theme="huisvesting_arbeidsmigranten" if location.object_type == "logies" else "mensenhandel",
                reason="project",
                status="afgesloten",
                closure="resultaat",
                opened_on=start,
                created_by=inspector,
            )
            for number, location in enumerate(locations, start=1)
        ]
        for _ in range(size):
            day = start + dt.timedelta(days=rng.randrange(730 - QUIET_DAYS))
            _inspection(rng, rng.choice(cases), inspector, day, today)
    return size


def _pick(rng, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


def _inspection(rng, case, inspector, day: dt.date, today: dt.date) -> None:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randrange(8, 17))))
    outcome = _pick(rng, OUTCOMES)
    inspection = Inspection.objects.create(
        organisation=case.organisation,
        case=case,
        planned_for=moment,
        status="uitgevoerd",
        performed_at=moment,
        situation="toegang_verleend",
        outcome=outcome,
        notes="Controle uit de demo-historie (fictief).",
        created_by=inspector,
        recorded_by=inspector,
    )
    if outcome != "overtreding":
        return
    for code in rng.sample(FINDINGS, rng.randrange(1, 3)):
        Finding.objects.create(
            inspection=inspection, checklist_code=code, description="Norm niet gehaald.", created_by=inspector
        )
    sent = day + dt.timedelta(days=rng.randrange(3, 15))
    if sent >= today:
        return
    Measure.objects.create(
        organisation=case.organisation,
        case=case,
        intent_type=_pick(rng, INTENTS),
        addressees="Verhuurder (fictief)",
        sent_on=sent,
        view_due_on=sent + dt.timedelta(days=14),
        status=_pick(rng, STANDS),
        catalogue_version="demo",
        created_by=inspector,
    )
