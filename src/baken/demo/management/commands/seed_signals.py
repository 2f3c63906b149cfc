"""Seed a realistic fictional volume of signals in bulk, for benchmarks (never in production).

manage.py seed_signals --signals 500000 --organisations 342 --years 10
manage.py seed_signals --signals 100000 --organisations 1 --prefix groot --first-code 9000   # one big municipality
"""

import datetime as dt
import random
import time
import uuid
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from baken.accounts.models import User
from baken.core.audit_chain import chain_key, row_hash
from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditAction, AuditChainHead, AuditEvent, Organisation, Region
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
from baken.signalling.services import format_reference

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
STREETS = [
    f"{first}{last}"
    for first in ("Haven", "Kerk", "Molen", "Linden", "Esdoorn", "Station", "Dorps", "Industrie", "Beuken", "Brug")
    for last in ("straat", "weg", "laan", "plein", "kade")
]
CITIES = ["Voorbeeld", "Zuiderhaven", "Bergen", "Émmeloord-Oost"]
BUSINESSES = [
    "Café De Zwaan",
    "Nagelstudio Belle",
    "Autowasserij Snel",
    "Uitzendbureau Flex",
    "Massagesalon Lotus",
    "Champignonkwekerij Noord",
    "Hotel Bellevue",
    "Crêperie Marché",
]


class Command(BaseCommand):
    help = "Seeds fictional organisations, reporters and signals in bulk (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--signals", type=int, default=10000)
        parser.add_argument("--organisations", type=int, default=50)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--reporters-per-organisation", type=int, default=5)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--prefix", default="bench", help="Slug prefix of the organisations and accounts.")
        parser.add_argument("--first-code", type=int, default=1, help="CBS code of the first organisation (GMnnnn).")

    def handle(self, *args, **options):
        if settings.BAKEN_ENVIRONMENT == "production":
            raise CommandError("Seeding fictional data is never done with production settings.")
        rng = random.Random(options["seed"])  # noqa: S311  (reproducible fiction, not security)
        started = time.monotonic()
        self.prefix = options["prefix"]
        organisations = self._organisations(options["organisations"], options["first_code"])
        reporters = self._reporters(organisations, options["reporters_per_organisation"])
        created = self._signals(rng, organisations, reporters, options["signals"], options["years"])
        self.stdout.write(
            f"Seeded {created} signals over {len(organisations)} organisations in {time.monotonic() - started:.0f} s."
        )

    def _organisations(self, count: int, first_code: int) -> list[Organisation]:
        prefix = self.prefix
        regions = [
            Region.objects.get_or_create(
                slug=f"{prefix}-regio-{n}", defaults={"name": f"{prefix.capitalize()}regio {n}"}
            )[0]
            for n in range(max(1, count // 14))
        ]
        existing = {o.slug: o for o in Organisation.objects.filter(slug__startswith=f"{prefix}-")}
        new = [
            Organisation(
                name=f"{prefix.capitalize()}gemeente {n:03d}",
                slug=f"{prefix}-{n:03d}",
                cbs_code=f"GM{n + first_code:04d}",
                region=regions[n % len(regions)],
            )
            for n in range(count)
            if f"{prefix}-{n:03d}" not in existing
        ]
        Organisation.objects.bulk_create(new, batch_size=BATCH)
        return list(Organisation.objects.filter(slug__startswith=f"{prefix}-").order_by("slug")[:count])

    def _reporters(self, organisations, per_org: int) -> dict[int, list[int]]:
        group = Group.objects.get(name="signaleerder")
        triage = Group.objects.get(name="aandachtsfunctionaris")
        existing = set(User.objects.filter(username__startswith=f"{self.prefix}-").values_list("username", flat=True))
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
        for pk, org_id in (
            User.objects.filter(username__startswith=f"{self.prefix}-")
            .order_by("username")
            .values_list("pk", "organisation_id")
        ):
            by_org.setdefault(org_id, []).append(pk)
        return by_org

    def _signals(self, rng, organisations, reporters, total: int, years: int) -> int:
        indicators = list(Indicator.objects.filter(organisation__isnull=True).select_related("group"))
        forms = list(ExploitationForm.objects.all())
        statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
        now = timezone.now()
        version = catalogue_version()
        counters: dict[tuple[int, int], int] = {
            (org, year): value
            for org, year, value in ReferenceCounter.objects.values_list("organisation_id", "year", "last_value")
        }
        next_ids = {
            model: (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
            for model in (Signal, SignalIndicator, SignalStatusChange, AuditEvent, Signal.forms.through)
        }
        letters = "ABCDEFGHJKLMNPRSTVWXZ"
        made = 0
        # The seeded audit rows continue each municipality's hash chain, as audit_record would.
        heads = dict(AuditChainHead.objects.values_list("chain", "last_hash"))
        last_ids: dict[str, int] = {}

        def chain(values: dict) -> None:
            key = chain_key(organisation_id=values["organisation_id"], region_id=None)
            values["prev_hash"] = heads.get(key, "")
            values["row_hash"] = row_hash(SimpleNamespace(**values), values["prev_hash"])
            heads[key], last_ids[key] = values["row_hash"], values["id"]

        while made < total:
            size = min(BATCH, total - made)
            rows = {model: [] for model in next_ids}
            for _ in range(size):
                organisation = organisations[rng.randrange(len(organisations))]
                submitted = now - dt.timedelta(seconds=rng.randrange(years * 365 * 86400))
                local = timezone.localtime(submitted)
                key = (organisation.pk, local.year)
                counters[key] = counters.get(key, 0) + 1
                status = rng.choices(statuses, weights)[0]
                minor = rng.choices([MinorInvolved.NO, MinorInvolved.UNKNOWN, MinorInvolved.YES], [60, 30, 10])[0]
                reporter_id = rng.choice(reporters[organisation.pk])
                signal_id = next_ids[Signal]
                next_ids[Signal] += 1
                rows[Signal].append(
                    {
                        "id": signal_id,
                        "organisation_id": organisation.pk,
                        "reference": format_reference(organisation.cbs_code, local.year, counters[key]),
                        "year": local.year,
                        "sequence": counters[key],
                        "reporter_id": reporter_id,
                        "submission_key": uuid.uuid4(),
                        "confidentiality": Confidentiality.VERTROUWELIJK,
                        "status": status,
                        "is_urgent": minor == MinorInvolved.YES or rng.random() < 0.08,
                        "submitted_at": submitted,
                        "form_unknown": False,
                        "acute_danger": False,
                        "minor_involved": minor,
                        "catalogue_version": version,
                        "postcode": f"{rng.randrange(1000, 9999)} {rng.choice(letters)}{rng.choice(letters)}",
                        "house_number": str(rng.randrange(1, 300)),
                        "street": rng.choice(STREETS),
                        "city": rng.choice(CITIES),
                        "location_description": "",
                        "business_name": rng.choice(BUSINESSES) if rng.random() < 0.3 else "",
                        "neighbourhood": rng.choice(NEIGHBOURHOODS),
                        "observed_on": local.date(),
                        "channel": rng.choice(Channel.values),
                        "people_count": rng.randrange(1, 8),
                        "estimated_age": "",
                        "sex": "",
                        "languages": "",
                        "identifying_details": "",
                        "description": rng.choice(TEXTS),
                        "reporter_message": "Bedankt, uw melding is opgepakt." if status != SignalStatus.NEW else "",
                        "triage_due_on": local.date() + dt.timedelta(days=3),
                        # As the workflow keeps them, from the status changes below.
                        "picked_up_at": submitted if status != SignalStatus.NEW else None,
                        "closed_at": submitted if status == SignalStatus.CLOSED else None,
                        # Some signals are assigned to the municipality's triager (its first account).
                        "assigned_to_id": (
                            reporters[organisation.pk][0] if status != SignalStatus.NEW and rng.random() < 0.2 else None
                        ),
                        "outcome": "geen_aanwijzing" if status == SignalStatus.CLOSED else "",
                    }
                )
                self._add(
                    rows,
                    next_ids,
                    Signal.forms.through,
                    {"signal_id": signal_id, "exploitationform_id": rng.choice(forms).pk},
                )
                for indicator in rng.sample(indicators, rng.randrange(1, 4)):
                    self._add(
                        rows,
                        next_ids,
                        SignalIndicator,
                        {
                            "signal_id": signal_id,
                            "indicator_id": indicator.pk,
                            "code": indicator.code,
                            "label": indicator.label,
                            "group_label": indicator.group.label,
                            "critical": indicator.critical,
                            "revision": indicator.revision,
                        },
                    )
                self._add(
                    rows,
                    next_ids,
                    SignalStatusChange,
                    {
                        "signal_id": signal_id,
                        "from_status": "",
                        "to_status": SignalStatus.NEW,
                        "actor_id": reporter_id,
                        "reason": "",
                        "changed_at": submitted,
                    },
                )
                if status != SignalStatus.NEW:
                    self._add(
                        rows,
                        next_ids,
                        SignalStatusChange,
                        {
                            "signal_id": signal_id,
                            "from_status": SignalStatus.NEW,
                            "to_status": status,
                            "actor_id": reporter_id,
                            "reason": "",
                            "changed_at": submitted,
                        },
                    )
                audit_row = self._add(
                    rows,
                    next_ids,
                    AuditEvent,
                    {
                        "timestamp": submitted,
                        "actor_id": reporter_id,
                        "actor_username": "seed",
                        "organisation_id": organisation.pk,
                        "action": AuditAction.CREATE,
                        "object_type": "signalling.signal",
                        "object_id": str(signal_id),
                        "reason": "",
                        "request_id": "",
                        "ip_address": None,
                        "region_id": None,
                    },
                )
                chain(audit_row)
            with transaction.atomic():
                for model, model_rows in rows.items():
                    insert_rows(model, model_rows)
            made += size
            if made % 50000 == 0 or made == total:
                self.stdout.write(f"  {made} signals")
        ReferenceCounter.objects.bulk_create(
            [
                ReferenceCounter(organisation_id=org, year=year, last_value=value)
                for (org, year), value in counters.items()
            ],
            update_conflicts=True,
            unique_fields=["organisation", "year"],
            update_fields=["last_value"],
            batch_size=BATCH,
        )
        for key, last_id in last_ids.items():
            AuditChainHead.objects.update_or_create(
                chain=key, defaults={"last_event_id": last_id, "last_hash": heads[key]}
            )
        reset_sequences([Signal, SignalIndicator, SignalStatusChange, AuditEvent, Signal.forms.through])
        return made

    @staticmethod
    def _add(rows, next_ids, model, values: dict) -> dict:
        values["id"] = next_ids[model]
        next_ids[model] += 1
        rows[model].append(values)
        return values


def insert_rows(model, rows: list[dict]) -> None:
    """Plain bulk INSERT (COPY on PostgreSQL): the ORM's per-object bulk_create is too slow
    for millions of rows. The append-only audit trigger does not fire on INSERT."""
    if not rows:
        return
    columns = list(rows[0])
    fields = {field.attname: field for field in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(fields[c].column) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # psycopg adapts uuid, date and datetime values itself.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[c] for c in columns])
            return
        values = [[fields[c].get_db_prep_save(row[c], connection) for c in columns] for row in rows]
        # Table and column names come from the model's metadata and are quoted; values are parameters.
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        cursor.executemany(sql, values)


def reset_sequences(models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
