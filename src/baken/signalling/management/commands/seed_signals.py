"""Seed a realistic fictional volume of signals in bulk, for benchmarks (never in production).

manage.py seed_signals --signals 500000 --organisations 342 --years 10
"""

import datetime as dt
import random
import time
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from baken.accounts.models import User
from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditAction, AuditEvent, Organisation, Region
from baken.signalling.catalogue.loader import catalogue_version
from baken.signalling.models import (
    Channel,
    ExploitationForm,
    Indicator,
    MinorInvolved,
    ReferenceCounter,
    Signal,
    SignalIndicator,
    SignalStatus,
    SignalStatusChange,
)

BATCH = 5000
STATUS_WEIGHTS = {
    SignalStatus.CLOSED: 70,
    SignalStatus.MONITORING: 8,
    SignalStatus.REFERRED: 8,
    SignalStatus.CARE: 4,
    SignalStatus.ENFORCEMENT: 4,
    SignalStatus.IN_PROGRESS: 4,
    SignalStatus.NEW: 2,
}
NEIGHBOURHOODS = ["Centrum", "Noord", "Oost", "Zuid", "West", "Havenkwartier", "Buitengebied", "Bedrijventerrein"]
TEXTS = [
    "Meerdere mensen lijken in een bedrijfspand te overnachten.",
    "Jongere wordt steeds opgehaald door oudere mannen in een auto.",
    "Persoon aan de balie kon eigen adres niet noemen; begeleider hield documenten vast.",
    "Werknemers worden vroeg in de ochtend met een volle bus gebracht.",
    "Advertentie biedt dag en nacht diensten aan op een woonadres.",
]


class Command(BaseCommand):
    help = "Seeds fictional organisations, reporters and signals in bulk (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--signals", type=int, default=10000)
        parser.add_argument("--organisations", type=int, default=50)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--reporters-per-organisation", type=int, default=5)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        if settings.BAKEN_ENVIRONMENT == "production":
            raise CommandError("Seeding fictional data is never done with production settings.")
        rng = random.Random(options["seed"])
        started = time.monotonic()
        organisations = self._organisations(options["organisations"])
        reporters = self._reporters(organisations, options["reporters_per_organisation"])
        created = self._signals(rng, organisations, reporters, options["signals"], options["years"])
        self.stdout.write(
            f"Seeded {created} signals over {len(organisations)} organisations in {time.monotonic() - started:.0f} s."
        )

    def _organisations(self, count: int) -> list[Organisation]:
        regions = [
            Region.objects.get_or_create(slug=f"bench-regio-{n}", defaults={"name": f"Benchregio {n}"})[0]
            for n in range(max(1, count // 14))
        ]
        existing = {o.slug: o for o in Organisation.objects.filter(slug__startswith="bench-")}
        new = [
            Organisation(
                name=f"Benchgemeente {n:03d}",
                slug=f"bench-{n:03d}",
                cbs_code=f"GM{n + 1:04d}",
                region=regions[n % len(regions)],
            )
            for n in range(count)
            if f"bench-{n:03d}" not in existing
        ]
        Organisation.objects.bulk_create(new, batch_size=BATCH)
        return list(Organisation.objects.filter(slug__startswith="bench-").order_by("slug")[:count])

    def _reporters(self, organisations, per_org: int) -> dict[int, list[int]]:
        group = Group.objects.get(name="signaleerder")
        triage = Group.objects.get(name="aandachtsfunctionaris")
        existing = set(User.objects.filter(username__startswith="bench-").values_list("username", flat=True))
        users = []
        for organisation in organisations:
            for n in range(per_org):
                username = f"{organisation.slug}-{n}"
                if username not in existing:
                    users.append(
                        User(
                            username=username,
                            organisation=organisation,
                            password="!",
                            clearance=Confidentiality.VERTROUWELIJK if n == 0 else Confidentiality.INTERN,
                        )
                    )
        User.objects.bulk_create(users, batch_size=BATCH)
        through = User.groups.through
        memberships = []
        for user in User.objects.filter(username__in=[u.username for u in users]):
            memberships.append(
                through(user_id=user.pk, group_id=(triage if user.username.endswith("-0") else group).pk)
            )
        through.objects.bulk_create(memberships, batch_size=BATCH, ignore_conflicts=True)
        by_org: dict[int, list[int]] = {}
        for pk, org_id in User.objects.filter(username__startswith="bench-").values_list("pk", "organisation_id"):
            by_org.setdefault(org_id, []).append(pk)
        return by_org

    def _signals(self, rng, organisations, reporters, total: int, years: int) -> int:
        indicators = list(Indicator.objects.filter(organisation__isnull=True).select_related("group"))
        forms = list(ExploitationForm.objects.all())
        form_through = Signal.forms.through
        statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
        now = timezone.now()
        version = catalogue_version()
        counters: dict[tuple[int, int], int] = dict(
            ((org, year), value)
            for org, year, value in ReferenceCounter.objects.values_list("organisation_id", "year", "last_value")
        )
        made = 0
        while made < total:
            size = min(BATCH, total - made)
            batch = []
            for _ in range(size):
                organisation = organisations[rng.randrange(len(organisations))]
                submitted = now - dt.timedelta(seconds=rng.randrange(years * 365 * 86400))
                year = timezone.localtime(submitted).year
                key = (organisation.pk, year)
                counters[key] = counters.get(key, 0) + 1
                status = rng.choices(statuses, weights)[0]
                minor = rng.choices([MinorInvolved.NO, MinorInvolved.UNKNOWN, MinorInvolved.YES], [60, 30, 10])[0]
                batch.append(
                    Signal(
                        organisation_id=organisation.pk,
                        reference=f"SIG-{year}-{counters[key]:04d}",
                        year=year,
                        sequence=counters[key],
                        reporter_id=rng.choice(reporters[organisation.pk]),
                        submission_key=uuid.uuid4(),
                        status=status,
                        is_urgent=minor == MinorInvolved.YES or rng.random() < 0.08,
                        submitted_at=submitted,
                        minor_involved=minor,
                        catalogue_version=version,
                        postcode=f"{rng.randrange(1000, 9999)} {rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}",
                        house_number=str(rng.randrange(1, 300)),
                        neighbourhood=rng.choice(NEIGHBOURHOODS),
                        observed_on=timezone.localtime(submitted).date(),
                        channel=rng.choice(Channel.values),
                        people_count=rng.randrange(1, 8),
                        description=rng.choice(TEXTS),
                        reporter_message="Bedankt, uw melding is opgepakt." if status != SignalStatus.NEW else "",
                    )
                )
            with transaction.atomic():
                Signal.objects.bulk_create(batch, batch_size=BATCH)
                # auto_now_add overwrote submitted_at; put the spread back in one pass per batch.
                saved = list(
                    Signal.objects.filter(submission_key__in=[s.submission_key for s in batch]).only(
                        "id", "submission_key", "organisation_id", "reporter_id", "status"
                    )
                )
                by_key = {s.submission_key: s for s in batch}
                for signal in saved:
                    signal.submitted_at = by_key[signal.submission_key].submitted_at
                Signal.objects.bulk_update(saved, ["submitted_at"], batch_size=BATCH)
                links, chosen, history, audit = [], [], [], []
                for signal in saved:
                    form = rng.choice(forms)
                    links.append(form_through(signal_id=signal.pk, exploitationform_id=form.pk))
                    for indicator in rng.sample(indicators, rng.randrange(1, 4)):
                        chosen.append(
                            SignalIndicator(
                                signal_id=signal.pk,
                                indicator_id=indicator.pk,
                                code=indicator.code,
                                label=indicator.label,
                                group_label=indicator.group.label,
                                critical=indicator.critical,
                                revision=indicator.revision,
                            )
                        )
                    history.append(
                        SignalStatusChange(
                            signal_id=signal.pk, from_status="", to_status=SignalStatus.NEW, actor_id=signal.reporter_id
                        )
                    )
                    if signal.status != SignalStatus.NEW:
                        history.append(
                            SignalStatusChange(
                                signal_id=signal.pk,
                                from_status=SignalStatus.NEW,
                                to_status=signal.status,
                                actor_id=signal.reporter_id,
                            )
                        )
                    audit.append(
                        AuditEvent(
                            actor_id=signal.reporter_id,
                            actor_username="seed",
                            organisation_id=signal.organisation_id,
                            action=AuditAction.CREATE,
                            object_type="signalling.signal",
                            object_id=str(signal.pk),
                        )
                    )
                form_through.objects.bulk_create(links, batch_size=BATCH)
                SignalIndicator.objects.bulk_create(chosen, batch_size=BATCH)
                SignalStatusChange.objects.bulk_create(history, batch_size=BATCH)
                AuditEvent.objects.bulk_create(audit, batch_size=BATCH)
            made += size
            if made % 50000 == 0 or made == total:
                self.stdout.write(f"  {made} signals")
        for (org, year), value in counters.items():
            ReferenceCounter.objects.update_or_create(organisation_id=org, year=year, defaults={"last_value": value})
        return made
