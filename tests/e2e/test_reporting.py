"""Rapportage in the browser: the beleidsmaker's suppressed figures and the aandachtsfunctionaris's
full ones, with chart and table, at desktop size and on a 390x844 phone; axe-core and CSP clean."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from baken.core.confidentiality import Confidentiality
from baken.signalling.models import Signal
from baken.testing.signals import make_signal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def figures(reporter):
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=15)
    moment = timezone.make_aware(dt.datetime.combine(last_month, dt.time(10)))
    for channel, count in (("balie", 13), ("telefoon", 3)):
        for _ in range(count):
            Signal.objects.filter(pk=make_signal(reporter, channel=channel).pk).update(submitted_at=moment)


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}])
def test_the_beleidsmaker_sees_suppressed_figures_with_a_chart(
    page, login_as, make_user, voorbeeld, figures, viewport, assert_accessible
):
    page.set_viewport_size(viewport)
    login_as(make_user("beleidsmaker", voorbeeld, username="bm"))
    page.goto("/")
    page.get_by_role("link", name="Cijfers").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen in cijfers")
    channel = page.get_by_role("table", name="Hoe de melding is opgemerkt")
    expect(channel.get_by_role("row", name="Telefonisch")).to_contain_text("< 11")
    expect(channel.get_by_role("row", name="Aan de balie")).to_contain_text("×")
    expect(page.locator("svg.baken-chart").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download “Hoe de melding is opgemerkt” als CSV").click()
    assert "Telefonisch;< 11" in download.value.path().read_text(encoding="utf-8")


def test_the_aandachtsfunctionaris_sees_every_figure(page, login_as, make_user, voorbeeld, figures, assert_accessible):
    login_as(make_user("aandachtsfunctionaris", voorbeeld, username="af", clearance=Confidentiality.VERTROUWELIJK))
    page.goto("/rapportage/meldingen/")
    channel = page.get_by_role("table", name="Hoe de melding is opgemerkt")
    expect(channel.get_by_role("row", name="Telefonisch")).to_contain_text("3")
    expect(channel.get_by_role("row", name="Aan de balie")).to_contain_text("13")
    assert_accessible(page)
