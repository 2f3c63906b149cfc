"""Reminders of the enforcement deadlines: from the start of each deadline's warning period in
the catalogue, once per deadline and date, to whoever started the record (or everyone who may
work on it), by e-mail with the reference and a link only; and the user's own deadline list."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from baken.core.confidentiality import Confidentiality
from baken.core.models import Notification
from baken.enforcement import selectors, services
from baken.enforcement.models import EnforcementReminder
from baken.enforcement.reminders import send_deadline_reminders
from baken.enforcement.services import BibobInput, MeasureStep

TODAY = timezone.localdate()


def _intent(actor, case, sent_days_ago):
    return services.measure_start(
        actor=actor,
        case=case,
        intent_type="voornemen_lod",
        addressees="Verhuurder",
        sent_on=TODAY - dt.timedelta(days=sent_days_ago),
    )


def _forfeited(actor, case, forfeited_days_ago):
    forfeited = TODAY - dt.timedelta(days=forfeited_days_ago)
    measure = _intent(actor, case, forfeited_days_ago + 60)
    decision = MeasureStep(
        target="besluit",
        decision_type="lod",
        decided_on=forfeited - dt.timedelta(days=40),
        compliance_due_on=forfeited - dt.timedelta(days=12),
        amount_per_unit=Decimal("500"),
        amount_unit="per week",
        amount_maximum=Decimal("5000"),
    )
    services.measure_step(actor=actor, measure=measure, data=decision)
    services.measure_step(actor=actor, measure=measure, data=MeasureStep(target="hercontrole"))
    return services.measure_step(
        actor=actor, measure=measure, data=MeasureStep(target="verbeurd", forfeited_on=forfeited)
    )


def _codes() -> set[str]:
    return set(EnforcementReminder.objects.values_list("deadline", flat=True))


def test_the_zienswijze_is_reminded_once_from_its_warning_period(
    jurist, inspector, case, django_capture_on_commit_callbacks
):
    _intent(jurist, case, 5)  # due in 9 days: not yet (warning 3 days before)
    assert send_deadline_reminders(today=TODAY) == 0
    due = _intent(jurist, case, 12)  # due in 2 days
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders(today=TODAY) == 1
    assert send_deadline_reminders(today=TODAY) == 0
    reminder = EnforcementReminder.objects.get()
    assert (reminder.measure, reminder.deadline, reminder.due_on) == (due, "zienswijze", due.view_due_on)
    # To the jurist who sent the voornemen, not to the toezichthouder too.
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["julia"]
    (message,) = mail.outbox
    assert case.reference in message.subject
    assert case.location.street not in message.subject + message.body  # no address by e-mail


def test_payment_and_the_invordering_limitation_with_its_early_warning(jurist, case):
    _forfeited(jurist, case, 200)  # payment passed; the limitation lapses in about 165 days
    assert send_deadline_reminders(today=TODAY) == 1
    assert _codes() == {"betaling"}
    measure = _forfeited(jurist, case, 300)  # the limitation lapses within the 90-day warning
    assert send_deadline_reminders(today=TODAY) == 2
    assert set(EnforcementReminder.objects.filter(measure=measure).values_list("deadline", flat=True)) == {
        "betaling",
        "invordering_verjaring",
    }
    assert 0 < (measure.collection_lapses_on - TODAY).days <= 90


def test_the_begunstigingstermijn_and_hercontrole_after_a_decision(jurist, case):
    measure = _intent(jurist, case, 30)
    step = MeasureStep(
        target="besluit",
        decision_type="bestuursdwang",
        decided_on=TODAY - dt.timedelta(days=20),
        compliance_due_on=TODAY,
    )
    services.measure_step(actor=jurist, measure=measure, data=step)
    assert send_deadline_reminders(today=TODAY) == 2
    assert _codes() == {"begunstigingstermijn", "hercontrole"}


def test_the_bibob_advice_is_reminded_and_again_when_the_term_is_extended(jurist, case):
    requested = TODAY - dt.timedelta(weeks=8) + dt.timedelta(days=5)
    test = services.bibob_start(actor=jurist, case=case, subject="Vergunning", trigger="signaal", started_on=requested)
    test = services.bibob_update(actor=jurist, test=test, data=BibobInput(lbb_requested_on=requested))
    assert send_deadline_reminders(today=TODAY) == 1
    test = services.bibob_update(
        actor=jurist, test=test, data=BibobInput(lbb_requested_on=requested, lbb_extended=True)
    )
    assert send_deadline_reminders(today=TODAY) == 0  # four weeks later: not yet in its warning period
    assert send_deadline_reminders(today=test.lbb_advice_due_on - dt.timedelta(days=7)) == 1
    assert list(EnforcementReminder.objects.order_by("due_on").values_list("deadline", "due_on")) == [
        ("bibob_advies", requested + dt.timedelta(weeks=8)),
        ("bibob_advies", requested + dt.timedelta(weeks=12)),
    ]
    services.bibob_update(
        actor=jurist,
        test=test,
        data=BibobInput(lbb_requested_on=requested, lbb_advice_received_on=TODAY, advice_level="geen_gevaar"),
    )
    assert send_deadline_reminders(today=test.lbb_advice_due_on) == 0


def test_not_for_closed_cases(jurist, case):
    requested = TODAY - dt.timedelta(weeks=8)
    test = services.bibob_start(actor=jurist, case=case, subject="Vergunning", trigger="signaal", started_on=requested)
    services.bibob_update(actor=jurist, test=test, data=BibobInput(lbb_requested_on=requested))
    services.case_transition(actor=jurist, case=case, target="afgesloten", closure="geen_overtreding")
    assert send_deadline_reminders(today=TODAY) == 0


def test_to_everyone_who_may_when_the_sender_cannot_and_never_beyond_clearance(
    jurist, inspector, make_user, case, signal, triager
):
    low = make_user("handhavingsjurist", case.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    services.case_link_signal(actor=triager, case=case, signal=signal)  # vertrouwelijk now
    _intent(jurist, case, 13)
    jurist.is_active = False
    jurist.save(update_fields=["is_active"])
    assert send_deadline_reminders(today=TODAY) == 1
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {inspector.username}
    assert low.username not in recipients


def test_the_command_runs_the_reminders(jurist, case, capsys):
    _intent(jurist, case, 14)
    call_command("send_enforcement_reminders")
    assert "Reminders sent for 1 enforcement deadline(s)." in capsys.readouterr().out
    call_command("send_enforcement_reminders")
    assert "Reminders sent for 0 enforcement deadline(s)." in capsys.readouterr().out


# --- the user's own deadlines ------------------------------------------------------------------------


def test_my_deadlines_on_the_start_page_of_handhaven(client_for, jurist, make_user, case, zuiderhaven):
    quiet = _intent(jurist, case, 1)
    due = _intent(jurist, case, 13)
    rows = selectors.my_deadlines(user=jurist)
    assert [(item.measure, item.row.deadline.code) for item in rows] == [(due, "zienswijze")]
    page = client_for(jurist).get(reverse("enforcement:index")).content.decode()
    assert "Mijn termijnen" in page
    assert reverse("enforcement:measure", args=[case.pk, due.pk]) in page
    assert reverse("enforcement:measure", args=[case.pk, quiet.pk]) not in page
    stranger = make_user("handhavingsjurist", zuiderhaven, clearance=Confidentiality.GEHEIM)
    assert selectors.my_deadlines(user=stranger) == []
    other = client_for(stranger).get(reverse("enforcement:index")).content.decode()
    assert "Geen termijnen die nu aandacht vragen" in other


def test_many_deadlines_the_register_shows_five_and_a_paged_list_holds_all(client_for, jurist, case, monkeypatch):
    from baken.core.models import AuditEvent
    from baken.enforcement import views

    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    measures = [_intent(jurist, case, 14 + days) for days in range(7)]  # all past their zienswijze
    client = client_for(jurist)
    register = client.get(reverse("enforcement:index")).content.decode()
    links = [reverse("enforcement:measure", args=[case.pk, m.pk]) for m in measures]
    shown = [link for link in links if link in register]
    assert shown == links[2:]  # the five due earliest (sent longest ago) ...
    assert sorted(shown, key=register.index) == links[2:][::-1]  # ... the earliest first
    assert "Alle 7 termijnen" in register
    home = client.get(reverse("home:index")).content.decode()
    assert "Alle 7 termijnen" in home and reverse("enforcement:deadlines") in home

    first = client.get(reverse("enforcement:deadlines")).content.decode()
    second = client.get(reverse("enforcement:deadlines") + "?pagina=2").content.decode()
    on_first = {m for m in measures if reverse("enforcement:measure", args=[case.pk, m.pk]) in first}
    on_second = {m for m in measures if reverse("enforcement:measure", args=[case.pk, m.pk]) in second}
    assert len(on_first) == 4 and len(on_second) == 3 and on_first | on_second == set(measures)
    assert "7 termijnen van maatregelen" in first and "Pagina 1 van 2" in first
    assert AuditEvent.objects.filter(actor=jurist, reason="mijn termijnen", action="view").count() == 2


def test_the_deadline_lists_read_a_constant_number_of_queries(client_for, jurist, case):
    """Only the shown fields are loaded (my_deadlines' only()): a field the list reads beyond
    them would cost a query per deadline."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(jurist)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _intent(jurist, case, 14)
    urls = [reverse("enforcement:deadlines"), reverse("enforcement:index"), reverse("home:index")]
    one = [queries(url) for url in urls]
    for days in range(1, 7):
        _intent(jurist, case, 14 + days)
    assert [queries(url) for url in urls] == one


def test_the_deadline_page_without_deadlines_says_so(client_for, jurist):
    page = client_for(jurist).get(reverse("enforcement:deadlines")).content.decode()
    assert "Geen termijnen die nu aandacht vragen." in page
    register = client_for(jurist).get(reverse("enforcement:index")).content.decode()
    assert reverse("enforcement:deadlines") not in register


@pytest.mark.parametrize("days_ago", [13, 20])
def test_my_deadlines_hide_a_vertrouwelijk_case_beyond_clearance(jurist, make_user, case, signal, triager, days_ago):
    _intent(jurist, case, days_ago)
    services.case_link_signal(actor=triager, case=case, signal=signal)
    low = make_user("handhavingsjurist", case.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    assert selectors.my_deadlines(user=low) == []
    assert [item.row.state for item in selectors.my_deadlines(user=jurist)] == [
        "binnenkort" if days_ago == 13 else "verlopen"
    ]


def test_the_home_panel_lists_a_bibob_advice_that_asks_attention(client_for, jurist, case):
    requested = TODAY - dt.timedelta(weeks=8) + dt.timedelta(days=2)
    test = services.bibob_start(actor=jurist, case=case, subject="Vergunning", trigger="signaal", started_on=requested)
    services.bibob_update(actor=jurist, test=test, data=BibobInput(lbb_requested_on=requested))
    page = client_for(jurist).get(reverse("home:index")).content.decode()
    assert "Termijnen die aandacht vragen" in page
    assert reverse("enforcement:bibob", args=[case.pk, test.pk]) in page
