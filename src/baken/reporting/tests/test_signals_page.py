"""Meldingen in cijfers: hand-computed figures, full for the aandachtsfunctionaris, suppressed for
the beleidsmaker, never another municipality's, CSV equal to the table, exports audited."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from baken.core.models import AuditAction, AuditEvent
from baken.reporting.templatetags.reporting_charts import figure_text
from baken.signalling.models import Signal
from baken.testing.signals import make_signal

URL = reverse("reporting:signals")
TODAY = dt.date(2026, 11, 30)


def _at(signal, day: dt.date) -> None:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    Signal.objects.filter(pk=signal.pk).update(submitted_at=moment)


@pytest.fixture
def history(reporter, signaleerder_zuiderhaven):
    """Voorbeeld: 12 signals at the desk in March 2026 (one urgent), 2 by phone in October 2026,
    1 at the desk in October 2025 (the year before); Zuiderhaven: 5 by phone in October 2026."""
    for _ in range(12):
        _at(make_signal(reporter), dt.date(2026, 3, 10))
    Signal.objects.filter(pk=Signal.objects.filter(organisation=reporter.organisation).first().pk).update(
        is_urgent=True
    )
    for _ in range(2):
        _at(make_signal(reporter, channel="telefoon"), dt.date(2026, 10, 5))
    _at(make_signal(reporter), dt.date(2025, 10, 20))
    for _ in range(5):
        _at(make_signal(signaleerder_zuiderhaven, channel="telefoon"), dt.date(2026, 10, 6))


def _table(response, key):
    return next(t for t in response.context["tables"] if t.key == key)


def _texts(table):
    threshold = table.table.threshold
    rows = {label: [figure_text(f, threshold) for f in cells] for label, cells in table.rows}
    totals = [figure_text(f, threshold) for f in table.table.column_totals] if table.table.column_totals else None
    return rows, totals


@pytest.fixture
def beleidsmaker(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld, username="bm")


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_the_aandachtsfunctionaris_sees_the_figures_in_full(client_for, triager, history):
    response = client_for(triager).get(URL)
    assert response.status_code == 200
    rows, totals = _texts(_table(response, "kanaal"))
    assert rows["Aan de balie"] == ["12", "1"]
    assert rows["Telefonisch"] == ["2", "0"]
    assert totals == ["14", "1"]
    months, _ = _texts(_table(response, "maand"))
    assert months["mrt. 2026"] == ["12", "0"]
    assert months["okt. 2026"] == ["2", "1"]
    urgency, _ = _texts(_table(response, "spoed"))
    assert urgency["Spoed"] == ["1", "0"]


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_the_beleidsmaker_sees_small_counts_hidden_and_nothing_of_another_municipality(
    client_for, beleidsmaker, history
):
    response = client_for(beleidsmaker).get(URL)
    assert response.status_code == 200
    assert response.context["full"] is False
    rows, totals = _texts(_table(response, "kanaal"))
    assert rows["Telefonisch"][0] == "< 11"  # 2 of Voorbeeld; Zuiderhaven's 5 are not counted
    assert rows["Aan de balie"][0] == "×"  # 12 = 14 - 2 would give the 2 away
    assert totals == ["14", "< 11"]
    body = response.content.decode()
    assert "< 11" not in body or "&lt; 11" in body
    for table in response.context["tables"]:
        for _label, cells in table.rows:
            for figure in cells:
                assert figure.hidden or figure.value == 0 or figure.value >= 11


def test_roles_without_figures_get_404(client_for, signaleerder, beheerder):
    assert client_for(signaleerder).get(URL).status_code == 404
    assert client_for(beheerder).get(URL).status_code == 404


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_the_csv_is_the_table_and_its_download_is_audited(client_for, beleidsmaker, history):
    client = client_for(beleidsmaker)
    page = client.get(URL, {"van": "2026-01-01", "tot": "2026-11-30"})
    table = _table(page, "kanaal")
    response = client.get(URL, {"van": "2026-01-01", "tot": "2026-11-30", "csv": "kanaal"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    rows, totals = _texts(table)
    assert lines[0] == [table.title, *table.columns]
    assert {line[0]: line[1:] for line in lines[1:-1]} == rows
    assert lines[-1][1:] == totals
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="reporting.statistics")
    assert event.object_id == "kanaal"
    assert "van=2026-01-01" in event.reason and "tot=2026-11-30" in event.reason
    assert client.get(URL, {"csv": "onbekend"}).status_code == 404


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_a_wrong_period_gets_a_dutch_error_and_the_default_period(client_for, triager, history):
    response = client_for(triager).get(URL, {"van": "2026-11-01", "tot": "2026-01-01"})
    assert response.status_code == 200
    assert "De begindatum ligt na de einddatum." in response.content.decode()
    assert response.context["period"].start == dt.date(2025, 12, 1)
    response = client_for(triager).get(URL, {"van": "2020-01-01", "tot": "2026-01-01"})
    assert "Kies een periode van hoogstens twee jaar." in response.content.decode()


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_the_query_count_does_not_grow_with_the_number_of_signals(
    client_for, triager, history, reporter, django_assert_max_num_queries
):
    client = client_for(triager)
    client.get(URL)
    with django_assert_max_num_queries(40) as captured:
        client.get(URL)
    before = len(captured)
    for _ in range(5):
        make_signal(reporter, channel="school")
    with django_assert_max_num_queries(before):
        client.get(URL)


@pytest.fixture
def wijken(reporter):
    """Voorbeeld, this year: 9 in "Centrum" and 3 in "centrum " (one wijk, written twice), 2 in
    "Achter de bakkerij" (a detail, not a wijk), 4 without a wijk; last year 1 in "CENTRUM"."""
    for spelling, count, day in (
        ("Centrum", 9, dt.date(2026, 6, 1)),
        ("centrum ", 3, dt.date(2026, 6, 2)),
        ("Achter de bakkerij", 2, dt.date(2026, 6, 3)),
        ("", 4, dt.date(2026, 6, 4)),
        ("CENTRUM", 1, dt.date(2025, 6, 1)),
    ):
        for _ in range(count):
            _at(make_signal(reporter, neighbourhood=spelling), day)


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_signals_per_wijk_in_full_for_the_aandachtsfunctionaris(client_for, triager, wijken):
    rows, totals = _texts(_table(client_for(triager).get(URL), "wijk"))
    # Spellings that differ in case or spaces are one wijk, in the most frequent spelling.
    assert rows == {
        "Achter de bakkerij": ["2", "0"],
        "Centrum": ["12", "1"],
        "Overige wijken of geen wijk opgegeven": ["4", "0"],
    }
    assert totals == ["18", "1"]


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_the_beleidsmaker_sees_only_wijk_names_that_eleven_signals_share(client_for, beleidsmaker, wijken):
    response = client_for(beleidsmaker).get(URL)
    rows, _totals = _texts(_table(response, "wijk"))
    # "Centrum" is named by 13 signals; the detail one reporter wrote is never shown as a label.
    assert list(rows) == ["Centrum", "Overige wijken of geen wijk opgegeven"]
    assert rows["Overige wijken of geen wijk opgegeven"][0] == "< 11"
    # 12 would give the 6 away by subtraction from the period's total: hidden too.
    assert rows["Centrum"][0] == "×"
    assert "bakkerij" not in response.content.decode()
    download = client_for(beleidsmaker).get(URL, {"csv": "wijk"}).content.decode()
    assert "bakkerij" not in download and "Overige wijken of geen wijk opgegeven;< 11" in download
