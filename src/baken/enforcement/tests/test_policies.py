"""Who sees what in Handhaven (the generated matrix in tests/security covers every role; these
pin the rules of the issue by name)."""

from baken.core.access import policy_for
from baken.core.confidentiality import Confidentiality
from baken.enforcement import services
from baken.enforcement.models import EnforcementCase, Inspection, Location, Measure


def test_enforcers_see_the_register_and_the_cases(inspector, jurist, case, inspection):
    for user in (inspector, jurist):
        assert policy_for(Location).allows(user, "change", case.location)
        assert policy_for(EnforcementCase).allows(user, "view", case)
        assert policy_for(Inspection).allows(user, "view", inspection)
    assert policy_for(Inspection).allows(inspector, "change", inspection)
    assert not policy_for(Inspection).allows(jurist, "change", inspection)
    assert policy_for(Measure).user_may(jurist, "change")


def test_regional_and_other_roles_see_nothing(make_user, region, triager, case):
    regional = make_user("toezichthouder", None, region=region, clearance=Confidentiality.ZEER_GEHEIM)
    for user in (regional, triager):
        assert not policy_for(Location).visible(user).exists()
        assert not policy_for(EnforcementCase).rows_for(user, "view").exists()
    assert policy_for(EnforcementCase).rows_for(triager, "see_phase").filter(pk=case.pk).exists()
    assert not policy_for(EnforcementCase).rows_for(regional, "see_phase").exists()


def test_clearance_decides_on_a_linked_case(make_user, triager, inspector, case, signal):
    services.case_link_signal(actor=triager, case=case, signal=signal)
    low = make_user("handhavingsjurist", case.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    assert not policy_for(EnforcementCase).allows(low, "view", case)
    assert low not in policy_for(EnforcementCase).users_for(case, "view")
    assert inspector in policy_for(EnforcementCase).users_for(case, "view")
