"""The agenda PDF: pseudonymised, only for the meeting's runners and attendees, each download
logged as an export."""

from django.template.loader import render_to_string
from django.urls import reverse

from baken.core.models import AuditEvent
from baken.meetings import views
from baken.meetings.models import CaseReferral
from baken.testing.meetings import make_item


def test_the_agenda_pdf_is_a_pdf_and_its_download_is_logged(client_for, coordinator, meeting, item, seat):
    response = client_for(coordinator).get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action="export",
        object_type="meetings.meeting",
        object_id=str(meeting.pk),
        reason="agenda (pdf): 1 agendapunten",
    ).exists()


def test_the_agenda_shows_pseudonyms_never_names(
    client_for, coordinator, voorbeeld, meeting, item, seat, colleague, monkeypatch
):
    CaseReferral.objects.filter(pk=item.referral.pk).update(full_name="Ana Popescu", reason="Ana Popescu werkt daar")
    make_item(coordinator, voorbeeld, pseudonym="Iep 40")  # another meeting's item: never on this agenda
    monkeypatch.setattr(
        views,
        "render_pdf",
        lambda template, context, organisation=None: render_to_string(
            template, {**context, "organisation": organisation}
        ).encode(),
    )
    for user in (coordinator, colleague):
        text = client_for(user).get(reverse("meetings:agenda_pdf", args=[meeting.pk])).content.decode()
        assert item.referral.pseudonym in text and "Samenwerkingsverband onder de WGS" in text
        assert "Popescu" not in text and "Iep 40" not in text


def test_another_meeting_or_municipality_gets_404(
    client_for, coordinator, other_coordinator, voorbeeld, meeting, colleague
):
    other = make_item(coordinator, voorbeeld, pseudonym="Iep 40").meeting
    assert client_for(colleague).get(reverse("meetings:agenda_pdf", args=[other.pk])).status_code == 404
    assert client_for(other_coordinator).get(reverse("meetings:agenda_pdf", args=[meeting.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()
