"""Means of control and ways of recruitment: versioned value lists in the catalogue with an
HTCDS code where one exists, several per case, recorded on the case page and shown there."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.care import selectors, services
from baken.care.catalogue.loader import catalogue
from baken.care.models import CareCase, CarePhase
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.testing.care import move_to


def test_the_value_lists_are_catalogue_data_with_htcds_codes():
    data = catalogue()
    assert data.version
    for values in (data.control_methods, data.recruitment_methods):
        assert len(values) >= 5 and "anders" in values
        codes = [entry.htcds_code for entry in values.values() if entry.htcds_code]
        assert codes and len(codes) < len(values)  # a code where one exists, not everywhere
    assert data.control_methods["schuld"].htcds_code == "meansOfControlDebtBondage"
    assert data.recruitment_methods["relatie"].htcds_code == "recruiterRelationIntimatePartner"


def test_several_methods_recorded_in_catalogue_order_with_the_version(coordinator, case):
    case = services.care_methods_set(
        actor=coordinator,
        case=case,
        control_methods=["documenten", "schuld", "schuld"],
        recruitment_methods=["online", "relatie"],
    )
    case.refresh_from_db()
    assert case.control_methods == ["schuld", "documenten"]
    assert case.recruitment_methods == ["relatie", "online"]
    assert case.methods_catalogue_version == catalogue().version
    shown = selectors.case_methods(case)
    assert [entry.label for entry in shown["control"]] == [
        "Schulden (schuldslavernij)",
        "Paspoort of papieren afgenomen",
    ]
    event = AuditEvent.objects.filter(object_type="care.carecase", reason__startswith="middelen van controle").get()
    assert event.actor == coordinator
    # Emptying is allowed.
    services.care_methods_set(actor=coordinator, case=case, control_methods=[], recruitment_methods=[])
    case.refresh_from_db()
    assert case.control_methods == [] and case.recruitment_methods == []


def test_unknown_codes_closed_cases_and_outsiders_are_refused(coordinator, triager, case, closing_alone):
    with pytest.raises(ValidationError) as error:
        services.care_methods_set(
            actor=coordinator, case=case, control_methods=["geheime_code"], recruitment_methods=["nergens"]
        )
    assert set(error.value.message_dict) == {"control_methods", "recruitment_methods"}
    with pytest.raises(NotPermitted):
        services.care_methods_set(actor=triager, case=case, control_methods=["schuld"], recruitment_methods=[])
    closed = move_to(coordinator, case, CarePhase.ADVICE_ONLY, CarePhase.CLOSED)
    with pytest.raises(ValidationError):
        services.care_methods_set(actor=coordinator, case=closed, control_methods=["schuld"], recruitment_methods=[])
    assert CareCase.objects.get(pk=case.pk).control_methods == []


def test_a_code_a_later_catalogue_dropped_still_shows(coordinator, case):
    CareCase.objects.filter(pk=case.pk).update(control_methods=["oud"], methods_catalogue_version="2025.1")
    case.refresh_from_db()
    assert [entry.label for entry in selectors.case_methods(case)["control"]] == ["oud"]


def test_the_case_page_records_and_shows_them(client_for, coordinator, case):
    client = client_for(coordinator)
    url = reverse("care:case", args=[case.pk])
    page = client.get(url).text
    assert "Middelen van controle en werving" in page and "Nog niet vastgelegd." in page
    assert 'name="methoden-control_methods"' in page and "Voodoo of juju-eed" in page
    bad = client.post(reverse("care:methods", args=[case.pk]), {"methoden-control_methods": ["geheime_code"]})
    assert bad.status_code == 400
    assert CareCase.objects.get(pk=case.pk).control_methods == []
    saved = client.post(
        reverse("care:methods", args=[case.pk]),
        {"methoden-control_methods": ["schuld", "bedreiging"], "methoden-recruitment_methods": ["werkaanbod"]},
    )
    assert saved.status_code == 302
    page = client.get(url).text
    assert "Schulden (schuldslavernij), Bedreiging (ook van familie)" in page
    assert "Met een werkaanbod of via een uitzend- of bemiddelingsbureau" in page
    assert f"catalogusversie {catalogue().version}" in page
