"""Closing a trajectory with four eyes: one zorgcoördinator proposes, a second one approves or
refuses; the region can agree to close without a second one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.care import selectors, services
from baken.care.models import CareClosureRequest, CareClosureRequestChange, CarePhase, CareRegionSetting
from baken.care.models import ClosureRequestStatus as S
from baken.care.workflow import CLOSURE_REQUEST_WORKFLOW
from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent, Notification
from baken.testing.care import move_to

REASON = "overgedragen_wijkteam"


@pytest.fixture
def colleague(make_user, voorbeeld):
    return make_user("zorgcoordinator", voorbeeld, clearance=Confidentiality.CONFIDENTIEEL, username="cas")


@pytest.fixture
def in_aftercare(coordinator, case):
    return move_to(coordinator, case, CarePhase.IN_PROGRESS, CarePhase.AFTERCARE)


def _propose(actor, case, **overrides):
    values = {"closure_reason": REASON, "reason": "Doelen bereikt; wijkteam neemt over"} | overrides
    return services.care_closure_propose(actor=actor, case=case, **values)


def test_the_table_of_a_proposal():
    assert CLOSURE_REQUEST_WORKFLOW.initial_states() == [S.PENDING]
    assert [s for s in S.values if CLOSURE_REQUEST_WORKFLOW.is_open(s)] == [S.PENDING]
    assert CLOSURE_REQUEST_WORKFLOW.find(S.PENDING, S.LAPSED) is None  # only the system lets it lapse
    assert CLOSURE_REQUEST_WORKFLOW.find(S.PENDING, S.LAPSED, system=True) is not None
    assert CLOSURE_REQUEST_WORKFLOW.find(S.PENDING, S.REFUSED).reason_required


def test_by_default_closing_waits_for_a_second_coordinator(coordinator, colleague, regional_coordinator, in_aftercare):
    assert selectors.closure_needs_approval(in_aftercare)
    with pytest.raises(ValidationError) as error:
        services.care_case_transition(
            actor=coordinator, case=in_aftercare, target=CarePhase.CLOSED, reason="Klaar", closure_reason=REASON
        )
    assert "tweede zorgcoördinator" in str(error.value)
    request = _propose(coordinator, in_aftercare)
    in_aftercare.refresh_from_db()
    assert in_aftercare.status == CarePhase.AFTERCARE and request.status == S.PENDING
    # The colleague (and the regional zorgcoördinator) are told; the proposer is not.
    told = Notification.objects.filter(subject=f"care.careclosurerequest:{request.pk}")
    assert set(told.values_list("recipient__username", flat=True)) == {"cas", "ruben"}
    assert list(selectors.closures_to_approve(user=colleague)) == [request]
    assert not selectors.closures_to_approve(user=coordinator).exists()

    services.care_closure_decide(actor=colleague, case=in_aftercare, request=request, approve=True)
    in_aftercare.refresh_from_db()
    request.refresh_from_db()
    assert in_aftercare.status == CarePhase.CLOSED and in_aftercare.closure_reason == REASON
    assert in_aftercare.closed_on is not None
    assert (request.status, request.decided_by) == (S.APPROVED, colleague)
    last = in_aftercare.status_changes.last()
    assert (last.to_status, last.actor, last.reason) == (CarePhase.CLOSED, colleague, request.reason)
    assert not Notification.objects.filter(
        subject=f"care.careclosurerequest:{request.pk}", read_at__isnull=True
    ).exists()
    assert AuditEvent.objects.filter(object_type="care.careclosurerequest", object_id=str(request.pk)).exists()


def test_nobody_approves_their_own_proposal(coordinator, in_aftercare):
    request = _propose(coordinator, in_aftercare)
    with pytest.raises(ValidationError):
        services.care_closure_decide(actor=coordinator, case=in_aftercare, request=request, approve=True)
    in_aftercare.refresh_from_db()
    request.refresh_from_db()
    assert in_aftercare.status == CarePhase.AFTERCARE and request.status == S.PENDING


def test_a_refusal_needs_a_reason_and_tells_the_proposer(coordinator, colleague, in_aftercare):
    request = _propose(coordinator, in_aftercare)
    with pytest.raises(ValidationError) as error:
        services.care_closure_decide(actor=colleague, case=in_aftercare, request=request, approve=False)
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.care_closure_decide(
            actor=colleague, case=in_aftercare, request=request, approve=False, reason="x" * 2001
        )
    services.care_closure_decide(
        actor=colleague, case=in_aftercare, request=request, approve=False, reason="Eerst de Rvb-aanvraag afronden"
    )
    request.refresh_from_db()
    in_aftercare.refresh_from_db()
    assert request.status == S.REFUSED and request.decision_reason == "Eerst de Rvb-aanvraag afronden"
    assert in_aftercare.status == CarePhase.AFTERCARE
    assert Notification.objects.filter(recipient=coordinator, message__contains="afgewezen").exists()
    with pytest.raises(ValidationError):  # decided once
        services.care_closure_decide(actor=colleague, case=in_aftercare, request=request, approve=True)


def test_only_the_proposer_withdraws(coordinator, colleague, in_aftercare):
    request = _propose(coordinator, in_aftercare)
    with pytest.raises(ValidationError):
        services.care_closure_withdraw(actor=colleague, case=in_aftercare, request=request)
    services.care_closure_withdraw(actor=coordinator, case=in_aftercare, request=request)
    request.refresh_from_db()
    assert request.status == S.WITHDRAWN
    assert [c.to_status for c in CareClosureRequestChange.objects.filter(closure_request=request)] == [
        S.PENDING,
        S.WITHDRAWN,
    ]


def test_a_proposal_is_refused_when_invalid_or_one_waits(coordinator, case, in_aftercare):
    for overrides, field in (
        ({"reason": " "}, "reason"),
        ({"reason": "x" * 2001}, "reason"),
        ({"closure_reason": "verzonnen"}, "closure_reason"),
    ):
        with pytest.raises(ValidationError) as error:
            _propose(coordinator, in_aftercare, **overrides)
        assert field in error.value.message_dict
    _propose(coordinator, in_aftercare)
    with pytest.raises(ValidationError):
        _propose(coordinator, in_aftercare)
    assert CareClosureRequest.objects.count() == 1


def test_a_proposal_only_from_a_closable_phase_and_by_who_may_manage(coordinator, case, triager):
    with pytest.raises(ValidationError):  # intake: not closable
        _propose(coordinator, case)
    with pytest.raises(NotPermitted):
        _propose(triager, case)
    assert not CareClosureRequest.objects.exists()


def test_a_waiting_proposal_lapses_when_the_case_moves_on(coordinator, colleague, in_aftercare):
    request = _propose(coordinator, in_aftercare)
    services.care_case_transition(
        actor=coordinator, case=in_aftercare, target=CarePhase.REOPENED, reason="Nieuwe zorgen"
    )
    request.refresh_from_db()
    assert request.status == S.LAPSED
    with pytest.raises(ValidationError):
        services.care_closure_decide(actor=colleague, case=in_aftercare, request=request, approve=True)


def test_decisions_need_the_case(coordinator, colleague, in_aftercare, triager):
    request = _propose(coordinator, in_aftercare)
    with pytest.raises(NotPermitted):
        services.care_closure_decide(actor=triager, case=in_aftercare, request=request, approve=True)
    with pytest.raises(NotPermitted):
        services.care_closure_withdraw(actor=triager, case=in_aftercare, request=request)


def test_the_region_can_agree_to_close_alone(coordinator, regional_coordinator, in_aftercare):
    setting = services.care_region_setting_set(actor=regional_coordinator, closure_needs_approval=False)
    assert not selectors.closure_needs_approval(in_aftercare)
    event = AuditEvent.objects.get(object_type="care.careregionsetting", object_id=str(setting.pk))
    assert event.organisation_id is None and event.region_id == regional_coordinator.region_id
    services.care_case_transition(
        actor=coordinator, case=in_aftercare, target=CarePhase.CLOSED, reason="Klaar", closure_reason=REASON
    )
    in_aftercare.refresh_from_db()
    assert in_aftercare.status == CarePhase.CLOSED
    # Saving the same value again writes no audit line.
    services.care_region_setting_set(actor=regional_coordinator, closure_needs_approval=False)
    assert AuditEvent.objects.filter(object_type="care.careregionsetting").count() == 1


def test_only_a_regional_coordinator_sets_the_region(coordinator, make_user, region):
    with pytest.raises(NotPermitted):
        services.care_region_setting_set(actor=coordinator, closure_needs_approval=False)
    regional_other_role = make_user("beleidsmaker", None, region=region, username="bea")
    with pytest.raises(NotPermitted):
        services.care_region_setting_set(actor=regional_other_role, closure_needs_approval=False)
    assert not CareRegionSetting.objects.exists()


def test_without_region_closing_always_needs_approval(coordinator, in_aftercare):
    in_aftercare.organisation.region = None
    in_aftercare.organisation.save()
    in_aftercare.refresh_from_db()
    assert selectors.closure_needs_approval(in_aftercare)


# --- through the pages ----------------------------------------------------------------------------


def test_propose_and_approve_on_the_case_page(client_for, coordinator, colleague, in_aftercare):
    url = reverse("care:transition", args=[in_aftercare.pk])
    page = client_for(coordinator).get(reverse("care:case", args=[in_aftercare.pk])).text
    assert "Afsluiten gaat in deze regio met vier ogen" in page
    response = client_for(coordinator).post(
        url, {"target": "afgesloten", "reason": "Doelen bereikt", "closure_reason": REASON}
    )
    assert response.status_code == 302
    request = CareClosureRequest.objects.get()
    page = client_for(coordinator).get(reverse("care:case", args=[in_aftercare.pk])).text
    assert "Intrekken" in page and "Goedkeuren en afsluiten" not in page
    colleague_page = client_for(colleague).get(reverse("care:case", args=[in_aftercare.pk])).text
    assert "Goedkeuren en afsluiten" in colleague_page and "Intrekken" not in colleague_page
    assert "Afsluiten: wacht op uw goedkeuring" in client_for(colleague).get(reverse("home:index")).text

    decide = reverse("care:closure_decide", args=[in_aftercare.pk, request.pk])
    refused = client_for(colleague).post(decide, {"decision": "afwijzen"})
    assert refused.status_code == 400 and "Geef een reden waarom het traject nog niet af kan." in refused.text
    # The proposer cannot choose to approve: the form does not offer it.
    own = client_for(coordinator).post(decide, {"decision": "goedkeuren"})
    assert own.status_code == 400
    assert client_for(colleague).post(decide, {"decision": "goedkeuren"}).status_code == 302
    in_aftercare.refresh_from_db()
    assert in_aftercare.status == CarePhase.CLOSED


def test_a_proposal_of_another_case_is_404(client_for, coordinator, colleague, in_aftercare, make_handover):
    from baken.care.services import care_case_from_handover

    request = _propose(coordinator, in_aftercare)
    other = care_case_from_handover(actor=coordinator, handover=make_handover(), accept=True, pseudonym="Es 3")
    url = reverse("care:closure_decide", args=[other.pk, request.pk])
    assert client_for(colleague).post(url, {"decision": "goedkeuren"}).status_code == 404


def test_the_region_settings_page(client_for, coordinator, regional_coordinator):
    url = reverse("care:region_settings")
    assert client_for(coordinator).get(url).status_code == 404
    page = client_for(regional_coordinator).get(url)
    assert page.status_code == 200 and "Nog niet vastgelegd" in page.text
    assert client_for(regional_coordinator).post(url, {}).status_code == 302
    assert CareRegionSetting.objects.get().closure_needs_approval is False
    assert "Afspraken van de regio" in client_for(regional_coordinator).get(reverse("care:index")).text


def test_the_page_says_when_nobody_can_approve(client_for, coordinator, in_aftercare):
    # Nobody but the case's own zorgcoördinator may manage it: no colleague, no regional one.
    page = client_for(coordinator).get(reverse("care:case", args=[in_aftercare.pk])).text
    assert "Er is nu geen tweede zorgcoördinator die dit traject mag behandelen." in page


def test_no_four_eyes_hint_where_closing_is_not_a_next_step(client_for, coordinator, case):
    page = client_for(coordinator).get(reverse("care:case", args=[case.pk])).text  # intake
    assert "Afsluiten gaat in deze regio met vier ogen" not in page


def test_a_regional_decision_on_a_proposal_is_logged_for_the_municipality(
    coordinator, regional_coordinator, in_aftercare
):
    """The municipality's privacy officer reads every line about its case's closure, also the
    regional zorgcoördinator's decision (a proposal has no organisation of its own)."""
    refused = _propose(coordinator, in_aftercare)
    services.care_closure_decide(
        actor=regional_coordinator, case=in_aftercare, request=refused, approve=False, reason="Eerst nazorg afronden"
    )
    approved = _propose(coordinator, in_aftercare)
    services.care_closure_decide(actor=regional_coordinator, case=in_aftercare, request=approved, approve=True)
    lines = AuditEvent.objects.filter(
        object_type="care.careclosurerequest", object_id__in=[str(refused.pk), str(approved.pk)]
    )
    assert lines.filter(actor=regional_coordinator).count() == 2
    assert set(lines.values_list("organisation_id", "region_id")) == {(in_aftercare.organisation_id, None)}
