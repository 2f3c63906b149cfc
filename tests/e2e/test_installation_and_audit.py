"""In the browser, at desktop size and on a 390×844 phone: the installatiebeheerder creates a
municipality and its first functioneel beheerder; the privacy officer searches the audit log and
downloads it as CSV and as PDF."""

import csv
import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditAction, AuditEvent, Organisation
from baken.core.services import audit_record
from tests.e2e.conftest import follow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_installatiebeheerder_creates_a_municipality_and_its_beheerder(
    page, login_as, make_user, region, assert_accessible, viewport
):
    page.set_viewport_size(viewport)
    login_as(make_user("installatiebeheerder", None, username="installatie", first_name="Ingrid"))
    page.goto("/")
    page.get_by_role("link", name="Gemeenten").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeenten")
    assert_accessible(page)
    follow(page, "Nieuwe gemeente")
    assert_accessible(page)
    page.get_by_label("Naam van de gemeente").fill("Gemeente Noorderstad")
    page.get_by_label("CBS-gemeentecode").fill("GM9950")
    page.get_by_label("Regio").select_option(label=region.name)
    page.get_by_label("Gebruikersnaam van de functioneel beheerder").fill("beheer-noorderstad")
    page.get_by_label("E-mailadres van de functioneel beheerder").fill("beheer@noorderstad.invalid")
    page.get_by_role("button", name="Gemeente aanmaken").click()
    expect(page.get_by_text("Gemeente Noorderstad is aangemaakt.")).to_be_visible()
    expect(page.get_by_role("cell", name="GM9950")).to_be_visible()
    assert_accessible(page)
    organisation = Organisation.objects.get(cbs_code="GM9950")
    assert organisation.users.get().username == "beheer-noorderstad"
    assert [message.to for message in mail.outbox] == [["beheer@noorderstad.invalid"]]

    # A wrong code is refused in Dutch, and nothing is created.
    page.get_by_role("link", name="Nieuwe gemeente").click()
    page.get_by_label("Naam van de gemeente").fill("Gemeente Fout")
    page.get_by_label("CBS-gemeentecode").fill("9951")
    page.get_by_label("Gebruikersnaam van de functioneel beheerder").fill("b")
    page.get_by_label("E-mailadres van de functioneel beheerder").fill("b@fout.invalid")
    page.get_by_role("button", name="Gemeente aanmaken").click()
    expect(
        page.get_by_role("link", name=re.compile("CBS-gemeentecode: Gebruik GM gevolgd door vier cijfers"))
    ).to_be_visible()
    assert_accessible(page)
    assert not Organisation.objects.filter(name="Gemeente Fout").exists()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_privacy_officer_searches_and_exports_the_audit_log(
    page, login_as, make_user, voorbeeld, signal, tmp_path, assert_accessible, viewport
):
    page.set_viewport_size(viewport)
    amir = make_user(
        "aandachtsfunctionaris",
        voorbeeld,
        username="amir",
        first_name="Amir",
        last_name="Bakker",
        clearance=Confidentiality.VERTROUWELIJK,
    )
    audit_record(actor=amir, action=AuditAction.VIEW, obj=signal, reason="signaal bekeken")
    officer = make_user("privacy_officer", voorbeeld, username="petra", first_name="Petra", last_name="Mulder")
    login_as(officer)
    page.goto("/audit/")
    assert_accessible(page)
    page.get_by_label("Referentienummer").fill(signal.reference)
    page.get_by_label("Persoon").fill("Amir Bakker")
    page.get_by_role("button", name="Zoeken").click()
    row = page.get_by_role("row", name=re.compile("Amir Bakker"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(signal.reference)
    expect(row).to_contain_text("Aandachtsfunctionaris mensenhandel")
    assert "signalling.signal" not in row.inner_text()
    assert_accessible(page)

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Exporteer als CSV").click()
    path = tmp_path / "audit.csv"
    csv_download.value.save_as(path)
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(table) == 2 and table[1][5] == signal.reference and table[1][1] == "Amir Bakker (amir)"

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name=re.compile("Exporteer als PDF")).click()
    pdf = tmp_path / "audit.pdf"
    pdf_download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    exports = AuditEvent.objects.filter(actor=officer, action=AuditAction.EXPORT).order_by("pk")
    assert [("csv" in e.reason, "pdf" in e.reason) for e in exports] == [(True, False), (False, True)]
    assert all(f"reference={signal.reference}" in e.reason for e in exports)
