"""Bezwaar, beroep and voorlopige voorziening run beside the administrative track: their order,
their outcomes, the bezwaartermijn, and that the measure's own stand never changes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.enforcement import selectors, services
from baken.enforcement.models import MeasureAppeal
from baken.enforcement.services import MeasureStep

TODAY = timezone.localdate()
DECIDED = TODAY - dt.timedelta(days=100)


@pytest.fixture
def measure(jurist, case):
    measure = services.measure_start(
        actor=jurist,
        case=case,
        intent_type="voornemen_lod",
        addressees="Verhuurder",
        sent_on=DECIDED - dt.timedelta(days=20),
    )
    step = MeasureStep(
        target="besluit",
        decision_type="lod",
        decided_on=DECIDED,
        compliance_due_on=DECIDED + dt.timedelta(days=28),
        amount_per_unit=Decimal("500"),
        amount_unit="per week",
        amount_maximum=Decimal("5000"),
    )
    return services.measure_step(actor=jurist, measure=measure, data=step)


def _lodge(jurist, measure, kind, days_after=10):
    return services.appeal_add(
        actor=jurist,
        measure=measure,
        kind=kind,
        lodged_on=DECIDED + dt.timedelta(days=days_after),
        lodged_by="Verhuurder",
    )


def _decide(jurist, appeal, outcome, days_after=30):
    return services.appeal_decide(
        actor=jurist, appeal=appeal, outcome=outcome, decided_on=DECIDED + dt.timedelta(days=days_after)
    )


def test_the_full_path_runs_beside_the_track_without_changing_its_stand(jurist, measure):
    objection = _lodge(jurist, measure, "bezwaar")
    interim = _lodge(jurist, measure, "voorlopige_voorziening", 12)
    services.measure_step(actor=jurist, measure=measure, data=MeasureStep(target="hercontrole"))
    _decide(jurist, interim, "afgewezen", 20)
    objection = _decide(jurist, objection, "ongegrond", 40)
    appeal = _lodge(jurist, measure, "beroep", 45)
    measure.refresh_from_db()
    assert measure.status == "hercontrole"  # the parallel states never moved it
    assert appeal.pending and not objection.pending
    assert list(measure.status_changes.values_list("to_status", flat=True)) == ["voornemen", "besluit", "hercontrole"]


def test_nothing_before_a_decision(jurist, case):
    measure = services.measure_start(
        actor=jurist, case=case, intent_type="waarschuwing", addressees="X", sent_on=TODAY - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="pas tegen een besluit"):
        services.appeal_add(actor=jurist, measure=measure, kind="bezwaar", lodged_on=TODAY, lodged_by="X")
    assert not MeasureAppeal.objects.exists()


@pytest.mark.parametrize(
    ("kind", "lodged_on", "lodged_by", "field", "message"),
    [
        ("anders", DECIDED, "X", "kind", "Kies bezwaar"),
        ("bezwaar", None, "X", "lodged_on", "Vul de datum"),
        ("bezwaar", DECIDED - dt.timedelta(days=1), "X", "lodged_on", "na de datum van het besluit"),
        ("bezwaar", TODAY + dt.timedelta(days=1), "X", "lodged_on", "toekomst"),
        ("bezwaar", DECIDED, " ", "lodged_by", "wie het heeft ingediend"),
        ("beroep", DECIDED, "X", "kind", "Beroep volgt op een beslissing op bezwaar"),
        ("voorlopige_voorziening", DECIDED, "X", "kind", "naast een lopend bezwaar of beroep"),
    ],
)
def test_a_bad_appeal_is_refused_and_saves_nothing(jurist, measure, kind, lodged_on, lodged_by, field, message):
    with pytest.raises(ValidationError) as excinfo:
        services.appeal_add(actor=jurist, measure=measure, kind=kind, lodged_on=lodged_on, lodged_by=lodged_by)
    assert message in " ".join(excinfo.value.message_dict[field])
    assert not MeasureAppeal.objects.exists()


def test_one_pending_appeal_of_a_kind_and_beroep_only_after_a_real_decision_on_bezwaar(jurist, measure):
    objection = _lodge(jurist, measure, "bezwaar")
    with pytest.raises(ValidationError, match="loopt al een bezwaar"):
        _lodge(jurist, measure, "bezwaar", 11)
    with pytest.raises(ValidationError, match="Beroep volgt"):
        _lodge(jurist, measure, "beroep", 11)  # the bezwaar is still pending
    _decide(jurist, objection, "ingetrokken", 15)
    with pytest.raises(ValidationError, match="Beroep volgt"):
        _lodge(jurist, measure, "beroep", 16)  # a withdrawn bezwaar opens no beroep
    assert MeasureAppeal.objects.count() == 1


def test_beroep_lodged_before_the_decision_on_bezwaar_is_refused(jurist, measure):
    objection = _lodge(jurist, measure, "bezwaar")
    _decide(jurist, objection, "ongegrond", 40)
    with pytest.raises(ValidationError, match="Beroep volgt"):
        _lodge(jurist, measure, "beroep", 39)
    assert _lodge(jurist, measure, "beroep", 40).kind == "beroep"


@pytest.mark.parametrize(
    ("kind", "outcome", "ok"),
    [
        ("bezwaar", "gegrond", True),
        ("bezwaar", "toegewezen", False),
        ("voorlopige_voorziening", "toegewezen", True),
        ("voorlopige_voorziening", "ongegrond", False),
    ],
)
def test_the_outcome_must_fit_the_kind(jurist, measure, kind, outcome, ok):
    if kind == "voorlopige_voorziening":
        _lodge(jurist, measure, "bezwaar")
    appeal = _lodge(jurist, measure, kind, 12)
    if ok:
        assert _decide(jurist, appeal, outcome).outcome == outcome
        with pytest.raises(ValidationError, match="al vastgelegd"):
            _decide(jurist, appeal, outcome)
    else:
        with pytest.raises(ValidationError) as excinfo:
            _decide(jurist, appeal, outcome)
        assert "outcome" in excinfo.value.message_dict
        appeal.refresh_from_db()
        assert appeal.pending


@pytest.mark.parametrize(
    ("decided_on", "message"),
    [
        (None, "Vul de datum"),
        (DECIDED + dt.timedelta(days=9), "op of na de datum van indienen"),
        (TODAY + dt.timedelta(days=1), "toekomst"),
    ],
)
def test_the_decision_date_is_checked(jurist, measure, decided_on, message):
    appeal = _lodge(jurist, measure, "bezwaar")
    with pytest.raises(ValidationError, match=message):
        services.appeal_decide(actor=jurist, appeal=appeal, outcome="ongegrond", decided_on=decided_on)
    appeal.refresh_from_db()
    assert appeal.pending


def test_the_bezwaartermijn_is_six_weeks_and_a_late_bezwaar_is_marked(jurist, measure):
    measure = selectors.measure_for(user=jurist, case_pk=measure.case_id, pk=measure.pk)
    rows, term = selectors.appeals(measure)
    assert rows == [] and term.due_on == DECIDED + dt.timedelta(weeks=6) and term.state == "verlopen"
    _lodge(jurist, measure, "bezwaar", 43)
    measure = selectors.measure_for(user=jurist, case_pk=measure.case_id, pk=measure.pk)
    rows, term = selectors.appeals(measure)
    assert term is None and rows[0].late
    on_time = selectors.appeals(measure, today=DECIDED)[0]
    assert on_time[0].late  # lateness depends on the lodging date, not on today


def test_a_case_does_not_close_while_an_appeal_is_pending(jurist, measure):
    appeal = _lodge(jurist, measure, "bezwaar")
    services.measure_step(actor=jurist, measure=measure, data=MeasureStep(target="hercontrole"))
    services.measure_step(actor=jurist, measure=measure, data=MeasureStep(target="voldaan"))
    with pytest.raises(ValidationError, match="Er loopt nog bezwaar"):
        services.case_transition(actor=jurist, case=measure.case, target="afgesloten", closure="resultaat")
    _decide(jurist, appeal, "ongegrond")
    services.case_transition(actor=jurist, case=measure.case, target="afgesloten", closure="resultaat")


def test_another_municipality_may_not_record_an_appeal(make_user, zuiderhaven, measure):
    stranger = make_user("handhavingsjurist", zuiderhaven, clearance=Confidentiality.GEHEIM)
    with pytest.raises(NotPermitted):
        services.appeal_add(actor=stranger, measure=measure, kind="bezwaar", lodged_on=DECIDED, lodged_by="X")


def test_the_measure_page_records_and_shows_appeals(client_for, jurist, measure):
    client = client_for(jurist)
    url = reverse("enforcement:measure", args=[measure.case_id, measure.pk])
    assert "Termijn voor bezwaar tegen het besluit" in client.get(url).content.decode()
    add = reverse("enforcement:appeal_add", args=[measure.case_id, measure.pk])
    bad = client.post(
        add,
        {"rechtsmiddel-kind": "beroep", "rechtsmiddel-lodged_on": DECIDED.isoformat(), "rechtsmiddel-lodged_by": "X"},
    )
    assert bad.status_code == 400
    assert "Beroep volgt op een beslissing op bezwaar" in bad.content.decode()
    assert not MeasureAppeal.objects.exists()
    ok = client.post(
        add,
        {
            "rechtsmiddel-kind": "bezwaar",
            "rechtsmiddel-lodged_on": DECIDED.isoformat(),
            "rechtsmiddel-lodged_by": "Verhuurder",
        },
    )
    assert ok.status_code == 302
    appeal = MeasureAppeal.objects.get()
    page = client.get(url).content.decode()
    assert "Bezwaar" in page and "loopt" in page
    decide = reverse("enforcement:appeal_decide", args=[measure.case_id, measure.pk, appeal.pk])
    prefix = f"uitspraak-{appeal.pk}"
    refused = client.post(decide, {f"{prefix}-outcome": "ongegrond", f"{prefix}-decided_on": ""})
    assert refused.status_code == 400
    assert (
        client.post(decide, {f"{prefix}-outcome": "ongegrond", f"{prefix}-decided_on": TODAY.isoformat()}).status_code
        == 302
    )
    appeal.refresh_from_db()
    assert appeal.outcome == "ongegrond"
    measure.refresh_from_db()
    assert measure.status == "besluit"


def test_appeals_of_a_vertrouwelijk_case_are_404_without_clearance(
    client_for, make_user, jurist, measure, signal, triager
):
    appeal = _lodge(jurist, measure, "bezwaar")
    services.case_link_signal(actor=triager, case=measure.case, signal=signal)
    low = make_user("handhavingsjurist", measure.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    client = client_for(low)
    add = reverse("enforcement:appeal_add", args=[measure.case_id, measure.pk])
    decide = reverse("enforcement:appeal_decide", args=[measure.case_id, measure.pk, appeal.pk])
    assert client.post(add, {"rechtsmiddel-kind": "bezwaar"}).status_code == 404
    assert client.post(decide, {f"uitspraak-{appeal.pk}-outcome": "gegrond"}).status_code == 404
    appeal.refresh_from_db()
    assert appeal.pending and MeasureAppeal.objects.count() == 1
