"""Huisstijl in the browser: a hex typed by hand moves the picker and the preview at once."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_typing_a_hex_updates_picker_and_preview(page, login_as, assert_accessible, beheerder):
    login_as(beheerder)
    page.goto("/beheer/huisstijl/")
    assert_accessible(page)
    page.locator("#id_primary_colour").fill("#7a1f3d")
    expect(page.locator('input[data-colour-for="id_primary_colour"]')).to_have_value("#7a1f3d")
    header = page.locator(".baken-preview__header")
    expect(header).to_have_css("background-color", "rgb(122, 31, 61)")
    page.locator('input[data-colour-for="id_link_colour"]').fill("#005a00")
    expect(page.locator("#id_link_colour")).to_have_value("#005a00")
    expect(page.locator(".baken-preview__link")).to_have_css("color", "rgb(0, 90, 0)")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De huisstijl is opgeslagen.")).to_be_visible()
