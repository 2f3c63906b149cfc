"""Two years of fictional care trajectories per demo municipality, so that "Zorg in cijfers"
shows something (and the beleidsmaker sees some cells suppressed). Inserted in bulk, like the
signal history (history.py): they stand for trajectories from before the demo, so they carry no
audit lines and no status history. Deterministic (a seeded generator) and idempotent."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from baken.accounts.models import User
from baken.care.models import CareCase, CarePhase, ComenshaRegistration, DossierType, ShelterPlacement
from baken.partners.models import Partner

#: Trajectories per municipality over the two years before today.
CARE_HISTORY_SIZE = {"voorbeeld": 70, "zuiderhaven": 24}
#: Days before today where the history stops, apart from the demo's own recent trajectories.
QUIET_DAYS = 45
PREFIX = "ZT-H"

NATIONALITIES = {"NL": 25, "PL": 20, "RO": 15, "BG": 10, "NG": 10, "UA": 8, "VN": 7, "": 5}
FORMS = {"arbeid": 45, "seksueel": 35, "crimineel": 15, "onbekend": 5}
SECTORS = {"arbeid": "landbouw", "seksueel": "prostitutie", "crimineel": "overig", "onbekend": "onbekend"}
CLOSURE_REASONS = {
    "zelfredzaam": 30,
    "overgedragen_wijkteam": 30,
    "terugkeer": 15,
    "contact_verloren": 15,
    "vertrokken_buitenland": 10,
}
SHELTERS = {"cosm": ("rijk", 170), "vrouwenopvang": ("centrumgemeente_wmo", 140), "ambulant": ("gemeente_wmo", 40)}


def load_demo_care_history(organisation) -> int:
    """Insert the history once: skipped when the municipality already has it."""
    size = CARE_HISTORY_SIZE.get(organisation.slug, 0)
    if not size or CareCase.objects.filter(organisation=organisation, reference__startswith=PREFIX).exists():
        return 0
    coordinator = User.objects.filter(organisation=organisation, username__startswith="zorgcoordinator-").first()
    provider = Partner.objects.filter(organisation=organisation).order_by("pk").first()
    if coordinator is None or provider is None:
        return 0
    rng = random.Random(f"baken-demo-care-history-{organisation.slug}")  # noqa: S311 (fictional data, not security)
    today = timezone.localdate()
    start = today - dt.timedelta(days=730)
    with transaction.atomic():
        for number in range(1, size + 1):
            registered = start + dt.timedelta(days=rng.randrange(730 - QUIET_DAYS))
            _trajectory(organisation, coordinator, provider, rng, number, registered, today)
    return size


def _pick(rng, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


def _trajectory(organisation, coordinator, provider, rng, number: int, registered: dt.date, today: dt.date) -> None:
    """A trajectory that has ended before the demo (closed, advice only or not taken on), so the
    history never shows up among the zorgcoördinator's running work."""
    age = rng.choice([15, 16, 17, *range(19, 55)])
    last_day = today - dt.timedelta(days=QUIET_DAYS)
    closed_on = min(registered + dt.timedelta(days=rng.randrange(30, 400)), last_day)
    phase = rng.choices([CarePhase.CLOSED, CarePhase.ADVICE_ONLY, CarePhase.NOT_TAKEN_ON], [80, 10, 10])[0]
    closed = phase == CarePhase.CLOSED
    case = CareCase.objects.create(
        organisation=organisation,
        reference=f"{PREFIX}-{registered:%y}-{organisation.pk:03d}{number:04d}",
        pseudonym=f"Historie {number}",
        status=phase,
        source=rng.choice(["politie", "kmar", "arbeidsinspectie", "opvang", "zelf"]),
        registered_on=registered,
        intake_on=registered + dt.timedelta(days=rng.randrange(1, 10)),
        closed_on=closed_on if closed else None,
        closure_reason=_pick(rng, CLOSURE_REASONS) if closed else "",
        birth_date=None if rng.random() < 0.1 else registered - dt.timedelta(days=365 * age + rng.randrange(300)),
        nationality=_pick(rng, NATIONALITIES),
        created_by=coordinator,
    )
    if rng.random() < 0.8:
        form = _pick(rng, FORMS)
        ComenshaRegistration.objects.create(
            case=case,
            reported_on=registered + dt.timedelta(days=rng.randrange(1, 14)),
            reported_by=coordinator,
            legal_basis="publieke_taak",
            dossier_type=rng.choice(list(DossierType)),
            exploitation_form=form,
            sector=SECTORS[form],
        )
    if closed and rng.random() < 0.6:
        shelter_type = rng.choice(list(SHELTERS))
        payer, cost = SHELTERS[shelter_type]
        started = min(registered + dt.timedelta(days=rng.randrange(0, 21)), closed_on)
        ended = min(started + dt.timedelta(days=rng.randrange(20, 200)), closed_on)
        ShelterPlacement.objects.create(
            case=case,
            shelter_type=shelter_type,
            provider=provider,
            payer=payer,
            started_on=started,
            ended_on=ended,
            cost_per_day=Decimal(cost),
            created_by=coordinator,
        )
