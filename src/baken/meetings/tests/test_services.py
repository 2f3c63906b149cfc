"""The services' rules: each refusal is a Dutch error on the right field and saves nothing; each
write is audited; another municipality's rows are refused with NotPermitted (404)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.meetings import services
from baken.meetings.models import (
    AgendaItem,
    Attendee,
    CaseReferral,
    Meeting,
    MeetingAction,
    ReferralStatus,
    SharingLogEntry,
)
from baken.testing.meetings import (
    make_action,
    make_attendee,
    make_meeting,
    make_referral,
    make_scheduled,
)


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


# --- aanmelding -----------------------------------------------------------------------------------


def test_an_aanmelding_is_registered_in_phase_aangemeld_and_audited(coordinator, voorbeeld):
    referral = make_referral(coordinator, voorbeeld, full_name="  Ana Pop ", birth_date=dt.date(2001, 5, 1))
    assert referral.status == ReferralStatus.REGISTERED
    assert referral.reference == f"CO-{referral.received_at:%Y}-{referral.pk:05d}"
    assert referral.full_name == "Ana Pop" and referral.confidentiality == Confidentiality.CONFIDENTIEEL
    assert referral.status_changes.get().to_status == ReferralStatus.REGISTERED
    assert AuditEvent.objects.filter(action="create", object_type="meetings.casereferral", object_id=str(referral.pk))


def test_an_informed_person_needs_no_reason_and_keeps_none(coordinator, voorbeeld):
    referral = make_referral(coordinator, voorbeeld, person_informed=True, not_informed_reason="Iets")
    assert referral.person_informed and referral.not_informed_reason == ""


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"pseudonym": "  "}, "pseudonym"),
        ({"referrer_name": ""}, "referrer_name"),
        ({"referrer_organisation": ""}, "referrer_organisation"),
        ({"reason": " "}, "reason"),
        ({"goal": ""}, "goal"),
        ({"criteria": []}, "criteria"),
        ({"criteria": ["verzonnen"]}, "criteria"),
        ({"urgency": "morgen"}, "urgency"),
        ({"person_informed": False, "not_informed_reason": ""}, "not_informed_reason"),
        ({"birth_date": dt.date.today() + dt.timedelta(days=2)}, "birth_date"),
        ({"care_case_id": 987654}, "care_case_id"),
    ],
)
def test_a_bad_aanmelding_is_refused_and_saves_nothing(coordinator, voorbeeld, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        make_referral(coordinator, voorbeeld, **overrides)
    assert field in _errors(excinfo)
    assert not CaseReferral.objects.exists() and not AuditEvent.objects.filter(action="create").exists()


def test_a_link_to_a_visible_care_case_is_kept_as_an_id(coordinator, voorbeeld):
    from baken.care.services import care_case_register

    case = care_case_register(
        actor=coordinator,
        organisation=voorbeeld,
        source="politie",
        registered_on=dt.date(2026, 11, 20),
        pseudonym="Es 1",
    )
    referral = make_referral(coordinator, voorbeeld, care_case_id=case.pk)
    assert referral.care_case_id == case.pk


def test_a_care_case_of_another_municipality_cannot_be_linked(coordinator, other_coordinator, voorbeeld, zuiderhaven):
    from baken.care.services import care_case_register

    foreign = care_case_register(
        actor=other_coordinator,
        organisation=zuiderhaven,
        source="politie",
        registered_on=dt.date(2026, 11, 20),
        pseudonym="Es 2",
    )
    with pytest.raises(ValidationError) as excinfo:
        make_referral(coordinator, voorbeeld, care_case_id=foreign.pk)
    assert "care_case_id" in _errors(excinfo)


def test_only_who_runs_meetings_registers_for_an_own_municipality(coordinator, colleague, voorbeeld, zuiderhaven):
    with pytest.raises(NotPermitted):
        make_referral(colleague, voorbeeld)
    with pytest.raises(NotPermitted):
        make_referral(coordinator, zuiderhaven)
    assert not CaseReferral.objects.exists()


def test_a_regional_coordinator_registers_for_a_municipality_of_the_region(regional_coordinator, zuiderhaven):
    assert make_referral(regional_coordinator, zuiderhaven).organisation == zuiderhaven


# --- phases and triage ------------------------------------------------------------------------------


def test_another_municipality_cannot_move_an_aanmelding(other_coordinator, referral):
    with pytest.raises(NotPermitted):
        services.referral_transition(actor=other_coordinator, referral=referral, target="in_triage")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REGISTERED


def _in_triage(coordinator, referral):
    return services.referral_transition(actor=coordinator, referral=referral, target="in_triage")


@pytest.mark.parametrize(
    ("decision", "rationale", "director", "field"),
    [
        ("verzonnen", "Reden", "self", "decision"),
        ("ico", " ", "self", "rationale"),
        ("ico", "Reden", None, "process_director"),
        ("ico", "Reden", "colleague", "process_director"),
        ("zorgtafel", "Reden", "other", "process_director"),
    ],
)
def test_a_bad_triage_decision_is_refused(
    coordinator, colleague, other_coordinator, referral, decision, rationale, director, field
):
    referral = _in_triage(coordinator, referral)
    people = {"self": coordinator, "colleague": colleague, "other": other_coordinator, None: None}
    with pytest.raises(ValidationError) as excinfo:
        services.triage_decide(
            actor=coordinator,
            referral=referral,
            decision=decision,
            rationale=rationale,
            process_director=people[director],
        )
    assert field in _errors(excinfo)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_TRIAGE and referral.triage_decision == ""


def test_a_rejection_needs_no_procesregisseur(coordinator, referral):
    referral = _in_triage(coordinator, referral)
    services.triage_decide(
        actor=coordinator, referral=referral, decision="afgewezen", rationale="Geen ZVH-casus", process_director=None
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REJECTED


def test_only_an_aanmelding_in_triage_gets_a_decision(coordinator, referral):
    with pytest.raises(ValidationError) as excinfo:
        services.triage_decide(
            actor=coordinator, referral=referral, decision="ico", rationale="Reden", process_director=coordinator
        )
    assert "decision" in _errors(excinfo)


# --- meetings and attendees ---------------------------------------------------------------------------


def test_a_meeting_is_planned_and_audited(coordinator, voorbeeld):
    meeting = make_meeting(coordinator, voorbeeld)
    assert meeting.chair == coordinator and meeting.location == "Stadhuis, kamer 2"
    assert AuditEvent.objects.filter(action="create", object_type="meetings.meeting", object_id=str(meeting.pk))


def test_a_bad_meeting_is_refused(coordinator, colleague, voorbeeld, zuiderhaven):
    with pytest.raises(ValidationError) as excinfo:
        services.meeting_plan(
            actor=coordinator, organisation=voorbeeld, meeting_type="feest", starts_at=timezone.now(), chair=colleague
        )
    assert set(_errors(excinfo)) == {"meeting_type", "chair"}
    with pytest.raises(NotPermitted):
        make_meeting(coordinator, zuiderhaven)
    with pytest.raises(NotPermitted):
        make_meeting(colleague, voorbeeld)
    assert not Meeting.objects.exists()


def test_an_attendee_takes_part_on_a_legal_basis(coordinator, meeting, seat, colleague):
    assert seat.user == colleague and seat.legal_basis == "wgs"
    assert AuditEvent.objects.filter(action="create", object_type="meetings.attendee", object_id=str(seat.pk))
    convenant = make_attendee(coordinator, meeting, basis="convenant")
    assert convenant.legal_basis_note == "Convenant ZVH 2025"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"legal_basis": ""}, "legal_basis"),
        ({"legal_basis": "gevoel"}, "legal_basis"),
        ({"legal_basis": "anders", "legal_basis_note": ""}, "legal_basis_note"),
        ({"legal_basis_note": "x" * 301}, "legal_basis_note"),
        ({"name": " "}, "name"),
        ({"organisation_name": ""}, "organisation_name"),
        ({"capacity": ""}, "capacity"),
    ],
)
def test_an_attendee_without_a_legal_basis_is_refused(coordinator, meeting, changes, field):
    values = {
        "name": "Agent Bakker",
        "organisation_name": "Politie",
        "capacity": "Wijkagent",
        "legal_basis": "wgs",
        "legal_basis_note": "",
        **changes,
    }
    with pytest.raises(ValidationError) as excinfo:
        services.attendee_add(actor=coordinator, meeting=meeting, **values)
    assert field in _errors(excinfo)
    assert not Attendee.objects.exists()


def test_a_baken_attendee_is_of_the_municipality_or_its_region_and_sits_once(
    coordinator, meeting, seat, colleague, make_user, zuiderhaven, regional_coordinator
):
    stranger = make_user("aandachtsfunctionaris", zuiderhaven)
    retired = make_user("aandachtsfunctionaris", meeting.organisation, is_active=False)
    for user in (stranger, retired, colleague):
        with pytest.raises(ValidationError) as excinfo:
            make_attendee(coordinator, meeting, user=user)
        assert "user" in _errors(excinfo)
    assert make_attendee(coordinator, meeting, user=regional_coordinator).user == regional_coordinator
    assert meeting.attendees.count() == 2


def test_another_municipality_cannot_add_attendees(other_coordinator, meeting):
    with pytest.raises(NotPermitted):
        make_attendee(other_coordinator, meeting)


# --- agenda, sharing log, actions ----------------------------------------------------------------


def test_a_planned_aanmelding_goes_on_the_agenda_once(coordinator, voorbeeld, meeting, item):
    assert item.order == 1 and item.person_invited
    assert AuditEvent.objects.filter(action="create", object_type="meetings.agendaitem", object_id=str(item.pk))
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_add(actor=coordinator, meeting=meeting, referral=item.referral, person_invited=False)
    assert "referral" in _errors(excinfo)


def test_an_unplanned_or_foreign_aanmelding_stays_off_the_agenda(
    coordinator, regional_coordinator, voorbeeld, zuiderhaven, meeting, referral
):
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_add(actor=coordinator, meeting=meeting, referral=referral, person_invited=False)
    assert "referral" in _errors(excinfo)
    foreign = make_scheduled(regional_coordinator, zuiderhaven)
    with pytest.raises(ValidationError):
        services.agenda_item_add(actor=regional_coordinator, meeting=meeting, referral=foreign, person_invited=False)
    assert not AgendaItem.objects.exists()


def test_discussing_an_item_moves_the_aanmelding_to_besproken(coordinator, item):
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_discussed(actor=coordinator, item=item, person_attended=True, summary=" ")
    assert "summary" in _errors(excinfo)
    services.agenda_item_discussed(actor=coordinator, item=item, person_attended=True, summary="Plan afgesproken")
    item.refresh_from_db()
    item.referral.refresh_from_db()
    assert item.discussed_at and item.person_attended and item.referral.status == ReferralStatus.DISCUSSED
    with pytest.raises(ValidationError):
        services.agenda_item_discussed(actor=coordinator, item=item, person_attended=False, summary="Nog eens")


def test_the_sharing_log_records_categories_and_basis(coordinator, meeting, item, seat):
    entry = services.sharing_record(
        actor=coordinator,
        item=item,
        attendee=seat,
        categories=["wonen", "wonen", "gezondheid"],
        legal_basis="wgs",
        note=" Kort ",
    )
    assert entry.categories == ["wonen", "gezondheid"] and entry.source_organisation == "Gemeente Voorbeeld"
    assert entry.note == "Kort"
    assert AuditEvent.objects.filter(action="create", object_type="meetings.sharinglogentry", object_id=str(entry.pk))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"categories": []}, "categories"),
        ({"categories": ["geheimen"]}, "categories"),
        ({"legal_basis": ""}, "legal_basis"),
        ({"note": "x" * 301}, "note"),
        ({"attendee": "elsewhere"}, "attendee"),
    ],
)
def test_a_bad_sharing_log_entry_is_refused(coordinator, voorbeeld, item, seat, changes, field):
    values = {"attendee": seat, "categories": ["wonen"], "legal_basis": "wgs", "note": "", **changes}
    if values["attendee"] == "elsewhere":
        values["attendee"] = make_attendee(coordinator, make_meeting(coordinator, voorbeeld))
    with pytest.raises(ValidationError) as excinfo:
        services.sharing_record(actor=coordinator, item=item, **values)
    assert field in _errors(excinfo)
    assert not SharingLogEntry.objects.exists()


def test_an_action_is_agreed_and_its_result_recorded(coordinator, item, seat, colleague):
    action = make_action(coordinator, item, owner_user=colleague)
    assert action.status == "open"
    with pytest.raises(ValidationError) as excinfo:
        services.action_update(actor=coordinator, action=action, status="gereed", result=" ")
    assert "result" in _errors(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.action_update(actor=coordinator, action=action, status="half", result="x")
    assert "status" in _errors(excinfo)
    services.action_update(actor=coordinator, action=action, status="gereed", result="Plek gevonden")
    action.refresh_from_db()
    assert (action.status, action.result) == ("gereed", "Plek gevonden")
    assert AuditEvent.objects.filter(object_type="meetings.meetingaction", reason="status: gereed").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": ""}, "description"),
        ({"owner_organisation": " "}, "owner_organisation"),
        ({"owner_person": ""}, "owner_person"),
        ({"due_on": dt.date(2020, 1, 1)}, "due_on"),
        ({"owner_user": "stranger"}, "owner_user"),
    ],
)
def test_a_bad_action_is_refused(coordinator, item, colleague, changes, field):
    values = {
        "description": "Bellen",
        "owner_organisation": "Politie",
        "owner_person": "Agent",
        "due_on": timezone.localdate(),
        "owner_user": None,
        **changes,
    }
    if values["owner_user"] == "stranger":
        values["owner_user"] = colleague  # not an attendee of this meeting
    with pytest.raises(ValidationError) as excinfo:
        services.action_add(actor=coordinator, item=item, **values)
    assert field in _errors(excinfo)
    assert not MeetingAction.objects.exists()


def test_an_attendee_cannot_write(colleague, item, seat):
    with pytest.raises(NotPermitted):
        services.agenda_item_discussed(actor=colleague, item=item, person_attended=False, summary="Zelf")
    with pytest.raises(NotPermitted):
        services.sharing_record(actor=colleague, item=item, attendee=seat, categories=["wonen"], legal_basis="wgs")
