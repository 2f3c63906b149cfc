"""The trajectory summary for a warm hand-over: only the chosen parts, never the shelter
address, the identity only after a reveal, logged as an export with the recipient."""

import pytest
from django.urls import reverse

from baken.care import selectors, services
from baken.core.models import AuditEvent
from baken.testing.care import place

ALL = ["identiteit", "persoon", "tijdlijn", "plan", "verwijzingen", "opvang", "contacten"]


@pytest.fixture
def filled(coordinator, case, care_partner):
    services.care_name_reveal(actor=coordinator, case=case, reason="Overdracht")
    services.care_person_update(
        actor=coordinator, case=case, values={"full_name": "Maria Ionescu", "bsn": "111222333", "nationality": "RO"}
    )
    services.plan_goal_add(actor=coordinator, case=case, domain="huisvesting", description="Eigen kamer")
    place(coordinator, case, care_partner)
    case.shelter_address = "Geheimelaan 1"  # test set-up: the geheim address, which no summary holds
    case.save(update_fields=["shelter_address"])
    case.refresh_from_db()
    return case


def test_only_the_chosen_sections(filled):
    case = selectors.case_for(user=filled.responsible, pk=filled.pk)
    only_plan = selectors.summary_context(case, sections=["plan"])
    assert set(only_plan) == {"plan"} and only_plan["plan"][0][1].description == "Eigen kamer"
    everything = selectors.summary_context(case, sections=ALL)
    assert (
        dict(everything["identity"])["BSN"] == "111222333" and dict(everything["identity"])["Naam"] == "Maria Ionescu"
    )
    assert "Geheimelaan" not in repr(everything)


def test_the_pdf_and_its_audit_line(client_for, coordinator, filled):
    url = reverse("care:summary", args=[filled.pk])
    form = client_for(coordinator).get(url)
    assert form.status_code == 200 and "Voor wie is de samenvatting?" in form.text
    missing = client_for(coordinator).get(url, {"sections": ["plan"]})
    assert missing.status_code == 400 and "Dit veld is verplicht." in missing.text
    response = client_for(coordinator).get(url, {"recipient": "Wijkteam Noord", "sections": ALL})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="export", object_id=str(filled.pk))
    assert event.reason.startswith("samenvatting voor Wijkteam Noord: identiteit, persoon")


def test_no_identity_without_a_reveal(client_for, regional_coordinator, filled):
    # The regional zorgcoördinator has not revealed the name.
    url = reverse("care:summary", args=[filled.pk])
    refused = client_for(regional_coordinator).get(url, {"recipient": "Wijkteam", "sections": ["identiteit"]})
    assert refused.status_code == 400 and "Toon eerst de naam" in refused.text
    assert not AuditEvent.objects.filter(action="export").exists()
    allowed = client_for(regional_coordinator).get(url, {"recipient": "Wijkteam", "sections": ["persoon", "plan"]})
    assert allowed.status_code == 200 and allowed["Content-Type"] == "application/pdf"
