"""The zorgcoördinator's pages: pseudonym by default, the audited reveal, aanmeldingen, the
timeline, Dutch errors that change nothing, paging and empty states."""

import datetime as dt

from django.urls import reverse

from baken.care import selectors
from baken.care.models import CareCase, CareNameReveal, CarePhase, CareProcedure
from baken.care.services import care_case_register, procedure_start
from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditEvent


def test_the_name_is_hidden_until_revealed_with_a_reason(client_for, coordinator, case):
    CareCase.objects.filter(pk=case.pk).update(full_name="Maria Popescu")
    client = client_for(coordinator)
    page = client.get(reverse("care:case", args=[case.pk]))
    assert "Maria Popescu" not in page.text and "Linde 14" in page.text
    assert AuditEvent.objects.filter(object_id=str(case.pk), action="view", reason="zorgtraject").exists()
    refused = client.post(reverse("care:reveal", args=[case.pk]), {"naam-reason": ""})
    assert refused.status_code == 400 and "Dit veld is verplicht" in refused.text
    assert not CareNameReveal.objects.exists()
    response = client.post(reverse("care:reveal", args=[case.pk]), {"naam-reason": "Rvb-aanvraag"})
    assert response.status_code == 302
    assert "Maria Popescu" in client.get(reverse("care:case", args=[case.pk])).text
    assert "Maria Popescu" not in client.get(reverse("care:index")).text


def test_the_list_shows_pseudonyms_filters_pages_and_is_audited(client_for, coordinator, voorbeeld, case):
    client = client_for(coordinator)
    empty = client.get(reverse("care:index"), {"fase": "nazorg"})
    assert "Geen zorgtrajecten die aan deze filters voldoen." in empty.text
    assert AuditEvent.objects.filter(object_type="care.carecase", reason__contains="fase=nazorg").exists()
    for number in range(26):
        care_case_register(
            actor=coordinator,
            organisation=voorbeeld,
            source="politie",
            registered_on=dt.date(2026, 11, 20),
            pseudonym=f"Es {number}",
        )
    first = client.get(reverse("care:index"))
    assert "27 zorgtrajecten" in first.text and "Pagina 1 van 2" in first.text
    second = client.get(reverse("care:index"), {"pagina": "2", "open": "on"})
    assert second.status_code == 200
    bad = client.get(reverse("care:index"), {"fase": "verzonnen", "pagina": "x"})
    assert bad.status_code == 200 and "27 zorgtrajecten" in bad.text


def test_list_queries_do_not_grow_with_the_rows(client_for, coordinator, voorbeeld, django_assert_max_num_queries):
    client = client_for(coordinator)
    client.get(reverse("care:index"))
    for number in range(10):
        care_case_register(
            actor=coordinator,
            organisation=voorbeeld,
            source="zelf",
            registered_on=dt.date(2026, 11, 20),
            pseudonym=f"Es {number}",
        )
    # The day's lists (overdue of four kinds, own trajectories per phase) are a fixed number of queries.
    with django_assert_max_num_queries(30):
        assert client.get(reverse("care:index")).status_code == 200


def test_an_aanmelding_is_accepted_from_the_queue(client_for, coordinator, handover):
    client = client_for(coordinator)
    index = client.get(reverse("care:index"))
    assert handover.signal.reference in index.text
    page = client.get(reverse("care:handover", args=[handover.pk]))
    assert page.status_code == 200 and "Vrouw zonder paspoort in chalet" in page.text
    refused = client.post(reverse("care:handover", args=[handover.pk]), {"decision": "afwijzen", "reason": ""})
    assert refused.status_code == 400 and "Geef een reden" in refused.text
    assert not CareCase.objects.exists()
    response = client.post(
        reverse("care:handover", args=[handover.pk]), {"decision": "aannemen", "pseudonym": "Eik 20"}
    )
    case = CareCase.objects.get()
    assert response.url == reverse("care:case", args=[case.pk])
    assert client.get(reverse("care:handover", args=[handover.pk])).status_code == 404  # answered: off the queue


def test_an_aanmelding_is_declined(client_for, coordinator, handover):
    response = client_for(coordinator).post(
        reverse("care:handover", args=[handover.pk]), {"decision": "afwijzen", "reason": "Andere regio"}
    )
    assert response.url == reverse("care:index")
    assert CareCase.objects.get().status == CarePhase.NOT_TAKEN_ON


def test_an_aanmelding_from_outside_baken(client_for, coordinator, voorbeeld, zuiderhaven):
    client = client_for(coordinator)
    form = client.get(reverse("care:case_new"))
    assert form.status_code == 200 and "Zuiderhaven" not in form.text
    bad = client.post(
        reverse("care:case_new"),
        {"organisation": zuiderhaven.pk, "source": "politie", "registered_on": "2099-01-01", "pseudonym": "Es 1"},
    )
    assert bad.status_code == 400 and not CareCase.objects.exists()
    future = client.post(
        reverse("care:case_new"),
        {"organisation": voorbeeld.pk, "source": "politie", "registered_on": "2099-01-01", "pseudonym": "Es 1"},
    )
    assert "De datum van aanmelding kan niet in de toekomst liggen." in future.text
    done = client.post(
        reverse("care:case_new"),
        {"organisation": voorbeeld.pk, "source": "politie", "registered_on": "2026-11-20", "pseudonym": "Es 1"},
    )
    assert done.status_code == 302 and CareCase.objects.get().status == CarePhase.REGISTERED


def test_the_timeline(client_for, coordinator, case, care_partner):
    from baken.testing.care import place

    client = client_for(coordinator)
    assert "Nog geen procedures." in client.get(reverse("care:case", args=[case.pk])).text
    bad = client.post(
        reverse("care:procedure_add", args=[case.pk]), {"kind": "opvang_einde", "started_on": "2026-11-02"}
    )
    assert bad.status_code == 400 and "legt u vast bij de opvang zelf" in bad.text
    client.post(reverse("care:procedure_add", args=[case.pk]), {"kind": "plan_evaluatie", "started_on": "2026-11-03"})
    place(coordinator, case, care_partner, started_on=dt.date(2026, 11, 2), planned_end_on=dt.date(2026, 11, 16))
    page = client.get(reverse("care:case", args=[case.pk])).text
    assert "Evaluatie trajectplan" in page and "3 feb. 2027" in page
    assert "te verifiëren" in page  # plan review every three months is [K]
    # Running procedures by deadline: the planned end of shelter (16 Nov) first, then the plan.
    assert page.index("Geplande einddatum opvang") < page.index("Evaluatie trajectplan")
    review = CareProcedure.objects.get(kind="plan_evaluatie")
    bad = client.post(
        reverse("care:procedure_done", args=[case.pk, review.pk]), {f"p{review.pk}-done_on": "2026-10-01"}
    )
    assert bad.status_code == 400 and "eerder zijn afgerond" in bad.text
    client.post(reverse("care:procedure_done", args=[case.pk, review.pk]), {f"p{review.pk}-done_on": "2026-11-25"})
    review.refresh_from_db()
    assert review.done_on == dt.date(2026, 11, 25)


def test_a_procedure_of_another_case_answers_404(client_for, coordinator, case, voorbeeld):
    other = care_case_register(
        actor=coordinator, organisation=voorbeeld, source="zelf", registered_on=dt.date(2026, 11, 20), pseudonym="Es 2"
    )
    procedure = procedure_start(actor=coordinator, case=other, kind="plan_evaluatie", started_on=dt.date(2026, 11, 20))
    response = client_for(coordinator).post(
        reverse("care:procedure_done", args=[case.pk, procedure.pk]), {f"p{procedure.pk}-done_on": "2026-11-25"}
    )
    assert response.status_code == 404


def test_phase_change_with_dutch_errors(client_for, coordinator, case, closing_alone):
    client = client_for(coordinator)
    client.post(reverse("care:transition", args=[case.pk]), {"target": "in_traject"})
    client.post(reverse("care:transition", args=[case.pk]), {"target": "nazorg"})
    refused = client.post(reverse("care:transition", args=[case.pk]), {"target": "afgesloten", "reason": "Klaar"})
    assert refused.status_code == 400 and "Kies de reden van afsluiten." in refused.text
    client.post(
        reverse("care:transition", args=[case.pk]),
        {"target": "afgesloten", "reason": "Klaar", "closure_reason": "overgedragen_wijkteam"},
    )
    case.refresh_from_db()
    assert case.status == CarePhase.CLOSED and case.closure_reason == "overgedragen_wijkteam"
    page = client.get(reverse("care:case", args=[case.pk])).text
    assert "Warm overgedragen aan wijkteam" in page


def test_the_start_page_panel(client_for, coordinator, case, triager):
    from baken.care.services import track_start

    track_start(actor=coordinator, case=case, kind="rvb", status="recht_ontstaan", on=dt.date.today())
    page = client_for(coordinator).get(reverse("home:index")).text
    assert "Uiterste aanvraagdatum Rvb" in page and "Linde 14" in page
    assert "Termijnen in de komende 14 dagen" not in client_for(triager).get(reverse("home:index")).text


def test_the_regional_zorgcoordinator_saves_the_shelter_address(client_for, regional_coordinator, case):
    client = client_for(regional_coordinator)
    response = client.post(reverse("care:shelter_address", args=[case.pk]), {"address": "Opvanglaan 1"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.shelter_address == "Opvanglaan 1"
    too_long = client.post(reverse("care:shelter_address", args=[case.pk]), {"address": "x" * 501})
    assert too_long.status_code == 400
    case.refresh_from_db()
    assert case.shelter_address == "Opvanglaan 1"


def test_the_setup_step_asks_for_a_care_partner(make_user, voorbeeld):
    from baken.care.selectors import care_handover_partner_set
    from baken.partners.models import Partner

    beheerder = make_user("functioneel_beheerder", voorbeeld)
    assert not care_handover_partner_set(beheerder)
    Partner.objects.create(organisation=voorbeeld, name="Zorgcoördinatie", partner_type="zorgcoordinator")
    assert care_handover_partner_set(beheerder)


def test_a_page_of_the_list_is_in_order_and_holds_only_visible_cases(coordinator, voorbeeld, zuiderhaven, make_user):
    # The page's ids come from the index first, then their rows: the order and the policy hold.
    elsewhere = make_user("zorgcoordinator", zuiderhaven, clearance=Confidentiality.ZEER_GEHEIM)
    for number in range(5):
        care_case_register(
            actor=coordinator,
            organisation=voorbeeld,
            source="politie",
            registered_on=dt.date(2026, 11, 1 + number),
            pseudonym=f"Es {number}",
        )
    care_case_register(
        actor=elsewhere,
        organisation=zuiderhaven,
        source="politie",
        registered_on=dt.date(2026, 11, 4),
        pseudonym="Elders",
    )
    _form, rows = selectors.case_list(user=coordinator, params={})
    assert rows.count() == len(rows) == 5
    assert [row.pseudonym for row in rows[0:5]] == ["Es 4", "Es 3", "Es 2", "Es 1", "Es 0"]
    assert [row.pseudonym for row in rows[1:3]] == ["Es 3", "Es 2"]
    _form, mine = selectors.case_list(user=coordinator, params={"fase": CarePhase.REGISTERED})
    assert [row.organisation.name for row in mine[0:1]] == [voorbeeld.name]
