"""Two years of fictional, closed signals per demo municipality, so that the figures pages show
something (and the beleidsmaker sees some cells suppressed). Inserted in bulk rather than through
the intake: they stand for history from before the demo, so they carry no audit lines and no
status history (the status-change log is append-only and stamps its own time). Deterministic (a
seeded generator) and idempotent."""

import datetime as dt
import random
import uuid

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from baken.accounts.models import User
from baken.core.confidentiality import Confidentiality
from baken.signalling.catalogue.loader import catalogue_version
from baken.signalling.models import (
    Channel,
    ExploitationForm,
    MinorInvolved,
    ReferenceCounter,
    Signal,
    SignalOutcome,
    SignalStatus,
)
from baken.signalling.services import format_reference

#: Closed signals per municipality over the two years before today.
HISTORY_SIZE = {"voorbeeld": 160, "zuiderhaven": 70}
#: Days before today where history stops, so that it never mixes with the recent demo signals.
QUIET_DAYS = 30
CHANNEL_WEIGHTS = {
    Channel.DESK: 30,
    Channel.INSPECTION: 30,
    Channel.HOME_VISIT: 12,
    Channel.SCHOOL: 8,
    Channel.PHONE: 15,
    Channel.OTHER: 5,
}
FORM_WEIGHTS = {"arbeid": 45, "seksueel": 30, "crimineel": 15, "overig": 10}
OUTCOME_WEIGHTS = {
    SignalOutcome.NO_INDICATION: 35,
    SignalOutcome.REFERRED_DONE: 35,
    SignalOutcome.INSUFFICIENT: 20,
    SignalOutcome.OTHER_PROBLEM: 10,
}
NEIGHBOURHOODS = ["Centrum", "Havenkwartier", "Oost", "Noord", "Buitengebied", "Bedrijventerrein"]
TEXTS = [
    "Meerdere mensen lijken in een bedrijfspand te overnachten.",
    "Persoon aan de balie kon het eigen adres niet noemen; een begeleider hield de documenten vast.",
    "Werknemers worden vroeg in de ochtend met een volle bus gebracht en laat opgehaald.",
    "Advertentie biedt dag en nacht diensten aan op een woonadres.",
    "Jongere wordt na school steeds opgehaald door oudere jongens op een scooter.",
]


def load_demo_history(organisation) -> int:
    """Insert the history once: skipped when the municipality already has signals that old."""
    size = HISTORY_SIZE.get(organisation.slug, 0)
    today = timezone.localdate()
    start = today - dt.timedelta(days=730)
    if (
        not size
        or Signal.objects.filter(
            organisation=organisation, submitted_at__date__lt=today - dt.timedelta(days=QUIET_DAYS)
        ).exists()
    ):
        return 0
    rng = random.Random(f"baken-demo-history-{organisation.slug}")  # noqa: S311 (fictional data, not security)
    reporters = list(User.objects.filter(organisation=organisation, username__startswith="signaleerder-"))
    reporters += list(User.objects.filter(organisation=organisation, username__startswith="toezichthouder-"))
    triager = User.objects.filter(organisation=organisation, username__startswith="aandachtsfunctionaris-").first()
    forms = {form.code: form for form in ExploitationForm.objects.filter(code__in=FORM_WEIGHTS)}
    if not reporters or not triager or not forms:
        return 0
    version = catalogue_version()
    days = sorted(rng.randrange((today - start).days - QUIET_DAYS) for _ in range(size))
    with transaction.atomic():
        for day_offset in days:
            submitted = timezone.make_aware(
                dt.datetime.combine(
                    start + dt.timedelta(days=day_offset), dt.time(rng.randrange(8, 18), rng.randrange(60))
                )
            )
            year = submitted.year
            ReferenceCounter.objects.get_or_create(organisation=organisation, year=year)
            ReferenceCounter.objects.filter(organisation=organisation, year=year).update(last_value=F("last_value") + 1)
            sequence = ReferenceCounter.objects.get(organisation=organisation, year=year).last_value
            minor = rng.choices([MinorInvolved.NO, MinorInvolved.UNKNOWN, MinorInvolved.YES], [60, 30, 10])[0]
            form_code = rng.choices(list(FORM_WEIGHTS), list(FORM_WEIGHTS.values()))[0]
            signal = Signal.objects.create(
                organisation=organisation,
                reference=format_reference(organisation.cbs_code, year, sequence),
                year=year,
                sequence=sequence,
                reporter=rng.choice(reporters),
                submission_key=uuid.uuid4(),
                confidentiality=Confidentiality.VERTROUWELIJK,
                status=SignalStatus.CLOSED,
                is_urgent=minor == MinorInvolved.YES or rng.random() < 0.06,
                submitted_at=submitted,
                form_unknown=form_code not in forms,
                minor_involved=minor,
                catalogue_version=version,
                neighbourhood=rng.choice(NEIGHBOURHOODS),
                location_description="Adres uit de demo-historie (fictief)",
                observed_on=submitted.date(),
                channel=rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0],
                people_count=rng.randrange(1, 7),
                description=rng.choice(TEXTS),
                triage_due_on=submitted.date() + dt.timedelta(days=3),
                outcome=rng.choices(list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values()))[0],
                reporter_message="Bedankt. Uw melding is bekeken en afgerond.",
            )
            if form_code in forms:
                signal.forms.add(forms[form_code])
    return size
