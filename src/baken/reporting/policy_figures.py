"""The beleidsmaker's overview: the headline figures of signals, care and enforcement (the very
figures the dashboards show, with their hidden cells), prevention reach per target group in the
school year beside the year before, training coverage per department, and the state of the
approach: the VNG Kader's blocks per status in the latest self-assessments and the action plan's
actions per status at the end of the period and a year earlier. Those last are counts of policy
items, not of people, and are shown in full."""

from django.utils.translation import gettext as _

from baken.core.dates import short_date
from baken.policy.models import ActionStatus, BlockStatus
from baken.prevention.catalogue.loader import catalogue as prevention_catalogue
from baken.prevention.models import SCHOOL_YEAR_START_MONTH
from baken.prevention.selectors import DepartmentCapacity
from baken.reporting.figures import FigureTable, Period, table_of
from baken.reporting.suppression import SuppressedTable


def school_year_of(period: Period) -> int:
    """The school year (its first calendar year) in which the period ends."""
    end = period.end
    return end.year if end.month >= SCHOOL_YEAR_START_MONTH else end.year - 1


def headline_table(sources: list[tuple[str, FigureTable]], period: Period) -> FigureTable:
    """One line per dashboard: the column totals of one of its tables, taken as they are shown
    there (hidden where hidden), so that the overview gives nothing away that the dashboard hides."""
    totals = tuple(table.table.column_totals for _label, table in sources)
    return FigureTable(
        "overzicht",
        _("Kerncijfers"),
        tuple(label for label, _table in sources),
        (period.label, period.year_earlier().label),
        SuppressedTable(
            cells=totals,
            row_totals=None,
            column_totals=None,
            total=None,
            threshold=sources[0][1].table.threshold,
        ),
        note=_("Dezelfde aantallen als op de pagina’s Meldingen, Zorg en Handhaving."),
    )


def reach_table(current: list[tuple[str, int, int]], previous: list[tuple[str, int, int]], year: int) -> FigureTable:
    """Participants reached per target group, in the school year and the one before. Activities,
    not people: a count of participants identifies nobody, and the beleidsmaker keeps these rows."""
    groups = prevention_catalogue().choices("target_groups")
    now = {code: people for code, _held, people in current}
    before = {code: people for code, _held, people in previous}
    codes = [code for code, _label in groups]
    codes += sorted((set(now) | set(before)) - set(codes))
    labels = dict(groups)
    return FigureTable(
        "bereik",
        _("Bereik van preventie per doelgroep (deelnemers)"),
        tuple(labels.get(code, code) for code in codes),
        (_school_year_label(year), _school_year_label(year - 1)),
        table_of([[now.get(code, 0), before.get(code, 0)] for code in codes], full=True),
        note=_("Uitgevoerde en geëvalueerde activiteiten; één activiteit kan meer doelgroepen hebben."),
    )


def training_table(departments: list[DepartmentCapacity]) -> FigureTable:
    """Per department: participants with a current training beside the staff entered."""
    return FigureTable(
        "training",
        _("Getrainde medewerkers per afdeling"),
        tuple(department.label for department in departments),
        (_("Getraind"), _("Medewerkers")),
        table_of([[department.trained, department.staff or 0] for department in departments], full=True),
        note=_("Deelnemers aan een training waarvan de opfrisdatum niet is verstreken; medewerkers zoals ingevuld."),
    )


def kader_table(assessed: list[tuple[int, dict[str, int]]]) -> FigureTable | None:
    """The blocks of the VNG Kader per status in the latest self-assessment beside the one
    before (none: an empty column); None when the municipality has no self-assessment yet."""
    if not assessed:
        return None
    (year, latest), previous = assessed[0], (assessed[1] if len(assessed) > 1 else None)
    statuses = [*BlockStatus.choices, ("open", _("Nog niet beoordeeld"))]
    before = previous[1] if previous else {}
    return FigureTable(
        "kader",
        _("Bouwstenen van het VNG Kader per status"),
        tuple(label for _code, label in statuses),
        (
            _("Zelfevaluatie %(year)d") % {"year": year},
            _("Zelfevaluatie %(year)d") % {"year": previous[0]} if previous else _("Geen eerdere zelfevaluatie"),
        ),
        table_of([[latest.get(code, 0), before.get(code, 0)] for code, _label in statuses], full=True),
        note=_("Uit de laatste twee zelfevaluaties van uw gemeente (Beleid & regie)."),
    )


def action_table(now: dict[str, int], before: dict[str, int], period: Period) -> FigureTable:
    """The action plan's actions per status at the end of the period and a year earlier."""
    previous = period.year_earlier()
    return FigureTable(
        "acties",
        _("Acties van het actieplan per status"),
        tuple(label for _code, label in ActionStatus.choices),
        (
            _("Op %(date)s") % {"date": short_date(period.end)},
            _("Op %(date)s") % {"date": short_date(previous.end)},
        ),
        table_of([[now.get(code, 0), before.get(code, 0)] for code, _label in ActionStatus.choices], full=True),
        note=_("De status die elke actie op die dag had, uit de geschiedenis van de actie."),
    )


def _school_year_label(first_year: int) -> str:
    return _("schooljaar %(first)d–%(second)d") % {"first": first_year, "second": first_year + 1}
