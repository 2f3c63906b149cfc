"""The regional comparison: a regional beleidsmaker's only, every figure suppressed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from baken.signalling.models import Signal
from baken.testing.signals import make_signal

URL = reverse("reporting:region")


@pytest.fixture
def regional_beleidsmaker(make_user, region):
    return make_user("beleidsmaker", None, region=region, username="beleid-regio")


@pytest.fixture
def last_month(reporter, signaleerder_zuiderhaven):
    day = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=10)
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    for user, count in ((reporter, 12), (signaleerder_zuiderhaven, 3)):
        for _ in range(count):
            Signal.objects.filter(pk=make_signal(user).pk).update(submitted_at=moment)


def _texts(response, key):
    from baken.reporting.templatetags.reporting_charts import figure_text

    table = next(t for t in response.context["tables"] if t.key == key)
    rows = {label: [figure_text(f, 11) for f in cells] for label, cells in table.rows}
    return rows, [figure_text(f, 11) for f in table.table.column_totals]


def test_municipalities_side_by_side_with_small_counts_hidden(client_for, regional_beleidsmaker, last_month):
    client = client_for(regional_beleidsmaker)
    assert client.get(reverse("reporting:index")).url == URL
    response = client.get(URL)
    assert response.status_code == 200
    rows, totals = _texts(response, "gemeente")
    assert rows["Gemeente Zuiderhaven"][0] == "< 11"
    assert rows["Gemeente Voorbeeld"][0] == "×"  # 15 - 3 would give Zuiderhaven's 3 away
    assert totals[0] == "15"
    csv = client.get(URL, {"csv": "gemeente"}).content.decode()
    assert "Gemeente Zuiderhaven;< 11;0" in csv


def test_only_a_regional_account_with_figures_opens_it(client_for, make_user, voorbeeld, region, last_month):
    municipal = make_user("beleidsmaker", voorbeeld, username="bm")
    regional_care = make_user("zorgcoordinator", None, region=region, username="zc-regio")
    assert client_for(municipal).get(URL).status_code == 404
    assert client_for(regional_care).get(URL).status_code == 404
    # "Cijfers" takes a regional zorgcoördinator to the care figures of the region's trajectories.
    assert client_for(regional_care).get(reverse("reporting:index")).url == reverse("reporting:care")
    regional = make_user("beleidsmaker", None, region=region, username="bm-regio")
    assert client_for(regional).get(reverse("reporting:signals")).status_code == 404
