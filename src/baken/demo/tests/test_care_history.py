import datetime as dt

import pytest
from django.utils import timezone

from baken.care.models import CareCase
from baken.care.selectors import care_figure_labels, organisation_care_counts
from baken.demo.care_history import CARE_HISTORY_SIZE, PREFIX, load_demo_care_history
from baken.demo.loader import load_demo_data
from baken.reporting.care_figures import care_tables
from baken.reporting.figures import Period

pytestmark = pytest.mark.django_db


def test_two_years_of_care_history_once_and_figures_for_the_beleidsmaker():
    load_demo_data()
    history = CareCase.objects.filter(organisation__slug="voorbeeld", reference__startswith=PREFIX)
    today = timezone.localdate()
    assert history.count() == CARE_HISTORY_SIZE["voorbeeld"]
    assert history.earliest("registered_on").registered_on >= today - dt.timedelta(days=730)
    organisation = history.first().organisation
    assert load_demo_care_history(organisation) == 0  # idempotent

    # The beleidsmaker's care figures over the last year show some figures and hide some.
    period = Period.last_twelve_months(today)
    previous = period.year_earlier()
    tables = care_tables(
        organisation_care_counts(organisation.pk, start=period.start, end=period.end),
        organisation_care_counts(organisation.pk, start=previous.start, end=previous.end),
        period,
        care_figure_labels(),
        full=False,
    )
    figures = [f for t in tables for _label, cells in t.rows for f in cells]
    assert any(f.hidden for f in figures) and any(not f.hidden and f.value >= 11 for f in figures)
