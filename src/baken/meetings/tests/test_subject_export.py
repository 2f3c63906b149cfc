"""A data-subject request to the partnership (issue 16): for one person, found by the identity
recorded with the aanmeldingen (never by pseudonym), every aanmelding, agenda item, sharing-log
entry and action about them as one PDF, for those who run the meetings, logged without the name."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from baken.core.models import AuditEvent
from baken.meetings import selectors, views
from baken.testing.meetings import make_action, make_attendee, make_item, make_referral, make_sharing

URL = reverse("meetings:subject_export")
BORN = dt.date(1999, 4, 2)


@pytest.fixture
def as_text(monkeypatch):
    """The PDF's HTML instead of the PDF, to read what it holds."""
    monkeypatch.setattr(
        views,
        "render_pdf",
        lambda template, context, organisation=None: render_to_string(
            template, {**context, "organisation": organisation}
        ).encode(),
    )


@pytest.fixture
def anna(coordinator, voorbeeld, meeting):
    """Anna at two meetings (two aanmeldingen under different pseudonyms), with a sharing-log
    entry and an action."""
    first = make_item(
        coordinator, voorbeeld, meeting=meeting, pseudonym="Wilg 31", full_name="Anna de Vries", birth_date=BORN
    )
    attendee = make_attendee(coordinator, meeting)
    make_sharing(coordinator, first, attendee)
    make_action(coordinator, first)
    second = make_referral(
        coordinator, voorbeeld, pseudonym="Berk 8", full_name="ANNA  de vriés", reason="Tweede aanmelding"
    )
    return first, second


def _ask(client, **values):
    return client.post(URL, {"full_name": "anna de vries", "request_reference": "AVG-2026-7", **values})


def test_every_entry_about_the_person_and_nothing_about_another(
    client_for, coordinator, other_coordinator, voorbeeld, zuiderhaven, anna, as_text
):
    first, second = anna
    make_referral(coordinator, voorbeeld, pseudonym="Iep 40", full_name="Anna de Boer", reason="Iemand anders")
    make_referral(
        other_coordinator, zuiderhaven, pseudonym="Eik 2", full_name="Anna de Vries", reason="Andere gemeente"
    )

    response = _ask(client_for(coordinator))

    assert response.status_code == 200
    text = response.content.decode()
    for expected in (
        first.referral.reference,
        second.reference,
        "Tweede aanmelding",
        "Contact met de opvang over een plek",  # the action
        "Strafrechtelijke gegevens",  # a category of the sharing log, by its label
        "AVG-2026-7",
    ):
        assert expected in text, expected
    assert "Iemand anders" not in text and "Andere gemeente" not in text
    event = AuditEvent.objects.get(action="export", object_type="meetings.subjectrequest")
    assert event.reason == "inzageverzoek AVG-2026-7 (pdf): 2 aanmeldingen"
    assert not AuditEvent.objects.filter(reason__icontains="vries").exists()


def test_a_date_of_birth_leaves_out_another_date_and_marks_an_unknown_one(coordinator, voorbeeld, anna):
    make_referral(coordinator, voorbeeld, pseudonym="Es 5", full_name="Anna de Vries", birth_date=dt.date(1970, 1, 1))

    records = selectors.subject_records(user=coordinator, name="Anna de Vries", birth_date=BORN)

    assert [(record["referral"].pseudonym, record["birth_date_unknown"]) for record in records] == [
        ("Wilg 31", False),
        ("Berk 8", True),
    ]
    assert len(selectors.subject_records(user=coordinator, name="Anna de Vries")) == 3
    assert selectors.subject_records(user=coordinator, name="  ") == []


def test_the_pdf_is_a_pdf(client_for, coordinator, anna):
    response = _ask(client_for(coordinator), birth_date="1999-04-02")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store" and "attachment" in response["Content-Disposition"]


def test_a_person_not_known_gives_an_empty_overview(client_for, coordinator, anna, as_text):
    response = _ask(client_for(coordinator), full_name="Piet Jansen")
    assert "Over deze persoon is in het casusoverleg niets vastgelegd." in response.content.decode()
    assert AuditEvent.objects.get(object_type="meetings.subjectrequest").reason.endswith(": 0 aanmeldingen")


def test_bad_input_is_refused_in_dutch_and_logs_nothing(client_for, coordinator, anna):
    client = client_for(coordinator)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"full_name": "   ", "request_reference": "", "birth_date": "2 april"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Dit veld is verplicht." in text and "Voer een geldige datum in." in text
    assert not AuditEvent.objects.filter(object_type="meetings.subjectrequest").exists()


def test_only_who_runs_the_meetings_may_ask(client_for, colleague, seat, anna):
    """An attendee (who sees their meetings' items) gets 404, as every other role does (the
    security matrix)."""
    client = client_for(colleague)
    assert client.get(URL).status_code == 404
    assert _ask(client).status_code == 404
    assert not AuditEvent.objects.filter(object_type="meetings.subjectrequest").exists()
