"""Who sees and changes prevention activities."""

import pytest

from baken.core.access import policy_for
from baken.prevention.models import PreventionActivity
from baken.testing.prevention import make_activity

pytestmark = pytest.mark.django_db


def test_own_beleidsmaker_only(make_user, voorbeeld, zuiderhaven, region):
    own = make_user("beleidsmaker", voorbeeld)
    activity = make_activity(own)
    policy = policy_for(PreventionActivity)
    assert policy.allows(own, "change", activity)
    assert policy.allows(own, "view", activity)
    assert not policy.visible(make_user("beleidsmaker", zuiderhaven)).exists()
    assert not policy.visible(make_user("aandachtsfunctionaris", voorbeeld)).exists()
    regional = make_user("beleidsmaker", None, region=region)
    assert not policy.visible(regional).exists()
    assert not policy.user_may(regional, "change")
    assert list(policy.users_for(activity, "change")) == [own]
