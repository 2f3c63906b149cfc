"""Closing the loop with the reporter: news in Berichten (and by e-mail only if chosen, without
case content), "Mijn meldingen" columns, and adding information to one's own open report."""

import pytest
from django.core import mail
from django.urls import reverse

from baken.coordination import services as coordination
from baken.core.models import AuditAction, AuditEvent, Notification
from baken.signalling.models import SignalAddition, SignalStatus

CARE = SignalStatus.CARE

MINE = reverse("signalling:mine")


def _news(reporter):
    return Notification.objects.filter(recipient=reporter, subject__endswith=":melder")


def test_message_gives_the_reporter_a_berichten_item_and_no_mail_unless_chosen(
    triager, reporter, signal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordination.signal_share_message(actor=triager, signal=signal, message="Dank u, we kijken ernaar.")
    (item,) = _news(reporter)
    assert item.message == f"Er is een bericht over uw melding {signal.reference}"
    assert "kijken ernaar" not in item.message
    assert mail.outbox == []


def test_reporter_who_chose_mail_gets_one_without_case_content(
    triager, reporter, signal, django_capture_on_commit_callbacks
):
    reporter.email_on_report_updates = True
    reporter.save(update_fields=["email_on_report_updates"])
    with django_capture_on_commit_callbacks(execute=True):
        coordination.signal_transition(actor=triager, signal=signal, target="in_behandeling")
    assert len(_news(reporter)) == 1
    (message,) = mail.outbox
    assert message.to == [reporter.email]
    assert signal.reference in message.subject
    assert "Matrassen" not in message.body and "loods" not in message.body


def test_a_step_within_the_same_coarse_status_is_no_news(triager, reporter, signal):
    coordination.signal_transition(actor=triager, signal=signal, target="in_behandeling")
    coordination.signal_transition(actor=triager, signal=signal, target="doorgezet")  # "Opgepakt"
    before = _news(reporter).count()
    coordination.signal_transition(actor=triager, signal=signal, target=CARE, reason="Zorg neemt het over")
    assert _news(reporter).count() == before  # still "Opgepakt"


def test_mine_shows_received_date_place_and_status_with_date(client_for, reporter, signal):
    body = client_for(reporter).get(MINE).content.decode()
    for heading in ("Ontvangen op", "Adres of bedrijf", "Status"):
        assert heading in body
    assert "9901 AB" in body and "sinds" in body and "---------" not in body


def test_reporter_adds_information_to_own_open_report(client_for, reporter, triager, signal):
    client = client_for(reporter)
    url = reverse("signalling:add_information", args=[signal.pk])
    response = client.post(url, {"text": "Later zag ik er nog een busje."})
    assert response.status_code == 302
    addition = SignalAddition.objects.get()
    assert (addition.signal, addition.author, addition.text) == (signal, reporter, "Later zag ik er nog een busje.")
    assert AuditEvent.objects.filter(actor=reporter, action=AuditAction.CREATE, object_type="signalling.signaladdition")
    signal.refresh_from_db()
    assert signal.addition_waiting and signal.description == "Matrassen in de loods"  # appended, not edited
    triage_page = client_for(triager).get(reverse("coordination:signal", args=[signal.pk])).content.decode()
    assert "Later zag ik er nog een busje." in triage_page
    signal.refresh_from_db()
    assert not signal.addition_waiting  # seen at triage


@pytest.mark.parametrize("text", ["", "   ", "x" * 5001])
def test_bad_addition_is_refused_and_nothing_saved(client_for, reporter, signal, text):
    response = client_for(reporter).post(reverse("signalling:add_information", args=[signal.pk]), {"text": text})
    assert response.status_code == 400
    assert not SignalAddition.objects.exists()


def test_closed_report_takes_no_addition(client_for, reporter, triager, signal):
    coordination.signal_transition(
        actor=triager, signal=signal, target="afgesloten", outcome="geen_aanwijzing", reason="Niets"
    )
    client = client_for(reporter)
    response = client.post(reverse("signalling:add_information", args=[signal.pk]), {"text": "Nog iets"})
    assert response.status_code == 400 and "afgerond" in response.content.decode()
    assert not SignalAddition.objects.exists()
    assert "Aanvulling toevoegen" not in client.get(reverse("signalling:detail", args=[signal.pk])).content.decode()


def test_someone_elses_report_answers_404(client_for, signaleerder, signal):
    response = client_for(signaleerder).post(reverse("signalling:add_information", args=[signal.pk]), {"text": "x"})
    assert response.status_code == 404
    assert not SignalAddition.objects.exists()


def test_the_service_itself_refuses_bad_additions_and_other_peoples_reports(reporter, signaleerder, signal):
    """The same rules without the form in front: another user's report, an empty or too long text."""
    from django.core.exceptions import ValidationError

    from baken.core.exceptions import NotPermitted
    from baken.signalling.services import MAX_ADDITION_LENGTH, signal_add_information

    with pytest.raises(NotPermitted):
        signal_add_information(reporter=signaleerder, signal=signal, text="Ook iets")
    for text in ("  ", "x" * (MAX_ADDITION_LENGTH + 1)):
        with pytest.raises(ValidationError) as error:
            signal_add_information(reporter=reporter, signal=signal, text=text)
        assert "text" in error.value.message_dict
    assert not SignalAddition.objects.exists()
