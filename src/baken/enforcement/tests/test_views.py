"""The pages of Handhaven through the client: the main path, audit of every view, empty states,
pagination, Dutch errors that change nothing, and what the aandachtsfunctionaris sees."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditEvent
from baken.enforcement import services
from baken.enforcement.models import EnforcementCase, Inspection, Location, Measure
from baken.enforcement.tests.conftest import location_input


def _viewed(user, object_type: str, object_id="") -> bool:
    rows = AuditEvent.objects.filter(actor=user, action="view", object_type=object_type)
    return rows.filter(object_id=str(object_id)).exists() if object_id else rows.exists()


def test_empty_register_says_what_to_do(client_for, inspector):
    response = client_for(inspector).get(reverse("enforcement:index"))
    assert response.status_code == 200
    assert "Er staan nog geen locaties in het register" in response.content.decode()
    assert _viewed(inspector, "enforcement.location")
    planning = client_for(inspector).get(reverse("enforcement:planning"))
    assert "Er zijn geen controles gepland" in planning.content.decode()


def test_search_and_pagination(client_for, inspector):
    for number in range(1, 28):
        services.location_save(
            actor=inspector, location=None, data=location_input(house_number=str(number), name=f"Pand {number}")
        )
    services.location_save(
        actor=inspector, location=None, data=location_input(street="Dorpsstraat", postcode="9901 CD", house_number="1")
    )
    client = client_for(inspector)
    first = client.get(reverse("enforcement:index"))
    assert "28 locaties" in first.content.decode()
    assert "pagina=2" in first.content.decode()
    assert client.get(reverse("enforcement:index"), {"pagina": "2"}).status_code == 200
    found = client.get(reverse("enforcement:index"), {"q": "9901cd"}).content.decode()
    assert "1 locatie" in found and "Dorpsstraat" in found
    none = client.get(reverse("enforcement:index"), {"q": "Nergensweg"}).content.decode()
    assert "Geen locaties die aan deze zoekopdracht voldoen" in none
    assert client.get(reverse("enforcement:index"), {"object_type": "kasteel", "pagina": "x"}).status_code == 200
    reasons = AuditEvent.objects.filter(actor=inspector, object_type="enforcement.location").values_list(
        "reason", flat=True
    )
    assert any("q=Nergensweg" in reason for reason in reasons)


def test_register_with_a_bad_postcode_gets_a_dutch_error_and_saves_nothing(client_for, inspector):
    body = {
        "street": "Havenweg",
        "house_number": "3",
        "postcode": "12AB",
        "city": "Voorbeeld",
        "object_type": "woning",
        "kvk_number": "123",
    }
    response = client_for(inspector).post(reverse("enforcement:location_create"), body)
    assert response.status_code == 400
    page = response.content.decode()
    assert "geen geldige Nederlandse postcode" in page
    assert "precies acht cijfers" in page
    assert not Location.objects.exists()


def test_main_path_location_case_inspection_finding_measure(client_for, inspector):
    client = client_for(inspector)
    response = client.post(
        reverse("enforcement:location_create"),
        {
            "street": "Havenweg",
            "house_number": "3",
            "postcode": "9901ab",
            "city": "Voorbeeld",
            "object_type": "logies",
            "kvk_number": "87654321",
            "registered_residents": "4",
        },
    )
    location = Location.objects.get()
    assert response.url == reverse("enforcement:location", kwargs={"pk": location.pk})
    assert (
        client.post(
            reverse("enforcement:party_add", args=[location.pk]),
            {"betrokkene-role": "verhuurder", "betrokkene-name": "Flex B.V."},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("enforcement:licence_add", args=[location.pk]),
            {"vergunning-kind": "snf_keurmerk", "vergunning-valid_until": "2020-01-01"},
        ).status_code
        == 302
    )
    page = client.get(reverse("enforcement:location", args=[location.pk])).content.decode()
    assert "Flex B.V." in page and "verlopen" in page
    assert _viewed(inspector, "enforcement.location", location.pk)

    client.post(
        reverse("enforcement:case_new", args=[location.pk]),
        {"theme": "huisvesting_arbeidsmigranten", "reason": "eigen_onderzoek"},
    )
    case = EnforcementCase.objects.get()
    client.post(
        reverse("enforcement:inspection_new", args=[case.pk]), {"planned_for": "2026-11-20T09:30", "team": "Tom"}
    )
    inspection = Inspection.objects.get()
    inspection_url = reverse("enforcement:inspection", args=[case.pk, inspection.pk])
    page = client.get(inspection_url).content.decode()
    assert "Brandveiligheid" in page and "Checklist" in page
    assert _viewed(inspector, "enforcement.inspection", inspection.pk)
    performed = timezone.localtime(timezone.now() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("enforcement:inspection_record", args=[case.pk, inspection.pk]),
        {
            "performed_at": performed,
            "situation": "toegang_verleend",
            "observed_residents": "11",
            "outcome": "overtreding",
            "check_snf_oppervlakte": "nee",
        },
    )
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.observed_residents == 11
    client.post(
        reverse("enforcement:finding_add", args=[case.pk, inspection.pk]),
        {"bevinding-checklist_code": "snf_oppervlakte", "bevinding-description": "11 bewoners op 60 m²"},
    )
    finding = inspection.findings.get()
    form_page = client.get(
        reverse("enforcement:measure_new", args=[case.pk]), {"bevinding": finding.pk}
    ).content.decode()
    assert "nog te verifiëren" in form_page  # the zienswijze term is a [K] fact
    response = client.post(
        reverse("enforcement:measure_new", args=[case.pk]),
        {
            "intent_type": "voornemen_lod",
            "finding": str(finding.pk),
            "addressees": "Flex B.V. (verhuurder)",
            "sent_on": timezone.localdate().isoformat(),
        },
    )
    measure = Measure.objects.get()
    assert measure.finding == finding
    page = client.get(reverse("enforcement:measure", args=[case.pk, measure.pk])).content.decode()
    assert "Termijn voor een zienswijze" in page and "Uit de termijnencatalogus" in page
    assert _viewed(inspector, "enforcement.measure", measure.pk)
    case_page = client.get(reverse("enforcement:case", args=[case.pk])).content.decode()
    assert "Handhaving" in case_page
    assert _viewed(inspector, "enforcement.enforcementcase", case.pk)
    home = client.get(reverse("home:index")).content.decode()
    assert "Handhaven" in home


def test_a_bad_step_shows_its_error_and_changes_nothing(client_for, inspector, case):
    client = client_for(inspector)
    measure = services.measure_start(
        actor=inspector, case=case, intent_type="waarschuwing", addressees="X", sent_on=timezone.localdate()
    )
    url = reverse("enforcement:measure", args=[case.pk, measure.pk])
    response = client.post(url, {"target": "besluit", "decision_type": "lod"})
    assert response.status_code == 400
    assert "Vul de datum van het besluit in" in response.content.decode()
    measure.refresh_from_db()
    assert measure.status == "voornemen"
    transition = client.post(
        reverse("enforcement:case_transition", args=[case.pk]), {"target": "afgesloten", "closure": "resultaat"}
    )
    assert transition.status_code == 400
    assert "lopende maatregelen" in transition.content.decode()
    bad_finding = client.post(
        reverse(
            "enforcement:finding_add",
            args=[case.pk, services.inspection_plan(actor=inspector, case=case, planned_for=timezone.now()).pk],
        ),
        {"bevinding-description": ""},
    )
    assert bad_finding.status_code == 400
    bad_record = client.post(
        reverse("enforcement:inspection_record", args=[case.pk, case.inspections.get().pk]), {"situation": "x"}
    )
    assert bad_record.status_code == 400


def test_a_vertrouwelijk_case_is_404_without_that_clearance(client_for, make_user, inspector, case, signal, triager):
    services.case_link_signal(actor=triager, case=case, signal=signal)
    low = make_user("toezichthouder", case.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    client = client_for(low)
    assert client.get(reverse("enforcement:case", args=[case.pk])).status_code == 404
    page = client.get(reverse("enforcement:location", args=[case.location_id])).content.decode()
    assert case.reference not in page  # not even that it exists
    assert client_for(inspector).get(reverse("enforcement:case", args=[case.pk])).status_code == 200


def test_the_aandachtsfunctionaris_sees_the_phase_on_the_signal(
    client_for, triager, inspector, case, signal, make_user
):
    # The signal fixture is at 9901 AB 14, the location's address.
    page = client_for(triager).get(reverse("coordination:signal", args=[signal.pk])).content.decode()
    assert "Handhaving op dit adres" in page
    assert "fase toezicht" in page
    assert reverse("enforcement:case", args=[case.pk]) not in page  # no rights to open it
    both = make_user(
        ["aandachtsfunctionaris", "toezichthouder"], case.organisation, clearance=Confidentiality.VERTROUWELIJK
    )
    page = client_for(both).get(reverse("coordination:signal", args=[signal.pk])).content.decode()
    assert reverse("enforcement:case", args=[case.pk]) in page
    assert client_for(triager).get(reverse("enforcement:case", args=[case.pk])).status_code == 404


def test_the_location_page_has_a_constant_number_of_queries(client_for, inspector, case, django_assert_max_num_queries):
    client = client_for(inspector)
    for _ in range(3):
        services.inspection_plan(actor=inspector, case=case, planned_for=timezone.now())
        services.measure_start(
            actor=inspector, case=case, intent_type="waarschuwing", addressees="X", sent_on=timezone.localdate()
        )
    with django_assert_max_num_queries(30):
        assert client.get(reverse("enforcement:location", args=[case.location_id])).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("enforcement:case", args=[case.pk])).status_code == 200


@pytest.mark.parametrize("role", ["toezichthouder", "handhavingsjurist"])
def test_the_menu_leads_to_the_register(client_for, make_user, voorbeeld, role):
    user = make_user(role, voorbeeld)
    page = client_for(user).get(reverse("home:index")).content.decode()
    assert reverse("enforcement:index") in page


def test_labour_migrant_housing_shows_each_norm_with_its_rule_and_source(client_for, inspector):
    client = client_for(inspector)
    body = {
        "street": "Havenweg",
        "house_number": "5",
        "postcode": "9901ab",
        "city": "Voorbeeld",
        "object_type": "logies",
        "registered_residents": "9",
        "floor_area": "80",
        "bedroom_areas": "12; 12; 8,5",
        "toilets": "1",
        "showers": "2",
    }
    bad = client.post(reverse("enforcement:location_create"), body | {"bedroom_areas": "9,5; groot"})
    assert bad.status_code == 400
    assert "Vul per slaapkamer een getal in" in bad.content.decode()
    assert not Location.objects.exists()

    response = client.post(reverse("enforcement:location_create"), body)
    location = Location.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("enforcement:location", args=[location.pk])).content.decode()
    assert "SNF-normen" in page
    assert "8,89 m² per persoon" in page  # 80 / 9
    assert page.count("voldoet niet") == 2  # floor area and toilets; bedrooms and showers pass
    assert "normeringflexwonen.nl" in page
    edit = client.get(reverse("enforcement:location_edit", args=[location.pk])).content.decode()
    assert "12; 12; 8,5" in edit


def test_the_risk_based_planning_explains_each_factor_and_exports(client_for, inspector, make_user, voorbeeld):
    from decimal import Decimal

    client = client_for(inspector)
    assert "nog geen locaties" in client.get(reverse("enforcement:priorities")).content.decode()
    services.location_save(
        actor=inspector, location=None, data=location_input(object_type="woning", house_number="1", name="Stil")
    )
    busy = services.location_save(
        actor=inspector,
        location=None,
        data=location_input(house_number="2", name="Druk", floor_area=Decimal(20), registered_residents=4),
    )
    services.case_open(actor=inspector, location=busy, theme="huisvesting_arbeidsmigranten", reason="partner")
    busy.licences.create(kind="snf_keurmerk", valid_until=timezone.localdate() + dt.timedelta(days=10))

    page = client.get(reverse("enforcement:priorities")).content.decode()
    assert "beslist niets" in page
    # busy: logies 15 + never inspected 24 + one failed norm (5 m² per person) 8 + licence 15 + partner 20
    assert "Prioriteit 82" in page
    # quiet: woning 5 + never inspected 24
    assert "Prioriteit 29" in page
    assert page.index("Prioriteit 82") < page.index("Prioriteit 29")
    assert "Verzoek van een partner" in page

    export = client.get(reverse("enforcement:priorities_export"))
    assert export["Content-Type"].startswith("text/csv")
    lines = export.content.decode().splitlines()
    assert lines[0].startswith("Adres;Postcode;Soort object;Prioriteit")
    assert ";82;" in lines[1] and ";29;" in lines[2]
    assert AuditEvent.objects.filter(actor=inspector, action="export").exists()


def test_the_risk_based_planning_ranks_every_location_and_explains_the_page_shown(client_for, inspector, monkeypatch):
    from baken.enforcement import risk, views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    services.location_save(
        actor=inspector, location=None, data=location_input(object_type="woning", house_number="1", name="Stil")
    )
    busy = services.location_save(actor=inspector, location=None, data=location_input(house_number="2", name="Druk"))
    services.case_open(actor=inspector, location=busy, theme="huisvesting_arbeidsmigranten", reason="partner")
    explained = []
    monkeypatch.setattr(risk, "priority", lambda *args, _real=risk.priority: explained.append(args[0]) or _real(*args))
    client = client_for(inspector)

    first = client.get(reverse("enforcement:priorities")).content.decode()
    second = client.get(reverse("enforcement:priorities") + "?pagina=2").content.decode()
    # The busy location (logies, partner request) ranks first although it was registered last.
    assert "Havenweg 2" in first and "Havenweg 1" not in first
    assert "Havenweg 1" in second and "Havenweg 2" not in second
    # One location put into words per page, not the whole register.
    assert [location.name for location in explained] == ["Druk", "Stil"]
    # The rank and the explained score are the same number.
    assert [row.score for row in risk.ranked(user=inspector)] == [row.score for row in risk.priorities(user=inspector)]


def test_the_register_counts_the_open_cases_a_user_may_see(make_user, inspector, case, signal, triager):
    from django.http import QueryDict

    from baken.enforcement import selectors

    second = services.case_open(actor=inspector, location=case.location, theme="prostitutie", reason="eigen_onderzoek")
    services.case_link_signal(actor=triager, case=second, signal=signal)  # vertrouwelijk now
    low = make_user("toezichthouder", case.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)

    def counted(user):
        _filter, rows = selectors.locations(user=user, params=QueryDict())
        return {row.pk: row.open_cases for row in rows}

    assert counted(inspector) == {case.location_id: 2}
    assert counted(low) == {case.location_id: 1}  # the vertrouwelijk case is not even counted
    EnforcementCase.objects.filter(pk=case.pk).update(status="afgesloten")
    assert counted(inspector) == {case.location_id: 1}
    assert counted(low) == {case.location_id: 0}
