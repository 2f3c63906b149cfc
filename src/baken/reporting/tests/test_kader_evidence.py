"""Case figures beside the Kader's blocks come from reporting, as its dashboards show them to the
beleidsmaker: the year's totals suppressed below the threshold, the share picked up in time only
over enough signals, nothing for a year not begun or for a role without figures."""

import datetime as dt
from itertools import count

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from baken.care.models import CareCase
from baken.policy.evidence import evidence_for
from baken.reporting.kader_evidence import care_evidence, enforcement_evidence, signal_evidence, year_period
from baken.signalling.models import Signal
from baken.testing.policy import make_assessment
from baken.testing.signals import make_signal

NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
_NUMBERS = count(1)


@pytest.fixture
def beleidsmaker(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld, username="bm")


def _at(signal, day: dt.date, *, picked_up: dt.date | None = None, due: dt.date | None = None) -> None:
    def moment(value: dt.date):
        return timezone.make_aware(dt.datetime.combine(value, dt.time(10, 0)))

    fields = {"submitted_at": moment(day)}
    if picked_up:
        fields |= {"picked_up_at": moment(picked_up), "triage_due_on": due}
    Signal.objects.filter(pk=signal.pk).update(**fields)


@pytest.fixture
def signals(reporter, make_user, zuiderhaven):
    """2026: 12 signals picked up, 11 by their deadline; 2 not picked up. 2025: one signal.
    Zuiderhaven: 20 signals in 2026 that Voorbeeld's figures must not count."""
    for n in range(12):
        day = dt.date(2026, 3, 10)
        _at(
            make_signal(reporter), day, picked_up=day + dt.timedelta(days=1 if n else 5), due=day + dt.timedelta(days=2)
        )
    for _ in range(2):
        _at(make_signal(reporter), dt.date(2026, 10, 5))
    _at(make_signal(reporter), dt.date(2025, 10, 20))
    other = make_user("signaleerder", zuiderhaven, username="zh")
    for _ in range(20):
        _at(make_signal(other), dt.date(2026, 4, 1))


@time_machine.travel(NOW, tick=False)
def test_signal_evidence_is_the_dashboards_total_and_share_in_time(beleidsmaker, signals, client_for):
    assert signal_evidence(beleidsmaker, 2026) == [
        "Cijfers: 14 meldingen ontvangen (1 jan. 2026 – 30 nov. 2026); opgepakt binnen de termijn: 92 %."
    ]
    # One signal in 2025: suppressed, and too few for a share.
    assert signal_evidence(beleidsmaker, 2025) == [
        "Cijfers: < 11 meldingen ontvangen (1 jan. 2025 – 31 dec. 2025); opgepakt binnen de termijn: "
        "te weinig meldingen."
    ]
    # The same total as the signals dashboard shows the beleidsmaker for that period.
    page = client_for(beleidsmaker).get(reverse("reporting:signals"), {"van": "2026-01-01", "tot": "2026-11-30"})
    months = next(t for t in page.context["tables"] if t.key == "maand")
    assert months.table.column_totals[0].value == 14 and not months.table.column_totals[0].hidden


@time_machine.travel(NOW, tick=False)
def test_care_and_enforcement_evidence_count_the_municipality_suppressed(beleidsmaker, voorbeeld, zuiderhaven):
    assert care_evidence(beleidsmaker, 2026) == ["Cijfers: 0 zorgtrajecten aangemeld (1 jan. 2026 – 30 nov. 2026)."]
    for organisation, n in ((voorbeeld, 3), (zuiderhaven, 15)):
        for _ in range(n):
            number = next(_NUMBERS)
            CareCase.objects.create(
                organisation=organisation,
                reference=f"ZT-K-{number:05d}",
                pseudonym=f"Es {number}",
                source="politie",
                registered_on=dt.date(2026, 5, 1),
                created_by=beleidsmaker,
            )
    assert care_evidence(beleidsmaker, 2026) == ["Cijfers: < 11 zorgtrajecten aangemeld (1 jan. 2026 – 30 nov. 2026)."]
    assert enforcement_evidence(beleidsmaker, 2026) == [
        "Cijfers: 0 controles uitgevoerd en 0 maatregelen verzonden (1 jan. 2026 – 30 nov. 2026)."
    ]


@time_machine.travel(NOW, tick=False)
def test_no_case_evidence_for_a_year_not_begun_or_a_role_without_figures(beleidsmaker, triager, signals):
    assert year_period(2027, NOW.date()) is None
    assert signal_evidence(beleidsmaker, 2027) == []
    assert care_evidence(beleidsmaker, 2027) == enforcement_evidence(beleidsmaker, 2027) == []
    # The aandachtsfunctionaris has figures of their own, in full on the dashboards: not these.
    assert signal_evidence(triager, 2026) == []


@time_machine.travel(NOW, tick=False)
def test_the_assessment_shows_the_case_figures_beside_their_blocks(client_for, beleidsmaker, signals):
    assessment = make_assessment(beleidsmaker, year=2026)
    html = client_for(beleidsmaker).get(reverse("policy:assessment", args=[assessment.pk])).content.decode()

    def block(code: str) -> str:
        part = html[html.index(f'id="bouwsteen-{code}"') :]
        return part[: part.index("</tr>")]

    assert "14 meldingen ontvangen" in block("2B2") and "92 %" in block("2B2")
    assert "zorgtrajecten aangemeld" in block("5B1")
    assert "controles uitgevoerd" in block("2V1")
    assert evidence_for(user=beleidsmaker, block_code="2B2", year=2026)[-1].startswith("Cijfers: 14 meldingen")
