"""Overzicht voor beleid in the browser: headline figures, reach and training with their charts;
axe-core and CSP clean."""

import pytest
from playwright.sync_api import expect

from baken.prevention.models import StaffCount
from baken.testing.prevention import make_training

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_beleidsmaker_reads_the_overview(page, login_as, make_user, voorbeeld, assert_accessible):
    beleidsmaker = make_user("beleidsmaker", voorbeeld, username="bm")
    make_training(beleidsmaker, department="balie", participants=12)
    StaffCount.objects.create(organisation=voorbeeld, department="balie", staff=40, updated_by=beleidsmaker)
    login_as(beleidsmaker)
    page.goto("/rapportage/meldingen/")
    page.get_by_role("link", name="Overzicht", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht voor beleid")
    training = page.get_by_role("table", name="Getrainde medewerkers per afdeling")
    expect(training.get_by_role("row", name="Balie en publiekszaken")).to_contain_text("40")
    expect(page.get_by_role("table", name="Kerncijfers").get_by_role("row", name="Meldingen")).to_be_visible()
    assert_accessible(page)
