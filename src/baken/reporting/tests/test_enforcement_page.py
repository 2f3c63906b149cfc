"""Handhaving in cijfers: hand-computed figures, full for the toezichthouder over the inspections and
measures they may see, suppressed for the beleidsmaker over the municipality's, never another
municipality's; CSV equal to the table; query count constant."""

import csv
import datetime as dt
import io
from itertools import count

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from baken.core.confidentiality import Confidentiality
from baken.enforcement.models import (
    BibobTest,
    EnforcementCase,
    Finding,
    Inspection,
    Location,
    Measure,
    MeasureStatusChange,
)
from baken.reporting.templatetags.reporting_charts import figure_text

URL = reverse("reporting:enforcement")
NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
_NUMBERS = count(1)


def _case(organisation, actor, object_type) -> EnforcementCase:
    number = next(_NUMBERS)
    location = Location.objects.create(
        organisation=organisation,
        street="Kadeweg",
        house_number=str(number),
        postcode="9901 AB",
        city="Voorbeeld",
        object_type=object_type,
        created_by=actor,
    )
    return EnforcementCase.objects.create(
        organisation=organisation,
        location=location,
        reference=f"HH-T-{number:05d}",
        theme="mensenhandel",
        reason="eigen_onderzoek",
        opened_on=dt.date(2024, 1, 1),
        created_by=actor,
    )


def _inspect(case, actor, day: dt.date | None, outcome: str = "") -> Inspection:
    moment = timezone.make_aware(dt.datetime.combine(day or dt.date(2026, 12, 10), dt.time(10)))
    return Inspection.objects.create(
        organisation=case.organisation,
        case=case,
        planned_for=moment,
        status="uitgevoerd" if day else "gepland",
        performed_at=moment if day else None,
        outcome=outcome,
        created_by=actor,
    )


def _measure(case, actor, intent_type, sent_on, status, compliance_due_on=None) -> Measure:
    return Measure.objects.create(
        organisation=case.organisation,
        case=case,
        intent_type=intent_type,
        addressees="Verhuurder",
        sent_on=sent_on,
        view_due_on=sent_on + dt.timedelta(days=14),
        status=status,
        compliance_due_on=compliance_due_on,
        catalogue_version="test",
        created_by=actor,
    )


def _bibob(case, actor, decision: str = "", decided_on: dt.date | None = None) -> BibobTest:
    return BibobTest.objects.create(
        organisation=case.organisation,
        case=case,
        subject="Exploitatievergunning",
        trigger="aanvraag_vergunning",
        started_on=dt.date(2025, 1, 6),
        decision=decision,
        decided_on=decided_on,
        catalogue_version="test",
        created_by=actor,
    )


@pytest.fixture
def inspector(make_user, voorbeeld):
    return make_user("toezichthouder", voorbeeld, username="th", clearance=Confidentiality.VERTROUWELIJK)


@pytest.fixture
def beleidsmaker(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld, username="bm")


@pytest.fixture
def enforcement(inspector, make_user, voorbeeld, zuiderhaven):
    """Voorbeeld: 12 inspections of a logies on 10 April 2026 (violation; the first with three
    findings on floor area and one outside the checklist), 2 of a massage salon on 1 June 2026 (no
    violation), 1 of a logies on 1 May 2025 (no outcome) and one still planned; 12 lod letters sent
    1 May 2026, decided, two with a compliance term ending 1 June 2026 (recheck due 2 June: one
    rechecked that day, one not), and a warning sent 1 September 2026; Bibob tests: two refusals
    decided 1 March 2026, a grant 1 July 2026, a grant 1 July 2025, one undecided. Zuiderhaven: 5
    inspections in April 2026 and a refusal in March 2026."""
    logies = _case(voorbeeld, inspector, "logies")
    salon = _case(voorbeeld, inspector, "massagesalon")
    first = _inspect(logies, inspector, dt.date(2026, 4, 10), "overtreding")
    for _ in range(11):
        _inspect(logies, inspector, dt.date(2026, 4, 10), "overtreding")
    for code in ("snf_oppervlakte", "snf_oppervlakte", "snf_oppervlakte", ""):
        Finding.objects.create(inspection=first, checklist_code=code, description="Te krap", created_by=inspector)
    for _ in range(2):
        _inspect(salon, inspector, dt.date(2026, 6, 1), "geen_overtreding")
    _inspect(logies, inspector, dt.date(2025, 5, 1))
    _inspect(logies, inspector, None)
    term_ends = [dt.date(2026, 6, 1)] * 2 + [None] * 10
    measures = [_measure(logies, inspector, "voornemen_lod", dt.date(2026, 5, 1), "besluit", e) for e in term_ends]
    with time_machine.travel(dt.datetime(2026, 6, 2, 9, tzinfo=dt.UTC), tick=False):
        MeasureStatusChange.objects.create(
            measure=measures[0], from_status="besluit", to_status="hercontrole", actor=inspector
        )
    _measure(salon, inspector, "waarschuwing", dt.date(2026, 9, 1), "voornemen")
    other = make_user("toezichthouder", zuiderhaven, username="th-zh", clearance=Confidentiality.VERTROUWELIJK)
    elsewhere = _case(zuiderhaven, other, "massagesalon")
    for _ in range(5):
        _inspect(elsewhere, other, dt.date(2026, 4, 10), "overtreding")
    for decision, day in (("weigeren", dt.date(2026, 3, 1)),) * 2 + (
        ("verlenen", dt.date(2026, 7, 1)),
        ("verlenen", dt.date(2025, 7, 1)),
        ("", None),
    ):
        _bibob(salon, inspector, decision, day)
    _bibob(elsewhere, other, "weigeren", dt.date(2026, 3, 1))


def _xlsx_lines(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [["" if v is None else str(v) for v in row] for row in workbook.active.iter_rows(values_only=True)]


def _table(response, key):
    return next(t for t in response.context["tables"] if t.key == key)


def _texts(table):
    threshold = table.table.threshold
    rows = {label: [figure_text(f, threshold) for f in cells] for label, cells in table.rows}
    totals = [figure_text(f, threshold) for f in table.table.column_totals] if table.table.column_totals else None
    return rows, totals


def _nonzero(rows):
    return {label: values for label, values in rows.items() if values != ["0", "0"]}


@time_machine.travel(NOW, tick=False)
def test_the_toezichthouder_sees_the_figures_in_full(client_for, inspector, enforcement):
    response = client_for(inspector).get(URL)
    assert response.status_code == 200
    assert response.context["full"] is True
    objects, totals = _texts(_table(response, "object"))
    assert _nonzero(objects) == {"Logies / huisvesting arbeidsmigranten": ["12", "1"], "Massagesalon": ["2", "0"]}
    assert totals == ["14", "1"]
    outcomes, _ = _texts(_table(response, "uitkomst"))
    assert _nonzero(outcomes) == {
        "Overtreding: handhaven": ["12", "0"],
        "Geen overtreding": ["2", "0"],
        "Nog geen uitkomst": ["0", "1"],
    }
    norms, totals = _texts(_table(response, "normen"))
    assert _nonzero(norms) == {
        "Voldoende gebruiksoppervlakte per persoon (SNF)": ["3", "0"],
        "Buiten de checklist": ["1", "0"],
    }
    kinds, totals = _texts(_table(response, "maatregel"))
    assert _nonzero(kinds) == {"Voornemen last onder dwangsom": ["12", "0"], "Waarschuwing": ["1", "0"]}
    assert totals == ["13", "0"]
    stands, _ = _texts(_table(response, "stand"))
    assert _nonzero(stands) == {"Besluit genomen": ["12", "0"], "Voornemen verzonden": ["1", "0"]}
    assert dict(response.context["speed"].rows)["Hercontrole op tijd"] == ("50 %", "te weinig maatregelen")
    bibob, totals = _texts(_table(response, "bibob"))
    assert _nonzero(bibob) == {"Weigeren": ["2", "0"], "Verlenen of laten staan": ["1", "1"]}


@time_machine.travel(NOW, tick=False)
def test_the_beleidsmaker_sees_the_municipality_suppressed_and_nothing_of_another(
    client_for, beleidsmaker, enforcement
):
    response = client_for(beleidsmaker).get(URL)
    assert response.status_code == 200
    assert response.context["full"] is False
    objects, totals = _texts(_table(response, "object"))
    assert objects["Massagesalon"][0] == "< 11"  # Zuiderhaven's 5 are not counted
    assert objects["Logies / huisvesting arbeidsmigranten"][0] == "×"  # 12 = 14 - 2
    bibob, _ = _texts(_table(response, "bibob"))
    assert bibob["Weigeren"][0] == "< 11"  # Zuiderhaven's refusal is not counted either
    assert totals == ["14", "< 11"]
    assert dict(response.context["speed"].rows)["Hercontrole op tijd"][0] == "te weinig maatregelen"
    for table in response.context["tables"]:
        for _label, cells in table.rows:
            for figure in cells:
                assert figure.hidden or figure.value == 0 or figure.value >= 11


def test_roles_without_figures_get_404_and_cijfers_leads_the_enforcers_here(
    client_for, signaleerder, inspector, make_user, voorbeeld
):
    assert client_for(signaleerder).get(URL).status_code == 404
    zorg = make_user("zorgcoordinator", voorbeeld, username="zc", clearance=Confidentiality.CONFIDENTIEEL)
    assert client_for(zorg).get(URL).status_code == 404
    assert client_for(inspector).get(reverse("reporting:index")).url == URL
    jurist = make_user("handhavingsjurist", voorbeeld, username="hj", clearance=Confidentiality.VERTROUWELIJK)
    assert client_for(jurist).get(URL).context["full"] is True


@time_machine.travel(NOW, tick=False)
def test_the_csv_is_the_table(client_for, beleidsmaker, enforcement):
    client = client_for(beleidsmaker)
    table = _table(client.get(URL), "object")
    lines = list(csv.reader(io.StringIO(client.get(URL, {"csv": "object"}).content.decode()), delimiter=";"))
    rows, totals = _texts(table)
    assert lines[0] == [table.title, *table.columns]
    assert {line[0]: line[1:] for line in lines[1:-1]} == rows
    assert lines[-1][1:] == totals
    assert _xlsx_lines(client.get(URL, {"xlsx": "object"})) == lines


@time_machine.travel(NOW, tick=False)
def test_the_query_count_does_not_grow_with_the_number_of_inspections(
    client_for, inspector, enforcement, voorbeeld, django_assert_max_num_queries
):
    client = client_for(inspector)
    client.get(URL)
    with django_assert_max_num_queries(40) as captured:
        client.get(URL)
    before = len(captured)
    case = _case(voorbeeld, inspector, "carwash")
    for _ in range(5):
        inspection = _inspect(case, inspector, dt.date(2026, 7, 1), "overtreding")
        Finding.objects.create(
            inspection=inspection, checklist_code="brandveiligheid", description="x", created_by=inspector
        )
        _measure(case, inspector, "voornemen_lod", dt.date(2026, 7, 2), "besluit", dt.date(2026, 8, 1))
    with django_assert_max_num_queries(before):
        client.get(URL)
