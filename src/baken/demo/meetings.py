"""Fictional Casusoverleg for a demo municipality, made through the same services as real use: a
weekly triage with three aanmeldingen, and one Zorgtafel mensenhandel (held last week) with
attendees from the police, Veilig Thuis and a shelter, each on a legal basis, a sharing log and
agreed actions, one of them overdue. Every person is fictional and shown by a pseudonym."""

import datetime as dt

from django.utils import timezone

from baken.accounts.models import User
from baken.meetings import services
from baken.meetings.models import CaseReferral, MeetingAction

#: pseudonym, referrer, organisation, urgency, criteria, informed, why not
TRIAGE = [
    ("Hazelaar 12", "Wijkagent De Graaf", "Politie basisteam", "hoog", ["mensenhandel_tafel"], False,
     "Lopend strafrechtelijk onderzoek naar de werkgever."),
    ("Lariks 7", "Medewerker Veilig Thuis", "Veilig Thuis", "normaal", ["meerdere_leefgebieden", "impact_omgeving"],
     True, ""),
    ("Esdoorn 44", "Wijkteam Noord", "Wijkteam", "normaal", ["ketens_samen"], True, ""),
]  # fmt: skip


def _referral(coordinator, organisation, pseudonym, referrer, referrer_org, urgency, criteria, informed, why_not):
    return services.referral_register(
        actor=coordinator,
        organisation=organisation,
        values={
            "pseudonym": pseudonym,
            "referrer_name": referrer,
            "referrer_organisation": referrer_org,
            "referrer_contact": "(fictief)",
            "reason": "Fictieve casus voor de demo: meerdere signalen van uitbuiting en schulden.",
            "goal": "Een gezamenlijk beeld en afspraken over veiligheid, opvang en vervolging.",
            "criteria": criteria,
            "proposed_partners": "Politie, Veilig Thuis, opvang (fictieve contactgegevens)",
            "person_informed": informed,
            "not_informed_reason": why_not,
            "urgency": urgency,
        },
    )


def load_demo_meetings(organisation) -> int:
    """Returns the number of aanmeldingen made (0 when the municipality has them already)."""
    if CaseReferral.objects.filter(organisation=organisation).exists():
        return 0
    coordinator = User.objects.get(username=f"zorgcoordinator-{organisation.slug}")
    colleague = User.objects.get(username=f"aandachtsfunctionaris-{organisation.slug}")
    made = 0
    for row in TRIAGE:
        referral = _referral(coordinator, organisation, *row)
        services.referral_transition(actor=coordinator, referral=referral, target="in_triage")
        made += 1

    # Triaged two weeks ago, discussed at last week's Zorgtafel.
    referral = _referral(
        coordinator,
        organisation,
        "Wilg 31",
        "Wijkagent De Vries",
        "Politie basisteam",
        "hoog",
        ["mensenhandel_tafel", "meerdere_leefgebieden"],
        False,
        "Niet veilig: de vermoedelijke uitbuiter woont bij haar in.",
    )
    referral = services.referral_transition(actor=coordinator, referral=referral, target="in_triage")
    referral = services.triage_decide(
        actor=coordinator,
        referral=referral,
        decision="zorgtafel",
        rationale="Vermoeden van seksuele uitbuiting; politie, Veilig Thuis en opvang nodig.",
        process_director=coordinator,
    )
    made += 1
    meeting = services.meeting_plan(
        actor=coordinator,
        organisation=organisation,
        meeting_type="zorgtafel",
        starts_at=timezone.now() - dt.timedelta(days=7),
        chair=coordinator,
        location="Zorg- en Veiligheidshuis, zaal 2",
        minute_taker="Secretariaat ZVH (fictief)",
    )
    police = services.attendee_add(
        actor=coordinator,
        meeting=meeting,
        name="Inspecteur Kramer (fictief)",
        organisation_name="Politie, team mensenhandel",
        capacity="Rechercheur",
        legal_basis="wgs",
    )
    veilig_thuis = services.attendee_add(
        actor=coordinator,
        meeting=meeting,
        name="Mevrouw Dekker (fictief)",
        organisation_name="Veilig Thuis",
        capacity="Casemanager",
        legal_basis="convenant",
        legal_basis_note="Privacyconvenant Zorg- en Veiligheidshuis (fictief)",
    )
    shelter = services.attendee_add(
        actor=coordinator,
        meeting=meeting,
        name="De heer Yilmaz (fictief)",
        organisation_name="Opvang De Haven (fictief)",
        capacity="Begeleider",
        legal_basis="toestemming",
    )
    services.attendee_add(
        actor=coordinator,
        meeting=meeting,
        name=colleague.get_full_name() or colleague.username,
        organisation_name=organisation.name,
        capacity="Aandachtsfunctionaris mensenhandel",
        legal_basis="wgs",
        user=colleague,
    )
    item = services.agenda_item_add(actor=coordinator, meeting=meeting, referral=referral, person_invited=True)
    for attendee, categories, basis in (
        (police, ["strafrechtelijk", "verblijfsstatus"], "wgs"),
        (veilig_thuis, ["gezin", "gezondheid"], "convenant"),
        (shelter, ["wonen"], "toestemming"),
    ):
        services.sharing_record(
            actor=coordinator, item=item, attendee=attendee, categories=categories, legal_basis=basis
        )
    services.agenda_item_discussed(
        actor=coordinator,
        item=item,
        person_attended=False,
        summary="Beeld gedeeld; veilige opvang en een gesprek over aangifte afgesproken.",
    )
    services.agenda_item_analyse(
        actor=coordinator,
        item=item,
        values={
            "problem_domains": ["wonen", "verblijf", "werk", "veiligheid"],
            "risk_factors": "Slaapt op het werkadres; paspoort bij de werkgever; schuld voor reis en kamer.",
            "protective_factors": "Contact met een nicht in Utrecht; zoekt zelf hulp bij de huisarts.",
            "hypothesis": "aanwijzingen",
            "hypothesis_forms": ["arbeid"],
            "safety_level": "zorgelijk",
            "safety_note": "Werkgever controleert haar telefoon; alleen contact via de opvang afgesproken.",
        },
    )
    services.referral_transition(actor=coordinator, referral=referral, target="in_uitvoering")
    today = timezone.localdate()
    for description, owner_org, person, user, due_in in (
        ("Plek in de categorale opvang regelen", "Opvang De Haven (fictief)", "De heer Yilmaz", None, 3),
        ("Gesprek over aangifte voorbereiden", "Politie, team mensenhandel", "Inspecteur Kramer", None, 10),
        # The aandachtsfunctionaris attends, but at vertrouwelijk may not see this confidentiële
        # case: no task in Baken for them (services.action_add refuses it), the chair follows it up.
        ("Signalen uit de melding naast het beeld leggen", organisation.name, "Aandachtsfunctionaris", None, 1),
    ):
        services.action_add(
            actor=coordinator,
            item=item,
            description=description,
            owner_organisation=owner_org,
            owner_person=person,
            owner_user=user,
            due_on=today + dt.timedelta(days=due_in),
        )
    # One action agreed at the table a week ago is overdue: the service refuses a due date in the
    # past, so the demo moves it back after the fact (fictional data only).
    overdue = MeetingAction.objects.filter(agenda_item=item).order_by("id").first()
    MeetingAction.objects.filter(pk=overdue.pk).update(due_on=today - dt.timedelta(days=2))
    return made
