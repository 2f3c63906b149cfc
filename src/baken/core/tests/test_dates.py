import datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

from baken.core.dates import short_date, short_datetime

UTC = datetime.UTC


def test_dutch_months_follow_the_taalunie_abbreviations():
    with translation.override("nl"):
        months = [short_date(datetime.date(2026, month, 30 if month != 2 else 28)) for month in range(1, 13)]
    assert months == [
        "30 jan. 2026",
        "28 feb. 2026",
        "30 mrt. 2026",
        "30 apr. 2026",
        "30 mei 2026",
        "30 juni 2026",
        "30 juli 2026",
        "30 aug. 2026",
        "30 sep. 2026",
        "30 okt. 2026",
        "30 nov. 2026",
        "30 dec. 2026",
    ]


def test_a_moment_is_shown_in_amsterdam_time_so_the_date_can_change():
    # 23:30 UTC on 30 November is 00:30 on 1 December in Amsterdam.
    moment = datetime.datetime(2026, 11, 30, 23, 30, 5, tzinfo=UTC)
    with translation.override("nl"):
        assert short_date(moment) == "1 dec. 2026"
        assert short_datetime(moment) == "1 dec. 2026, 00:30"
        assert short_datetime(moment, seconds=True) == "1 dec. 2026, 00:30:05"


def test_empty_values_give_empty_text():
    assert short_date(None) == ""
    assert short_datetime(None) == ""
    assert short_datetime(datetime.date(2026, 11, 30)) == short_date(datetime.date(2026, 11, 30))


def test_english_interface_uses_english_abbreviations():
    with translation.override("en"):
        assert short_date(datetime.date(2026, 11, 30)) == "30 Nov 2026"
        assert short_date(datetime.date(2026, 5, 1)) == "1 May 2026"


def test_template_filters():
    moment = datetime.datetime(2026, 3, 2, 9, 5, tzinfo=ZoneInfo("Europe/Amsterdam"))
    template = Template('{{ d|datum }}|{{ m|datumtijd }}|{{ m|datumtijd:"seconden" }}|{{ n|datum }}')
    with translation.override("nl"):
        out = template.render(Context({"d": datetime.date(2026, 11, 30), "m": moment, "n": None}))
    assert out == "30 nov. 2026|2 mrt. 2026, 09:05|2 mrt. 2026, 09:05:00|"
