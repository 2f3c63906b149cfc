"""Who sees and changes the policy rows: the own beleidsmaker; a regional beleidsmaker reads the
region's municipalities and changes nothing; nobody else sees anything."""

import pytest

from baken.core.access import policy_for
from baken.policy.models import ActionPlan, KaderAssessment, PlanAction
from baken.testing.factories import OrganisationFactory, RegionFactory
from baken.testing.policy import make_action, make_assessment

pytestmark = pytest.mark.django_db


def test_regional_beleidsmaker_reads_the_region_and_changes_no_municipality(make_user, voorbeeld, zuiderhaven, region):
    own = make_assessment(make_user("beleidsmaker", voorbeeld))
    neighbour = make_assessment(make_user("beleidsmaker", zuiderhaven))
    elsewhere = OrganisationFactory(region=RegionFactory())
    far = make_assessment(make_user("beleidsmaker", elsewhere))
    regional = make_user("beleidsmaker", None, region=region)
    policy = policy_for(KaderAssessment)
    assert set(policy.visible(regional)) == {own, neighbour}
    assert far not in policy.visible(regional)
    # They may start the region's own assessment, but change no municipality's.
    assert policy.user_may(regional, "change")
    assert not policy.rows_for(regional, "change").exists()


@pytest.mark.parametrize("model", [KaderAssessment, ActionPlan, PlanAction])
def test_other_roles_see_nothing(make_user, voorbeeld, model):
    actor = make_user("beleidsmaker", voorbeeld)
    make_assessment(actor)
    make_action(actor)
    for role in ("signaleerder", "aandachtsfunctionaris", "zorgcoordinator", "functioneel_beheerder"):
        assert not policy_for(model).visible(make_user(role, voorbeeld)).exists(), role
    assert policy_for(model).visible(actor).exists()
