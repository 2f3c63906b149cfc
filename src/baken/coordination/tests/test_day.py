"""The aandachtsfunctionaris's day: dashboard, escalation with "doorgezet", the partner list, the
feedback overview and its reminders, notifications, closing rules, the hand-over PDF and the
print view."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from baken.coordination import services
from baken.coordination.forms import EscalationForm
from baken.coordination.handover import DEFAULT_SHARED_FIELDS
from baken.coordination.models import SHAREABLE_FIELDS, Escalation, EscalationReminder
from baken.coordination.reminders import send_feedback_reminders
from baken.coordination.selectors import escalation_partners
from baken.core.models import AuditAction, AuditEvent, Notification
from baken.core.notify import notify, subject_of
from baken.partners.models import Partner
from baken.signalling.models import Signal
from baken.testing.signals import make_signal

HOME = reverse("home:index")
TODAY = dt.date(2026, 11, 30)


def _escalation(actor, signal, partner, **overrides):
    values = {
        "actor": actor,
        "signal": signal,
        "partner": partner,
        "channel": "telefoon",
        "purpose": "Onderzoek",
        "legal_ground": "wettelijke_taak",
        "shared_fields": ["reference", "description"],
        "shared_on": timezone.localdate() - dt.timedelta(days=14),
        "status": "verzonden",
    }
    values.update(overrides)
    return services.escalation_create(**values)


# --- dashboard ----------------------------------------------------------------------------------


def test_dashboard_is_the_triage_start_page_with_counts(client_for, triager, reporter, police):
    make_signal(reporter)  # new
    urgent = make_signal(reporter, acute_danger=True)  # new and urgent
    late = make_signal(reporter)
    Signal.objects.filter(pk=late.pk).update(triage_due_on=timezone.localdate() - dt.timedelta(days=3))
    mine = make_signal(reporter)
    services.signal_assign(actor=triager, signal=mine, assignee=triager)
    services.signal_transition(actor=triager, signal=mine, target="in_behandeling")
    _escalation(triager, urgent, police, expected_feedback_on=timezone.localdate() - dt.timedelta(days=1))
    from baken.signalling.services import signal_add_information

    signal_add_information(reporter=reporter, signal=mine, text="Het busje stond er weer.")

    response = client_for(triager).get(HOME)
    body = response.content.decode()
    assert "Uw werk vandaag" in body
    counts = next(panel for panel in response.context["lead_panels"])["context"]["counts"]
    assert counts == {"new": 3, "overdue": 1, "mine": 1, "urgent": 1, "additions": 1, "feedback_overdue": 1}
    assert reverse("coordination:signal", args=[mine.pk]) in body
    assert body.index("Uw werk vandaag") < body.index("<h2", body.index("Uw werk vandaag") + 1)


def test_dashboard_is_not_shown_to_a_reporter(client_for, reporter):
    response = client_for(reporter).get(HOME)
    assert response.status_code == 200 and "Uw werk vandaag" not in response.content.decode()


def test_dashboard_query_count_is_constant(client_for, triager, reporter, police, django_assert_max_num_queries):
    client = client_for(triager)
    make_signal(reporter)
    with django_assert_max_num_queries(80) as baseline:
        client.get(HOME)
    for _ in range(8):
        signal = make_signal(reporter, acute_danger=True)
        _escalation(triager, signal, police, expected_feedback_on=timezone.localdate() - dt.timedelta(days=2))
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        assert client.get(HOME).status_code == 200


# --- escalation: partners, defaults, "doorgezet" ------------------------------------------------


def test_escalation_partners_exclude_emergency_anonymous_and_internal(triager, voorbeeld, police, partners):
    anonymous = Partner.objects.create(
        organisation=voorbeeld, name="Meld Misdaad Anoniem", partner_type="meld_misdaad_anoniem"
    )
    internal = Partner.objects.create(organisation=voorbeeld, name="Aandachtsfunctionaris", partner_type="intern")
    offered = set(escalation_partners(user=triager))
    assert police in offered and partners["riec"] in offered
    assert not offered & {partners["acute"], anonymous, internal, partners["foreign"]}


def test_escalation_to_an_excluded_partner_is_refused(triager, signal, partners):
    with pytest.raises(ValidationError):
        _escalation(triager, signal, partners["acute"])
    assert not Escalation.objects.exists()


def test_escalation_form_says_kies_and_carries_defaults_per_partner_type(client_for, triager, signal, police):
    body = client_for(triager).get(reverse("coordination:escalation_new", args=[signal.pk])).content.decode()
    assert "Kies…" in body and "---------" not in body
    form = EscalationForm(partners=escalation_partners(user=triager))
    defaults = json.loads(form.fields["partner"].widget.attrs["data-default-fields"])
    assert defaults[str(police.pk)] == DEFAULT_SHARED_FIELDS["politie"]
    assert "identifying_details" in defaults[str(police.pk)]


def test_share_all_ticks_every_field(triager, police):
    data = {
        "partner": police.pk,
        "channel": "telefoon",
        "purpose": "Onderzoek",
        "legal_ground": "wettelijke_taak",
        "share_all": "on",
        "shared_on": "2026-11-30",
        "status": "verzonden",
    }
    form = EscalationForm(data, partners=escalation_partners(user=triager))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["shared_fields"] == list(SHAREABLE_FIELDS)


def test_escalation_with_doorgezet_moves_a_new_signal_through_the_workflow(client_for, triager, signal, police):
    response = client_for(triager).post(
        reverse("coordination:escalation_new", args=[signal.pk]),
        {
            "partner": police.pk,
            "channel": "telefoon",
            "purpose": "Onderzoek",
            "legal_ground": "wettelijke_taak",
            "shared_fields": ["reference"],
            "shared_on": timezone.localdate().isoformat(),
            "status": "verzonden",
            "set_referred": "on",
        },
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == "doorgezet"
    steps = [change.to_status for change in signal.status_changes.order_by("id")]
    assert steps[-2:] == ["in_behandeling", "doorgezet"]
    assert "Politie basisteam" in signal.status_changes.order_by("id").last().reason


def test_escalation_without_doorgezet_leaves_the_status(triager, signal, police):
    _escalation(triager, signal, police)
    signal.refresh_from_db()
    assert signal.status == "nieuw"


def test_failed_escalation_does_not_change_the_status(client_for, triager, signal, police):
    response = client_for(triager).post(
        reverse("coordination:escalation_new", args=[signal.pk]),
        {"partner": police.pk, "channel": "telefoon", "legal_ground": "wettelijke_taak", "set_referred": "on"},
    )
    assert response.status_code == 200
    signal.refresh_from_db()
    assert signal.status == "nieuw" and not Escalation.objects.exists()


def test_closed_signal_offers_no_doorgezet(client_for, triager, signal, police):
    services.signal_transition(
        actor=triager, signal=signal, target="afgesloten", outcome="geen_aanwijzing", reason="Niets"
    )
    body = client_for(triager).get(reverse("coordination:escalation_new", args=[signal.pk])).content.decode()
    assert "set_referred" not in body
    with pytest.raises(ValidationError):
        _escalation(triager, Signal.objects.get(pk=signal.pk), police, set_referred=True)
    assert not Escalation.objects.exists()


# --- awaiting feedback and reminders ------------------------------------------------------------


def test_awaiting_feedback_overview_lists_overdue_first(client_for, triager, reporter, police):
    today = timezone.localdate()
    later = _escalation(triager, make_signal(reporter), police, expected_feedback_on=today + dt.timedelta(days=5))
    late = _escalation(triager, make_signal(reporter), police, expected_feedback_on=today - dt.timedelta(days=2))
    done = _escalation(triager, make_signal(reporter), police, expected_feedback_on=today - dt.timedelta(days=9))
    services.escalation_update(actor=triager, escalation=done, status="teruggekoppeld", feedback="Opgepakt")
    client = client_for(triager)
    rows = list(client.get(reverse("coordination:escalations")).context["page"].object_list)
    assert rows == [late, later]
    only_late = client.get(reverse("coordination:escalations"), {"overdue": "on"})
    assert list(only_late.context["page"].object_list) == [late]
    assert "te laat" in only_late.content.decode()
    assert AuditEvent.objects.filter(
        actor=triager, action=AuditAction.VIEW, object_type="coordination.escalation"
    ).exists()


def test_feedback_reminder_once_per_escalation_and_cleared_when_feedback_arrives(
    triager, signal, police, django_capture_on_commit_callbacks
):
    escalation = _escalation(
        triager,
        signal,
        police,
        shared_on=TODAY - dt.timedelta(days=9),
        expected_feedback_on=TODAY - dt.timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_feedback_reminders(today=TODAY) == 1
    assert send_feedback_reminders(today=TODAY + dt.timedelta(days=1)) == 0
    assert EscalationReminder.objects.filter(escalation=escalation).count() == 1
    reminder = Notification.objects.get(recipient=triager, subject=subject_of(escalation))
    assert reminder.read_at is None and signal.reference in reminder.message
    assert [message.to for message in mail.outbox] == [[triager.email]]
    assert "Onderzoek" not in mail.outbox[0].body  # reference and link only
    services.escalation_update(actor=triager, escalation=escalation, status="teruggekoppeld", feedback="Opgepakt")
    reminder.refresh_from_db()
    assert reminder.read_at is not None


def test_feedback_reminder_not_before_the_expected_date(triager, signal, police):
    _escalation(triager, signal, police, shared_on=TODAY - dt.timedelta(days=9), expected_feedback_on=TODAY)
    assert send_feedback_reminders(today=TODAY) == 0


# --- notifications ------------------------------------------------------------------------------


def test_urgent_signal_notification_clears_when_the_signal_is_handled(triager, reporter):
    urgent = make_signal(reporter, acute_danger=True)
    notification = Notification.objects.get(recipient=triager, subject=subject_of(urgent))
    assert notification.read_at is None
    services.signal_transition(actor=triager, signal=urgent, target="in_behandeling")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_notification_can_be_marked_read_by_its_recipient_only(client_for, triager, reporter, voorbeeld):
    (user,) = notify(recipients=[reporter], organisation_id=voorbeeld.pk, message="Nieuws", url="/")
    notification = user.notifications.get()
    url = reverse("core:notification_read", args=[notification.pk])
    assert client_for(triager).post(url).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
    assert client_for(reporter).get(url).status_code == 405
    assert client_for(reporter).post(url).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert AuditEvent.objects.filter(actor=reporter, object_type="core.notification").exists()


# --- closing rules ------------------------------------------------------------------------------


def _close(client, signal, **data):
    payload = {"target": "afgesloten", "outcome": "geen_aanwijzing", "reason": "Geen uitbuiting"}
    payload.update(data)
    return client.post(reverse("coordination:transition", args=[signal.pk]), payload)


def test_closing_an_urgent_signal_needs_an_assignee_and_a_message(client_for, triager, reporter):
    urgent = make_signal(reporter, minor_involved="ja")
    client = client_for(triager)
    response = _close(client, urgent, no_mandatory_route_reason="Betrokkene bleek 23.")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies aan wie de melding is toegewezen" in body and "noteer waarom de melder geen bericht krijgt" in body
    urgent.refresh_from_db()
    assert urgent.status == "nieuw" and urgent.assigned_to is None


def test_closing_an_urgent_signal_with_a_template_message(client_for, triager, reporter):
    urgent = make_signal(reporter, minor_involved="ja")
    response = _close(
        client_for(triager),
        urgent,
        no_mandatory_route_reason="Betrokkene bleek 23.",
        assignee=triager.pk,
        message_template="geen-aanwijzing",
    )
    assert response.status_code == 302
    urgent.refresh_from_db()
    assert urgent.status == "afgesloten" and urgent.assigned_to == triager
    assert urgent.reporter_message.startswith("Dank voor uw melding. We hebben de melding bekeken")
    news = Notification.objects.filter(recipient=reporter, subject=f"{subject_of(urgent)}:melder")
    assert news.count() == 1  # one Berichten item for message and status together


def test_closing_an_urgent_signal_with_a_reason_instead_of_a_message(triager, reporter):
    urgent = make_signal(reporter, acute_danger=True)
    services.signal_transition(
        actor=triager,
        signal=urgent,
        target="afgesloten",
        outcome="geen_aanwijzing",
        reason="Geen uitbuiting",
        no_mandatory_route_reason="Verkeerd begrepen.",
        assignee=triager,
        no_message_reason="Anonieme melder zonder account.",
    )
    urgent.refresh_from_db()
    assert urgent.status == "afgesloten" and urgent.reporter_message == ""
    assert "Anonieme melder zonder account." in urgent.status_changes.order_by("id").last().reason


def test_unknown_template_is_refused(triager, reporter):
    urgent = make_signal(reporter, acute_danger=True)
    with pytest.raises(ValidationError) as error:
        services.signal_transition(
            actor=triager,
            signal=urgent,
            target="afgesloten",
            outcome="geen_aanwijzing",
            reason="x",
            no_mandatory_route_reason="y",
            assignee=triager,
            message_template="bestaat-niet",
        )
    assert "message_template" in error.value.message_dict


def test_closing_an_ordinary_signal_needs_neither(triager, signal):
    services.signal_transition(
        actor=triager, signal=signal, target="afgesloten", outcome="geen_aanwijzing", reason="Niets"
    )
    signal.refresh_from_db()
    assert signal.status == "afgesloten" and signal.assigned_to is None


def test_transition_form_selects_say_kies(client_for, triager, signal):
    body = client_for(triager).get(reverse("coordination:signal", args=[signal.pk])).content.decode()
    assert "Kies…" in body and "---------" not in body


# --- PDF and print view -------------------------------------------------------------------------


def _pdf_page_texts(pdf_html: str) -> list[str]:
    """Each rendered page's text, margin boxes (the footer) included."""
    from weasyprint import HTML

    def texts(box):
        text = getattr(box, "text", None)
        if text:
            yield text
        for child in getattr(box, "children", []):
            yield from texts(child)

    document = HTML(string=pdf_html).render()
    return [" ".join(texts(page._page_box)) for page in document.pages]


def test_handover_pdf_has_contact_reply_line_channel_and_a_confidential_footer_on_every_page(
    client_for, aandachtsfunctionaris, signal, police, monkeypatch
):
    from django.template.loader import render_to_string

    aandachtsfunctionaris.phone = "010 555 0101"
    aandachtsfunctionaris.save(update_fields=["phone"])
    Signal.objects.filter(pk=signal.pk).update(description="Lang verhaal. " * 900)
    escalation = _escalation(
        aandachtsfunctionaris, signal, police, shared_fields=["reference", "indicators", "description"]
    )
    rendered = {}

    def capture(template, context, **kwargs):
        rendered["html"] = render_to_string(template, {**context, "organisation": signal.organisation})
        return b"%PDF-stub"

    monkeypatch.setattr("baken.coordination.views.render_pdf", capture)
    response = client_for(aandachtsfunctionaris).get(
        reverse("coordination:escalation_pdf", args=[signal.pk, escalation.pk])
    )
    assert response.status_code == 200
    html = rendered["html"]
    assert f"Reageer onder vermelding van {signal.reference}" in html
    assert "010 555 0101" in html and "anouk@voorbeeld.invalid" in html
    assert "Telefoon" in html  # the channel
    assert "Gemaakt op" in html
    pages = _pdf_page_texts(html)
    assert len(pages) >= 2
    for text in pages:
        assert "Vertrouwelijk" in text and signal.reference in text


def test_handover_pdf_lists_indicators_one_per_line(client_for, triager, reporter, police):
    from baken.coordination.handover import shared_rows
    from baken.signalling.models import Indicator

    indicators = list(Indicator.objects.filter(active=True).order_by("code")[:2])
    signal = make_signal(reporter, indicator_ids=[indicator.pk for indicator in indicators])
    escalation = _escalation(triager, signal, police, shared_fields=["indicators"])
    (row,) = shared_rows(escalation)
    assert row["items"] == sorted(row["items"], key=row["items"].index) and len(row["items"]) == 2


def test_print_view_shows_the_signal_without_forms_and_is_audited(client_for, triager, signal):
    services.triage_note_add(actor=triager, signal=signal, text="Gebeld met wijkagent")
    response = client_for(triager).get(reverse("coordination:signal_print", args=[signal.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert signal.reference in body and "Matrassen in de loods" in body and "Gebeld met wijkagent" in body
    main = body[body.index("<main") : body.index("</main>")]
    assert "<form" not in main and "<textarea" not in main and "<select" not in main
    assert AuditEvent.objects.filter(actor=triager, action=AuditAction.VIEW, reason="afdrukweergave").exists()
