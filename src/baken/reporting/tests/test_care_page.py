"""Zorg in cijfers: hand-computed figures, full for the zorgcoördinator over the trajectories they
may see, suppressed for the beleidsmaker over the municipality's, never another municipality's;
amounts hidden with their counts; CSV equal to the table; query count constant."""

import csv
import datetime as dt
import io
from decimal import Decimal
from itertools import count

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from baken.care.models import CareCase, ComenshaRegistration, ShelterPlacement
from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditAction, AuditEvent
from baken.reporting.care_figures import nationality_group
from baken.reporting.templatetags.reporting_charts import figure_text

URL = reverse("reporting:care")
NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
_NUMBERS = count(1)


def _case(organisation, creator, registered_on, **fields) -> CareCase:
    number = next(_NUMBERS)
    return CareCase.objects.create(
        organisation=organisation,
        reference=f"ZT-T-{number:05d}",
        pseudonym=f"Eik {number}",
        source="politie",
        registered_on=registered_on,
        created_by=creator,
        **fields,
    )


def _place(case, provider, started_on, ended_on, cost_per_day, creator) -> None:
    ShelterPlacement.objects.create(
        case=case,
        shelter_type="cosm",
        provider=provider,
        payer="rijk",
        started_on=started_on,
        ended_on=ended_on,
        cost_per_day=cost_per_day,
        created_by=creator,
    )


@pytest.fixture
def coordinator(make_user, voorbeeld):
    return make_user("zorgcoordinator", voorbeeld, username="zc", clearance=Confidentiality.CONFIDENTIEEL)


@pytest.fixture
def beleidsmaker(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld, username="bm")


@pytest.fixture
def trajectories(coordinator, make_user, voorbeeld, zuiderhaven, police):
    """Voorbeeld: 12 adults from Poland registered 10 March 2026, in traject, two of them in COSM
    shelter after 10 and 20 days (30 days at € 100 and 2 days at € 50, paid by the Rijk) and
    registered with CoMensha (arbeid, registratie en opvang); 2 Dutch minors registered
    5 October 2026; 1 Nigerian without birth date registered 20 October 2025 and closed on
    1 February 2026 (terugkeer); 1 geheim case in October 2026 that the zorgcoördinator may not
    see. Zuiderhaven: 5 cases in October 2026."""
    adults = [
        _case(voorbeeld, coordinator, dt.date(2026, 3, 10), status="in_traject", nationality="PL",
              birth_date=dt.date(1990, 1, 1))
        for _ in range(12)
    ]  # fmt: skip
    _place(adults[0], police, dt.date(2026, 3, 20), dt.date(2026, 4, 18), Decimal("100.00"), coordinator)
    _place(adults[1], police, dt.date(2026, 3, 30), dt.date(2026, 3, 31), Decimal("50.00"), coordinator)
    for case in adults[:2]:
        ComenshaRegistration.objects.create(
            case=case,
            reported_on=dt.date(2026, 3, 12),
            reported_by=coordinator,
            legal_basis="publieke_taak",
            dossier_type="registratie_opvang",
            exploitation_form="arbeid",
            sector="landbouw",
        )
    for _ in range(2):
        _case(voorbeeld, coordinator, dt.date(2026, 10, 5), nationality="NL", birth_date=dt.date(2010, 5, 1))
    _case(
        voorbeeld,
        coordinator,
        dt.date(2025, 10, 20),
        status="afgesloten",
        nationality="NG",
        closed_on=dt.date(2026, 2, 1),
        closure_reason="terugkeer",
    )
    _case(voorbeeld, coordinator, dt.date(2026, 10, 7), nationality="NL", confidentiality=Confidentiality.GEHEIM)
    other = make_user("zorgcoordinator", zuiderhaven, username="zc-zh", clearance=Confidentiality.CONFIDENTIEEL)
    for _ in range(5):
        _case(zuiderhaven, other, dt.date(2026, 10, 6), nationality="NL")


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


@time_machine.travel(NOW, tick=False)
def test_the_zorgcoordinator_sees_the_figures_of_the_own_trajectories_in_full(client_for, coordinator, trajectories):
    response = client_for(coordinator).get(URL)
    assert response.status_code == 200
    assert response.context["full"] is True
    phases, totals = _texts(_table(response, "fase"))
    assert phases["In traject"] == ["12", "0"]
    assert phases["Aangemeld"] == ["2", "0"]  # the geheim case is not among the own trajectories
    assert phases["Afgesloten"] == ["0", "1"]
    assert totals == ["14", "1"]
    ages, _ = _texts(_table(response, "leeftijd"))
    assert ages == {"Minderjarig": ["2", "0"], "Volwassen": ["12", "0"], "Onbekend": ["0", "1"]}
    nationalities, _ = _texts(_table(response, "nationaliteit"))
    assert nationalities == {
        "Nederlands": ["2", "0"],
        "EU, EER of Zwitserland": ["12", "0"],
        "Ander land": ["0", "1"],
        "Onbekend": ["0", "0"],
    }
    forms, _ = _texts(_table(response, "vorm"))
    assert forms["Arbeidsuitbuiting"] == ["2", "0"]
    assert forms["Niet bij CoMensha gemeld"] == ["12", "1"]
    dossiers, _ = _texts(_table(response, "dossier"))
    assert dossiers["Registratie en opvang"] == ["2", "0"]
    closures, totals = _texts(_table(response, "afsluiting"))
    closed = [label for label, values in closures.items() if values != ["0", "0"]]
    assert closed == ["Teruggekeerd naar land van herkomst"]
    assert totals == ["1", "0"]
    shelters, totals = _texts(_table(response, "opvang"))
    assert shelters["COSM (categorale opvang)"] == ["2", "0"]
    assert totals == ["2", "0"]
    costs, totals = _texts(_table(response, "kosten"))
    assert costs["Rijk (J&V/VWS)"] == ["3100", "0"]  # 30 × 100 + 2 × 50
    assert totals == ["3100", "0"]
    speed = dict(response.context["speed"].rows)
    assert speed["Tijd van aanmelding tot opvang (mediaan)"] == ("10 dagen", "te weinig trajecten")
    assert speed["Negen op de tien in opvang binnen"] == ("20 dagen", "te weinig trajecten")


@time_machine.travel(NOW, tick=False)
def test_the_beleidsmaker_sees_the_municipality_suppressed_and_nothing_of_another(
    client_for, beleidsmaker, trajectories
):
    response = client_for(beleidsmaker).get(URL)
    assert response.status_code == 200
    assert response.context["full"] is False
    phases, totals = _texts(_table(response, "fase"))
    assert phases["Aangemeld"][0] == "< 11"  # 2 + the geheim one; Zuiderhaven's 5 are not counted
    assert phases["In traject"][0] == "×"  # 12 = 15 - 3 would give the 3 away
    assert totals == ["15", "< 11"]
    # An amount over two placements describes them: hidden with their count, as "×".
    costs, totals = _texts(_table(response, "kosten"))
    assert costs["Rijk (J&V/VWS)"] == ["×", "0"]
    assert totals == ["×", "0"]
    too_few = ("te weinig trajecten", "te weinig trajecten")
    assert all(values == too_few for _label, values in response.context["speed"].rows)
    for table in response.context["tables"]:
        for _label, cells in table.rows:
            for figure in cells:
                assert figure.hidden or figure.value == 0 or figure.value >= 11


@time_machine.travel(NOW, tick=False)
def test_the_aandachtsfunctionaris_gets_suppressed_care_figures(client_for, triager, trajectories):
    response = client_for(triager).get(URL)
    assert response.status_code == 200
    assert response.context["full"] is False


def test_roles_without_figures_get_404(client_for, signaleerder, make_user, voorbeeld):
    assert client_for(signaleerder).get(URL).status_code == 404
    assert client_for(make_user("toezichthouder", voorbeeld, username="th")).get(URL).status_code == 404


def test_cijfers_takes_the_zorgcoordinator_to_the_care_figures(client_for, coordinator):
    assert client_for(coordinator).get(reverse("reporting:index")).url == URL


@time_machine.travel(NOW, tick=False)
def test_the_csv_is_the_table_and_its_download_is_audited(client_for, beleidsmaker, trajectories):
    client = client_for(beleidsmaker)
    params = {"van": "2026-01-01", "tot": "2026-11-30"}
    table = _table(client.get(URL, params), "fase")
    response = client.get(URL, params | {"csv": "fase"})
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    rows, totals = _texts(table)
    assert lines[0] == [table.title, *table.columns]
    assert {line[0]: line[1:] for line in lines[1:-1]} == rows
    assert lines[-1][1:] == totals
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="reporting.statistics")
    assert event.object_id == "fase" and "van=2026-01-01" in event.reason
    assert client.get(URL, {"csv": "onbekend"}).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_xlsx_is_the_table_and_its_download_is_audited(client_for, beleidsmaker, trajectories):
    client = client_for(beleidsmaker)
    table = _table(client.get(URL), "kosten")
    response = client.get(URL, {"xlsx": "kosten"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="baken-cijfers-kosten.xlsx"' in response["Content-Disposition"]
    lines = _xlsx_lines(response)
    rows, totals = _texts(table)
    assert lines[0] == [table.title, *table.columns]
    assert {line[0]: line[1:] for line in lines[1:-1]} == rows
    assert lines[-1] == ["Totaal", *totals]
    assert lines[-1][1] == "×"  # the hidden amount is hidden in the spreadsheet too
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="reporting.statistics")
    assert event.object_id == "kosten" and "xlsx" in event.reason
    assert client.get(URL, {"xlsx": "onbekend"}).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_query_count_does_not_grow_with_the_number_of_trajectories(
    client_for, coordinator, trajectories, voorbeeld, police, django_assert_max_num_queries
):
    client = client_for(coordinator)
    client.get(URL)
    with django_assert_max_num_queries(40) as captured:
        client.get(URL)
    before = len(captured)
    for _ in range(5):
        case = _case(voorbeeld, coordinator, dt.date(2026, 6, 1), nationality="RO")
        _place(case, police, dt.date(2026, 6, 2), None, Decimal("80.00"), coordinator)
    with django_assert_max_num_queries(before):
        client.get(URL)


@pytest.mark.parametrize(
    ("code", "group"),
    [("NL", "nl"), ("PL", "eu"), ("NO", "eu"), ("CH", "eu"), ("NG", "other"), ("GB", "other"), ("", "")],
)
def test_nationality_groups(code, group):
    assert nationality_group(code) == group


@time_machine.travel(NOW, tick=False)
def test_the_policy_page_counts_only_what_its_headline_needs_and_shows_the_same_figures(beleidsmaker, trajectories):
    """The overview page leaves out the placements, closures, costs and lead times that only the
    annual report shows; its headline figures are the same as with them."""
    from baken.reporting.figures import Period
    from baken.reporting.overview import policy_overview

    period = Period.last_twelve_months(dt.date(2026, 11, 30))
    page = policy_overview(beleidsmaker, period, dt.date(2026, 11, 30))
    report = policy_overview(beleidsmaker, period, dt.date(2026, 11, 30), sections=True)
    assert (page.care, page.signals, page.enforcement, page.speeds) == (None, None, None, None)
    assert [t.key for t in report.care][-1] == "kosten" and report.speeds is not None
    assert _texts(page.tables[0]) == _texts(report.tables[0])
    headline, _totals = _texts(page.tables[0])
    assert headline["Zorgtrajecten aangemeld"] == ["15", "< 11"]
