"""Who sees a care case: the zorgcoördinatoren of the municipality and of its region, at the
case's clearance; the aandachtsfunctionaris only its phase; the privacy officer its audit rows.
Another municipality, another region and a too-low clearance get 404 on every page."""

import pytest
from django.urls import reverse

from baken.care import selectors
from baken.care.models import CareCase
from baken.care.policies import CareCasePolicy
from baken.core.access import AccessPolicy, policy_for
from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditEvent
from baken.testing.factories import OrganisationFactory, RegionFactory


def _pages(case):
    return [reverse("care:case", args=[case.pk]), reverse("care:index")]


def test_the_municipality_and_the_regional_zorgcoordinator_see_it(client_for, coordinator, regional_coordinator, case):
    for user in (coordinator, regional_coordinator):
        response = client_for(user).get(reverse("care:case", args=[case.pk]))
        assert response.status_code == 200
        assert "Linde 14" in response.text
        assert client_for(user).get(reverse("care:index")).text.count("Linde 14") == 1


@pytest.mark.parametrize(
    "who", ["other_municipality", "other_region", "low_clearance", "triager", "privacy", "beheerder"]
)
def test_everyone_else_gets_404(client_for, make_user, zuiderhaven, voorbeeld, case, triager, who):
    elsewhere = OrganisationFactory(name="Gemeente Elders", slug="elders", cbs_code="GM9903", region=RegionFactory())
    user = {
        "other_municipality": lambda: make_user("zorgcoordinator", zuiderhaven, clearance=Confidentiality.ZEER_GEHEIM),
        "other_region": lambda: make_user(
            "zorgcoordinator", None, region=elsewhere.region, clearance=Confidentiality.ZEER_GEHEIM
        ),
        "low_clearance": lambda: make_user("zorgcoordinator", voorbeeld, clearance=Confidentiality.VERTROUWELIJK),
        "triager": lambda: triager,
        "privacy": lambda: make_user("privacy_officer", voorbeeld, clearance=Confidentiality.ZEER_GEHEIM),
        "beheerder": lambda: make_user(
            "functioneel_beheerder", voorbeeld, clearance=Confidentiality.ZEER_GEHEIM, is_superuser=True
        ),
    }[who]()
    client = client_for(user)
    assert client.get(reverse("care:case", args=[case.pk])).status_code == 404
    assert client.post(reverse("care:reveal", args=[case.pk]), {"naam-reason": "x"}).status_code == 404
    index = client.get(reverse("care:index"))
    assert index.status_code == 404 or "Linde 14" not in index.text
    assert not policy_for(CareCase).visible(user).exists()


def test_a_case_above_the_users_clearance_is_hidden(client_for, coordinator, case):
    CareCase.objects.filter(pk=case.pk).update(confidentiality=Confidentiality.GEHEIM)
    assert client_for(coordinator).get(reverse("care:case", args=[case.pk])).status_code == 404
    coordinator.clearance = Confidentiality.GEHEIM
    coordinator.save()
    assert client_for(coordinator).get(reverse("care:case", args=[case.pk])).status_code == 200


def test_the_aandachtsfunctionaris_sees_the_phase_on_the_signal_page_only(client_for, triager, case):
    response = client_for(triager).get(reverse("coordination:signal", args=[case.signal_id]))
    assert response.status_code == 200
    assert "Er is een zorgtraject voor deze melding; fase: Intake." in response.text
    assert "Linde 14" not in response.text and case.reference not in response.text
    assert selectors.care_status_for_signal(user=triager, signal=case.signal) == {
        "phase": "Intake",
        "declined": False,
        "decline_reason": "",
    }


def test_no_phase_for_a_signal_without_a_case_or_for_someone_who_may_not_triage(
    make_user, zuiderhaven, triager, case, signal
):
    assert selectors.care_status_for_signal(user=triager, signal=signal) is None
    outsider = make_user("aandachtsfunctionaris", zuiderhaven, clearance=Confidentiality.ZEER_GEHEIM)
    assert selectors.care_status_for_signal(user=outsider, signal=case.signal) is None


def test_the_privacy_officer_reads_the_audit_rows_not_the_content(client_for, make_user, voorbeeld, coordinator, case):
    client_for(coordinator).get(reverse("care:case", args=[case.pk]))
    officer = make_user("privacy_officer", voorbeeld)
    rows = policy_for(AuditEvent).visible(officer).filter(object_type="care.carecase", object_id=str(case.pk))
    assert rows.filter(action="view", actor=coordinator).exists()
    assert not policy_for(CareCase).visible(officer).exists()
    assert not CareCasePolicy().user_may(officer, "manage")


def test_the_shelter_address_is_shown_only_at_geheim(client_for, coordinator, regional_coordinator, case):
    CareCase.objects.filter(pk=case.pk).update(shelter_address="Opvanglaan 1, Voorbeeld")
    assert "Opvanglaan 1" not in client_for(coordinator).get(reverse("care:case", args=[case.pk])).text
    assert "Opvanglaan 1" in client_for(regional_coordinator).get(reverse("care:case", args=[case.pk])).text
    response = client_for(coordinator).post(reverse("care:shelter_address", args=[case.pk]), {"address": "Elders 2"})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.shelter_address == "Opvanglaan 1, Voorbeeld"


def test_users_for_asks_only_care_roles_at_the_clearance_with_the_same_answer(
    make_user, zuiderhaven, voorbeeld, coordinator, regional_coordinator, case, triager, django_assert_max_num_queries
):
    # CareCasePolicy.users_for asks only zorgcoördinatoren whose clearance reaches the case; the
    # answer must be the one of asking every candidate (AccessPolicy.users_for).
    make_user("zorgcoordinator", zuiderhaven, clearance=Confidentiality.ZEER_GEHEIM)
    make_user("zorgcoordinator", voorbeeld, clearance=Confidentiality.VERTROUWELIJK)
    make_user("privacy_officer", voorbeeld, clearance=Confidentiality.ZEER_GEHEIM)
    make_user("functioneel_beheerder", voorbeeld, clearance=Confidentiality.ZEER_GEHEIM, is_superuser=True)
    policy = policy_for(CareCase)
    for action in CareCasePolicy.actions:
        expected = set(AccessPolicy.users_for(policy, case, action))
        assert set(policy.users_for(case, action)) == expected, action
    assert set(policy.users_for(case, "manage")) == {coordinator, regional_coordinator}
    assert triager in set(policy.users_for(case, "view_phase"))
    # Two candidates asked (permissions and the row each), not every account of the region.
    with django_assert_max_num_queries(8):
        list(policy.users_for(case, "manage"))
