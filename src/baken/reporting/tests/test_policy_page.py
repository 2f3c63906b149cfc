"""Overzicht voor beleid: the headline figures are the dashboards' own (hidden where they hide),
prevention reach per target group by school year, training coverage per department; only for
reporting.view_statistics in a municipality; CSV and XLSX of each table."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from baken.prevention.models import ActivityStatus, PreventionActivity, StaffCount
from baken.reporting.templatetags.reporting_charts import figure_text
from baken.signalling.models import Signal
from baken.testing.prevention import make_activity, make_training
from baken.testing.signals import make_signal

URL = reverse("reporting:policy")
NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


@pytest.fixture
def beleidsmaker(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld, username="bm")


def _at(signal, day: dt.date) -> None:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    Signal.objects.filter(pk=signal.pk).update(submitted_at=moment)


@pytest.fixture
def history(reporter, beleidsmaker, voorbeeld):
    """Signals: 12 at the desk in March 2026 and 2 by phone in October 2026, 1 in October 2025.
    Prevention: in school year 2026–2027 a held session for po (25 pupils) and one for po and vo
    (40), a planned one for mbo; in 2025–2026 a held one for vo (30). Training: 12 of the 40 desk
    staff in March 2026."""
    for _ in range(12):
        _at(make_signal(reporter), dt.date(2026, 3, 10))
    for _ in range(2):
        _at(make_signal(reporter, channel="telefoon"), dt.date(2026, 10, 5))
    _at(make_signal(reporter), dt.date(2025, 10, 20))
    for groups, starts_on, reach, held in (
        (["po"], dt.date(2026, 9, 15), 25, True),
        (["po", "vo"], dt.date(2026, 10, 5), 40, True),
        (["mbo"], dt.date(2026, 11, 20), 50, False),
        (["vo"], dt.date(2026, 3, 5), 30, True),
    ):
        activity = make_activity(beleidsmaker, target_groups=groups, starts_on=starts_on)
        PreventionActivity.objects.filter(pk=activity.pk).update(
            reach=reach, status=ActivityStatus.DONE if held else activity.status
        )
    make_training(beleidsmaker, department="balie", participants=12, trained_on=dt.date(2026, 3, 10))
    StaffCount.objects.create(organisation=voorbeeld, department="balie", staff=40, updated_by=beleidsmaker)


def _texts(table):
    threshold = table.table.threshold
    return {label: [figure_text(f, threshold) for f in cells] for label, cells in table.rows}


def _table(response, key):
    return next(t for t in response.context["tables"] if t.key == key)


@time_machine.travel(NOW, tick=False)
def test_the_overview_shows_what_the_dashboards_show(client_for, beleidsmaker, history):
    client = client_for(beleidsmaker)
    response = client.get(URL)
    assert response.status_code == 200
    headline = _texts(_table(response, "overzicht"))
    signals_page = client.get(reverse("reporting:signals"))
    months = next(t for t in signals_page.context["tables"] if t.key == "maand")
    assert headline["Meldingen"] == [figure_text(f, 11) for f in months.table.column_totals] == ["14", "< 11"]
    assert headline["Zorgtrajecten aangemeld"] == ["0", "0"]
    reach = _texts(_table(response, "bereik"))
    assert _table(response, "bereik").columns == ("schooljaar 2026–2027", "schooljaar 2025–2026")
    assert reach["Primair onderwijs"] == ["65", "0"]
    assert reach["Voortgezet onderwijs"] == ["40", "30"]
    assert reach["MBO"] == ["0", "0"]  # planned, not held
    training = _texts(_table(response, "training"))
    assert training["Balie en publiekszaken"] == ["12", "40"]
    assert response.context["capacity"].share == 30


@time_machine.travel(NOW, tick=False)
def test_each_table_downloads_as_csv_and_xlsx(client_for, beleidsmaker, history):
    client = client_for(beleidsmaker)
    assert "Primair onderwijs;65;0" in client.get(URL, {"csv": "bereik"}).content.decode()
    response = client.get(URL, {"xlsx": "training"})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('training.xlsx"')


def test_only_the_beleidsmaker_opens_it(client_for, triager, signaleerder, make_user, voorbeeld, region):
    assert client_for(triager).get(URL).status_code == 404
    assert client_for(signaleerder).get(URL).status_code == 404
    regional = make_user("beleidsmaker", None, region=region, username="bm-regio")
    assert client_for(regional).get(URL).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_query_count_does_not_grow_with_the_rows(
    client_for, beleidsmaker, history, reporter, django_assert_max_num_queries
):
    client = client_for(beleidsmaker)
    client.get(URL)
    with django_assert_max_num_queries(80) as captured:
        client.get(URL)
    before = len(captured)
    for _ in range(5):
        make_signal(reporter, channel="school")
        make_activity(beleidsmaker, target_groups=["vo"], starts_on=dt.date(2026, 10, 1))
        make_training(beleidsmaker, department="toezicht", participants=3, trained_on=dt.date(2026, 4, 1))
    with django_assert_max_num_queries(before):
        client.get(URL)


def _item_status(assessment, status, count):
    from baken.policy.services import assessment_item_update

    for item in assessment.items.order_by("order", "id")[:count]:
        values = {"status": status, "evidence": "Collegebesluit"}
        assessment_item_update(actor=assessment.created_by, item=item, values=values)


@time_machine.travel(NOW, tick=False)
def test_the_kader_status_of_the_last_two_self_assessments(client_for, beleidsmaker, make_user, zuiderhaven):
    from baken.testing.policy import make_assessment

    assert _table(client_for(beleidsmaker).get(URL), "acties")  # the action plan's table is always there
    assert "kader" not in [t.key for t in client_for(beleidsmaker).get(URL).context["tables"]]
    older, latest = make_assessment(beleidsmaker, year=2025), make_assessment(beleidsmaker, year=2026)
    _item_status(older, "niet", 4)
    _item_status(latest, "volledig", 3)
    _item_status(latest, "gedeeltelijk", 0)
    blocks = latest.items.count()
    # Another municipality's self-assessment counts nowhere.
    _item_status(make_assessment(make_user("beleidsmaker", zuiderhaven), year=2026), "volledig", 5)
    response = client_for(beleidsmaker).get(URL)
    table = _table(response, "kader")
    assert table.columns == ("Zelfevaluatie 2026", "Zelfevaluatie 2025")
    assert _texts(table) == {
        "Niet": ["0", "4"],
        "Gedeeltelijk": ["0", "0"],
        "Volledig": ["3", "0"],
        "N.v.t.": ["0", "0"],
        "Nog niet beoordeeld": [str(blocks - 3), str(blocks - 4)],
    }
    assert "Volledig;3;0" in client_for(beleidsmaker).get(URL, {"csv": "kader"}).content.decode()


def test_the_actions_per_status_at_the_end_of_the_period_and_a_year_earlier(
    client_for, beleidsmaker, make_user, zuiderhaven
):
    """Each action counts with the status it had on the day: from its history, not its present status."""
    from baken.policy.services import action_update
    from baken.testing.policy import action_values, make_action, make_plan

    def moved(action, status):
        return action_update(actor=beleidsmaker, action=action, values=action_values(), status=status, reason="Stand")

    with time_machine.travel(dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        plan = make_plan(beleidsmaker)
        early, later_done = make_action(beleidsmaker, plan), make_action(beleidsmaker, plan)
        moved(early, "lopend")
    with time_machine.travel(dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        moved(later_done, "lopend")
        moved(later_done, "gereed")
        make_action(beleidsmaker, plan)  # planned, after the day a year earlier
    make_action(make_user("beleidsmaker", zuiderhaven))  # another municipality's
    with time_machine.travel(NOW, tick=False):
        table = _table(client_for(beleidsmaker).get(URL, {"van": "2026-01-01", "tot": "2026-06-30"}), "acties")
    assert table.columns == ("Op 30 juni 2026", "Op 30 juni 2025")
    assert _texts(table) == {
        "Gepland": ["1", "1"],
        "Lopend": ["1", "1"],
        "Gereed": ["1", "0"],
        "Vertraagd": ["0", "0"],
        "Vervallen": ["0", "0"],
    }
