"""The anonymised CTDC-shaped export (issue 15): k-anonymous with k = the threshold on year,
gender, age and citizenship, generalised for all lines alike before lines are dropped, with a
report of what was generalised and dropped; the zorgcoördinator only; audited."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from baken.care.selectors import CtdcRecord
from baken.core.models import AuditEvent
from baken.reporting.ctdc import age_broad, anonymise, quasi_identifiers

from .test_care_page import _case, beleidsmaker, coordinator  # noqa: F401  (fixtures)

K = 11
URL = reverse("reporting:care_ctdc")


def _record(citizenship="RO", age=25, gender="Female", year=2026, **fields) -> CtdcRecord:
    values = {"exploitation": "ForcedLabour", "control": frozenset(), "recruitment": frozenset(), **fields}
    return CtdcRecord(year=year, gender=gender, age=age, citizenship=citizenship, **values)


def _anonymise(records):
    return anonymise(records, k=K, control_columns=["meansOfControlDebtBondage"], recruitment_columns=[])


def test_age_bands_are_ctdcs():
    assert [age_broad(age) for age in (None, 0, 8, 9, 17, 18, 20, 30, 38, 47, 48, 90)] == [
        "Unknown",
        *("0--8", "0--8", "9--17", "9--17", "18--20", "18--20", "30--38", "30--38", "39--47", "48+", "48+"),
    ]


def test_a_small_group_is_dropped_when_that_costs_at_most_a_tenth():
    records = [_record("RO")] * 12 + [_record("BG")] * 12 + [_record("PL")] * 2
    export = _anonymise(records)
    assert (export.step, export.total, export.dropped, export.generalised) == ("none", 26, 2, 0)
    assert [line[4] for line in export.lines] == ["BG"] * 12 + ["RO"] * 12


def test_otherwise_every_line_is_generalised_first():
    records = [_record("RO")] * 12 + [_record("PL")] * 5 + [_record("BG")] * 6
    export = _anonymise(records)
    assert (export.step, export.dropped, export.generalised) == ("citizenship_group", 0, 23)
    assert {tuple(line[:5]) for line in export.lines} == {("2026", "Female", "24--26", "Adult", "EU/EEA/CH")}


def test_too_few_trajectories_give_no_lines_at_all():
    export = _anonymise([_record()] * 5)
    assert export.lines == [] and export.dropped == 5 and export.step == "gender_removed"
    assert _anonymise([]).lines == [] and _anonymise([]).total == 0


def test_a_line_holds_the_forms_and_methods_as_yes_no_and_nothing_else():
    records = [_record(control=frozenset({"meansOfControlDebtBondage"}), exploitation="SexualExploitation")] * K
    export = _anonymise(records)
    line = dict(zip(export.header, export.lines[0], strict=True))
    assert line["isSexualExploit"] == "1" and line["isForcedLabour"] == "0" and line["isUnknownExploit"] == "0"
    assert line["meansOfControlDebtBondage"] == "1" and line["CountryOfExploitation"] == "NL"


_records = st.builds(
    _record,
    citizenship=st.sampled_from(["", "NL", "RO", "PL", "NG", "UA", "BR"]),
    age=st.one_of(st.none(), st.integers(min_value=0, max_value=70)),
    gender=st.sampled_from(["Female", "Male", "Transgender/NonConforming", "Unknown"]),
    year=st.integers(min_value=2024, max_value=2026),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_records, max_size=120))
def test_every_combination_of_quasi_identifiers_in_the_export_occurs_at_least_k_times(records):
    export = _anonymise(records)
    groups = {}
    for line in export.lines:
        groups[tuple(line[:5])] = groups.get(tuple(line[:5]), 0) + 1
    assert all(size >= K for size in groups.values())
    assert len(export.lines) + export.dropped == export.total == len(records)
    # The same generalisation for every line: one step, applied alike.
    step = ["none", "citizenship_group", "majority_status", "gender_removed"].index(export.step)
    assert set(groups) <= {quasi_identifiers(record, step) for record in records}


@pytest.mark.django_db
def test_the_coordinator_sees_the_report_and_downloads_the_lines_both_audited(client_for, coordinator, voorbeeld):  # noqa: F811
    for n in range(14):
        _case(
            voorbeeld,
            coordinator,
            dt.date(2026, 3, 1),
            sex="vrouw",
            nationality="RO",
            birth_date=dt.date(2000, 1, n + 1),
        )
    _case(voorbeeld, coordinator, dt.date(2026, 3, 1), sex="man", nationality="NG", birth_date=dt.date(1970, 1, 1))
    client = client_for(coordinator)
    params = {"van": "2026-01-01", "tot": "2026-06-30"}
    page = client.get(URL, params)
    assert page.status_code == 200
    assert page.context["export"].total == 15 and page.context["export"].dropped == 1
    download = client.get(URL, {**params, "download": "csv"})
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0][:5] == ["yearOfRegistration", "gender", "ageBroad", "majorityStatus", "citizenship"]
    assert len(rows) - 1 == len(page.context["export"].lines) == 14
    assert "Ioana" not in download.content.decode() and "Eik" not in download.content.decode()
    reasons = list(AuditEvent.objects.filter(object_id="ctdc").order_by("id").values_list("action", "reason"))
    assert [action for action, _ in reasons] == ["view", "export"]
    assert "van=2026-01-01" in reasons[1][1] and "14 regels" in reasons[1][1]


@pytest.mark.django_db
def test_who_may_not_see_the_trajectories_gets_404(client_for, beleidsmaker, make_user, voorbeeld):  # noqa: F811
    assert client_for(beleidsmaker).get(URL).status_code == 404  # suppressed figures only
    assert client_for(make_user("signaleerder", voorbeeld)).get(URL).status_code == 404
    assert not AuditEvent.objects.filter(object_id="ctdc").exists()
