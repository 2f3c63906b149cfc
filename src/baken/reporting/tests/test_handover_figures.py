"""Doorgezet naar partners: the signals dashboard counts the hand-overs per kind of partner, and
those whose feedback came in, in the period beside a year earlier; in full for the
aandachtsfunctionaris, suppressed for the beleidsmaker; another municipality's never count."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from baken.coordination.models import Escalation
from baken.coordination.services import escalation_create
from baken.core.confidentiality import Confidentiality
from baken.partners.models import Partner
from baken.reporting.templatetags.reporting_charts import figure_text
from baken.testing.signals import make_signal

URL = reverse("reporting:signals")
NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
PERIOD = {"van": "2026-01-01", "tot": "2026-11-30"}


def _hand_over(actor, signal, partner, shared_on, *, feedback: bool = False):
    escalation = escalation_create(
        actor=actor,
        signal=signal,
        partner=partner,
        channel="telefoon",
        purpose="Onderzoek",
        legal_ground="wettelijke_taak",
        shared_fields=["reference"],
        shared_on=shared_on,
        status="verzonden",
    )
    if feedback:
        Escalation.objects.filter(pk=escalation.pk).update(feedback="Opgepakt", feedback_on=shared_on)
    return escalation


@pytest.fixture
def handovers(reporter, triager, police, inspectorate, make_user, zuiderhaven):
    """Voorbeeld: 3 to the police in 2026 (2 with feedback) and 1 in 2025; 1 to the Arbeidsinspectie
    in 2026. Zuiderhaven: 12 to its police in 2026."""
    signal = make_signal(reporter)
    for n in range(3):
        _hand_over(triager, signal, police, dt.date(2026, 3, 1 + n), feedback=n < 2)
    _hand_over(triager, signal, police, dt.date(2025, 6, 1))
    _hand_over(triager, signal, inspectorate, dt.date(2026, 4, 1))
    other_triager = make_user("aandachtsfunctionaris", zuiderhaven, clearance=Confidentiality.VERTROUWELIJK)
    other_police = Partner.objects.create(organisation=zuiderhaven, name="Politie Zuid", partner_type="politie")
    other = make_signal(make_user("signaleerder", zuiderhaven))
    for _ in range(12):
        _hand_over(other_triager, other, other_police, dt.date(2026, 5, 1))


def _texts(response, key):
    table = next(t for t in response.context["tables"] if t.key == key)
    return {str(label): [figure_text(f, 11) for f in cells] for label, cells in table.rows}


@time_machine.travel(NOW, tick=False)
def test_the_aandachtsfunctionaris_counts_the_hand_overs_in_full(client_for, triager, handovers):
    response = client_for(triager).get(URL, PERIOD)
    handed = _texts(response, "overdracht")
    assert handed["Politie"] == ["3", "1"]
    assert handed["Nederlandse Arbeidsinspectie"] == ["1", "0"]
    assert "Noodnummer" not in handed and "Meld Misdaad Anoniem" not in handed
    assert _texts(response, "terugkoppeling")["Politie"] == ["2", "0"]
    csv = client_for(triager).get(URL, PERIOD | {"csv": "overdracht"}).content.decode()
    assert "Politie;3;1" in csv


@time_machine.travel(NOW, tick=False)
def test_the_beleidsmaker_gets_them_suppressed(client_for, make_user, voorbeeld, handovers):
    response = client_for(make_user("beleidsmaker", voorbeeld)).get(URL, PERIOD)
    assert _texts(response, "overdracht")["Politie"] == ["< 11", "< 11"]
    assert _texts(response, "terugkoppeling")["Politie"] == ["< 11", "0"]


@time_machine.travel(NOW, tick=False)
def test_signals_per_week_in_full_for_the_aandachtsfunctionaris_only(
    client_for, reporter, triager, make_user, voorbeeld
):
    from django.utils import timezone

    from baken.signalling.models import Signal

    def at(day: dt.date) -> None:
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
        Signal.objects.filter(pk=make_signal(reporter).pk).update(submitted_at=moment)

    at(dt.date(2026, 11, 2))  # Monday of week 45
    at(dt.date(2026, 11, 8))  # its Sunday
    at(dt.date(2026, 11, 9))  # week 46
    at(dt.date(2025, 11, 3))  # 52 weeks before week 45's Monday
    period = {"van": "2026-11-01", "tot": "2026-11-30"}
    response = client_for(triager).get(URL, period)
    weeks = _texts(response, "week")
    assert list(weeks)[:3] == ["week 44 (26 okt. 2026)", "week 45 (2 nov. 2026)", "week 46 (9 nov. 2026)"]
    assert weeks["week 45 (2 nov. 2026)"] == ["2", "1"]
    assert weeks["week 46 (9 nov. 2026)"] == ["1", "0"]
    assert weeks["week 44 (26 okt. 2026)"] == ["0", "0"]
    beleid = client_for(make_user("beleidsmaker", voorbeeld)).get(URL, period)
    assert "week" not in [table.key for table in beleid.context["tables"]]
