"""Malformed intake input gets a clear answer and changes nothing; it never makes a 500."""

import pytest
from django.urls import reverse

from baken.accounts.models import User
from baken.signalling.models import Signal


def test_nul_in_a_posted_choice_changes_nothing(client_for, reporter, intake_data):
    before = Signal.objects.count(), User.objects.count()
    response = client_for(reporter).post(reverse("signalling:intake"), intake_data(exploitation_forms=["arb\x00eid"]))
    assert response.status_code == 400
    assert (Signal.objects.count(), User.objects.count()) == before


@pytest.mark.parametrize("value", ["²", "9" * 5000, "١٢", "-1", "1e3", " 7"])
@pytest.mark.parametrize("route", ["signalling:intake", "signalling:intake_indicators", "signalling:intake_acute"])
def test_odd_indicator_ids_are_ignored_not_a_500(client_for, reporter, route, value):
    response = client_for(reporter).get(reverse(route), {"indicators": [value], "exploitation_forms": ["arbeid"]})
    assert response.status_code == 200


@pytest.mark.parametrize("route", ["signalling:intake", "signalling:intake_indicators"])
def test_an_unknown_form_code_is_ignored_so_every_indicator_shows(client_for, reporter, route):
    """The partial reads its parameters through a form: an unknown code is no choice at all,
    rather than a filter that matches nothing."""
    from baken.signalling.models import Indicator

    indicator = Indicator.objects.filter(organisation__isnull=True, active=True).order_by("code").first()
    response = client_for(reporter).get(reverse(route), {"exploitation_forms": ["geen-vorm"]})
    assert response.status_code == 200
    assert f'value="{indicator.pk}"' in response.content.decode()
