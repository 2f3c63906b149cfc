"""Builds referrals, shelter placements, CoMensha registrations and phase steps of care cases
for tests, through the services."""

import datetime as dt


def refer(actor, case, partner, **overrides):
    from baken.care.services import referral_create

    values = {
        "service_type": "medisch",
        "partner": partner,
        "requested_on": dt.date(2026, 11, 20),
        "shared": "Naam en hulpvraag",
        "legal_basis": "publieke_taak",
    }
    return referral_create(actor=actor, case=case, **(values | overrides))


def place(actor, case, partner, **overrides):
    from baken.care.services import shelter_place

    values = {"shelter_type": "cosm", "provider": partner, "started_on": dt.date(2026, 11, 1)}
    return shelter_place(actor=actor, case=case, **(values | overrides))


def registration_values(**overrides) -> dict:
    values = {
        "reported_on": dt.date(2026, 11, 25),
        "legal_basis": "publieke_taak",
        "dossier_type": "registratie_opvang",
        "exploitation_form": "arbeid",
        "sector": "landbouw",
    }
    return values | overrides


def register(actor, case, **overrides):
    from baken.care.services import comensha_register

    return comensha_register(actor=actor, case=case, **registration_values(**overrides))


def move_to(actor, case, *targets, approver=None):
    """Take the case through the given phases in turn. Closing uses the catalogue's first reason;
    where the region asks for four eyes, `actor` proposes and `approver` approves."""
    from baken.care.catalogue.loader import catalogue
    from baken.care.models import CarePhase
    from baken.care.selectors import closure_needs_approval
    from baken.care.services import care_case_transition, care_closure_decide, care_closure_propose

    closure_reason = next(iter(catalogue().closure_reasons))
    for target in targets:
        if target == CarePhase.CLOSED and closure_needs_approval(case):
            if approver is None:
                raise ValueError("closing this case needs an approver")
            request = care_closure_propose(actor=actor, case=case, closure_reason=closure_reason, reason="Test")
            care_closure_decide(actor=approver, case=case, request=request, approve=True)
            case.refresh_from_db()
            continue
        extra = {"closure_reason": closure_reason} if target == CarePhase.CLOSED else {}
        case = care_case_transition(actor=actor, case=case, target=target, reason="Test", **extra)
    return case
