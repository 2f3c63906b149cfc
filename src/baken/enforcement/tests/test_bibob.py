"""The Bibob test: each step's rule, the LBB advice deadline (eight weeks, plus at most four) from
the catalogue, the suspension of the decision term, a decided test is final, and the pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.enforcement import selectors, services
from baken.enforcement.catalogue.loader import catalogue
from baken.enforcement.models import BibobTest
from baken.enforcement.services import BibobInput

START = dt.date(2026, 9, 1)


@pytest.fixture
def test_record(jurist, case):
    return services.bibob_start(
        actor=jurist,
        case=case,
        subject="Aanvraag exploitatievergunning",
        trigger="aanvraag_vergunning",
        started_on=START,
    )


def _update(actor, test, **values):
    return services.bibob_update(actor=actor, test=test, data=BibobInput(**values))


def test_starting_stores_the_catalogue_version_and_audits(test_record, jurist):
    assert test_record.organisation_id == jurist.organisation_id
    assert test_record.catalogue_version == catalogue().version
    assert AuditEvent.objects.filter(object_type="enforcement.bibobtest", object_id=str(test_record.pk)).exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"subject": " "}, "subject"),
        ({"trigger": "onbekend"}, "trigger"),
        ({"started_on": None}, "started_on"),
        ({"started_on": dt.date.today() + dt.timedelta(days=2)}, "started_on"),
    ],
)
def test_a_bad_start_is_refused_and_saves_nothing(jurist, case, values, field):
    data = {"subject": "Vergunning", "trigger": "signaal", "started_on": START} | values
    with pytest.raises(ValidationError) as excinfo:
        services.bibob_start(actor=jurist, case=case, **data)
    assert field in excinfo.value.message_dict
    assert not BibobTest.objects.exists()


def test_the_advice_deadline_is_eight_weeks_and_twelve_when_extended(jurist, test_record):
    requested = dt.date(2026, 9, 7)
    test = _update(jurist, test_record, lbb_requested_on=requested)
    assert test.lbb_advice_due_on == requested + dt.timedelta(weeks=8) == dt.date(2026, 11, 2)
    test = _update(jurist, test, lbb_requested_on=requested, lbb_extended=True)
    assert test.lbb_advice_due_on == requested + dt.timedelta(weeks=12)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"questionnaire_sent_on": START - dt.timedelta(days=1)}, "questionnaire_sent_on"),
        ({"questionnaire_received_on": START}, "questionnaire_received_on"),  # never sent
        (
            {"questionnaire_sent_on": START + dt.timedelta(days=5), "questionnaire_received_on": START},
            "questionnaire_received_on",
        ),
        ({"lbb_extended": True}, "lbb_extended"),
        ({"lbb_advice_received_on": START, "advice_level": "geen_gevaar"}, "lbb_advice_received_on"),
        ({"lbb_requested_on": START, "lbb_advice_received_on": START + dt.timedelta(days=3)}, "advice_level"),
        ({"lbb_requested_on": START, "advice_level": "ernstig_gevaar"}, "lbb_advice_received_on"),
        (
            {"lbb_requested_on": START, "lbb_advice_received_on": START + dt.timedelta(days=3), "advice_level": "x"},
            "advice_level",
        ),  # not a level of the catalogue
        ({"lbb_requested_on": START - dt.timedelta(days=1)}, "lbb_requested_on"),
        ({"lbb_requested_on": dt.date.today() + dt.timedelta(days=1)}, "lbb_requested_on"),
        ({"decision": "weigeren", "decided_on": START}, "proportionality"),
        ({"decision": "weigeren", "proportionality": "Evenredig"}, "decided_on"),
        ({"decision": "onbekend", "decided_on": START, "proportionality": "Evenredig"}, "decision"),
        ({"proportionality": "Alleen een motivering"}, "decision"),
        (
            {"lbb_requested_on": START, "decision": "weigeren", "decided_on": START, "proportionality": "x"},
            "decision",
        ),  # the advice is still awaited
    ],
)
def test_each_step_is_checked_and_a_refusal_changes_nothing(jurist, test_record, values, field):
    with pytest.raises(ValidationError) as excinfo:
        _update(jurist, test_record, **values)
    assert field in excinfo.value.message_dict
    test_record.refresh_from_db()
    assert test_record.lbb_requested_on is None and test_record.decision == "" and not test_record.lbb_extended


def test_a_full_test_to_its_decision_is_final(jurist, test_record):
    test = _update(
        jurist,
        test_record,
        questionnaire_sent_on=START,
        questionnaire_received_on=START + dt.timedelta(days=14),
        own_findings="Financiering onduidelijk",
        lbb_requested_on=START + dt.timedelta(days=20),
        lbb_advice_received_on=START + dt.timedelta(days=60),
        advice_level="ernstig_gevaar",
        decision="weigeren",
        decided_on=START + dt.timedelta(days=70),
        proportionality="Ernstig gevaar; voorschriften nemen het niet weg.",
    )
    assert test.decision == "weigeren"
    with pytest.raises(ValidationError, match="besloten"):
        _update(jurist, test, own_findings="later")
    test.refresh_from_db()
    assert test.own_findings == "Financiering onduidelijk"


def test_a_toezichthouder_without_the_right_to_measure_on_another_case_is_refused(make_user, test_record, zuiderhaven):
    stranger = make_user("handhavingsjurist", zuiderhaven, clearance=Confidentiality.GEHEIM)
    with pytest.raises(NotPermitted):
        _update(stranger, test_record, own_findings="x")
    with pytest.raises(NotPermitted):
        services.bibob_start(actor=stranger, case=test_record.case, subject="x", trigger="signaal", started_on=START)


def test_the_advice_deadline_shows_until_the_advice_arrives(jurist, test_record):
    requested = timezone.localdate() - dt.timedelta(weeks=8) + dt.timedelta(days=3)
    test_record.started_on = requested
    test_record.save()
    test = _update(jurist, test_record, lbb_requested_on=requested)
    (row,) = selectors.bibob_deadlines(test)
    assert row.deadline.code == "bibob_advies"
    assert row.state == "binnenkort"
    assert selectors.bibob_deadlines(test, today=test.lbb_advice_due_on + dt.timedelta(days=1))[0].state == "verlopen"
    test = _update(
        jurist,
        test,
        lbb_requested_on=requested,
        lbb_advice_received_on=timezone.localdate(),
        advice_level="geen_gevaar",
    )
    assert selectors.bibob_deadlines(test) == []


def test_the_decision_term_is_suspended_until_the_advice_at_most_until_its_deadline(jurist, test_record):
    test = _update(jurist, test_record, lbb_requested_on=START)
    running = selectors.bibob_suspension(test, today=START + dt.timedelta(days=10))
    assert (running.days, running.ongoing) == (10, True)
    lapsed = selectors.bibob_suspension(test, today=START + dt.timedelta(weeks=20))
    assert (lapsed.end, lapsed.days, lapsed.ongoing) == (START + dt.timedelta(weeks=8), 56, False)
    test = _update(
        jurist,
        test,
        lbb_requested_on=START,
        lbb_advice_received_on=START + dt.timedelta(days=30),
        advice_level="mindere_mate",
    )
    done = selectors.bibob_suspension(test, today=START + dt.timedelta(weeks=20))
    assert (done.days, done.ongoing) == (30, False)


def test_without_a_request_nothing_is_suspended(test_record):
    assert selectors.bibob_suspension(test_record) is None


# --- pages ------------------------------------------------------------------------------------------------


def test_the_pages_start_record_and_show_a_test(client_for, jurist, case):
    client = client_for(jurist)
    assert "Bibob-toets starten" in client.get(reverse("enforcement:case", args=[case.pk])).content.decode()
    bad = client.post(reverse("enforcement:bibob_new", args=[case.pk]), {"subject": "", "trigger": "signaal"})
    assert bad.status_code == 400
    assert not BibobTest.objects.exists()
    response = client.post(
        reverse("enforcement:bibob_new", args=[case.pk]),
        {"subject": "Exploitatievergunning", "trigger": "signaal", "started_on": START.isoformat()},
    )
    test = BibobTest.objects.get()
    url = reverse("enforcement:bibob", args=[case.pk, test.pk])
    assert response.url == url
    refused = client.post(url, {"decision": "weigeren", "decided_on": START.isoformat()})
    assert refused.status_code == 400
    assert "Motiveer waarom het besluit evenredig is" in refused.content.decode()
    saved = client.post(url, {"lbb_requested_on": START.isoformat(), "lbb_extended": "on"})
    assert saved.status_code == 302
    page = client.get(url).content.decode()
    assert "nog te verifiëren" in page  # the trigger "signaal" is a [K] fact
    assert "Beslistermijn opgeschort" in page
    assert (START + dt.timedelta(weeks=12)).strftime("%Y") in page
    assert AuditEvent.objects.filter(actor=jurist, action="view", object_type="enforcement.bibobtest").exists()


def test_a_bibob_test_of_a_vertrouwelijk_case_is_404_without_clearance(
    client_for, make_user, test_record, signal, triager
):
    services.case_link_signal(actor=triager, case=test_record.case, signal=signal)
    low = make_user("handhavingsjurist", test_record.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    url = reverse("enforcement:bibob", args=[test_record.case_id, test_record.pk])
    assert client_for(low).get(url).status_code == 404
    assert client_for(low).post(url, {"own_findings": "x"}).status_code == 404
    test_record.refresh_from_db()
    assert test_record.own_findings == ""
