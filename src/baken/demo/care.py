"""Fictional care trajectories for the demo municipalities, made through the same services as real
ones (so references, history, deadlines and audit are genuine). Every name is made up; lists show
only the pseudonyms. Deadlines fall in the coming weeks, relative to the day the demo is loaded."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from baken.accounts.models import User
from baken.care import services
from baken.care.models import CareCase, CarePhase, CareProvider
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
            [("plan_evaluatie", 85, None)],
        ),
        (
            "Berk 27",
            "Tomasz Nowak",
            "arbeidsinspectie",
            20,
            [CarePhase.INTAKE],
            [],
        ),
        (
            "Wilg 31",
            "Precious Okafor",
            "fairwork",
            400,
            [CarePhase.INTAKE, CarePhase.IN_PROGRESS],
            [],  # the shelter stay (DEMO_EXTRAS) holds its planned end
        ),
        ("Eik 52", "Sanne Willems", "zelf", 5, [], []),
        (
            "Els 9",
            "Amira Haddad",
            "politie",
            420,
            [CarePhase.INTAKE, CarePhase.IN_PROGRESS, CarePhase.AFTERCARE],
            [],
        ),
    ],
    "zuiderhaven": [
        (
            "Hazelaar 18",
            "Elena Petrova",
            "kmar",
            30,
            [CarePhase.INTAKE, CarePhase.IN_PROGRESS],
            [("plan_evaluatie", 80, None)],
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


# pseudonym -> shelter (type, days ago started, planned end in days, cost per day),
# referrals (service type, days ago requested, answered), CoMensha (dossier type, form, sector)
DEMO_EXTRAS = {
    "Linde 14": (
        ("cosm", 38, 12, "115.00"),
        [("medisch", 30, True), ("ggz_trauma", 20, False), ("juridisch", 12, False)],
        ("registratie_opvang", "seksueel", "prostitutie"),
    ),
    "Berk 27": (
        ("mannenopvang", 18, 40, "92.50"),
        [("id_documenten", 15, False)],
        ("registratie", "arbeid", "landbouw"),
    ),
    "Wilg 31": (("vrouwenopvang", 300, 10, "98.00"), [("schadefonds", 90, False)], None),
    "Hazelaar 18": (("cosm", 28, 60, "115.00"), [("slachtofferhulp", 9, False)], None),
}


#: The legal track and income and insurance of some demo trajectories: (kind, first stand, days
#: ago, valid until in days or None, detail, [(next stand, days ago, valid until in days or None)]).
#: Their steps put the bedenktijd, Rvb and permit deadlines on the timeline.
DEMO_TRACKS = {
    "Linde 14": [
        ("bedenktijd", "aangeboden", 82, None, "Politie, eenheid Rotterdam", [("lopend", 80, None)]),
        ("aangifte", "in_overweging", 30, None, "", []),
        ("rvb", "recht_ontstaan", 3, None, "", []),
        ("zorgverzekering", "aangevraagd", 3, None, "Via de Rvb", []),
    ],
    "Berk 27": [
        ("aangifte", "aangifte_gedaan", 18, None, "Nederlandse Arbeidsinspectie", []),
        ("b8_vergunning", "aangevraagd_dublin", 15, None, "", []),
        ("rvb", "recht_ontstaan", 8, None, "", []),
    ],
    "Wilg 31": [
        ("b8_vergunning", "aangevraagd", 340, None, "", [("verleend", 330, 40)]),
        ("vervolging", "opsporing", 330, None, "OM, via de advocaat", [("zitting", 100, None)]),
        ("participatiewet", "aangevraagd", 300, None, "", [("toegekend", 280, None)]),
        ("zorgverzekering", "verzekerd", 300, None, "Basisverzekering", []),
    ],
    "Hazelaar 18": [
        ("bedenktijd", "lopend", 75, None, "KMar, Schiphol", []),
        ("rvb", "recht_ontstaan", 75, None, "", [("aangevraagd", 70, None), ("toegekend", 50, None)]),
    ],
}


def _demo_tracks(case, coordinator, today) -> None:
    def day(days_ago):
        return today - dt.timedelta(days=days_ago)

    def until(days):
        return today + dt.timedelta(days=days) if days is not None else None

    for kind, status, days_ago, valid_in, detail, steps in DEMO_TRACKS.get(case.pseudonym, []):
        track = services.track_start(
            actor=coordinator,
            case=case,
            kind=kind,
            status=status,
            on=day(days_ago),
            valid_until=until(valid_in),
            detail=detail,
        )
        for target, step_ago, step_valid_in in steps:
            track = services.track_step(
                actor=coordinator,
                case=case,
                track=track,
                target=target,
                on=day(step_ago),
                valid_until=until(step_valid_in),
            )


#: Care plans of some demo trajectories: (life domain, goal, [(action, who, due in days)]).
DEMO_PLANS = {
    "Linde 14": [
        (
            "huisvesting",
            "Een eigen kamer met een huurcontract na de opvang",
            [("Inschrijven bij de woningcorporatie", "de persoon, met de zorgcoördinator", 5)],
        ),
        (
            "inkomen",
            "Een eigen inkomen en een zorgverzekering",
            [("Rvb-aanvraag indienen bij het COA", "zorgcoördinator", 3), ("Bankrekening openen", "de persoon", 21)],
        ),
        ("psychisch", "Grip op slaap en angst", [("Intake bij de traumabehandelaar", "huisarts en de persoon", 12)]),
    ],
    "Hazelaar 18": [
        ("juridisch", "Een besluit over aangifte na de bedenktijd", [("Gesprek met de advocaat", "advocaat", 9)]),
    ],
}


def _demo_plan(case, coordinator, today) -> None:
    for domain, description, actions in DEMO_PLANS.get(case.pseudonym, []):
        goal = services.plan_goal_add(actor=coordinator, case=case, domain=domain, description=description)
        for action, owner, due_in in actions:
            services.plan_action_add(
                actor=coordinator,
                case=case,
                goal=goal,
                description=action,
                owner=owner,
                due_on=today + dt.timedelta(days=due_in),
            )


def _demo_extras(case, coordinator, organisation, today) -> None:
    extras = DEMO_EXTRAS.get(case.pseudonym)
    partner = Partner.objects.filter(organisation=organisation, active=True).order_by("id").first()
    if extras is None or partner is None:
        return
    shelter, referrals, comensha = extras
    kind, started_ago, end_in, cost = shelter
    services.shelter_place(
        actor=coordinator,
        case=case,
        shelter_type=kind,
        provider=partner,
        started_on=today - dt.timedelta(days=started_ago),
        planned_end_on=today + dt.timedelta(days=end_in),
        cost_per_day=Decimal(cost),
    )
    for service_type, requested_ago, answered in referrals:
        referral = services.referral_create(
            actor=coordinator,
            case=case,
            service_type=service_type,
            partner=partner,
            requested_on=today - dt.timedelta(days=requested_ago),
            shared="Schuilnaam, hulpvraag en taal (fictief)",
            legal_basis="publieke_taak",
        )
        if answered:
            services.referral_update(
                actor=coordinator, case=case, referral=referral, implemented_on=today, outcome="Intake gepland"
            )
    if comensha is not None:
        dossier_type, form, sector = comensha
        services.comensha_register(
            actor=coordinator,
            case=case,
            reported_on=case.registered_on,
            legal_basis="publieke_taak",
            dossier_type=dossier_type,
            exploitation_form=form,
            sector=sector,
        )


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
        _demo_extras(case, coordinator, organisation, today)
        _demo_plan(case, coordinator, today)
        _demo_tracks(case, coordinator, today)
        if case.status == CarePhase.AFTERCARE:
            # Waiting for a second zorgcoördinator (the regional one, in the demo).
            services.care_closure_propose(
                actor=coordinator,
                case=case,
                closure_reason="overgedragen_wijkteam",
                reason="Doelen van het plan bereikt; het wijkteam neemt de begeleiding over.",
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
    coordination.signal_transition(actor=triager, signal=signal, target="in_behandeling")
    coordination.signal_transition(actor=triager, signal=signal, target="zorgtraject")
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


#: The region's directory of shelter and care providers (fictional names and numbers).
DEMO_PROVIDERS = [
    {
        "name": "Opvang Het Anker (fictief)",
        "shelter_types": ["cosm", "vrouwenopvang"],
        "payer": "centrumgemeente_wmo",
        "target_groups": "vrouwen, ook met kinderen",
        "places": 8,
        "places_free": 1,
        "intake_conditions": "Aanmelding via de zorgcoördinator; 's nachts via het 24-uursnummer.",
        "phone_24h": "0800 0000 101",
        "phone": "010 000 0101",
        "languages": "Nederlands, Engels, Roemeens",
    },
    {
        "name": "Mannenopvang De Vaart (fictief)",
        "shelter_types": ["mannenopvang"],
        "payer": "centrumgemeente_wmo",
        "target_groups": "mannen, ook arbeidsmigranten",
        "places": 4,
        "places_free": 0,
        "intake_conditions": "Na een gesprek met de zorgcoördinator; geen acute verslaving.",
        "phone_24h": "0800 0000 102",
        "languages": "Nederlands, Engels, Pools",
    },
    {
        "name": "Traumazorg Kust (fictief)",
        "shelter_types": ["ambulant"],
        "payer": "gemeente_wmo",
        "target_groups": "volwassenen en jongeren vanaf 16",
        "intake_conditions": "Verwijzing door huisarts of zorgcoördinator.",
        "phone": "010 000 0103",
    },
]


def load_demo_providers(region) -> int:
    """The demo region's providers, kept by its regional zorgcoördinator."""
    if CareProvider.objects.filter(region=region).exists():
        return 0
    keeper = User.objects.get(username="zorgcoordinator-regio")
    for values in DEMO_PROVIDERS:
        services.provider_save(actor=keeper, provider=None, values={**values, "active": True})
    return len(DEMO_PROVIDERS)
