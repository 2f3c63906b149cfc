"""Four eyes in the browser: one functioneel beheerder creates an account with a case role, it
waits; a second approves it; the privacy officer finds both steps on their start page and in
their messages. At desktop size and on a 390×844 phone."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from baken.accounts.models import AccessRequest, AccessRequestStatus, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_a_case_role_waits_for_a_second_beheerder(page, login_as, assert_accessible, viewport):
    call_command("load_demo_data", stdout=io.StringIO())
    page.set_viewport_size(viewport)

    login_as(User.objects.get(username="functioneel_beheerder-voorbeeld"))
    page.goto("/account/gebruikers/nieuw/")
    page.get_by_label("Gebruikersnaam").fill("nieuwe.collega")
    page.get_by_label("E-mailadres").fill("nieuwe.collega@voorbeeld.invalid")
    page.get_by_label("Aandachtsfunctionaris mensenhandel").check()
    page.get_by_label("Vertrouwelijkheidsniveau").select_option(label="vertrouwelijk")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("wacht op goedkeuring door een tweede functioneel beheerder")).to_be_visible()
    account = User.objects.get(username="nieuwe.collega")
    assert not account.groups.exists() and account.clearance < 5
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)

    # The one who asked sees the request but cannot approve it.
    page.goto(f"/account/gebruikers/goedkeuringen/{waiting.pk}/")
    expect(page.get_by_role("button", name="Goedkeuren")).to_have_count(0)
    expect(page.get_by_role("button", name="Verzoek intrekken")).to_be_visible()

    # The second beheerder finds it on the start page and approves it.
    login_as(User.objects.get(username="functioneel_beheerder2-voorbeeld"))
    page.goto("/")
    expect(page.get_by_text("1 verzoek wacht op uw besluit.")).to_be_visible()
    page.get_by_role("link", name=f"#{waiting.pk} nieuwe.collega").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Toegangsverzoek #{waiting.pk}")
    assert_accessible(page)
    page.get_by_label("Toelichting").fill("Nieuwe collega van team Veiligheid, gebeld ter controle.")
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text(f"Toegangsverzoek #{waiting.pk} is afgehandeld.")).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.status == AccessRequestStatus.APPROVED
    assert list(account.groups.values_list("name", flat=True)) == ["aandachtsfunctionaris"]

    # The privacy officer sees both steps, on the start page and among their messages.
    login_as(User.objects.get(username="privacy_officer-voorbeeld"))
    page.goto("/")
    expect(page.locator("#access-panel").locator("..")).to_contain_text("goedgekeurd")
    page.goto("/berichten/")
    expect(page.get_by_text(f"Toegangsverzoek #{waiting.pk} voor nieuwe.collega").first).to_be_visible()
    expect(page.get_by_text("is goedgekeurd door functioneel_beheerder2-voorbeeld")).to_be_visible()
    assert_accessible(page)


def test_a_single_beheerder_is_told_who_approves(page, login_as, assert_accessible):
    call_command("load_demo_data", stdout=io.StringIO())
    login_as(User.objects.get(username="functioneel_beheerder-zuiderhaven"))
    page.goto("/account/gebruikers/goedkeuringen/")
    expect(page.get_by_role("heading", name="U bent de enige functioneel beheerder")).to_be_visible()
    assert_accessible(page)
