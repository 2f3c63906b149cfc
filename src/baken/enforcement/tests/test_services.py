"""The rules of Handhaven's services: who may act, what is refused with which Dutch message,
what is computed from the catalogue, and that each change is audited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.enforcement import services
from baken.enforcement.models import (
    CaseStatus,
    EnforcementCase,
    Finding,
    Inspection,
    InspectionStatus,
    Location,
    Measure,
    MeasureStatus,
)
from baken.enforcement.services import InspectionRecord, MeasureStep
from baken.enforcement.tests.conftest import location_input

TODAY = timezone.localdate


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


# --- locations -----------------------------------------------------------------------------------


def test_registering_a_location_cleans_and_audits(inspector):
    location = services.location_save(
        actor=inspector, location=None, data=location_input(postcode="9901ab", kvk_number="1234 5678", bag_id="")
    )
    assert location.postcode == "9901 AB"
    assert location.kvk_number == "12345678"
    assert location.organisation == inspector.organisation
    assert AuditEvent.objects.filter(object_type="enforcement.location", object_id=str(location.pk)).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "0123 AB", "geen geldige Nederlandse postcode"),
        ("house_number", "0", "begint met een cijfer"),
        ("kvk_number", "1234567", "precies acht cijfers"),
        ("bag_id", "12345", "zestien cijfers"),
        ("street", " ", "straat"),
        ("city", "", "plaats"),
        ("object_type", "kasteel", "soort object"),
        ("registered_residents", 1000, "tussen 0 en 999"),
    ],
)
def test_bad_location_input_is_refused_in_dutch_and_saves_nothing(inspector, field, value, message):
    with pytest.raises(ValidationError) as excinfo:
        services.location_save(actor=inspector, location=None, data=location_input(**{field: value}))
    assert message in " ".join(_errors(excinfo)[field])
    assert not Location.objects.exists()


def test_an_address_is_registered_once(inspector, location):
    with pytest.raises(ValidationError) as excinfo:
        services.location_save(actor=inspector, location=None, data=location_input(house_number="14"))
    assert "al in het register" in _errors(excinfo)["house_number"][0]
    # Saving the location itself again is not a duplicate of itself.
    same = services.location_save(actor=inspector, location=location, data=location_input(name="Nieuwe naam"))
    assert same.name == "Nieuwe naam"


def test_only_enforcers_of_the_municipality_register(
    signaleerder, triager, inspector, location, make_user, zuiderhaven
):
    for outsider in (signaleerder, triager):
        with pytest.raises(NotPermitted):
            services.location_save(actor=outsider, location=None, data=location_input(house_number="2"))
    foreign = make_user("toezichthouder", zuiderhaven, clearance=8)
    with pytest.raises(NotPermitted):
        services.location_save(actor=foreign, location=location, data=location_input())


def test_parties_and_licences(inspector, jurist, location):
    party = services.party_add(actor=jurist, location=location, role="verhuurder", name=" Flex B.V. ", kvk_number="")
    assert party.name == "Flex B.V."
    with pytest.raises(ValidationError) as excinfo:
        services.party_add(actor=inspector, location=location, role="baas", name="", kvk_number="12")
    assert set(_errors(excinfo)) == {"role", "name", "kvk_number"}
    licence = services.licence_add(
        actor=inspector, location=location, kind="apv_seksbedrijf", number=" 2026-17 ", valid_until=dt.date(2027, 1, 1)
    )
    assert licence.number == "2026-17"
    with pytest.raises(ValidationError):
        services.licence_add(actor=inspector, location=location, kind="rijbewijs")
    assert location.licences.count() == 1


# --- cases ------------------------------------------------------------------------------------------


def test_a_case_opens_under_supervision_at_zaakvertrouwelijk(inspector, location):
    case = services.case_open(actor=inspector, location=location, theme="mensenhandel", reason="politie")
    assert case.status == CaseStatus.SUPERVISION
    assert case.confidentiality == Confidentiality.ZAAKVERTROUWELIJK
    assert case.reference == f"HH-{TODAY().year}-{case.pk:05d}"
    assert case.status_changes.get().to_status == CaseStatus.SUPERVISION


def test_case_input_is_checked(inspector, location, triager):
    with pytest.raises(ValidationError) as excinfo:
        services.case_open(
            actor=inspector,
            location=location,
            theme="x",
            reason="y",
            opened_on=TODAY() + dt.timedelta(days=1),
        )
    assert set(_errors(excinfo)) == {"theme", "reason", "opened_on"}
    with pytest.raises(NotPermitted):
        services.case_open(actor=triager, location=location, theme="mensenhandel", reason="politie")


def test_linking_a_trafficking_signal_raises_the_case_to_vertrouwelijk(triager, inspector, case, signal, make_user):
    services.case_link_signal(actor=triager, case=case, signal=signal)
    case.refresh_from_db()
    assert case.signal == signal
    assert case.confidentiality == Confidentiality.VERTROUWELIJK
    low = make_user("toezichthouder", case.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    assert not EnforcementCase.objects.filter(pk=case.pk).filter(
        pk__in=__import__("baken.core.access", fromlist=["policy_for"])
        .policy_for(EnforcementCase)
        .rows_for(low, "view")
    )
    with pytest.raises(NotPermitted):
        services.case_link_signal(actor=inspector, case=case, signal=signal)  # may not triage the signal


def test_closing_a_case(inspector, case):
    with pytest.raises(ValidationError) as excinfo:
        services.case_transition(actor=inspector, case=case, target=CaseStatus.CLOSED)
    assert "reden van afsluiten" in _errors(excinfo)["closure"][0]
    services.case_transition(actor=inspector, case=case, target=CaseStatus.CLOSED, closure="geen_overtreding")
    case.refresh_from_db()
    assert (case.status, case.closure) == (CaseStatus.CLOSED, "geen_overtreding")
    with pytest.raises(ValidationError):
        services.case_transition(actor=inspector, case=case, target=CaseStatus.SUPERVISION)  # needs a reason
    services.case_transition(actor=inspector, case=case, target=CaseStatus.SUPERVISION, reason="Nieuw signaal")
    case.refresh_from_db()
    assert (case.status, case.closure) == (CaseStatus.SUPERVISION, "")


def test_a_case_with_a_running_measure_does_not_close(inspector, case):
    services.measure_start(actor=inspector, case=case, intent_type="voornemen_lod", addressees="X", sent_on=TODAY())
    with pytest.raises(ValidationError, match="lopende maatregelen"):
        services.case_transition(actor=inspector, case=case, target=CaseStatus.CLOSED, closure="resultaat")


# --- inspections ------------------------------------------------------------------------------------------


def _record(**overrides) -> InspectionRecord:
    values = {
        "performed_at": timezone.now() - dt.timedelta(hours=1),
        "situation": "toegang_verleend",
        "outcome": "overtreding",
        "people_present": 6,
        "observed_residents": 9,
        "checklist": {"snf_oppervlakte": "nee", "brandveiligheid": "ja", "wgv_huurcontract": ""},
        "notes": " Matrassen op zolder ",
        "team": "Tom (gemeente), Ilse (NLA)",
    }
    return InspectionRecord(**(values | overrides))


def test_planning_needs_a_time_and_an_open_case(inspector, jurist, case):
    with pytest.raises(ValidationError):
        services.inspection_plan(actor=inspector, case=case, planned_for=None)
    with pytest.raises(NotPermitted):
        services.inspection_plan(actor=jurist, case=case, planned_for=timezone.now())
    services.case_transition(actor=inspector, case=case, target=CaseStatus.CLOSED, closure="geen_overtreding")
    with pytest.raises(ValidationError, match="afgesloten"):
        services.inspection_plan(actor=inspector, case=case, planned_for=timezone.now())


def test_recording_an_inspection_updates_the_register(inspector, inspection, location):
    services.inspection_record(actor=inspector, inspection=inspection, data=_record())
    inspection.refresh_from_db()
    location.refresh_from_db()
    assert inspection.status == InspectionStatus.DONE
    assert inspection.checklist == {"snf_oppervlakte": "nee", "brandveiligheid": "ja"}
    assert inspection.notes == "Matrassen op zolder"
    assert inspection.team == "Tom (gemeente), Ilse (NLA)"
    assert inspection.recorded_by == inspector
    assert location.observed_residents == 9
    # Recorded again without counts: the register keeps what was seen.
    services.inspection_record(actor=inspector, inspection=inspection, data=_record(observed_residents=None, team=""))
    location.refresh_from_db()
    inspection.refresh_from_db()
    assert location.observed_residents == 9
    assert inspection.team == "Tom (gemeente), Ilse (NLA)"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"performed_at": None}, "performed_at"),
        ({"performed_at": timezone.now() + dt.timedelta(days=1)}, "performed_at"),
        ({"situation": "feest"}, "situation"),
        ({"outcome": "boete"}, "outcome"),
        ({"people_present": 1000}, "people_present"),
        ({"checklist": {"apv_vergunning": "ja"}}, "checklist"),  # not on a logies checklist
        ({"checklist": {"brandveiligheid": "misschien"}}, "checklist"),
    ],
)
def test_bad_inspection_records_change_nothing(inspector, inspection, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        services.inspection_record(actor=inspector, inspection=inspection, data=_record(**overrides))
    assert field in _errors(excinfo)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.PLANNED


def test_a_cancelled_inspection_is_not_recorded(inspector, jurist, inspection):
    with pytest.raises(NotPermitted):
        services.inspection_record(actor=jurist, inspection=inspection, data=_record())
    Inspection.objects.filter(pk=inspection.pk).update(status=InspectionStatus.CANCELLED)
    with pytest.raises(ValidationError, match="geannuleerd"):
        services.inspection_record(actor=inspector, inspection=inspection, data=_record())


def test_findings(inspector, inspection):
    finding = services.finding_add(
        actor=inspector, inspection=inspection, description="12 bedden", checklist_code="snf_oppervlakte"
    )
    assert finding.norm.startswith("≥ 10 m²")  # the norm of the checklist item
    free = services.finding_add(actor=inspector, inspection=inspection, description="Geen rookmelders", norm="Bbl 6.21")
    assert free.norm == "Bbl 6.21"
    with pytest.raises(ValidationError) as excinfo:
        services.finding_add(actor=inspector, inspection=inspection, description=" ", checklist_code="apv_vergunning")
    assert set(_errors(excinfo)) == {"description", "checklist_code"}


# --- measures ------------------------------------------------------------------------------------------------


@pytest.fixture
def finding(inspector, inspection):
    return services.finding_add(actor=inspector, inspection=inspection, description="Te veel bewoners")


@pytest.fixture
def measure(inspector, case, finding):
    return services.measure_start(
        actor=inspector,
        case=case,
        intent_type="voornemen_lod",
        addressees="Verhuurder",
        sent_on=dt.date(2025, 11, 2),
        finding=finding,
    )


def test_a_voornemen_starts_the_track_with_its_zienswijze_term(measure, case):
    assert measure.status == MeasureStatus.INTENT
    assert measure.view_due_on == dt.date(2025, 11, 16)  # 14 days, from the catalogue
    assert measure.catalogue_version
    case.refresh_from_db()
    assert case.status == CaseStatus.ENFORCEMENT
    assert case.status_changes.last().to_status == CaseStatus.ENFORCEMENT


def test_the_letter_may_state_its_own_term(jurist, case, measure):
    second = services.measure_start(
        actor=jurist,
        case=case,
        intent_type="waarschuwing",
        addressees="Eigenaar",
        sent_on=dt.date(2025, 11, 2),
        view_days=21,
    )
    assert second.view_due_on == dt.date(2025, 11, 23)


def test_voornemen_input(inspector, case, make_user):
    other_case = services.case_open(actor=inspector, location=case.location, theme="mensenhandel", reason="riec")
    other_inspection = services.inspection_plan(actor=inspector, case=other_case, planned_for=timezone.now())
    stray = Finding.objects.create(inspection=other_inspection, description="x", created_by=inspector)
    with pytest.raises(ValidationError) as excinfo:
        services.measure_start(
            actor=inspector,
            case=case,
            intent_type="boete",
            addressees=" ",
            sent_on=TODAY() + dt.timedelta(days=1),
            view_days=0,
            finding=stray,
        )
    assert set(_errors(excinfo)) == {"intent_type", "addressees", "sent_on", "view_days", "finding"}
    with pytest.raises(ValidationError) as excinfo:
        services.measure_start(actor=inspector, case=case, intent_type="waarschuwing", addressees="X", sent_on=None)
    assert "sent_on" in _errors(excinfo)
    outsider = make_user("signaleerder", case.organisation)
    with pytest.raises(NotPermitted):
        services.measure_start(actor=outsider, case=case, intent_type="waarschuwing", addressees="X", sent_on=TODAY())
    assert not Measure.objects.exists()


def _decide(measure, actor, **overrides):
    values = {
        "target": MeasureStatus.DECISION,
        "decision_type": "lod",
        "decided_on": dt.date(2025, 11, 20),
        "compliance_due_on": dt.date(2025, 12, 4),
        "amount_per_unit": Decimal("500"),
        "amount_unit": "per week per woning",
        "amount_maximum": Decimal("5000"),
    }
    return services.measure_step(actor=actor, measure=measure, data=MeasureStep(**(values | overrides)))


def test_the_whole_track_with_its_deadlines(jurist, measure):
    with pytest.raises(ValidationError) as excinfo:
        services.measure_step(actor=jurist, measure=measure, data=MeasureStep(target=MeasureStatus.VIEW_RECEIVED))
    assert "view_summary" in _errors(excinfo)
    services.measure_step(
        actor=jurist,
        measure=measure,
        data=MeasureStep(target=MeasureStatus.VIEW_RECEIVED, view_summary="Verhuurder zoekt ander onderkomen"),
    )
    _decide(measure, jurist)
    measure.refresh_from_db()
    assert measure.legal_basis.startswith("Art. 5:32 Awb")
    assert measure.amount_maximum == Decimal("5000")
    services.measure_step(actor=jurist, measure=measure, data=MeasureStep(target=MeasureStatus.RECHECK))
    with pytest.raises(ValidationError, match="begunstigingstermijn"):
        services.measure_step(
            actor=jurist,
            measure=measure,
            data=MeasureStep(target=MeasureStatus.FORFEITED, forfeited_on=dt.date(2025, 12, 4)),
        )
    with pytest.raises(ValidationError):
        services.measure_step(actor=jurist, measure=measure, data=MeasureStep(target=MeasureStatus.FORFEITED))
    with pytest.raises(ValidationError, match="toekomst"):
        services.measure_step(
            actor=jurist,
            measure=measure,
            data=MeasureStep(target=MeasureStatus.FORFEITED, forfeited_on=TODAY() + dt.timedelta(days=1)),
        )
    services.measure_step(
        actor=jurist,
        measure=measure,
        data=MeasureStep(target=MeasureStatus.FORFEITED, forfeited_on=dt.date(2025, 12, 5)),
    )
    measure.refresh_from_db()
    assert measure.payment_due_on == dt.date(2026, 1, 16)  # six weeks
    assert measure.collection_lapses_on == dt.date(2026, 12, 5)  # one year
    assert [change.to_status for change in measure.status_changes.all()] == [
        MeasureStatus.INTENT,
        MeasureStatus.VIEW_RECEIVED,
        MeasureStatus.DECISION,
        MeasureStatus.RECHECK,
        MeasureStatus.FORFEITED,
    ]


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        (
            {"decision_type": "", "decided_on": None, "compliance_due_on": None},
            {"decision_type", "decided_on", "compliance_due_on"},
        ),
        (
            {"decided_on": TODAY() + dt.timedelta(days=2), "compliance_due_on": TODAY() + dt.timedelta(days=30)},
            {"decided_on"},
        ),
        ({"compliance_due_on": dt.date(2025, 11, 20)}, {"compliance_due_on"}),
        (
            {"amount_per_unit": None, "amount_unit": "", "amount_maximum": None},
            {"amount_per_unit", "amount_unit", "amount_maximum"},
        ),
        ({"amount_maximum": Decimal("100")}, {"amount_maximum"}),
    ],
)
def test_a_decision_needs_what_the_law_asks(jurist, measure, overrides, fields):
    with pytest.raises(ValidationError) as excinfo:
        _decide(measure, jurist, **overrides)
    assert set(_errors(excinfo)) == fields
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.INTENT


def test_only_a_penalty_forfeits(jurist, measure):
    _decide(measure, jurist, decision_type="sluiting_174a_a", amount_per_unit=Decimal("1"))
    measure.refresh_from_db()
    assert measure.amount_per_unit is None and measure.legal_basis.startswith("Art. 174a")
    services.measure_step(actor=jurist, measure=measure, data=MeasureStep(target=MeasureStatus.RECHECK))
    with pytest.raises(ValidationError, match="Alleen een dwangsom"):
        services.measure_step(
            actor=jurist,
            measure=measure,
            data=MeasureStep(target=MeasureStatus.FORFEITED, forfeited_on=dt.date(2025, 12, 5)),
        )


def test_renouncing_needs_a_reason_and_a_step_must_exist(jurist, measure, signaleerder):
    with pytest.raises(ValidationError):
        services.measure_step(actor=jurist, measure=measure, data=MeasureStep(target=MeasureStatus.RENOUNCED))
    with pytest.raises(ValidationError, match="geen toegestane stap"):
        services.measure_step(actor=jurist, measure=measure, data=MeasureStep(target=MeasureStatus.COMPLIED))
    with pytest.raises(NotPermitted):
        services.measure_step(
            actor=signaleerder, measure=measure, data=MeasureStep(target=MeasureStatus.RENOUNCED, reason="x")
        )
    services.measure_step(
        actor=jurist, measure=measure, data=MeasureStep(target=MeasureStatus.RENOUNCED, reason="Gelegaliseerd")
    )
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.RENOUNCED
