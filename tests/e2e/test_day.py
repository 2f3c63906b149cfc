"""The aandachtsfunctionaris's day and the reporter's loop in the browser, on a desktop and on a
390×844 phone: the dashboard, an escalation that sets "doorgezet", the closing rules for an
urgent signal, and the reporter adding information. Every page axe clean, no CSP violation."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from baken.coordination import services
from baken.signalling.models import Signal, SignalAddition
from baken.testing.signals import make_signal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request, page):
    page.set_viewport_size(VIEWPORTS[request.param])
    return page


def _no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_dashboard_is_the_start_page(sized_page, login_as, assert_accessible, triager, reporter):
    page = sized_page
    make_signal(reporter)
    make_signal(reporter, acute_danger=True)
    mine = make_signal(reporter)
    services.signal_assign(actor=triager, signal=mine, assignee=triager)
    late = make_signal(reporter)
    Signal.objects.filter(pk=late.pk).update(triage_due_on=timezone.localdate() - dt.timedelta(days=3))

    login_as(triager)
    page.goto("/")
    panel = page.locator("section.baken-dashboard-panel")
    expect(panel.get_by_role("heading", name="Uw werk vandaag")).to_be_visible()
    expect(panel.get_by_role("link", name=re.compile(r"^4\s*Nieuw"))).to_be_visible()
    expect(panel.get_by_role("link", name=re.compile(r"^1\s*Spoed"))).to_be_visible()
    expect(panel.get_by_role("link", name=re.compile(r"^1\s*Te laat opgepakt"))).to_be_visible()
    _no_horizontal_scroll(page)
    assert_accessible(page)
    panel.get_by_role("link", name=re.compile(r"Aan mij toegewezen")).click()
    expect(page).to_have_url(re.compile(r"assigned=mij"))


def test_escalation_sets_doorgezet_in_the_same_step(sized_page, login_as, assert_accessible, triager, signal, police):
    page = sized_page
    login_as(triager)
    page.goto(reverse("coordination:signal", args=[signal.pk]))
    page.get_by_role("link", name="Doorzetten naar een partner").click()
    partner = page.get_by_label(re.compile(r"^Partner"))
    expect(partner.locator("option").first).to_have_text("Kies…")
    expect(page.get_by_label("Kanaal").locator("option").first).to_have_text("Kies…")
    assert page.locator("option", has_text="---------").count() == 0
    partner.select_option(label="Politie basisteam")
    # The usual fields for the police are ticked on choosing the partner.
    expect(page.get_by_label("Kenmerk", exact=True)).to_be_checked()
    expect(page.get_by_label("Wat er is gebeurd")).to_be_checked()
    page.get_by_label("Kanaal").select_option("telefoon")
    page.get_by_label("Doel van het delen").fill("Mogelijke arbeidsuitbuiting")
    page.get_by_label("Wettelijke taak").check()
    expect(page.get_by_label("Zet de melding ook op 'doorgezet'")).to_be_checked()
    _no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_role("button", name="Doorzetten vastleggen").click()
    expect(page.get_by_text("staat op 'doorgezet'")).to_be_visible()
    assert_accessible(page)
    signal.refresh_from_db()
    assert signal.status == "doorgezet"
    assert signal.escalations.get().partner == police


def test_closing_an_urgent_signal_needs_an_assignee_and_a_message(
    sized_page, login_as, assert_accessible, triager, reporter, police
):
    page = sized_page
    urgent = make_signal(reporter, minor_involved="ja")
    services.signal_transition(actor=triager, signal=urgent, target="in_behandeling")
    services.escalation_create(
        actor=triager,
        signal=urgent,
        partner=police,
        channel="telefoon",
        purpose="Onderzoek",
        legal_ground="wettelijke_taak",
        shared_fields=["reference"],
        shared_on=timezone.localdate(),
        status="verzonden",
    )
    login_as(triager)
    page.goto(reverse("coordination:signal", args=[urgent.pk]))
    form = page.locator("form[action$='/status/']")
    form.get_by_label("Volgende stap").select_option("afgesloten")
    form.get_by_label("Uitkomst (bij afsluiten)").select_option("doorgezet_afgehandeld")
    form.get_by_label("Reden", exact=True).fill("Politie heeft het overgenomen.")
    form.get_by_role("button", name="Status wijzigen").click()
    expect(page.get_by_text("Kies aan wie de melding is toegewezen").first).to_be_visible()
    expect(page.get_by_text("noteer waarom de melder geen bericht krijgt").first).to_be_visible()
    assert_accessible(page)
    urgent.refresh_from_db()
    assert urgent.status == "in_behandeling"

    form = page.locator("form[action$='/status/']")
    form.get_by_label("Volgende stap").select_option("afgesloten")
    form.get_by_label("Uitkomst (bij afsluiten)").select_option("doorgezet_afgehandeld")
    form.get_by_label("Reden", exact=True).fill("Politie heeft het overgenomen.")
    form.get_by_label("Toegewezen aan").select_option(str(triager.pk))
    form.get_by_label("Standaardbericht aan de melder").select_option("doorgezet")
    expect(form.locator("textarea[name='message']")).to_have_value(re.compile(r"^Dank voor uw melding"))
    _no_horizontal_scroll(page)
    form.get_by_role("button", name="Status wijzigen").click()
    expect(page.locator(".baken-facts").first).to_contain_text("Afgesloten")
    assert_accessible(page)
    urgent.refresh_from_db()
    assert urgent.status == "afgesloten" and urgent.assigned_to == triager
    assert urgent.reporter_message.startswith("Dank voor uw melding. We hebben de melding doorgezet")


def test_reporter_adds_information_to_an_open_report(
    sized_page, login_as, assert_accessible, reporter, triager, signal
):
    page = sized_page
    login_as(reporter)
    page.goto(reverse("signalling:mine"))
    expect(page.get_by_role("columnheader", name="Ontvangen op")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=signal.reference).click()
    page.get_by_label("Wat wilt u aanvullen?").fill("Vanavond stond er weer een busje met zes mensen.")
    _no_horizontal_scroll(page)
    page.get_by_role("button", name="Aanvulling toevoegen").click()
    expect(page.get_by_text("Uw aanvulling is toegevoegd")).to_be_visible()
    expect(page.get_by_text("Vanavond stond er weer een busje met zes mensen.")).to_be_visible()
    assert_accessible(page)
    assert SignalAddition.objects.get().signal == signal

    login_as(triager)
    page.goto(reverse("coordination:signal", args=[signal.pk]))
    section = page.locator("section[aria-labelledby='additions']")
    expect(section).to_contain_text("Vanavond stond er weer een busje met zes mensen.")


def test_share_all_ticks_every_field(sized_page, login_as, triager, signal, police):
    page = sized_page
    login_as(triager)
    page.goto(reverse("coordination:escalation_new", args=[signal.pk]))
    page.get_by_label(re.compile(r"^Partner")).select_option(label="Politie basisteam")
    boxes = page.locator("input[name=shared_fields]")
    assert 0 < sum(boxes.nth(i).is_checked() for i in range(boxes.count())) < boxes.count()  # the police's usual
    page.get_by_label("Alles delen").check()
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))


def test_awaiting_feedback_lists_the_overdue_first(sized_page, login_as, assert_accessible, triager, reporter, police):
    page = sized_page
    today = timezone.localdate()
    waiting = make_signal(reporter)
    late = make_signal(reporter)
    for subject, expected in ((waiting, today + dt.timedelta(days=5)), (late, today - dt.timedelta(days=2))):
        services.escalation_create(
            actor=triager,
            signal=subject,
            partner=police,
            channel="telefoon",
            purpose="Onderzoek",
            legal_ground="wettelijke_taak",
            shared_fields=["reference"],
            shared_on=today - dt.timedelta(days=10),
            expected_feedback_on=expected,
            status="verzonden",
        )
    login_as(triager)
    page.goto("/")
    page.get_by_role("link", name="Alles wat is doorgezet en wacht op terugkoppeling").click()
    table_rows = page.locator("table tbody tr")
    expect(table_rows).to_have_count(2)
    expect(table_rows.first).to_contain_text(late.reference)
    expect(table_rows.first).to_contain_text("te laat")
    _no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_label("Alleen te laat").check()
    page.get_by_role("button", name="Toon").click()
    expect(table_rows).to_have_count(1)
    expect(table_rows.first).to_contain_text(late.reference)


def test_messages_are_marked_read_one_by_one_or_all(sized_page, login_as, assert_accessible, triager, voorbeeld):
    from baken.core.models import Notification
    from baken.core.notify import notify

    for text in ("Nieuwe melding SIG-1", "Nieuwe melding SIG-2"):
        notify(recipients=[triager], organisation_id=voorbeeld.pk, message=text, url="/triage/")
    page = sized_page
    login_as(triager)
    page.goto("/berichten/")
    assert_accessible(page)
    page.get_by_role("button", name="Markeer als gelezen: Nieuwe melding SIG-1").click()
    expect(page.get_by_role("button", name="Markeer als gelezen: Nieuwe melding SIG-1")).to_have_count(0)
    expect(page.get_by_role("button", name="Markeer als gelezen: Nieuwe melding SIG-2")).to_be_visible()
    page.get_by_role("button", name="Alles als gelezen markeren").click()
    expect(page.get_by_role("button", name=re.compile("Markeer als gelezen"))).to_have_count(0)
    assert not Notification.objects.filter(recipient=triager, read_at__isnull=True).exists()
