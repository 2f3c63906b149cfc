"""The enforcement demo: what the issue asks for is there, in both municipalities, and loading
twice changes nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from baken.accounts.models import User
from baken.core.access import policy_for
from baken.core.confidentiality import Confidentiality
from baken.demo.loader import load_demo_data
from baken.enforcement.housing import snf_checks
from baken.enforcement.models import EnforcementCase, Location, Measure, ObjectType


@pytest.mark.django_db
def test_demo_enforcement_world():
    load_demo_data()
    today = timezone.localdate()
    for slug in ("voorbeeld", "zuiderhaven"):
        locations = Location.objects.filter(organisation__slug=slug)
        assert set(locations.values_list("object_type", flat=True)) == set(ObjectType.values)
        measures = Measure.objects.filter(organisation__slug=slug)
        assert measures.filter(status="voornemen").exists()
        forfeited = measures.get(status="verbeurd")
        assert today < forfeited.collection_lapses_on <= today + dt.timedelta(days=31)
        housing = {
            location.object_type: [check.passed for check in snf_checks(location)]
            for location in locations.filter(object_type__in=["logies", "recreatiepark"])
        }
        assert False in housing["logies"]
        assert False not in housing["recreatiepark"] and True in housing["recreatiepark"]
        sensitive = EnforcementCase.objects.get(organisation__slug=slug, confidentiality=Confidentiality.VERTROUWELIJK)
        assert sensitive.signal is not None
        cases = policy_for(EnforcementCase)
        inspector = User.objects.get(username=f"toezichthouder-{slug}")
        jurist = User.objects.get(username=f"handhavingsjurist-{slug}")
        assert not cases.allows(inspector, "view", sensitive)
        assert cases.allows(jurist, "view", sensitive)
    before = (Location.objects.count(), EnforcementCase.objects.count(), Measure.objects.count())
    load_demo_data()
    assert (Location.objects.count(), EnforcementCase.objects.count(), Measure.objects.count()) == before
