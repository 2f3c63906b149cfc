import pytest
from django.utils import timezone

from baken.demo.enforcement_history import ENFORCEMENT_HISTORY_SIZE, PREFIX, load_demo_enforcement_history
from baken.demo.loader import load_demo_data
from baken.enforcement.models import Inspection
from baken.enforcement.selectors import enforcement_figure_labels, organisation_enforcement_counts
from baken.reporting.enforcement_figures import enforcement_tables
from baken.reporting.figures import Period

pytestmark = pytest.mark.django_db


def test_two_years_of_inspections_once_and_figures_for_the_beleidsmaker():
    load_demo_data()
    history = Inspection.objects.filter(organisation__slug="voorbeeld", case__reference__startswith=PREFIX)
    assert history.count() == ENFORCEMENT_HISTORY_SIZE["voorbeeld"]
    organisation = history.first().organisation
    assert load_demo_enforcement_history(organisation) == 0  # idempotent

    period = Period.last_twelve_months(timezone.localdate())
    previous = period.year_earlier()
    tables = enforcement_tables(
        organisation_enforcement_counts(organisation.pk, start=period.start, end=period.end),
        organisation_enforcement_counts(organisation.pk, start=previous.start, end=previous.end),
        period,
        enforcement_figure_labels(),
        full=False,
    )
    figures = [f for t in tables for _label, cells in t.rows for f in cells]
    assert any(f.hidden for f in figures) and any(not f.hidden and f.value >= 11 for f in figures)
