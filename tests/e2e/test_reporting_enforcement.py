"""Handhaving in cijfers in the browser: the toezichthouder's full figures and the beleidsmaker's
suppressed ones, with chart and table; axe-core and CSP clean."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from baken.core.confidentiality import Confidentiality
from baken.enforcement.models import EnforcementCase, Inspection, Location

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def inspector(make_user, voorbeeld):
    return make_user("toezichthouder", voorbeeld, username="th", clearance=Confidentiality.VERTROUWELIJK)


@pytest.fixture
def inspections(inspector, voorbeeld):
    """Last month: 13 inspections of a logies with a violation, 3 of a carwash without."""
    moment = timezone.make_aware(
        dt.datetime.combine((timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=15), dt.time(10))
    )
    for number, (object_type, outcome, n) in enumerate(
        (("logies", "overtreding", 13), ("carwash", "geen_overtreding", 3)), start=1
    ):
        location = Location.objects.create(
            organisation=voorbeeld,
            street="Kadeweg",
            house_number=str(number),
            postcode="9901 AB",
            city="Voorbeeld",
            object_type=object_type,
            created_by=inspector,
        )
        case = EnforcementCase.objects.create(
            organisation=voorbeeld,
            location=location,
            reference=f"HH-E-{number}",
            theme="mensenhandel",
            reason="eigen_onderzoek",
            opened_on=moment.date(),
            created_by=inspector,
        )
        for _ in range(n):
            Inspection.objects.create(
                organisation=voorbeeld,
                case=case,
                planned_for=moment,
                status="uitgevoerd",
                performed_at=moment,
                outcome=outcome,
                created_by=inspector,
            )


def test_the_beleidsmaker_sees_suppressed_enforcement_figures(
    page, login_as, make_user, voorbeeld, inspections, assert_accessible
):
    login_as(make_user("beleidsmaker", voorbeeld, username="bm"))
    page.goto("/rapportage/meldingen/")
    page.get_by_role("link", name="Handhaving", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handhaving in cijfers")
    objects = page.get_by_role("table", name="Controles per soort object")
    expect(objects.get_by_role("row", name="Carwash")).to_contain_text("< 11")
    expect(objects.get_by_role("row", name="Logies / huisvesting arbeidsmigranten")).to_contain_text("×")
    expect(page.locator("svg.baken-chart").first).to_be_visible()
    assert_accessible(page)


def test_the_toezichthouder_sees_every_figure(page, login_as, inspector, inspections, assert_accessible):
    login_as(inspector)
    page.goto("/")
    page.get_by_role("link", name="Cijfers").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handhaving in cijfers")
    outcomes = page.get_by_role("table", name="Controles per uitkomst")
    expect(outcomes.get_by_role("row", name="Geen overtreding")).to_contain_text("3")
    expect(outcomes.get_by_role("row", name="Overtreding: handhaven")).to_contain_text("13")
    assert_accessible(page)
