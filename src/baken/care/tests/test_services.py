"""The writes of Zorg: who may, the domain rules with Dutch errors, nothing half-saved, and the
audit log."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from baken.care import selectors, services
from baken.care.models import CareCase, CareNameReveal, CarePhase, CareProcedure, CareReferral
from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.testing.care import refer


def _audit(case, action):
    return AuditEvent.objects.filter(object_type="care.carecase", object_id=str(case.pk), action=action)


# --- from signal to trajectory ----------------------------------------------------------------


def test_accepting_a_handover_starts_a_case_in_intake_linked_to_the_signal(coordinator, handover):
    case = services.care_case_from_handover(actor=coordinator, handover=handover, accept=True, pseudonym=" Linde 14 ")
    assert case.status == CarePhase.INTAKE
    assert (case.signal, case.handover, case.organisation) == (handover.signal, handover, handover.organisation)
    assert case.pseudonym == "Linde 14" and case.full_name == ""
    assert case.confidentiality == Confidentiality.CONFIDENTIEEL
    assert case.registered_on == handover.shared_on and case.intake_on is not None
    assert case.reference == f"ZT-2026-{case.pk:05d}"
    assert [c.to_status for c in case.status_changes.all()] == [CarePhase.REGISTERED, CarePhase.INTAKE]
    assert _audit(case, "create").count() == 1
    assert selectors.pending_handovers(user=coordinator).count() == 0


def test_declining_needs_a_reason_which_the_aandachtsfunctionaris_sees(coordinator, triager, handover):
    with pytest.raises(ValidationError) as error:
        services.care_case_from_handover(actor=coordinator, handover=handover, accept=False, reason="  ")
    assert "reason" in error.value.message_dict
    assert not CareCase.objects.exists()
    case = services.care_case_from_handover(
        actor=coordinator, handover=handover, accept=False, reason="Woont in een andere regio"
    )
    assert case.status == CarePhase.NOT_TAKEN_ON and case.pseudonym
    assert selectors.care_status_for_signal(user=triager, signal=handover.signal) == {
        "phase": "Niet in behandeling",
        "declined": True,
        "decline_reason": "Woont in een andere regio",
    }


def test_a_handover_is_answered_once(coordinator, handover, case):
    with pytest.raises(ValidationError):
        services.care_case_from_handover(actor=coordinator, handover=handover, accept=True, pseudonym="Eik 10")
    assert CareCase.objects.count() == 1


def test_accepting_needs_a_pseudonym_and_a_short_reason(coordinator, handover):
    with pytest.raises(ValidationError) as error:
        services.care_case_from_handover(actor=coordinator, handover=handover, accept=True, pseudonym="")
    assert "pseudonym" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.care_case_from_handover(
            actor=coordinator, handover=handover, accept=True, pseudonym="x" * 61, reason="r" * 2001
        )
    assert {"pseudonym", "reason"} <= set(error.value.message_dict)
    assert not CareCase.objects.exists()


def test_only_a_zorgcoordinator_who_receives_the_handover_may_answer_it(
    make_user, triager, zuiderhaven, handover, regional_coordinator
):
    for outsider in (
        triager,
        make_user("zorgcoordinator", zuiderhaven, clearance=Confidentiality.GEHEIM),
        make_user("zorgcoordinator", handover.organisation, clearance=Confidentiality.INTERN),
    ):
        with pytest.raises(NotPermitted):
            services.care_case_from_handover(actor=outsider, handover=handover, accept=True, pseudonym="Eik 10")
    assert not CareCase.objects.exists()
    # The regional zorgcoördinator of the region does receive it.
    case = services.care_case_from_handover(
        actor=regional_coordinator, handover=handover, accept=True, pseudonym="Eik 10"
    )
    assert case.organisation == handover.organisation


def test_a_failed_handover_is_no_aanmelding(coordinator, make_handover):
    failed = make_handover(status="verzonden")
    from baken.coordination.services import escalation_update

    escalation_update(actor=failed.created_by, escalation=failed, status="mislukt", feedback="", feedback_on=None)
    assert not selectors.pending_handovers(user=coordinator).filter(pk=failed.pk).exists()


def test_an_aanmelding_from_outside_baken(coordinator, voorbeeld, zuiderhaven, triager):
    case = services.care_case_register(
        actor=coordinator,
        organisation=voorbeeld,
        source="fairwork",
        registered_on=dt.date(2026, 11, 20),
        pseudonym="Wilg 31",
        source_detail=" Spreekuur ",
        full_name="Maria Popescu",
    )
    assert case.status == CarePhase.REGISTERED and case.source_detail == "Spreekuur"
    assert case.responsible == coordinator and case.signal is None
    with pytest.raises(ValidationError) as error:
        services.care_case_register(
            actor=coordinator, organisation=voorbeeld, source="buren", registered_on=dt.date(2099, 1, 1), pseudonym=""
        )
    assert set(error.value.message_dict) == {"source", "registered_on", "pseudonym"}
    for actor, organisation in ((coordinator, zuiderhaven), (triager, voorbeeld)):
        with pytest.raises(NotPermitted):
            services.care_case_register(
                actor=actor,
                organisation=organisation,
                source="politie",
                registered_on=dt.date(2026, 11, 20),
                pseudonym="Es 1",
            )
    assert CareCase.objects.count() == 1


def test_transition_side_effects(coordinator, voorbeeld):
    case = services.care_case_register(
        actor=coordinator,
        organisation=voorbeeld,
        source="politie",
        registered_on=dt.date(2026, 11, 20),
        pseudonym="Es 1",
    )
    services.care_case_transition(actor=coordinator, case=case, target=CarePhase.INTAKE)
    case.refresh_from_db()
    assert case.intake_on is not None
    other = services.care_case_register(
        actor=coordinator, organisation=voorbeeld, source="zelf", registered_on=dt.date(2026, 11, 20), pseudonym="Es 2"
    )
    services.care_case_transition(
        actor=coordinator, case=other, target=CarePhase.NOT_TAKEN_ON, reason="Geen mensenhandel"
    )
    other.refresh_from_db()
    assert other.decline_reason == "Geen mensenhandel"


def test_transition_refused_to_others(make_user, zuiderhaven, case, triager):
    for outsider in (triager, make_user("zorgcoordinator", zuiderhaven, clearance=Confidentiality.GEHEIM)):
        with pytest.raises(NotPermitted):
            services.care_case_transition(actor=outsider, case=case, target=CarePhase.IN_PROGRESS)
    case.refresh_from_db()
    assert case.status == CarePhase.INTAKE


# --- the name ---------------------------------------------------------------------------------


def test_the_name_is_revealed_only_with_a_reason_and_audited(coordinator, make_user, case):
    assert not selectors.name_revealed(user=coordinator, case=case)
    with pytest.raises(ValidationError):
        services.care_name_reveal(actor=coordinator, case=case, reason="  ")
    with pytest.raises(ValidationError):
        services.care_name_reveal(actor=coordinator, case=case, reason="x" * 301)
    assert not CareNameReveal.objects.exists()
    services.care_name_reveal(actor=coordinator, case=case, reason="Rvb-aanvraag")
    assert selectors.name_revealed(user=coordinator, case=case)
    assert _audit(case, "view").filter(reason="naam getoond: Rvb-aanvraag", actor=coordinator).exists()
    # For that user, for a while: a colleague still sees the pseudonym, and so does the user later.
    colleague = make_user("zorgcoordinator", case.organisation, clearance=Confidentiality.CONFIDENTIEEL)
    assert not selectors.name_revealed(user=colleague, case=case)
    later = CareNameReveal.objects.get().revealed_at + dt.timedelta(minutes=selectors.REVEAL_MINUTES + 1)
    assert not selectors.name_revealed(user=coordinator, case=case, now=later)


def test_the_name_is_not_revealed_to_an_aandachtsfunctionaris(triager, case):
    with pytest.raises(NotPermitted):
        services.care_name_reveal(actor=triager, case=case, reason="Nieuwsgierig")
    assert not CareNameReveal.objects.exists()


# --- the shelter address ----------------------------------------------------------------------


def test_the_shelter_address_needs_geheim(coordinator, regional_coordinator, case):
    with pytest.raises(NotPermitted):
        services.care_shelter_address_set(actor=coordinator, case=case, address="Opvanglaan 1")
    with pytest.raises(ValidationError):
        services.care_shelter_address_set(actor=regional_coordinator, case=case, address="x" * 501)
    services.care_shelter_address_set(actor=regional_coordinator, case=case, address=" Opvanglaan 1 ")
    case.refresh_from_db()
    assert case.shelter_address == "Opvanglaan 1"
    event = _audit(case, "update").filter(actor=regional_coordinator).get()
    assert "Opvanglaan" not in event.reason


# --- procedures -------------------------------------------------------------------------------


def test_procedure_rules(coordinator, case, triager):
    with pytest.raises(ValidationError) as error:
        services.procedure_start(actor=coordinator, case=case, kind="maanstand", started_on=dt.date(2026, 11, 2))
    assert "kind" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.procedure_start(
            actor=coordinator, case=case, kind="plan_evaluatie", started_on=dt.date(2026, 11, 2), note="x" * 301
        )
    assert "note" in error.value.message_dict
    with pytest.raises(NotPermitted):
        services.procedure_start(actor=triager, case=case, kind="plan_evaluatie", started_on=dt.date(2026, 11, 2))
    assert not CareProcedure.objects.exists()
    CareCase.objects.filter(pk=case.pk).update(status=CarePhase.CLOSED)
    case.refresh_from_db()
    with pytest.raises(ValidationError):
        services.procedure_start(actor=coordinator, case=case, kind="plan_evaluatie", started_on=dt.date(2026, 11, 2))


def test_completing_a_procedure(coordinator, case, voorbeeld):
    procedure = services.procedure_start(
        actor=coordinator, case=case, kind="plan_evaluatie", started_on=dt.date(2026, 11, 20)
    )
    for done_on, outcome in (
        (dt.date(2026, 11, 19), ""),
        (dt.date(2099, 1, 1), ""),
        (dt.date(2026, 11, 21), "x" * 301),
    ):
        with pytest.raises(ValidationError):
            services.procedure_complete(
                actor=coordinator, case=case, procedure=procedure, done_on=done_on, outcome=outcome
            )
    services.procedure_complete(
        actor=coordinator, case=case, procedure=procedure, done_on=dt.date(2026, 11, 21), outcome=" Aangevraagd "
    )
    procedure.refresh_from_db()
    assert (procedure.done_on, procedure.outcome) == (dt.date(2026, 11, 21), "Aangevraagd")
    with pytest.raises(ValidationError):
        services.procedure_complete(actor=coordinator, case=case, procedure=procedure, done_on=dt.date(2026, 11, 22))
    other = services.care_case_register(
        actor=coordinator, organisation=voorbeeld, source="zelf", registered_on=dt.date(2026, 11, 20), pseudonym="Es 2"
    )
    with pytest.raises(NotPermitted):  # a procedure of another case
        services.procedure_complete(actor=coordinator, case=other, procedure=procedure, done_on=dt.date(2026, 11, 22))


def test_suggested_pseudonyms_are_words_and_numbers():
    word, number = services.suggest_pseudonym().split(" ")
    assert word in services.PSEUDONYM_WORDS and 10 <= int(number) <= 99


# --- referrals: a legal basis per transfer ----------------------------------------------------


def test_a_referral_is_refused_without_a_basis(coordinator, case, care_partner):
    with pytest.raises(ValidationError) as error:
        refer(coordinator, case, care_partner, legal_basis="")
    assert "legal_basis" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        refer(coordinator, case, care_partner, legal_basis="omdat_het_kan")
    assert "legal_basis" in error.value.message_dict
    assert not CareReferral.objects.exists()


def test_a_referral_without_a_basis_needs_an_explicit_override_which_is_audited(coordinator, case, care_partner):
    referral = refer(coordinator, case, care_partner, legal_basis="", override_reason=" Acute nood, later vastleggen ")
    assert (referral.legal_basis, referral.override_reason) == ("", "Acute nood, later vastleggen")
    event = AuditEvent.objects.get(object_type="care.carereferral", object_id=str(referral.pk))
    assert "geen grondslag: Acute nood" in event.reason


def test_a_referral_is_due_after_the_response_time_of_its_type(coordinator, case, care_partner):
    from baken.care.catalogue.loader import catalogue

    for code in ("medisch", "schadefonds"):
        referral = refer(coordinator, case, care_partner, service_type=code)
        days = catalogue().service_types[code].response_days
        assert referral.due_on == dt.date(2026, 11, 20) + dt.timedelta(days=days)
    assert catalogue().service_types["medisch"].response_days != catalogue().service_types["schadefonds"].response_days


def test_consent_is_signed_by_the_person_from_sixteen_and_by_parents_or_guardian_below(coordinator, case, care_partner):
    with pytest.raises(ValidationError) as error:
        refer(coordinator, case, care_partner, legal_basis="toestemming")
    assert "consent_signed_by" in error.value.message_dict
    CareCase.objects.filter(pk=case.pk).update(birth_date=dt.date(2010, 11, 21))  # 15 on 20 Nov 2026
    case.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        refer(coordinator, case, care_partner, legal_basis="toestemming", consent_signed_by="betrokkene")
    assert "consent_signed_by" in error.value.message_dict
    assert refer(coordinator, case, care_partner, legal_basis="toestemming", consent_signed_by="voogd")
    CareCase.objects.filter(pk=case.pk).update(birth_date=dt.date(2010, 11, 20))  # 16 that day
    case.refresh_from_db()
    with pytest.raises(ValidationError):
        refer(coordinator, case, care_partner, legal_basis="toestemming", consent_signed_by="ouders")
    assert refer(coordinator, case, care_partner, legal_basis="toestemming", consent_signed_by="betrokkene")
    with pytest.raises(ValidationError):  # a signer without consent as basis
        refer(coordinator, case, care_partner, legal_basis="publieke_taak", consent_signed_by="betrokkene")


def test_referral_input_errors_save_nothing(coordinator, case, care_partner, triager):
    for overrides, field in (
        ({"service_type": "kapper"}, "service_type"),
        ({"shared": "  "}, "shared"),
        ({"requested_on": dt.date(2099, 1, 1)}, "requested_on"),
        ({"legal_basis": "", "override_reason": "x" * 301}, "override_reason"),
    ):
        with pytest.raises(ValidationError) as error:
            refer(coordinator, case, care_partner, **overrides)
        assert field in error.value.message_dict
    with pytest.raises(NotPermitted):
        refer(triager, case, care_partner)
    assert not CareReferral.objects.exists()


def test_answering_a_referral_and_withdrawing_consent(coordinator, case, care_partner, voorbeeld):
    referral = refer(coordinator, case, care_partner)
    with pytest.raises(ValidationError):  # nothing filled in
        services.referral_update(actor=coordinator, case=case, referral=referral)
    with pytest.raises(ValidationError):  # before the referral
        services.referral_update(actor=coordinator, case=case, referral=referral, implemented_on=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError) as error:  # no consent to withdraw
        services.referral_update(
            actor=coordinator, case=case, referral=referral, consent_withdrawn_on=dt.date(2026, 11, 22)
        )
    assert "consent_withdrawn_on" in error.value.message_dict
    services.referral_update(
        actor=coordinator, case=case, referral=referral, implemented_on=dt.date(2026, 11, 22), outcome=" Intake "
    )
    referral.refresh_from_db()
    assert (referral.implemented_on, referral.outcome) == (dt.date(2026, 11, 22), "Intake")
    consent = refer(coordinator, case, care_partner, legal_basis="toestemming", consent_signed_by="betrokkene")
    services.referral_update(actor=coordinator, case=case, referral=consent, consent_withdrawn_on=dt.date(2026, 11, 25))
    consent.refresh_from_db()
    assert consent.consent_withdrawn_on == dt.date(2026, 11, 25)
    other = services.care_case_register(
        actor=coordinator, organisation=voorbeeld, source="zelf", registered_on=dt.date(2026, 11, 20), pseudonym="Es 2"
    )
    with pytest.raises(NotPermitted):
        services.referral_update(actor=coordinator, case=other, referral=consent, outcome="x")
