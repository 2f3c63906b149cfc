"""Triage: inbox, signal page, notes, links, merges, escalations, mandatory route, reminders."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from baken.coordination import services
from baken.coordination.handover import shared_values
from baken.coordination.models import Escalation, SignalLink, TriageNote, TriageReminder
from baken.coordination.reminders import send_triage_reminders
from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditAction, AuditEvent, Notification
from baken.signalling.models import Signal
from baken.testing.signals import make_signal

INBOX = reverse("coordination:inbox")


def test_inbox_lists_urgent_first_with_counts(client_for, triager, reporter, signal):
    urgent = make_signal(reporter, acute_danger=True)
    response = client_for(triager).get(INBOX)
    rows = list(response.context["page"].object_list)
    assert rows[0] == urgent and signal in rows
    body = response.content.decode()
    assert "Nieuw: <strong>2</strong>" in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"urgent": "true"}, {"acuut"}),
        ({"status": "in_behandeling"}, {"gestart"}),
        ({"q": "loods"}, {"loods"}),
        ({"channel": "school"}, {"school"}),
        ({"neighbourhood": "haven"}, {"haven"}),
        ({"assigned": "mij"}, {"toegewezen"}),
        ({"overdue": "true"}, {"te laat"}),
        ({"form": "crimineel"}, {"school"}),
    ],
)
def test_inbox_filters(client_for, triager, reporter, params, expected):
    made = {
        "acuut": make_signal(reporter, acute_danger=True),
        "gestart": make_signal(reporter),
        "loods": make_signal(reporter, description="Mensen slapen in een loods"),
        "school": make_signal(reporter, channel="school", form_unknown=False, form_codes=["crimineel"]),
        "haven": make_signal(reporter, neighbourhood="Havenkwartier"),
        "toegewezen": make_signal(reporter),
        "te laat": make_signal(reporter),
    }
    services.signal_transition(actor=triager, signal=made["gestart"], target="in_behandeling")
    services.signal_assign(actor=triager, signal=made["toegewezen"], assignee=triager)
    Signal.objects.filter(pk=made["te laat"].pk).update(triage_due_on=timezone.localdate() - dt.timedelta(days=2))
    response = client_for(triager).get(INBOX, params)
    found = {name for name, signal in made.items() if signal in response.context["page"].object_list}
    assert found == expected


def test_inbox_search_by_reference(client_for, triager, signal):
    response = client_for(triager).get(INBOX, {"q": signal.reference.lower()})
    assert list(response.context["page"].object_list) == [signal]


def test_inbox_query_count_is_constant(client_for, triager, reporter, django_assert_max_num_queries):
    client = client_for(triager)
    make_signal(reporter)
    with django_assert_max_num_queries(60) as baseline:
        client.get(INBOX)
    for _ in range(30):
        services.signal_assign(actor=triager, signal=make_signal(reporter), assignee=triager)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        assert client.get(INBOX).status_code == 200


@pytest.mark.parametrize(
    "role", ["signaleerder", "toezichthouder", "beleidsmaker", "functioneel_beheerder", "privacy_officer"]
)
def test_triage_urls_are_404_without_triage_rights(client_for, make_user, voorbeeld, signal, role):
    client = client_for(make_user(role, voorbeeld, clearance=8))
    assert client.get(INBOX).status_code == 404
    for name in ("signal", "note_add", "transition", "escalation_new"):
        response = getattr(client, "get" if name == "signal" else "post")(
            reverse(f"coordination:{name}", args=[signal.pk]), {"text": "x", "target": "in_behandeling"}
        )
        assert response.status_code == 404
    signal.refresh_from_db()
    assert signal.status == "nieuw" and not TriageNote.objects.exists()


def test_signal_page_view_is_audited_and_shows_triage_side(client_for, triager, signal):
    services.triage_note_add(actor=triager, signal=signal, text="Eerdere controle op dit adres")
    body = client_for(triager).get(reverse("coordination:signal", args=[signal.pk])).content.decode()
    assert "Eerdere controle op dit adres" in body and "Matrassen in de loods" in body
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, actor=triager, object_id=str(signal.pk)).exists()


def test_note_via_page_and_empty_note_refused(client_for, triager, signal):
    client = client_for(triager)
    assert client.post(reverse("coordination:note_add", args=[signal.pk]), {"text": "  "}).status_code == 400
    assert not TriageNote.objects.exists()
    client.post(reverse("coordination:note_add", args=[signal.pk]), {"text": "Gebeld met wijkagent"})
    assert TriageNote.objects.get().author == triager


def test_related_signals_by_address_and_business(client_for, triager, reporter, signal):
    same_address = make_signal(reporter, postcode="9901 AB", house_number="14")
    same_business = make_signal(reporter, business_name="Kassen BV")
    make_signal(reporter, postcode="1234 AB", house_number="1", location_description="Elders")
    same_place = make_signal(reporter, location_description="Parkeerplaats A12 afslag 9")
    source = make_signal(
        reporter,
        postcode="9901 AB",
        house_number="14",
        business_name="kassen bv",
        location_description="parkeerplaats a12 afslag 9",
    )
    response = client_for(triager).get(reverse("coordination:signal", args=[source.pk]))
    related = {row["signal"] for row in response.context["related"]}
    assert related == {signal, same_address, same_business, same_place}


def test_link_is_symmetric_and_logged(client_for, triager, reporter, signal):
    other = make_signal(reporter)
    client_for(triager).post(reverse("coordination:link", args=[other.pk]), {"link-reference": signal.reference})
    link = SignalLink.objects.get()
    assert (link.first_id, link.second_id) == (signal.pk, other.pk)
    page_a = client_for(triager).get(reverse("coordination:signal", args=[signal.pk]))
    page_b = client_for(triager).get(reverse("coordination:signal", args=[other.pk]))
    assert other in page_a.context["linked"] and signal in page_b.context["linked"]
    assert AuditEvent.objects.filter(reason__startswith="gekoppeld aan").count() == 2
    # Linking again adds nothing.
    services.signal_link(actor=triager, signal=signal, other=other)
    assert SignalLink.objects.count() == 1


def test_merge_closes_duplicate_and_loses_nothing(client_for, triager, reporter, signal):
    duplicate = make_signal(reporter, description="Zelfde loods, andere melder", with_attachment=True)
    services.triage_note_add(actor=triager, signal=duplicate, text="Dubbel")
    client_for(triager).post(reverse("coordination:merge", args=[duplicate.pk]), {"merge-reference": signal.reference})
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.outcome, duplicate.merged_into) == ("afgesloten", "samengevoegd", signal)
    assert duplicate.description == "Zelfde loods, andere melder" and duplicate.attachments.count() == 1
    assert duplicate.triage_notes.count() == 1
    assert SignalLink.objects.filter(first=signal, second=duplicate).exists()
    with pytest.raises(ValidationError):
        services.signal_merge(actor=triager, duplicate=duplicate, into=signal)
    closed_page = client_for(triager).get(reverse("coordination:signal", args=[duplicate.pk])).content.decode()
    assert "Samenvoegen en afsluiten" not in closed_page and "Heropenen" in closed_page
    services.signal_transition(actor=triager, signal=duplicate, target="in_behandeling", reason="Toch een ander adres")
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.outcome, duplicate.merged_into) == ("in_behandeling", "", None)
    assert SignalLink.objects.filter(first=signal, second=duplicate).exists()


def test_reference_of_other_municipality_cannot_be_linked(client_for, triager, signal, make_user, zuiderhaven):
    foreign = make_signal(make_user("signaleerder", zuiderhaven))
    foreign.reference = "SIG-2099-0001"
    Signal.objects.filter(pk=foreign.pk).update(reference="SIG-2099-0001")
    response = client_for(triager).post(
        reverse("coordination:link", args=[signal.pk]), {"link-reference": "SIG-2099-0001"}
    )
    assert response.status_code == 400 and "Geen melding met dit kenmerk" in response.content.decode()
    assert not SignalLink.objects.exists()


def _escalate(client, signal, partner, **overrides):
    data = {
        "partner": partner.pk,
        "channel": "telefoon",
        "purpose": "Strafrechtelijk onderzoek naar uitbuiting",
        "legal_ground": "wettelijke_taak",
        "shared_fields": ["reference", "address", "description"],
        "shared_on": timezone.localdate().isoformat(),
        "status": "verzonden",
    }
    data.update(overrides)
    return client.post(reverse("coordination:escalation_new", args=[signal.pk]), data)


def test_escalation_records_everything_and_pdf_has_exactly_the_chosen_fields(client_for, triager, signal, police):
    Signal.objects.filter(pk=signal.pk).update(identifying_details="Jan Jansen, 06-12345678", business_name="Kassen BV")
    client = client_for(triager)
    response = _escalate(client, signal, police)
    escalation = Escalation.objects.get()
    assert response.url == reverse("coordination:escalation", args=[signal.pk, escalation.pk])
    assert escalation.shared_fields == ["reference", "address", "description"]
    assert (escalation.legal_ground, escalation.status, escalation.created_by) == (
        "wettelijke_taak",
        "verzonden",
        triager,
    )
    values = dict(shared_values(escalation))
    assert set(values) == {"Kenmerk", "Adres", "Wat er is gebeurd"}
    assert "Jan Jansen" not in str(values) and "Kassen BV" not in str(values)
    pdf = client.get(reverse("coordination:escalation_pdf", args=[signal.pk, escalation.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="coordination.escalation").count() == 1


def test_consent_needs_a_recorded_consent(client_for, triager, signal, police):
    response = _escalate(client_for(triager), signal, police, legal_ground="toestemming")
    assert response.status_code == 200 and "toestemming gaf" in response.content.decode()
    assert not Escalation.objects.exists()


def test_escalation_with_unknown_field_or_no_fields_is_refused(client_for, triager, signal, police):
    for fields in ([], ["reporter_password"]):
        response = _escalate(client_for(triager), signal, police, shared_fields=fields)
        assert response.status_code == 200
    assert not Escalation.objects.exists()


def test_escalation_feedback_updates_status_with_history(client_for, triager, signal, police):
    client = client_for(triager)
    _escalate(client, signal, police)
    escalation = Escalation.objects.get()
    url = reverse("coordination:escalation", args=[signal.pk, escalation.pk])
    assert client.post(url, {"status": "teruggekoppeld"}).status_code == 200  # feedback text missing
    client.post(url, {"status": "teruggekoppeld", "feedback": "Zaak in onderzoek genomen"})
    escalation.refresh_from_db()
    assert escalation.status == "teruggekoppeld" and escalation.feedback_on == timezone.localdate()
    assert list(escalation.status_changes.values_list("to_status", flat=True)) == ["verzonden", "teruggekoppeld"]


@pytest.mark.parametrize("field", ["minor_involved", "acute_danger"])
def test_mandatory_route_blocks_closing_without_police_or_veilig_thuis(
    client_for, triager, reporter, police, inspectorate, field
):
    values = {"minor_involved": "ja"} if field == "minor_involved" else {"acute_danger": True}
    signal = make_signal(reporter, **values)
    client = client_for(triager)
    services.signal_transition(actor=triager, signal=signal, target="in_behandeling")
    _escalate(client, signal, inspectorate)  # not a mandatory-route partner
    close = {
        "target": "afgesloten",
        "outcome": "doorgezet_afgehandeld",
        "reason": "Klaar",
        "assignee": triager.pk,
        "message_template": "doorgezet",
    }
    response = client.post(reverse("coordination:transition", args=[signal.pk]), close)
    assert response.status_code == 400
    assert "politie of Veilig Thuis" in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == "in_behandeling"

    _escalate(client, signal, police)
    client.post(reverse("coordination:transition", args=[signal.pk]), close)
    signal.refresh_from_db()
    assert signal.status == "afgesloten"


def test_mandatory_route_can_be_waived_with_a_recorded_reason(triager, reporter):
    signal = make_signal(reporter, minor_involved="ja")
    services.signal_transition(actor=triager, signal=signal, target="in_behandeling")
    services.signal_transition(
        actor=triager,
        signal=signal,
        target="afgesloten",
        outcome="geen_aanwijzing",
        reason="Geen uitbuiting",
        no_mandatory_route_reason="Melder verwisselde leeftijd; betrokkene is 23.",
        assignee=triager,
        no_message_reason="Melder is met verlof.",
    )
    assert "betrokkene is 23" in signal.status_changes.last().reason


def test_reporter_sees_shared_message_not_notes(client_for, triager, reporter, signal):
    services.triage_note_add(actor=triager, signal=signal, text="Vermoedelijk netwerk Oost")
    client_for(triager).post(reverse("coordination:share_message", args=[signal.pk]), {"message": "Opgepakt, dank!"})
    body = client_for(reporter).get(reverse("signalling:mine")).content.decode()
    assert "Opgepakt, dank!" in body and "Vermoedelijk netwerk" not in body


def test_assign_only_to_colleagues_who_may_triage(client_for, triager, signal, make_user, voorbeeld, zuiderhaven):
    colleague = make_user("aandachtsfunctionaris", voorbeeld, clearance=5)
    outsider = make_user("aandachtsfunctionaris", zuiderhaven, clearance=5)
    client = client_for(triager)
    client.post(reverse("coordination:assign", args=[signal.pk]), {"assignee": outsider.pk})
    signal.refresh_from_db()
    assert signal.assigned_to is None
    client.post(reverse("coordination:assign", args=[signal.pk]), {"assignee": colleague.pk})
    signal.refresh_from_db()
    assert signal.assigned_to == colleague


def test_due_dates_in_working_days(reporter):
    from baken.core.calendar import add_working_days
    from baken.signalling.deadlines import triage_due_on

    friday = dt.date(2026, 11, 27)
    assert add_working_days(friday, 3) == dt.date(2026, 12, 2)
    assert triage_due_on(received_on=friday, urgent=True) == friday
    urgent = make_signal(reporter, acute_danger=True)
    assert urgent.triage_due_on == timezone.localdate()


def test_reminders_once_a_day_to_assignee_or_all_triagers(
    triager, reporter, make_user, voorbeeld, django_capture_on_commit_callbacks
):
    other_af = make_user("aandachtsfunctionaris", voorbeeld, clearance=5)
    late = make_signal(reporter)
    assigned = make_signal(reporter)
    on_time = make_signal(reporter)
    services.signal_assign(actor=triager, signal=assigned, assignee=other_af)
    past = timezone.localdate() - dt.timedelta(days=1)
    Signal.objects.filter(pk__in=[late.pk, assigned.pk]).update(triage_due_on=past)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_triage_reminders(today=timezone.localdate()) == 2
    assert send_triage_reminders(today=timezone.localdate()) == 0
    assert TriageReminder.objects.count() == 2
    assert set(Notification.objects.filter(url__contains=f"/{late.pk}/").values_list("recipient", flat=True)) == {
        triager.pk,
        other_af.pk,
    }
    assert list(Notification.objects.filter(url__contains=f"/{assigned.pk}/").values_list("recipient", flat=True)) == [
        other_af.pk
    ]
    assert not Notification.objects.filter(url__contains=f"/{on_time.pk}/").exists()
    assert len(mail.outbox) == 3


def test_reminder_command_runs(capsys, signal, triager, make_user, voorbeeld, zuiderhaven):
    """The command reminds exactly the aandachtsfunctionarissen who may triage the one overdue
    signal, once a day."""
    from django.core.management import call_command

    other_af = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.GEHEIM)
    make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.INTERN)  # below the signal's level
    make_user("aandachtsfunctionaris", zuiderhaven, clearance=Confidentiality.GEHEIM)
    make_user("signaleerder", voorbeeld)
    Signal.objects.filter(pk=signal.pk).update(triage_due_on=timezone.localdate() - dt.timedelta(days=1))
    assert Signal.objects.get(pk=signal.pk).status == "nieuw"
    Notification.objects.all().delete()

    call_command("send_triage_reminders")
    assert "Reminders sent for 1 overdue signal(s)." in capsys.readouterr().out
    assert list(TriageReminder.objects.values_list("signal", "sent_on")) == [(signal.pk, timezone.localdate())]
    recipients = sorted(Notification.objects.values_list("recipient", flat=True))
    assert recipients == sorted([triager.pk, other_af.pk])
    assert all(f"/{signal.pk}/" in url for url in Notification.objects.values_list("url", flat=True))

    call_command("send_triage_reminders")
    assert "Reminders sent for 0 overdue signal(s)." in capsys.readouterr().out
    assert TriageReminder.objects.count() == 1
    assert Notification.objects.count() == 2
