"""Rows of Casusoverleg for tests, the security matrix and the demo: made through the services,
so each carries its status history and audit rows."""

import datetime as dt

from django.utils import timezone

from baken.meetings import services

REFERRAL_VALUES = {
    "pseudonym": "Wilg 31",
    "referrer_name": "Wijkagent De Vries",
    "referrer_organisation": "Politie basisteam",
    "referrer_contact": "0900-8844",
    "full_name": "",
    "birth_date": None,
    "reason": "Jonge vrouw werkt in een nagelsalon en slaapt daar; eigenaar houdt haar paspoort.",
    "goal": "Gezamenlijk beeld en een plan voor veilige opvang.",
    "criteria": ["meerdere_leefgebieden", "mensenhandel_tafel"],
    "proposed_partners": "Veilig Thuis, opvang De Haven",
    "person_informed": False,
    "not_informed_reason": "Lopend strafrechtelijk onderzoek",
    "urgency": "hoog",
    "care_case_id": None,
}


def make_referral(actor, organisation, **overrides):
    return services.referral_register(actor=actor, organisation=organisation, values={**REFERRAL_VALUES, **overrides})


def make_scheduled(actor, organisation, **overrides):
    """An aanmelding through triage, planned for a Zorgtafel with `actor` as procesregisseur."""
    referral = make_referral(actor, organisation, **overrides)
    referral = services.referral_transition(actor=actor, referral=referral, target="in_triage")
    return services.triage_decide(
        actor=actor, referral=referral, decision="zorgtafel", rationale="Past bij de tafel", process_director=actor
    )


def make_meeting(actor, organisation, *, starts_at=None, meeting_type="zorgtafel"):
    starts_at = starts_at or timezone.now() + dt.timedelta(days=7)
    return services.meeting_plan(
        actor=actor,
        organisation=organisation,
        meeting_type=meeting_type,
        starts_at=starts_at,
        chair=actor,
        location="Stadhuis, kamer 2",
        minute_taker="Secretariaat ZVH",
    )


def make_attendee(actor, meeting, *, user=None, name="Inspecteur Bakker", organisation_name="Politie", basis="wgs"):
    return services.attendee_add(
        actor=actor,
        meeting=meeting,
        name=name,
        organisation_name=organisation_name,
        capacity="Wijkagent",
        legal_basis=basis,
        legal_basis_note="Convenant ZVH 2025" if basis in ("convenant", "anders") else "",
        user=user,
    )


def make_item(actor, organisation, *, meeting=None, **overrides):
    """A meeting of `organisation` with a planned aanmelding on its agenda."""
    meeting = meeting or make_meeting(actor, organisation)
    referral = make_scheduled(actor, organisation, **overrides)
    return services.agenda_item_add(actor=actor, meeting=meeting, referral=referral, person_invited=True)


def make_action(actor, item, *, owner_user=None):
    return services.action_add(
        actor=actor,
        item=item,
        description="Contact met de opvang over een plek",
        owner_organisation="Gemeente",
        owner_person="Zorgcoördinator",
        owner_user=owner_user,
        due_on=timezone.localdate() + dt.timedelta(days=14),
    )


def make_sharing(actor, item, attendee):
    return services.sharing_record(
        actor=actor, item=item, attendee=attendee, categories=["strafrechtelijk", "wonen"], legal_basis="wgs"
    )
