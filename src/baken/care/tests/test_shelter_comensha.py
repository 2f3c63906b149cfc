"""Shelter and its costs, the CoMensha registration and its export, referrals on the page and
the zorgcoördinator's day (deadlines, referrals without an answer, shelter ending)."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from baken.care import selectors, services
from baken.care.catalogue.loader import catalogue
from baken.care.models import CareCase, ComenshaRegistration, ShelterPlacement
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.testing.care import place, register

# --- shelter ------------------------------------------------------------------------------------


def test_the_payer_defaults_to_the_usual_payer_of_the_shelter_type(coordinator, case, care_partner):
    cosm = place(coordinator, case, care_partner)
    assert cosm.payer == catalogue().shelter_types["cosm"].payer == "rijk"
    youth = place(coordinator, case, care_partner, shelter_type="jeugdhulp")
    assert youth.payer == "gemeente_jeugdwet"
    chosen = place(coordinator, case, care_partner, shelter_type="vrouwenopvang", payer="coa")
    assert chosen.payer == "coa"
    assert AuditEvent.objects.filter(object_type="care.shelterplacement", action="create").count() == 3


def test_shelter_input_errors_save_nothing(coordinator, case, care_partner, triager):
    for overrides, field in (
        ({"shelter_type": "hotel"}, "shelter_type"),
        ({"payer": "loterij"}, "payer"),
        ({"started_on": dt.date(2099, 1, 1)}, "started_on"),
        ({"planned_end_on": dt.date(2026, 10, 1)}, "planned_end_on"),
        ({"cost_per_day": Decimal("-1")}, "cost_per_day"),
    ):
        with pytest.raises(ValidationError) as error:
            place(coordinator, case, care_partner, **overrides)
        assert field in error.value.message_dict
    with pytest.raises(NotPermitted):
        place(triager, case, care_partner)
    assert not ShelterPlacement.objects.exists()


def test_ending_a_stay(coordinator, case, care_partner):
    placement = place(coordinator, case, care_partner)
    for ended_on, reason in ((dt.date(2026, 10, 31), "Terug naar huis"), (dt.date(2026, 11, 10), " ")):
        with pytest.raises(ValidationError):
            services.shelter_end(actor=coordinator, case=case, placement=placement, ended_on=ended_on, reason=reason)
    services.shelter_end(
        actor=coordinator, case=case, placement=placement, ended_on=dt.date(2026, 11, 10), reason=" Eigen woning "
    )
    placement.refresh_from_db()
    assert (placement.ended_on, placement.end_reason) == (dt.date(2026, 11, 10), "Eigen woning")
    with pytest.raises(ValidationError):  # once
        services.shelter_end(
            actor=coordinator, case=case, placement=placement, ended_on=dt.date(2026, 11, 11), reason="x"
        )


def test_costs_per_payer_per_period(coordinator, regional_coordinator, case, care_partner, voorbeeld, zuiderhaven):
    today = dt.date(2026, 12, 31)
    a = place(coordinator, case, care_partner, started_on=dt.date(2026, 11, 1), cost_per_day=Decimal("100.00"))
    ShelterPlacement.objects.filter(pk=a.pk).update(ended_on=dt.date(2026, 11, 30))  # 30 days in November
    place(coordinator, case, care_partner, shelter_type="vrouwenopvang", started_on=dt.date(2026, 11, 21))
    place(coordinator, case, care_partner, started_on=dt.date(2026, 11, 16), cost_per_day=Decimal("50.50"))
    totals = {
        row.code: row
        for row in selectors.shelter_costs(
            user=coordinator, start=dt.date(2026, 11, 11), end=dt.date(2026, 11, 20), today=today
        )
    }
    # 10 days of a, 5 days (16–20) of the third; the vrouwenopvang starts after the period
    assert set(totals) == {"rijk"}
    assert (totals["rijk"].days, totals["rijk"].amount, totals["rijk"].placements) == (15, Decimal("1252.50"), 2)
    november = {
        row.code: row
        for row in selectors.shelter_costs(
            user=coordinator, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), today=today
        )
    }
    assert november["centrumgemeente_wmo"].days == 10 and november["centrumgemeente_wmo"].unpriced_days == 10
    assert november["centrumgemeente_wmo"].amount == Decimal(0)
    # a running stay counts up to today, not to the end of the period
    running = selectors.shelter_costs(
        user=coordinator, start=dt.date(2026, 11, 1), end=dt.date(2026, 12, 31), today=dt.date(2026, 11, 25)
    )
    assert {row.code: row.days for row in running} == {"rijk": 30 + 10, "centrumgemeente_wmo": 5}
    # the regional zorgcoördinator sees the region's costs; a zorgcoördinator elsewhere none
    assert selectors.shelter_costs(user=regional_coordinator, start=dt.date(2026, 11, 1), end=today, today=today)


def test_costs_of_another_municipality_are_not_counted(make_user, coordinator, case, care_partner, zuiderhaven):
    from baken.core.confidentiality import Confidentiality

    place(coordinator, case, care_partner, cost_per_day=Decimal("10"))
    other = make_user("zorgcoordinator", zuiderhaven, clearance=Confidentiality.GEHEIM, username="zara")
    assert selectors.shelter_costs(user=other, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)) == []


def test_the_costs_page(client_for, coordinator, case, care_partner, triager):
    place(coordinator, case, care_partner, cost_per_day=Decimal("80"), started_on=dt.date(2026, 11, 1))
    client = client_for(coordinator)
    page = client.get(reverse("care:shelter_costs"), {"van": "2026-11-01", "tot": "2026-11-10"})
    assert page.status_code == 200
    assert "Rijk (J&amp;V/VWS)" in page.text and "800,00" in page.text
    assert AuditEvent.objects.filter(object_type="care.shelterplacement", reason__contains="opvangkosten").exists()
    bad = client.get(reverse("care:shelter_costs"), {"van": "2026-11-10", "tot": "2026-11-01"})
    assert bad.status_code == 400 and "De begindatum ligt voor de einddatum." in bad.text
    empty = client.get(reverse("care:shelter_costs"), {"van": "2020-01-01", "tot": "2020-12-31"})
    assert "Geen opvang in deze periode." in empty.text
    assert client_for(triager).get(reverse("care:shelter_costs")).status_code == 404


def test_shelter_on_the_case_page(client_for, coordinator, case, care_partner):
    client = client_for(coordinator)
    refused = client.post(
        reverse("care:shelter_add", args=[case.pk]),
        {"opvang-shelter_type": "cosm", "opvang-provider": care_partner.pk, "opvang-started_on": "2099-01-01"},
    )
    assert refused.status_code == 400 and "De opvang kan niet in de toekomst begonnen zijn." in refused.text
    assert not ShelterPlacement.objects.exists()
    response = client.post(
        reverse("care:shelter_add", args=[case.pk]),
        {
            "opvang-shelter_type": "cosm",
            "opvang-provider": care_partner.pk,
            "opvang-started_on": "2026-11-01",
            "opvang-cost_per_day": "12.50",
        },
    )
    assert response.status_code == 302
    placement = ShelterPlacement.objects.get()
    page = client.get(reverse("care:case", args=[case.pk]))
    assert "COSM (categorale opvang)" in page.text and "€ 12,50 per dag" in page.text
    ended = client.post(
        reverse("care:shelter_end", args=[case.pk, placement.pk]),
        {f"o{placement.pk}-ended_on": "2026-11-11", f"o{placement.pk}-reason": "Eigen woning"},
    )
    assert ended.status_code == 302
    placement.refresh_from_db()
    assert placement.ended_on == dt.date(2026, 11, 11)


# --- CoMensha -----------------------------------------------------------------------------------


def test_a_registration_needs_a_basis_and_the_form_values(coordinator, case):
    for overrides, field in (
        ({"legal_basis": ""}, "legal_basis"),
        ({"dossier_type": "alles"}, "dossier_type"),
        ({"exploitation_form": "x"}, "exploitation_form"),
        ({"sector": "x"}, "sector"),
        ({"reported_on": dt.date(2099, 1, 1)}, "reported_on"),
        ({"reported_on": dt.date(2026, 1, 1)}, "reported_on"),
        ({"legal_basis": "toestemming"}, "consent_signed_by"),
    ):
        with pytest.raises(ValidationError) as error:
            register(coordinator, case, **overrides)
        assert field in error.value.message_dict
    assert not ComenshaRegistration.objects.exists()


def test_a_registration_is_recorded_once_and_corrected(coordinator, case):
    first = register(coordinator, case, reference=" ")
    second = register(coordinator, case, reference=" CM-2026-0042 ", dossier_type="registratie")
    assert first.pk == second.pk and ComenshaRegistration.objects.count() == 1
    second.refresh_from_db()
    assert (second.reference, second.dossier_type, second.reported_by) == ("CM-2026-0042", "registratie", coordinator)
    actions = set(AuditEvent.objects.filter(object_type="care.comensharegistration").values_list("action", flat=True))
    assert actions == {"create", "update"}


def test_the_export_holds_exactly_the_form_fields_and_no_name(client_for, coordinator, case):
    CareCase.objects.filter(pk=case.pk).update(
        full_name="Maria Popescu", nationality="RO", sex="vrouw", birth_date=dt.date(2000, 12, 1)
    )
    client = client_for(coordinator)
    assert client.get(reverse("care:comensha_export", args=[case.pk, "csv"])).status_code == 404  # not yet
    register(coordinator, case, reference="CM-1", intake_info="=HYPERLINK(1)")
    response = client.get(reverse("care:comensha_export", args=[case.pk, "csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert header == [
        "Kenmerk CoMensha",
        "Datum melding",
        "Gemeld door",
        "Aangemeld door (bron)",
        "Grondslag",
        "Soort dossier",
        "Vorm van uitbuiting",
        "Sector",
        "Land van herkomst",
        "Leeftijd",
        "Geslacht",
        "Toelichting bij de intake",
    ]
    values = dict(zip(header, row, strict=True))
    assert values["Land van herkomst"] == "RO" and values["Leeftijd"] == "25" and values["Geslacht"] == "Vrouw"
    assert values["Toelichting bij de intake"] == "'=HYPERLINK(1)"  # no formula in a spreadsheet
    assert "Popescu" not in response.content.decode()
    pdf = client.get(reverse("care:comensha_export", args=[case.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    exports = AuditEvent.objects.filter(object_type="care.comensharegistration", action="export")
    assert exports.count() == 2
    assert client.get(reverse("care:comensha_export", args=[case.pk, "xls"])).status_code == 404


def test_the_registration_form_on_the_case_page(client_for, coordinator, case):
    client = client_for(coordinator)
    page = client.get(reverse("care:case", args=[case.pk]))
    assert "Nog niet gemeld bij CoMensha." in page.text and "Op welke grond mag u melden?" in page.text
    refused = client.post(reverse("care:comensha", args=[case.pk]), {"comensha-reported_on": "2026-11-25"})
    assert refused.status_code == 400 and not ComenshaRegistration.objects.exists()
    response = client.post(
        reverse("care:comensha", args=[case.pk]),
        {
            "comensha-reported_on": "2026-11-25",
            "comensha-legal_basis": "publieke_taak",
            "comensha-dossier_type": "registratie",
            "comensha-exploitation_form": "seksueel",
            "comensha-sector": "prostitutie",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("care:case", args=[case.pk]))
    assert "Gemeld op 25 nov. 2026" in page.text and "nog niet ontvangen" in page.text


# --- the zorgcoördinator's day -------------------------------------------------------------------


def test_the_day_shows_referrals_without_an_answer_and_shelter_ending(client_for, coordinator, case, care_partner):
    today = timezone.localdate()
    services.referral_create(
        actor=coordinator,
        case=case,
        service_type="medisch",
        partner=care_partner,
        requested_on=today - dt.timedelta(days=10),
        shared="Hulpvraag",
        legal_basis="publieke_taak",
    )
    answered = services.referral_create(
        actor=coordinator,
        case=case,
        service_type="juridisch",
        partner=care_partner,
        requested_on=today - dt.timedelta(days=10),
        shared="Hulpvraag",
        legal_basis="publieke_taak",
    )
    services.referral_update(actor=coordinator, case=case, referral=answered, implemented_on=today)
    place(coordinator, case, care_partner, started_on=today, planned_end_on=today + dt.timedelta(days=3))
    place(
        coordinator,
        case,
        care_partner,
        shelter_type="ambulant",
        started_on=today,
        planned_end_on=today + dt.timedelta(days=60),
    )
    panel = selectors.home_panel(user=coordinator)
    assert [row["label"] for row in panel["referrals"]] == ["Medische zorg"]
    assert panel["referrals"][0]["overdue"]
    assert [row["label"] for row in panel["shelter"]] == ["COSM (categorale opvang)"]
    page = client_for(coordinator).get(reverse("care:index"))
    assert "Verwijzingen zonder antwoord" in page.text and "Medische zorg" in page.text
    home = client_for(coordinator).get("/")
    assert "Opvang die binnenkort eindigt" in home.text


def test_the_timeline_holds_the_referrals_answer_and_the_stays_planned_end(client_for, coordinator, case, care_partner):
    """One timeline per victim: besides the procedures, a referral's expected answer and a stay's
    planned end, running ones only, by date."""
    today = timezone.localdate()
    waiting = services.referral_create(
        actor=coordinator,
        case=case,
        service_type="medisch",
        partner=care_partner,
        requested_on=today - dt.timedelta(days=10),
        shared="Hulpvraag",
        legal_basis="publieke_taak",
    )
    answered = services.referral_create(
        actor=coordinator,
        case=case,
        service_type="juridisch",
        partner=care_partner,
        requested_on=today - dt.timedelta(days=10),
        shared="Hulpvraag",
        legal_basis="publieke_taak",
    )
    services.referral_update(actor=coordinator, case=case, referral=answered, implemented_on=today)
    place(coordinator, case, care_partner, started_on=today, planned_end_on=today + dt.timedelta(days=3))
    ended = place(coordinator, case, care_partner, shelter_type="ambulant", started_on=today - dt.timedelta(days=5))
    services.shelter_end(actor=coordinator, case=case, placement=ended, ended_on=today, reason="Eigen woning")
    dates = selectors.timeline_dates(selectors.case_for(user=coordinator, pk=case.pk), today=today)
    assert [(row.anchor, row.due_on, row.overdue) for row in dates] == [
        ("referrals", waiting.due_on, waiting.due_on < today),
        ("shelter", today + dt.timedelta(days=3), False),
    ]
    text = client_for(coordinator).get(reverse("care:case", args=[case.pk])).text
    timeline = text[text.index('id="timeline"') : text.index('id="referrals"')]
    assert "Medische zorg" in timeline and "Juridische hulp" not in timeline
    assert timeline.index("Medische zorg") < timeline.index("COSM (categorale opvang)")


def test_the_case_page_queries_do_not_grow(client_for, coordinator, case, care_partner, django_assert_max_num_queries):
    client = client_for(coordinator)
    for _number in range(3):
        place(coordinator, case, care_partner)
        services.referral_create(
            actor=coordinator,
            case=case,
            service_type="medisch",
            partner=care_partner,
            requested_on=dt.date(2026, 11, 20),
            shared="x",
            legal_basis="wgs",
        )
    register(coordinator, case)
    with django_assert_max_num_queries(40) as captured:
        client.get(reverse("care:case", args=[case.pk]))
    before = len(captured.captured_queries)
    for _number in range(5):
        place(coordinator, case, care_partner)
        services.referral_create(
            actor=coordinator,
            case=case,
            service_type="medisch",
            partner=care_partner,
            requested_on=dt.date(2026, 11, 20),
            shared="x",
            legal_basis="wgs",
        )
    with django_assert_max_num_queries(before):
        client.get(reverse("care:case", args=[case.pk]))
