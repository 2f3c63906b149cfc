"""The toezichthouder's figures as tables: inspections performed in the period by object type and
by outcome (each splits the same total), findings by checklist item (norm failures), measures sent
in the period by type and by stand (each splits the same total), Bibob tests decided in the period
by decision, and rechecks on time; the period
beside the same period a year earlier, suppressed for roles that may not see the cases."""

from django.utils.translation import gettext as _

from baken.enforcement.selectors import EnforcementCounts
from baken.reporting.figures import FigureTable, LeadTimes, Period, partition_tables, table_of


def _grid(current: dict, previous: dict, codes) -> list[list[int]]:
    return [[current.get(code, 0), previous.get(code, 0)] for code in codes]


def enforcement_tables(
    current: EnforcementCounts, previous: EnforcementCounts, period: Period, labels: dict, *, full: bool
) -> list[FigureTable]:
    columns = (period.label, period.year_earlier().label)
    inspection_splits = {
        "object": (_("Controles per soort object"), labels["object_types"], "inspections_by_object_type"),
        "uitkomst": (
            _("Controles per uitkomst"),
            [*labels["outcomes"], ("", _("Nog geen uitkomst"))],
            "inspections_by_outcome",
        ),
    }
    measure_splits = {
        "maatregel": (_("Maatregelen per soort"), labels["intent_types"], "measures_by_type"),
        "stand": (_("Maatregelen per stand"), labels["measure_statuses"], "measures_by_status"),
    }
    figures = []
    for splits, note in (
        (inspection_splits, _("Controles die in de periode zijn uitgevoerd.")),
        (measure_splits, _("Maatregelen waarvan het voornemen in de periode is verzonden; de stand van nu.")),
    ):
        grids = {
            key: _grid(getattr(current, attribute), getattr(previous, attribute), [c for c, _l in categories])
            for key, (_title, categories, attribute) in splits.items()
        }
        tables = partition_tables(grids, full=full)
        figures += [
            FigureTable(key, title, tuple(str(label) for _c, label in categories), columns, tables[key], note=note)
            for key, (title, categories, _a) in splits.items()
        ]
    items = [*labels["checklist"], ("", _("Buiten de checklist"))]
    figures.insert(
        2,
        FigureTable(
            "normen",
            _("Overtreden normen (bevindingen per checklistpunt)"),
            tuple(str(label) for _c, label in items),
            columns,
            table_of(_grid(current.findings_by_item, previous.findings_by_item, [c for c, _l in items]), full=full),
            note=_("Bevindingen bij de controles uit de periode; één controle kan meer bevindingen hebben."),
        ),
    )
    decisions = labels["bibob_decisions"]
    bibob = _grid(current.bibob_by_decision, previous.bibob_by_decision, [c for c, _l in decisions])
    figures.append(
        FigureTable(
            "bibob",
            _("Bibob-toetsen per besluit"),
            tuple(str(label) for _c, label in decisions),
            columns,
            table_of(bibob, full=full),
            note=_("Bibob-toetsen waarover in de periode is besloten."),
        )
    )
    return figures


def rechecks(
    current: EnforcementCounts, previous: EnforcementCounts, period: Period, *, full: bool, limit: int
) -> LeadTimes:
    """The share of rechecks done by their deadline; over fewer measures than the threshold not
    shown to roles that may not see the cases."""
    too_few = _("te weinig maatregelen")

    def share(on_time: tuple[bool, ...]) -> str:
        if not on_time or (not full and len(on_time) < limit):
            return too_few
        return f"{round(100 * sum(on_time) / len(on_time))} %"

    return LeadTimes(
        (period.label, period.year_earlier().label),
        ((_("Hercontrole op tijd"), (share(current.rechecks_on_time), share(previous.rechecks_on_time))),),
    )
