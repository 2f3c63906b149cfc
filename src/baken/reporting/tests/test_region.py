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


def test_trajectories_and_inspections_per_municipality_hidden_the_same_way(
    client_for, regional_beleidsmaker, make_user, voorbeeld, zuiderhaven, reporter, signaleerder_zuiderhaven
):
    """Voorbeeld: 13 trajectories last month and 2 a year earlier, 12 inspections last month (and
    one only planned); Zuiderhaven: 4 trajectories and 1 inspection. Small counts and whatever
    would give them away are hidden; the totals over the region stand."""
    from baken.reporting.tests.test_care_page import _case as care_case
    from baken.reporting.tests.test_enforcement_page import _case as enforcement_case
    from baken.reporting.tests.test_enforcement_page import _inspect

    day = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=10)
    year_earlier = day.replace(year=day.year - 1)
    for organisation, creator, now, before in (
        (voorbeeld, reporter, 13, 2),
        (zuiderhaven, signaleerder_zuiderhaven, 4, 0),
    ):
        for _ in range(now):
            care_case(organisation, creator, day)
        for _ in range(before):
            care_case(organisation, creator, year_earlier)
    inspectors = {o: make_user("toezichthouder", o) for o in (voorbeeld, zuiderhaven)}
    for organisation, done in ((voorbeeld, 12), (zuiderhaven, 1)):
        case = enforcement_case(organisation, inspectors[organisation], "horeca")
        for _ in range(done):
            _inspect(case, inspectors[organisation], day)
    _inspect(enforcement_case(voorbeeld, inspectors[voorbeeld], "horeca"), inspectors[voorbeeld], None)  # planned

    client = client_for(regional_beleidsmaker)
    rows, totals = _texts(client.get(URL), "gemeente-zorg")
    assert rows == {"Gemeente Voorbeeld": ["×", "< 11"], "Gemeente Zuiderhaven": ["< 11", "0"]}
    assert totals == ["17", "< 11"]
    rows, totals = _texts(client.get(URL), "gemeente-controles")
    assert rows == {"Gemeente Voorbeeld": ["×", "0"], "Gemeente Zuiderhaven": ["< 11", "0"]}
    assert totals == ["13", "0"]
    assert "Gemeente Zuiderhaven;< 11;0" in client.get(URL, {"csv": "gemeente-zorg"}).content.decode()
