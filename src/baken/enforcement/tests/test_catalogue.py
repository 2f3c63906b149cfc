"""The enforcement catalogue: terms are data with their source; counting them is exact."""

import datetime as dt

import pytest

from baken.enforcement.catalogue.loader import add_term, catalogue, parse_catalogue


def test_the_catalogue_has_a_version_and_every_row_a_source():
    table = catalogue()
    assert table.version
    for row in [*table.deadlines.values(), *table.norms.values(), *table.checklist, *table.decision_types.values()]:
        assert row.source, row.code


def test_facts_marked_k_in_the_domain_brief_are_flagged_to_verify():
    table = catalogue()
    assert table.deadlines["zienswijze"].to_verify
    assert table.decision_types["sluiting_174"].to_verify
    assert not table.deadlines["betaling"].to_verify


@pytest.mark.parametrize(
    ("start", "amount", "unit", "end"),
    [
        (dt.date(2026, 11, 2), 14, "dagen", dt.date(2026, 11, 16)),
        (dt.date(2026, 11, 2), 6, "weken", dt.date(2026, 12, 14)),
        (dt.date(2026, 11, 2), 12, "maanden", dt.date(2027, 11, 2)),
        (dt.date(2028, 2, 29), 12, "maanden", dt.date(2029, 2, 28)),
        (dt.date(2026, 1, 31), 1, "maanden", dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 15), 1, "maanden", dt.date(2027, 1, 15)),
    ],
)
def test_terms_are_counted_in_days_weeks_and_months(start, amount, unit, end):
    assert add_term(start, amount, unit) == end


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="unknown unit"):
        add_term(dt.date(2026, 1, 1), 1, "jaren")
    data = {
        "version": "x",
        "deadlines": [
            {"code": "a", "label": "a", "rule": "r", "source": "s", "to_verify": False, "unit": "jaren", "amount": 1}
        ],
    }
    with pytest.raises(ValueError, match="unknown unit"):
        parse_catalogue(data | {"intent_types": [], "decision_types": [], "norms": [], "checklist": []})


def test_payment_and_limitation_follow_forfeiture():
    terms = catalogue().deadlines
    forfeited = dt.date(2026, 11, 2)
    assert terms["betaling"].after(forfeited) == dt.date(2026, 12, 14)
    assert terms["invordering_verjaring"].after(forfeited) == dt.date(2027, 11, 2)


def test_checklists_differ_per_object_type():
    table = catalogue()
    lodging = {item.code for item in table.checklist_for("logies")}
    salon = {item.code for item in table.checklist_for("massagesalon")}
    assert "snf_oppervlakte" in lodging and "snf_oppervlakte" not in salon
    assert "apv_vergunning" in salon and "apv_vergunning" not in lodging
    assert "brandveiligheid" in lodging & salon


def test_bibob_choices_and_the_appeal_term_are_data_with_a_source():
    table = catalogue()
    rows = [*table.bibob_triggers.values(), *table.bibob_advice_levels.values(), *table.bibob_decisions.values()]
    assert {"ernstig_gevaar", "mindere_mate", "geen_gevaar"} == set(table.bibob_advice_levels)
    assert all(row.source for row in rows)
    assert table.bibob_triggers["signaal"].to_verify  # marked [K]
    advice = table.deadlines["bibob_advies"]
    assert (advice.amount, advice.extension_amount, advice.unit) == (8, 4, "weken")
    assert table.deadlines["bezwaartermijn"].to_verify
