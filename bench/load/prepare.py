"""Data and sessions for `make load`: one municipality (`groot-000`, GM9000) with 100,000 signals
among 500,000 in 342 municipalities, 2,000 care trajectories and 2,000 locations (10,000
inspections) in that municipality, and the 50 accounts that Locust plays (20 reporters, 10
aandachtsfunctionarissen, 10 zorgcoördinatoren, 10 toezichthouders), each with a session that
has passed the second factor. Seeds only what is missing, so a second run reuses the data.

    DATABASE_URL=postgres://… BAKEN_ENCRYPTION_KEYS=… SECRET_KEY=… python bench/load/prepare.py OUT.json

Runs with the benchmark settings (seed_signals refuses production settings) on the database that
the production server of the load test then serves; SECRET_KEY and BAKEN_ENCRYPTION_KEYS must be
the server's, since the sessions and the encrypted identities depend on them. Writes the sessions
and the ids the simulated users visit to OUT.json (var/load/, never committed).
"""

import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baken.conf.bench")

import django  # noqa: E402

django.setup()

import care as care_bench  # noqa: E402  (bench/care.py: seeds care trajectories)
import enforcement as enforcement_bench  # noqa: E402  (bench/enforcement.py: seeds locations and inspections)
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402

from baken.accounts.models import AuthenticatorDevice, User  # noqa: E402
from baken.care.models import CareCase  # noqa: E402
from baken.core.confidentiality import Confidentiality  # noqa: E402
from baken.core.middleware import LOGIN_TIME_SESSION_KEY  # noqa: E402
from baken.core.models import Organisation  # noqa: E402
from baken.enforcement.models import EnforcementCase, Location  # noqa: E402
from baken.signalling.models import ExploitationForm, Indicator, Signal  # noqa: E402

TOTAL_SIGNALS = int(os.environ.get("LOAD_SIGNALS", "500000"))
BIG_SIGNALS = int(os.environ.get("LOAD_BIG_SIGNALS", "100000"))
OTHER_MUNICIPALITIES = 341
CARE_CASES = 2_000
INSPECTIONS = 10_000  # 2,000 locations, one case each

#: role → (group, clearance, how many Locust plays)
ROLES = {
    "reporter": ("signaleerder", Confidentiality.INTERN, 20),
    "triage": ("aandachtsfunctionaris", Confidentiality.VERTROUWELIJK, 10),
    "care": ("zorgcoordinator", Confidentiality.GEHEIM, 10),
    "inspector": ("toezichthouder", Confidentiality.VERTROUWELIJK, 10),
}


def seed() -> Organisation:
    big = Organisation.objects.filter(slug="groot-000").first()
    have_big = Signal.objects.filter(organisation=big).count() if big else 0
    if have_big < BIG_SIGNALS:
        call_command(
            "seed_signals",
            signals=BIG_SIGNALS - have_big,
            organisations=1,
            prefix="groot",
            first_code=9000,
            seed=BIG_SIGNALS,
            stdout=sys.stdout,
        )
    big = Organisation.objects.get(slug="groot-000")
    others = Signal.objects.exclude(organisation=big).count()
    if others < TOTAL_SIGNALS - BIG_SIGNALS:
        call_command(
            "seed_signals",
            signals=TOTAL_SIGNALS - BIG_SIGNALS - others,
            organisations=OTHER_MUNICIPALITIES,
            seed=others + 1,
            stdout=sys.stdout,
        )
    rng = random.Random(2026)  # noqa: S311  (reproducible fiction)
    actor = accounts(big)["care"][0]
    care_bench.seed_to(CARE_CASES, [big], actor, rng)
    enforcement_bench.seed_to(INSPECTIONS, big, accounts(big)["inspector"][0], rng)
    call_command("analyze_database")
    return big


def accounts(organisation: Organisation) -> dict[str, list[User]]:
    made = {}
    for role, (group_name, clearance, count) in ROLES.items():
        group = Group.objects.get(name=group_name)
        made[role] = []
        for n in range(count):
            user, _created = User.objects.get_or_create(
                username=f"load-{role}-{n:02d}",
                defaults={
                    "organisation": organisation,
                    "clearance": clearance,
                    "password": "!",
                    "email": f"load-{role}-{n:02d}@groot.example",
                },
            )
            user.groups.add(group)
            made[role].append(user)
    return made


def session_for(user: User) -> str:
    """A session as after password and TOTP: what the login view leaves behind."""
    device = AuthenticatorDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = AuthenticatorDevice.objects.create(user=user, name="authenticator", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LOGIN_TIME_SESSION_KEY] = timezone.now().timestamp()
    session.create()
    return session.session_key


def main() -> None:
    call_command("migrate", verbosity=0)
    big = seed()
    users = accounts(big)
    data = {
        "sessions": {role: [session_for(user) for user in members] for role, members in users.items()},
        "reporter_ids": [user.pk for user in users["reporter"]],
        "forms": list(ExploitationForm.objects.order_by("code").values_list("code", flat=True)),
        "indicators": [
            str(pk)
            for pk in Indicator.objects.filter(organisation__isnull=True, critical=False, active=True)
            .order_by("code")
            .values_list("pk", flat=True)[:12]
        ],
        # Recent signals: what an aandachtsfunctionaris opens from the top of the inbox.
        "signals": list(
            Signal.objects.filter(organisation=big).order_by("-submitted_at").values_list("pk", flat=True)[:200]
        ),
        "care_cases": list(
            CareCase.objects.filter(organisation=big).order_by("-id").values_list("pk", flat=True)[:200]
        ),
        "locations": list(Location.objects.filter(organisation=big).order_by("-id").values_list("pk", flat=True)[:200]),
        "enforcement_cases": list(
            EnforcementCase.objects.filter(organisation=big).order_by("-id").values_list("pk", flat=True)[:200]
        ),
        "signals_before": Signal.objects.filter(reporter__in=users["reporter"]).count(),
    }
    Path(sys.argv[1]).write_text(json.dumps(data))
    print(f"prepared {sum(len(v) for v in data['sessions'].values())} sessions in {big.name}")


if __name__ == "__main__":
    main()
