"""The zorgcoördinator's figures as tables: trajectories registered in the period by phase, form,
age group, nationality group and dossier type (each splits the same total), shelter placements by
type, closures by reason, shelter costs per payer and the time from aanmelding to shelter; the
period beside the same period a year earlier, suppressed for roles that may not see the cases."""

from django.utils.translation import gettext as _

from baken.care.selectors import CareCounts
from baken.reporting.figures import (
    FigureTable,
    LeadTimes,
    Period,
    duration_days,
    partition_tables,
    percentile,
    table_of,
)
from baken.reporting.suppression import carry

#: EU, EEA and Switzerland (ISO 3166), without the Netherlands: the "EU" nationality group of the
#: domain brief §4.3 (free movement, so a different legal track from third-country nationals, §1.2).
EU_EEA_CH = frozenset(
    {
        *("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU"),
        *("IE", "IT", "LT", "LU", "LV", "MT", "PL", "PT", "RO", "SE", "SI", "SK"),
        *("IS", "LI", "NO", "CH"),  # EEA and Switzerland
    }
)


def nationality_group(code: str) -> str:
    if not code:
        return ""
    if code == "NL":
        return "nl"
    return "eu" if code in EU_EEA_CH else "other"


def _grid(current: dict, previous: dict, codes) -> list[list[int]]:
    return [[current.get(code, 0), previous.get(code, 0)] for code in codes]


def _grouped(counts: dict[str, int]) -> dict[str, int]:
    groups: dict[str, int] = {}
    for code, n in counts.items():
        groups[nationality_group(code)] = groups.get(nationality_group(code), 0) + n
    return groups


def care_tables(
    current: CareCounts, previous: CareCounts, period: Period, labels: dict, *, full: bool
) -> list[FigureTable]:
    columns = (period.label, period.year_earlier().label)
    unknown = _("Onbekend")
    splits = {
        "fase": (_("Trajecten per fase"), labels["phases"], "by_phase"),
        "vorm": (
            _("Trajecten per vorm van uitbuiting"),
            [*labels["forms"], ("", _("Niet bij CoMensha gemeld"))],
            "by_form",
        ),
        "leeftijd": (
            _("Trajecten per leeftijdsgroep"),
            [("minor", _("Minderjarig")), ("adult", _("Volwassen")), ("", unknown)],
            "by_age_group",
        ),
        "nationaliteit": (
            _("Trajecten per nationaliteit"),
            [("nl", _("Nederlands")), ("eu", _("EU, EER of Zwitserland")), ("other", _("Ander land")), ("", unknown)],
            None,
        ),
        "dossier": (
            _("Trajecten per soort dossier (CoMensha)"),
            [*labels["dossier_types"], ("", _("Niet bij CoMensha gemeld"))],
            "by_dossier_type",
        ),
    }

    def counts_of(figures: CareCounts, attribute: str | None) -> dict[str, int]:
        return _grouped(figures.by_nationality) if attribute is None else getattr(figures, attribute)

    grids = {
        key: _grid(counts_of(current, attribute), counts_of(previous, attribute), [code for code, _l in categories])
        for key, (_title, categories, attribute) in splits.items()
    }
    tables = partition_tables(grids, full=full)
    note = _("Trajecten aangemeld in de periode, met hun fase van nu.")
    figures = [
        FigureTable(key, title, tuple(str(label) for _c, label in categories), columns, tables[key], note=note)
        for key, (title, categories, _a) in splits.items()
    ]

    shelter_types = labels["shelter_types"]
    figures.append(
        FigureTable(
            "opvang",
            _("Opvangplaatsingen per soort opvang"),
            tuple(label for _c, label in shelter_types),
            columns,
            table_of(
                _grid(current.placements_by_type, previous.placements_by_type, [c for c, _l in shelter_types]),
                full=full,
            ),
            note=_("Plaatsingen die in de periode begonnen."),
        )
    )
    reasons = labels["closure_reasons"]
    figures.append(
        FigureTable(
            "afsluiting",
            _("Afgesloten trajecten per reden"),
            tuple(label for _c, label in reasons),
            columns,
            table_of(
                _grid(current.closures_by_reason, previous.closures_by_reason, [c for c, _l in reasons]), full=full
            ),
            note=_("Trajecten die in de periode zijn afgesloten."),
        )
    )
    figures.append(_cost_table(current, previous, columns, labels["payers"], full=full))
    return figures


def _cost_table(current: CareCounts, previous: CareCounts, columns, payers, *, full: bool) -> FigureTable:
    """Costs per payer in whole euros; an amount over fewer placements than the threshold is hidden
    with its count (suppression.carry), for the roles that may not see the cases."""
    now = {cost.code: cost for cost in current.costs}
    before = {cost.code: cost for cost in previous.costs}
    codes = [code for code, _l in payers]
    placements = [[now[c].placements if c in now else 0, before[c].placements if c in before else 0] for c in codes]
    amounts = [[round(now[c].amount) if c in now else 0, round(before[c].amount) if c in before else 0] for c in codes]
    counted = table_of(placements, full=full)
    return FigureTable(
        "kosten",
        _("Kosten van opvang per betaler (euro)"),
        tuple(label for _c, label in payers),
        columns,
        carry(counted, amounts),
        note=_("Dagen van opvang in de periode maal de kosten per dag; dagen zonder bekende kosten tellen niet mee."),
    )


def time_to_shelter(current: CareCounts, previous: CareCounts, period: Period, *, full: bool, limit: int) -> LeadTimes:
    """Days from aanmelding to the first shelter placement, as median and 90th percentile; over
    fewer trajectories than the threshold not shown to roles that may not see the cases."""
    too_few = _("te weinig trajecten")

    def column(days: tuple[int, ...]) -> tuple[str, str]:
        if not days or (not full and len(days) < limit):
            return too_few, too_few
        return duration_days(percentile(list(days), 50)), duration_days(percentile(list(days), 90))

    now, before = column(current.days_to_shelter), column(previous.days_to_shelter)
    labels = (_("Tijd van aanmelding tot opvang (mediaan)"), _("Negen op de tien in opvang binnen"))
    return LeadTimes(
        (period.label, period.year_earlier().label),
        tuple((label, (a, b)) for label, a, b in zip(labels, now, before, strict=True)),
    )
