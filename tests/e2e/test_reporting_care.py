"""Zorg in cijfers in the browser: the zorgcoördinator's full figures and the beleidsmaker's
suppressed ones, with chart and table, on desktop and phone; axe-core and CSP clean."""

import datetime as dt
from itertools import count

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from baken.care.models import CareCase
from baken.core.confidentiality import Confidentiality

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
_NUMBERS = count(1)


@pytest.fixture
def trajectories(make_user, voorbeeld):
    """Last month: 13 trajectories of adults from Poland in traject, 3 Dutch ones just registered."""
    coordinator = make_user("zorgcoordinator", voorbeeld, username="zc-maker", clearance=Confidentiality.CONFIDENTIEEL)
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=15)
    for status, nationality, n in (("in_traject", "PL", 13), ("aangemeld", "NL", 3)):
        for _ in range(n):
            number = next(_NUMBERS)
            CareCase.objects.create(
                organisation=voorbeeld,
                reference=f"ZT-E-{number:05d}",
                pseudonym=f"Eik {number}",
                source="politie",
                registered_on=last_month,
                status=status,
                nationality=nationality,
                created_by=coordinator,
            )


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}])
def test_the_beleidsmaker_sees_suppressed_care_figures(
    page, login_as, make_user, voorbeeld, trajectories, viewport, assert_accessible
):
    page.set_viewport_size(viewport)
    login_as(make_user("beleidsmaker", voorbeeld, username="bm"))
    page.goto("/rapportage/meldingen/")
    page.get_by_role("link", name="Zorg", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorg in cijfers")
    phases = page.get_by_role("table", name="Trajecten per fase")
    expect(phases.get_by_role("row", name="Aangemeld")).to_contain_text("< 11")
    expect(phases.get_by_role("row", name="In traject")).to_contain_text("×")
    expect(page.locator("svg.baken-chart").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert_accessible(page)


def test_the_zorgcoordinator_sees_every_figure(page, login_as, make_user, voorbeeld, trajectories, assert_accessible):
    login_as(make_user("zorgcoordinator", voorbeeld, username="zc", clearance=Confidentiality.CONFIDENTIEEL))
    page.goto("/")
    page.get_by_role("link", name="Cijfers").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorg in cijfers")
    nationalities = page.get_by_role("table", name="Trajecten per nationaliteit")
    expect(nationalities.get_by_role("row", name="Nederlands")).to_contain_text("3")
    expect(nationalities.get_by_role("row", name="EU, EER of Zwitserland")).to_contain_text("13")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download “Trajecten per nationaliteit” als CSV").click()
    assert "Nederlands;3;0" in download.value.path().read_text(encoding="utf-8")
