"""Fictional care trajectories for the demo municipalities, made through the same services as real
ones (so references, history, deadlines and audit are genuine). Every name is made up; lists show
only the pseudonyms. Deadlines fall in the coming weeks, relative to the day the demo is loaded."""

import datetime as dt

from django.utils import timezone

from baken.accounts.models import User
from baken.care import services
from baken.care.models import CareCase, CarePhase
from baken.coordination import services as coordination
from baken.partners.models import Partner, PartnerType
from baken.signalling.models import Signal

# pseudonym, fictional name, source, days ago registered, phases to walk,
# procedures (kind, days ago started, decision date in days or None)
DEMO_CASES = {
    "voorbeeld": [
        (
            "Linde 14",
            "Ioana Marinescu",
            "politie",
            40,
            [CarePhase.INTAKE, CarePhase.IN_PROGRESS],
            [("bedenktijd", 80, None), ("rvb_aanvraag", 3, None), ("plan_evaluatie", 85, None)],
        ),
        (
            "Berk 27",
            "Tomasz Nowak",
            "arbeidsinspectie",
            20,
            [CarePhase.INTAKE],
            [("rvb_aanvraag", 8, None), ("dublin_beoordeling", 15, None)],
        ),
        (
            "Wilg 31",
            "Precious Okafor",
            "fairwork",
            400,
            [CarePhase.INTAKE, CarePhase.IN_PROGRESS],
            [("b8_vergunning", 330, 40), ("opvang_einde", 60, 10)],
        ),
        ("Eik 52", "Sanne Willems", "zelf", 5, [], []),
    ],
    "zuiderhaven": [
        (
            "Hazelaar 18",
            "Elena Petrova",
            "kmar",
            30,
            [CarePhase.INTAKE, CarePhase.IN_PROGRESS],
            [("bedenktijd", 75, None), ("plan_evaluatie", 80, None)],
        ),
        (
            "Es 63",
            "Mihai Popa",
            "opvang",
            200,
            [CarePhase.INTAKE, CarePhase.IN_PROGRESS, CarePhase.AFTERCARE],
            [("plan_evaluatie", 90, None)],
        ),
    ],
}


def load_demo_care(organisation) -> int:
    if CareCase.objects.filter(organisation=organisation).exists():
        return 0
    coordinator = User.objects.get(username=f"zorgcoordinator-{organisation.slug}")
    today = timezone.localdate()
    made = 0
    for pseudonym, name, source, days_ago, phases, procedures in DEMO_CASES.get(organisation.slug, []):
        case = services.care_case_register(
            actor=coordinator,
            organisation=organisation,
            source=source,
            registered_on=today - dt.timedelta(days=days_ago),
            pseudonym=pseudonym,
            full_name=f"{name} (fictief)",
        )
        for phase in phases:
            case = services.care_case_transition(actor=coordinator, case=case, target=phase)
        for kind, started_ago, due_in in procedures:
            services.procedure_start(
                actor=coordinator,
                case=case,
                kind=kind,
                started_on=today - dt.timedelta(days=started_ago),
                due_on=today + dt.timedelta(days=due_in) if due_in is not None else None,
            )
        made += 1
    _hand_over_a_signal(organisation)
    return made


def _hand_over_a_signal(organisation) -> None:
    """The aandachtsfunctionaris hands the signal about the young woman at the counter to
    zorgcoördinatie: it waits in the zorgcoördinatoren's queue as an aanmelding."""
    triager = User.objects.get(username=f"aandachtsfunctionaris-{organisation.slug}")
    partner = (
        Partner.objects.filter(partner_type=PartnerType.CARE_COORDINATOR, organisation__region=organisation.region)
        .order_by("pk")
        .first()
    )
    signal = (
        Signal.objects.filter(organisation=organisation, channel="balie", forms__code="seksueel").order_by("pk").first()
    )
    if partner is None or signal is None:
        return
    coordination.escalation_create(
        actor=triager,
        signal=signal,
        partner=partner,
        channel="beveiligde_mail",
        purpose="Mogelijk slachtoffer van seksuele uitbuiting: opvang en begeleiding",
        legal_ground="wettelijke_taak",
        shared_fields=["reference", "observed_on", "people", "description"],
        shared_on=timezone.localdate() - dt.timedelta(days=1),
        status="verzonden",
    )
