"""Data-subject requests: the privacy officer records a request, finds the person's records
across signals, care, enforcement and meetings of the own municipality (never another's), sees
and exports metadata only, and notes rectification and restriction. Searches and exports are
audited without the identity values."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from baken.care.models import CareCase
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.retention import subject_services as services
from baken.retention.models import SubjectRequest, SubjectRequestNote, SubjectSearch
from baken.retention.subject_selectors import find_person, held_records
from baken.testing.snapshots import database_state, domain_models

BSN = "111222333"
NAME = "Mira Jansen"
BIRTH = dt.date(1999, 4, 12)
#: Content that must never reach the privacy officer's page or the PDF.
CARE_CONTENT = "Zorgsignaal"
REFERRAL_CONTENT = "nagelsalon"

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user, voorbeeld):
    return make_user("privacy_officer", voorbeeld, username="petra")


@pytest.fixture
def officer_zuiderhaven(make_user, zuiderhaven):
    return make_user("privacy_officer", zuiderhaven, username="pieter")


def _identify(case, *, name=NAME, bsn=BSN, birth=BIRTH):
    case.full_name, case.bsn, case.birth_date = name, bsn, birth
    case.save()
    return case


@pytest.fixture
def person(coordinator, voorbeeld, care_case, enforcement_case):
    """Mira's records in Voorbeeld: a care case (BSN, name, date of birth) from a handed-over
    signal, an aanmelding linked to it and to an enforcement case, on a meeting's agenda."""
    from baken.meetings.models import CaseReferral
    from baken.testing.meetings import make_attendee, make_item, make_referral

    case = _identify(care_case(None))
    enforcement = enforcement_case(None)
    item = make_item(coordinator, voorbeeld, full_name=NAME, birth_date=BIRTH, care_case_id=case.pk)
    referral = item.referral
    CaseReferral.objects.filter(pk=referral.pk).update(enforcement_case_id=enforcement.pk)
    make_referral(coordinator, voorbeeld, full_name="Mira Jansen", birth_date=dt.date(1970, 1, 1))  # a namesake
    make_attendee(coordinator, item.meeting, organisation_name="GGD Voorbeeld")
    return {
        "signal": case.signal_id,
        "care_case": case.pk,
        "enforcement_case": enforcement.pk,
        "case_referral": referral.pk,
        "meeting": item.meeting_id,
    }


def _request(officer, reference="AVG-2026-001"):
    return services.subject_request_create(
        actor=officer, kind="inzage", received_on=timezone.localdate(), reference=reference
    )


def _expected(person):
    return [[kind, pk] for kind, pk in person.items()]


def test_finds_the_person_by_bsn_across_the_apps(person, officer):
    search = services.subject_search_run(actor=officer, request=_request(officer), bsn="1112 22 333")
    assert search.matches == _expected(person)
    assert search.criteria == "BSN"


def test_finds_the_person_by_name_and_birth_date(person, officer):
    search = services.subject_search_run(
        actor=officer, request=_request(officer), name="  mira JANSEN ", birth_date=BIRTH
    )
    assert search.matches == _expected(person)


def test_another_birth_date_finds_nothing_by_name(person, officer):
    search = services.subject_search_run(
        actor=officer, request=_request(officer), name=NAME, birth_date=dt.date(1980, 1, 1)
    )
    assert search.matches == []


def test_a_party_at_a_location_finds_its_enforcement_cases(officer, voorbeeld, enforcement_case):
    from baken.enforcement.models import LocationParty

    case = enforcement_case(None)
    LocationParty.objects.create(location=case.location, role="beheerder", name="Mira Jansen")
    found = find_person(organisation_id=voorbeeld.pk, name="mira  jansen", birth_date=BIRTH)
    assert case.signal_id is None  # an enforcement case opened on the inspector's own research
    assert found == [["enforcement_case", case.pk]]
    assert find_person(organisation_id=voorbeeld.pk, name="Mira Jansens", birth_date=BIRTH) == []


def test_finds_nothing_of_another_municipality(person, officer_zuiderhaven, voorbeeld):
    request = _request(officer_zuiderhaven)
    assert services.subject_search_run(actor=officer_zuiderhaven, request=request, bsn=BSN).matches == []
    by_name = services.subject_search_run(actor=officer_zuiderhaven, request=request, name=NAME, birth_date=BIRTH)
    assert by_name.matches == []
    # The same person's records are there, in Voorbeeld.
    assert find_person(organisation_id=voorbeeld.pk, bsn=BSN) == _expected(person)


def test_other_municipality_rows_answer_404(client_for, person, officer, officer_zuiderhaven):
    request = _request(officer)
    search = services.subject_search_run(actor=officer, request=request, bsn=BSN)
    client = client_for(officer_zuiderhaven)
    for name, pk in (
        ("retention:subject_request", request.pk),
        ("retention:subject_result", search.pk),
        ("retention:subject_export", search.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404
    before = SubjectSearch.objects.count(), SubjectRequestNote.objects.count()
    assert client.post(reverse("retention:subject_search", args=[request.pk]), {"bsn": BSN}).status_code == 404
    note = {"kind": "beperking", "text": "Niet delen"}
    assert client.post(reverse("retention:subject_note", args=[request.pk]), note).status_code == 404
    assert (SubjectSearch.objects.count(), SubjectRequestNote.objects.count()) == before
    assert client.get(reverse("retention:subject_requests")).context["page"].paginator.count == 0


def test_page_and_pdf_show_metadata_not_content(client_for, person, officer, monkeypatch):
    from baken.core import pdf

    printed = []
    html_to_pdf = pdf.html_to_pdf
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html, **kwargs: printed.append(html) or html_to_pdf(html, **kwargs))
    client = client_for(officer)
    request = _request(officer)
    response = client.post(reverse("retention:subject_search", args=[request.pk]), {"bsn": BSN})
    search = SubjectSearch.objects.get(request=request)
    assert response.status_code == 302 and response.url == reverse("retention:subject_result", args=[search.pk])
    page = client.get(response.url).content.decode()
    case = CareCase.objects.get(pk=person["care_case"])
    assert case.reference in page
    assert "Zorgcoördinatie regio" in page  # the recipient of the hand-over
    assert "180 maanden" in page  # the care case's term from the catalogue
    assert "GGD Voorbeeld" in page  # a meeting's participant
    # The meeting and its participants' legal basis by their catalogue labels, not their codes.
    assert "Zorgtafel mensenhandel 20" in page and "Samenwerkingsverband onder de WGS" in page
    for content in (CARE_CONTENT, REFERRAL_CONTENT, NAME, BSN, case.pseudonym):
        assert content not in page
    export = client.get(reverse("retention:subject_export", args=[search.pk]))
    assert export.status_code == 200 and export["Content-Type"] == "application/pdf"
    assert export.content.startswith(b"%PDF")
    (text,) = printed  # the HTML the PDF was made of
    assert case.reference in text and "Zorgcoördinatie regio" in text
    for content in (CARE_CONTENT, REFERRAL_CONTENT, NAME, BSN):
        assert content not in text


def test_search_and_export_are_audited_without_identity_values(client_for, person, officer):
    client = client_for(officer)
    request = _request(officer, reference="AVG-77")
    client.post(reverse("retention:subject_search", args=[request.pk]), {"bsn": BSN})
    client.post(reverse("retention:subject_search", args=[request.pk]), {"name": NAME, "birth_date": BIRTH.isoformat()})
    search = SubjectSearch.objects.filter(request=request).first()
    client.get(reverse("retention:subject_export", args=[search.pk]))
    rows = list(AuditEvent.objects.filter(object_type="retention.subjectsearch").values_list("action", "reason"))
    assert [action for action, _reason in rows].count("view") == 2
    assert [action for action, _reason in rows].count("export") == 1
    assert all("AVG-77" in reason for _action, reason in rows)
    # Hashes and request ids are hex: "1999" or "1112" turns up in them by chance (about one run
    # in twenty), so only the fields that carry text are read.
    texts = AuditEvent.objects.values_list("actor_username", "object_type", "object_id", "reason")
    everything = " ".join(str(value) for row in texts for value in row)
    for value in (BSN, "1112", NAME, "Jansen", "Mira", BIRTH.isoformat(), "12-04-1999", "1999"):
        assert value not in everything


def test_bad_input_changes_nothing(client_for, person, officer):
    client = client_for(officer)
    request = _request(officer)
    # Every page view is audited (a refused form is rendered again): the rest must stay as it was.
    tables = [model for model in domain_models() if model is not AuditEvent]
    before = database_state(tables)
    search_url = reverse("retention:subject_search", args=[request.pk])
    for body, message in (
        ({"bsn": "123456789"}, "geen geldig BSN"),
        ({"name": NAME}, "ook de geboortedatum"),
        ({"birth_date": BIRTH.isoformat()}, "ook de naam"),
        ({}, "Zoek op BSN, op naam en geboortedatum, of op postcode en huisnummer"),
        ({"name": NAME, "birth_date": "31-02-2001"}, "geldige datum"),
        ({"name": NAME, "birth_date": "2999-01-01"}, "toekomst"),
    ):
        response = client.post(search_url, body)
        assert response.status_code == 400
        assert message in response.content.decode()
    for body, message in (
        ({"kind": "", "received_on": "2026-11-30", "reference": "X"}, "Kies het soort verzoek"),
        ({"kind": "inzage", "received_on": "2999-01-01", "reference": "X"}, "toekomst"),
        ({"kind": "inzage", "received_on": "2026-11-30", "reference": "   "}, "eigen kenmerk"),
    ):
        response = client.post(reverse("retention:subject_requests"), body)
        assert response.status_code == 400
        assert message in response.content.decode()
    response = client.post(reverse("retention:subject_note", args=[request.pk]), {"kind": "beperking", "text": " "})
    assert response.status_code == 400 and "Schrijf op wat" in response.content.decode()
    assert database_state(tables) == before


def test_notes_are_recorded_with_date_and_officer(client_for, officer):
    client = client_for(officer)
    request = _request(officer)
    response = client.post(
        reverse("retention:subject_note", args=[request.pk]),
        {"kind": "rectificatie", "text": "Geboortedatum verbeterd in zorgtraject"},
    )
    assert response.status_code == 302
    note = SubjectRequestNote.objects.get(request=request)
    assert (note.kind, note.recorded_by) == ("rectificatie", officer)
    page = client.get(reverse("retention:subject_request", args=[request.pk])).content.decode()
    assert "Geboortedatum verbeterd in zorgtraject" in page and "rectificatie" in page
    assert AuditEvent.objects.filter(object_type="retention.subjectrequestnote", object_id=str(note.pk)).exists()


def test_the_list_is_paginated_and_has_an_empty_state(client_for, officer):
    client = client_for(officer)
    assert "Er zijn nog geen verzoeken" in client.get(reverse("retention:subject_requests")).content.decode()
    for number in range(21):
        _request(officer, reference=f"AVG-{number}")
    page = client.get(reverse("retention:subject_requests"))
    assert len(page.context["rows"]) == 20
    assert len(client.get(reverse("retention:subject_requests") + "?pagina=2").context["rows"]) == 1


def test_a_new_request_through_the_page(client_for, officer):
    response = client_for(officer).post(
        reverse("retention:subject_requests"),
        {"kind": "beperking", "received_on": "2026-11-30", "reference": "AVG-9"},
    )
    request = SubjectRequest.objects.get()
    assert response.url == reverse("retention:subject_request", args=[request.pk])
    assert (request.kind, request.reference, request.organisation_id) == ("beperking", "AVG-9", officer.organisation_id)


def test_empty_result_page(client_for, officer):
    client = client_for(officer)
    search = services.subject_search_run(actor=officer, request=_request(officer), bsn=BSN)
    assert (
        "geen gegevens over deze persoon"
        in client.get(reverse("retention:subject_result", args=[search.pk])).content.decode()
    )
    assert held_records(search=search) == []


def test_a_handed_over_signal_uses_its_own_term_and_an_own_term_is_marked(person, officer, beheerder):
    from baken.retention.services import retention_term_set

    retention_term_set(actor=beheerder, record_type="care_case", term=200, note="Convenant")
    search = services.subject_search_run(actor=officer, request=_request(officer), bsn=BSN)
    records = {record.kind: record for record in held_records(search=search)}
    assert records["signal"].retention == "60 maanden"
    assert records["signal"].recipients[0].name == "Zorgcoördinatie regio"
    assert records["signal"].recipients[0].shared == "Kenmerk, Wat er is gebeurd"  # what was shared, not its value
    assert records["care_case"].retention == "200 maanden (eigen termijn van de gemeente)"


def test_services_refuse_other_roles_and_municipalities(officer, officer_zuiderhaven, coordinator):
    request = _request(officer)
    with pytest.raises(NotPermitted):
        _request(coordinator)
    with pytest.raises(NotPermitted):
        services.subject_search_run(actor=officer_zuiderhaven, request=request, bsn=BSN)
    with pytest.raises(NotPermitted):
        services.subject_note_add(actor=officer_zuiderhaven, request=request, kind="beperking", text="x")


def test_service_validation(officer):
    request = _request(officer)
    with pytest.raises(ValidationError) as error:
        services.subject_request_create(actor=officer, kind="wissen", received_on=timezone.localdate(), reference="X")
    assert "kind" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.subject_note_add(actor=officer, request=request, kind="wissen", text="x" * 2001)
    assert set(error.value.error_dict) == {"kind", "text"}


def test_services_validate_what_the_form_does_not_see(officer):
    with pytest.raises(ValidationError) as error:
        services.subject_request_create(actor=officer, kind="inzage", received_on=timezone.localdate(), reference="  ")
    assert set(error.value.error_dict) == {"reference"}
    with pytest.raises(ValidationError) as error:
        services.subject_note_add(actor=officer, request=_request(officer), kind="beperking", text="  ")
    assert set(error.value.error_dict) == {"text"}


def test_policies_show_nothing_to_other_roles_and_name_the_officer(officer, coordinator, make_user, voorbeeld):
    from baken.core.access import policy_for

    note = services.subject_note_add(actor=officer, request=_request(officer), kind="beperking", text="Beperkt")
    assert not policy_for(SubjectRequest).visible(coordinator).exists()
    assert not policy_for(SubjectRequestNote).visible(coordinator).exists()
    assert list(policy_for(SubjectRequestNote).users_for(note, "view")) == [officer]
    assert list(policy_for(SubjectRequest).users_for(note.request, "change")) == [officer]


def test_other_roles_get_404_on_the_list(client_for, coordinator):
    assert client_for(coordinator).get(reverse("retention:subject_requests")).status_code == 404


def test_closed_records_show_their_closing_dates(person, officer):
    from baken.meetings.models import CaseReferral
    from baken.retention.subject_selectors import _term_label

    CareCase.objects.filter(pk=person["care_case"]).update(closed_on=dt.date(2026, 10, 1))
    CaseReferral.objects.filter(pk=person["case_referral"]).update(closed_on=dt.date(2026, 10, 2))
    search = services.subject_search_run(actor=officer, request=_request(officer), bsn=BSN)
    records = {record.kind: record for record in held_records(search=search)}
    assert ("afgesloten op", dt.date(2026, 10, 1)) in records["care_case"].dates
    assert ("afgesloten op", dt.date(2026, 10, 2)) in records["case_referral"].dates
    assert _term_label(officer.organisation_id, "intake_draft")[0].endswith("dagen")


def test_finds_the_records_at_an_address(
    coordinator, triager, voorbeeld, enforcement_case, officer, signaleerder_zuiderhaven
):
    """By postcode and house number: the signals reported there and the enforcement cases of a
    location registered there (with the aanmelding and meeting linked to such a case); not the
    neighbours, not another municipality's signal at the same address."""
    from baken.meetings.models import CaseReferral
    from baken.signalling.models import Signal
    from baken.testing.meetings import make_item
    from baken.testing.signals import make_signal

    case = enforcement_case(None)  # Havenweg 1, 9901 AB
    at_home = make_signal(triager, postcode="9901 AB", house_number="1")
    make_signal(triager, postcode="9901 AB", house_number="2")  # the neighbours
    elsewhere = make_signal(signaleerder_zuiderhaven, postcode="9901 AB", house_number="1")
    item = make_item(coordinator, voorbeeld, full_name="Iemand Anders", birth_date=BIRTH)
    CaseReferral.objects.filter(pk=item.referral_id).update(enforcement_case_id=case.pk)

    request = _request(officer)
    search = services.subject_search_run(actor=officer, request=request, postcode="9901ab ", house_number="1")
    assert search.matches == [
        ["signal", at_home.pk],
        ["enforcement_case", case.pk],
        ["case_referral", item.referral_id],
        ["meeting", item.meeting_id],
    ]
    assert Signal.objects.get(pk=elsewhere.pk).organisation_id != voorbeeld.pk
    assert search.criteria == "adres"
    audit = AuditEvent.objects.get(object_type="retention.subjectsearch", object_id=str(search.pk))
    assert "9901" not in audit.reason and "gezocht op adres" in audit.reason


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"postcode": "9901 AB"}, "house_number", "ook het huisnummer"),
        ({"house_number": "1"}, "postcode", "ook de postcode"),
        ({"postcode": "99 AB", "house_number": "1"}, "postcode", "geen geldige Nederlandse postcode"),
        ({"postcode": "9901 AB", "house_number": "0"}, "house_number", "begint met een cijfer"),
    ],
)
def test_half_or_bad_addresses_are_refused_in_dutch(officer, body, field, message):
    request = _request(officer)
    with pytest.raises(ValidationError) as refused:
        services.subject_search_run(actor=officer, request=request, **body)
    assert message in " ".join(refused.value.message_dict[field])
    assert not SubjectSearch.objects.exists()
