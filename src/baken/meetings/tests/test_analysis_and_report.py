"""The analysis of a discussed case (issue 16: problem domains, risks and protective factors, the
hypothesis with the forms of exploitation it names, the safety assessment), recorded by who runs
the meeting, in the minutes and the partnership inzage; and the owner of an action, an attendee
with a Baken account, recording its result from their own task list."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.meetings import selectors, services, views
from baken.meetings.models import AgendaItem, MeetingAction
from baken.testing.meetings import make_action, make_attendee

ANALYSIS = {
    "problem_domains": ["wonen", "verblijf"],
    "risk_factors": "Woont op het werkadres; schuld aan de werkgever.",
    "protective_factors": "Zus in Rotterdam; spreekt Engels.",
    "hypothesis": "aanwijzingen",
    "hypothesis_forms": ["arbeid"],
    "safety_level": "zorgelijk",
    "safety_note": "Werkgever belt haar dagelijks; veilig adres bij de opvang afgesproken.",
}


def _url(item, name="meetings:item_analysis"):
    return reverse(name, args=[item.meeting_id, item.pk])


@pytest.fixture
def as_text(monkeypatch):
    monkeypatch.setattr(
        views,
        "render_pdf",
        lambda template, context, organisation=None: render_to_string(
            template, {**context, "organisation": organisation}
        ).encode(),
    )


def test_the_chair_records_the_analysis_and_sees_it_with_its_labels(client_for, coordinator, item):
    client = client_for(coordinator)
    response = client.post(_url(item), ANALYSIS)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.hypothesis == "aanwijzingen" and item.hypothesis_forms == ["arbeid"]
    assert item.problem_domains == ["wonen", "verblijf"] and item.analysed_by == coordinator
    page = client.get(_url(item, "meetings:item")).text
    for label in (
        "Sterke aanwijzingen voor mensenhandel",
        "Wonen en huisvesting",
        "Verblijfsstatus en documenten",
        "Zorgen over de veiligheid: afspraken nodig",
        "veilig adres bij de opvang",
    ):
        assert label in page
    event = AuditEvent.objects.get(object_type="meetings.agendaitem", object_id=str(item.pk), action="update")
    assert event.reason.startswith("analysis: ") and "hypothesis" in event.reason


def test_a_revision_logs_only_the_changed_fields_and_no_change_logs_nothing(coordinator, item):
    services.agenda_item_analyse(actor=coordinator, item=item, values=ANALYSIS)
    services.agenda_item_analyse(actor=coordinator, item=item, values={**ANALYSIS, "safety_level": "onveilig"})
    services.agenda_item_analyse(actor=coordinator, item=item, values={**ANALYSIS, "safety_level": "onveilig"})
    reasons = list(
        AuditEvent.objects.filter(object_type="meetings.agendaitem", object_id=str(item.pk), action="update")
        .order_by("id")
        .values_list("reason", flat=True)
    )
    assert reasons[-1] == "analysis: safety_level" and len(reasons) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hypothesis": ""}, "hypothesis"),
        ({"hypothesis": "zeker"}, "hypothesis"),
        ({"hypothesis_forms": []}, "hypothesis_forms"),  # strong indications name a form
        ({"hypothesis": "geen"}, "hypothesis_forms"),  # no trafficking: no form
        ({"hypothesis_forms": ["onbekend"]}, "hypothesis_forms"),
        ({"problem_domains": ["maan"]}, "problem_domains"),
        ({"safety_level": ""}, "safety_level"),
        ({"safety_note": ""}, "safety_note"),  # a concern is explained
        ({"risk_factors": "x" * 4001}, "risk_factors"),
    ],
)
def test_bad_analysis_is_refused_in_dutch_and_changes_nothing(coordinator, item, change, field):
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_analyse(actor=coordinator, item=item, values={**ANALYSIS, **change})
    assert field in refused.value.message_dict
    item.refresh_from_db()
    assert item.hypothesis == "" and item.analysed_at is None
    assert not AuditEvent.objects.filter(object_type="meetings.agendaitem", action="update").exists()


def test_no_forms_needed_with_a_possible_case_and_no_concern_needs_no_note(coordinator, item):
    services.agenda_item_analyse(
        actor=coordinator,
        item=item,
        values={"hypothesis": "mogelijk", "hypothesis_forms": [], "safety_level": "geen_zorgen"},
    )
    analysis = selectors.analysis_of(AgendaItem.objects.get(pk=item.pk))
    assert analysis["hypothesis"] == "Mogelijk mensenhandel: nader onderzoek nodig"
    assert analysis["forms"] == [] and analysis["safety_concern"] is False


def test_the_form_shows_its_errors_and_keeps_the_input(client_for, coordinator, item):
    response = client_for(coordinator).post(_url(item), {**ANALYSIS, "safety_note": ""})
    assert response.status_code == 400
    assert "Licht de veiligheidstaxatie toe" in response.text
    assert "schuld aan de werkgever" in response.text  # typed text kept


def test_a_closed_aanmelding_keeps_its_analysis(client_for, coordinator, item):
    services.agenda_item_analyse(actor=coordinator, item=item, values=ANALYSIS)
    referral = item.referral
    referral.status = "afgesloten"
    referral.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        services.agenda_item_analyse(actor=coordinator, item=item, values={**ANALYSIS, "hypothesis": "mogelijk"})
    client = client_for(coordinator)
    assert "Analyse bijwerken" not in client.get(_url(item, "meetings:item")).text  # no form offered
    refused = client.post(_url(item), {**ANALYSIS, "hypothesis": "mogelijk"})
    assert refused.status_code == 400 and "de analyse ligt vast" in refused.text  # the refusal is shown
    assert AgendaItem.objects.get(pk=item.pk).hypothesis == "aanwijzingen"


def test_an_attendee_reads_the_analysis_but_may_not_record_it(client_for, coordinator, item, seat, colleague):
    services.agenda_item_analyse(actor=coordinator, item=item, values=ANALYSIS)
    client = client_for(colleague)
    page = client.get(_url(item, "meetings:item"))
    assert "Sterke aanwijzingen voor mensenhandel" in page.text and "Analyse vastleggen" not in page.text
    assert client.post(_url(item), {**ANALYSIS, "hypothesis": "geen", "hypothesis_forms": []}).status_code == 404
    with pytest.raises(NotPermitted):
        services.agenda_item_analyse(actor=colleague, item=item, values=ANALYSIS)
    assert AgendaItem.objects.get(pk=item.pk).hypothesis == "aanwijzingen"


def test_another_municipality_gets_404(client_for, other_coordinator, item):
    assert client_for(other_coordinator).post(_url(item), ANALYSIS).status_code == 404
    assert AgendaItem.objects.get(pk=item.pk).hypothesis == ""


def test_the_minutes_and_the_inzage_hold_the_analysis(client_for, coordinator, voorbeeld, meeting, as_text):
    from baken.testing.meetings import make_item

    item = make_item(coordinator, voorbeeld, meeting=meeting, full_name="Anna de Vries")
    services.agenda_item_analyse(actor=coordinator, item=item, values=ANALYSIS)
    client = client_for(coordinator)
    minutes = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk])).content.decode()
    assert "Sterke aanwijzingen voor mensenhandel" in minutes and "Arbeidsuitbuiting" in minutes.replace("&#x27;", "'")
    assert "Anna" not in minutes
    inzage = client.post(
        reverse("meetings:subject_export"), {"full_name": "Anna de Vries", "request_reference": "AVG-1"}
    ).content.decode()
    assert "Zorgen over de veiligheid: afspraken nodig" in inzage and "Zus in Rotterdam" in inzage


# --- the owner of an action reports on it -------------------------------------------------------


def test_the_owner_records_the_result_from_the_item_page(client_for, coordinator, item, seat, colleague):
    action = make_action(coordinator, item, owner_user=colleague)
    client = client_for(colleague)
    page = client.get(_url(item, "meetings:item")).text
    assert reverse("meetings:action_update", args=[item.meeting_id, item.pk, action.pk]) in page
    response = client.post(
        reverse("meetings:action_update", args=[item.meeting_id, item.pk, action.pk]),
        {f"a{action.pk}-status": "gereed", f"a{action.pk}-result": "Plek bij De Haven geregeld"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "gereed" and action.result == "Plek bij De Haven geregeld"
    assert AuditEvent.objects.filter(
        object_type="meetings.meetingaction", object_id=str(action.pk), actor=colleague, action="update"
    ).exists()
    assert action not in selectors.my_open_actions(user=colleague)


def test_a_colleague_of_the_owner_sees_the_action_but_may_not_report_on_it(
    client_for, make_user, coordinator, voorbeeld, item, seat, colleague
):
    from baken.core.confidentiality import Confidentiality

    other = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.CONFIDENTIEEL, username="olaf")
    make_attendee(coordinator, item.meeting, user=other, name="Olaf", organisation_name="Gemeente Voorbeeld")
    action = make_action(coordinator, item, owner_user=colleague)
    client = client_for(other)
    page = client.get(_url(item, "meetings:item")).text
    assert action.description in page  # same organisation: visible
    assert reverse("meetings:action_update", args=[item.meeting_id, item.pk, action.pk]) not in page
    refused = client.post(
        reverse("meetings:action_update", args=[item.meeting_id, item.pk, action.pk]),
        {f"a{action.pk}-status": "vervallen", f"a{action.pk}-result": "Niet nodig"},
    )
    assert refused.status_code == 404
    assert MeetingAction.objects.get(pk=action.pk).status == "open"
    with pytest.raises(NotPermitted):
        services.action_update(actor=other, action=action, status="gereed", result="Klaar")


def test_an_owner_who_no_longer_attends_may_not_report(coordinator, item, seat, colleague):
    action = make_action(coordinator, item, owner_user=colleague)
    seat.delete()
    assert not selectors.reportable(user=colleague, actions=[action])
    with pytest.raises(NotPermitted):
        services.action_update(actor=colleague, action=action, status="gereed", result="Klaar")


def test_an_action_is_not_given_to_an_attendee_who_may_not_see_the_case(
    client_for, make_user, coordinator, voorbeeld, item
):
    from baken.core.confidentiality import Confidentiality

    low = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.VERTROUWELIJK, username="lou")
    make_attendee(coordinator, item.meeting, user=low, name="Lou", organisation_name="Gemeente Voorbeeld")
    assert low not in selectors.action_owners(user=coordinator, item=item)  # not offered
    with pytest.raises(ValidationError) as refused:
        make_action(coordinator, item, owner_user=low)
    assert "mag deze casus niet inzien" in refused.value.message_dict["owner_user"][0]
    assert not MeetingAction.objects.exists()
