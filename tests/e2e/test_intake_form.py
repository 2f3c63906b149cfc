"""The intake in the browser (issue 10), on a desktop and on a 390×844 phone: the acute panel
under what triggered it, focused, 112 first and an explicit choice before sending; three steps on
a phone; no horizontal scroll; 44 px tap targets; Enter does not send; focus on the error summary
after a server-side error; the NL Design System font."""

import io
import json

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from baken.core.confidentiality import Confidentiality
from baken.signalling import address
from baken.signalling.models import Indicator, Signal
from tests.e2e.conftest import tick_indicator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

INTAKE = "/signalen/nieuw/"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

#: Visible controls smaller than 44×44 px. A checkbox or radio counts with its label (the label is
#: part of the tap target); links inside running text are exempt (WCAG 2.5.8).
SMALL_TARGETS_JS = """
() => {
  const small = [];
  const STANDALONE = '.baken-call, .utrecht-button-link, .baken-header__link, .utrecht-nav-list__link, .baken-brand';
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('[hidden]'); };
  const describe = (el, r) => {
    const text = (el.textContent || el.name || '').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}#${el.id || ''}.${el.className || ''} "${text}" `
      + `${Math.round(r.width)}x${Math.round(r.height)}`;
  };
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
    if (!visible(el) || el.type === 'hidden') continue;
    let target = el;
    if (el.type === 'checkbox' || el.type === 'radio') {
      target = (el.labels && el.labels[0]) || el;
    } else if (el.tagName === 'A' && el.closest('p, li, dd') && !el.matches(STANDALONE)) {
      continue;  // a link in a sentence or list item of text
    }
    const r = target.getBoundingClientRect();
    if (r.height < 44 || r.width < 44) small.push(describe(target, r));
  }
  return small;
}
"""
#: Elements that stick out on the right (empty when nothing scrolls horizontally).
WIDER_THAN_SCREEN_JS = """
() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return Array.from(document.querySelectorAll('body *'))
    .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('[hidden]'))
    .slice(-5)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
}
"""


@pytest.fixture
def reporter_page(page, login_as, make_user, voorbeeld):
    from baken.partners.catalogue.loader import national_partners_sync

    national_partners_sync(organisations=[voorbeeld])
    login_as(make_user("toezichthouder", voorbeeld, clearance=Confidentiality.VERTROUWELIJK))
    return page


def _critical() -> Indicator:
    return Indicator.objects.filter(critical=True, active=True, organisation__isnull=True).order_by(
        "group__order", "order"
    )[0]


def _plain(count: int = 1) -> list[Indicator]:
    return list(
        Indicator.objects.filter(critical=False, active=True, organisation__isnull=True, forms__code="arbeid")
        .order_by("group__order", "order")
        .distinct()[:count]
    )


def _fill_required(page) -> None:
    page.locator("[name=minor_involved][value=nee]").check()
    page.get_by_label("Arbeidsuitbuiting").check()
    page.get_by_label("Wat is er gebeurd?").fill("Zes mannen slapen in de loods; hun paspoorten zijn ingenomen.")
    _go_to_step(page, 2)
    page.get_by_role("textbox", name="Straat", exact=True).fill("Havenweg")
    page.get_by_role("textbox", name="Huisnummer", exact=True).fill("14")
    page.get_by_role("textbox", name="Plaats", exact=True).fill("Voorbeeld")
    page.get_by_label("Tijdens een controle of inspectie").check()
    _go_to_step(page, 3)


def _go_to_step(page, number: int) -> None:
    """On a phone the intake is three steps; on a desktop every step is already on the page."""
    button = page.locator(f"section[data-step='{number - 1}'] [data-step-go='{number}']")
    if button.is_visible():
        button.click()
        expect(page.locator(f"section[data-step='{number}']")).to_be_visible()


def _panel_under(page, anchor_selector: str) -> dict:
    return page.evaluate(
        """(selector) => {
          const box = document.getElementById('acute-panel');
          const anchor = document.querySelector(selector);
          const a = anchor.getBoundingClientRect(), p = box.getBoundingClientRect();
          return {directlyAfter: box.previousElementSibling === anchor, gap: p.top - a.bottom,
                  top: p.top, viewport: window.innerHeight,
                  focused: document.activeElement && document.activeElement.id === 'acute-section'};
        }""",
        anchor_selector,
    )


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_acute_panel_under_the_critical_indicator_focused_with_112_first(reporter_page, assert_accessible, device):
    page = reporter_page
    page.set_viewport_size(VIEWPORTS[device])
    critical = _critical()
    page.goto(INTAKE)
    expect(page.locator("#acute-panel")).to_be_empty()
    tick_indicator(page, critical.pk)

    panel = page.locator("#acute-section")
    expect(panel).to_be_focused()
    where = _panel_under(page, f"#indicator-{critical.pk}")
    # Directly under the ticked indicator's row, and on screen.
    assert page.evaluate(
        f"() => document.getElementById('acute-panel').previousElementSibling"
        f" === document.getElementById('indicator-{critical.pk}').closest('.baken-indicator')"
    )
    assert -1 <= where["top"] < where["viewport"], where  # scrolled to the top, give or take a subpixel
    expect(panel.get_by_role("heading", level=2)).to_have_text("Is iemand nu in gevaar? Bel direct 112.")
    calls = panel.locator(".baken-calls a")
    expect(calls).to_have_count(1)
    expect(calls.first).to_have_attribute("href", "tel:112")
    box = calls.first.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    expect(panel).not_to_contain_text("geen spoed")
    expect(panel).not_to_contain_text("0900")
    assert_accessible(page)


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_minor_moves_the_panel_under_the_question_with_veilig_thuis_second(reporter_page, assert_accessible, device):
    page = reporter_page
    page.set_viewport_size(VIEWPORTS[device])
    page.goto(INTAKE)
    page.locator("[name=minor_involved][value=ja]").check()
    panel = page.locator("#acute-section")
    expect(panel).to_be_focused()
    assert _panel_under(page, "#id_minor_involved")["directlyAfter"] or page.evaluate(
        "() => document.getElementById('acute-panel').previousElementSibling"
        " === document.getElementById('id_minor_involved_0').closest('fieldset')"
    )
    calls = panel.locator(".baken-calls a")
    expect(calls).to_have_count(2)
    expect(calls.nth(0)).to_have_attribute("href", "tel:112")
    expect(calls.nth(1)).to_have_attribute("href", "tel:08002000")
    expect(calls.nth(1)).to_contain_text("Veilig Thuis")
    for index in range(2):
        box = calls.nth(index).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
    # "Acuut gevaar" as well: the panel follows what was changed last, and stays one panel.
    page.get_by_label("Er is nu acuut gevaar").check()
    # The panel moves once htmx has fetched it again; wait for that, then check there is one.
    page.wait_for_function(
        "() => document.getElementById('acute-panel').previousElementSibling"
        " === document.getElementById('id_acute_danger').closest('.utrecht-form-field')",
        timeout=10000,
    )
    expect(page.locator("[data-acute-panel]")).to_have_count(1)
    assert_accessible(page)


def test_a_panel_reply_that_arrives_after_the_send_button_keeps_the_focus_and_the_message(reporter_page):
    """A tick's fetch of the panel can come back after "Verstuur melding" was pressed (a slow
    connection, or a quick user): the fresh panel must keep the focus on the choice and keep
    saying that a choice is needed."""
    page = reporter_page
    page.goto(INTAKE)
    page.get_by_label("Er is nu acuut gevaar").check()
    expect(page.locator("#acute-section")).to_be_focused()
    _fill_required(page)
    page.wait_for_load_state("networkidle")
    held = []
    page.route("**/signalen/nieuw/acuut/**", lambda route: held.append(route))
    _go_to_step(page, 1)
    tick_indicator(page, _critical().pk)
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "ticking a critical indicator fetches the panel"
    _go_to_step(page, 2)
    _go_to_step(page, 3)

    page.get_by_role("button", name="Verstuur melding").click()
    expect(page.locator("[data-acute-missing]")).to_be_visible()
    expect(page.locator("#id_acute_call_0")).to_be_focused()
    for route in held:
        route.continue_()
    page.unroute("**/signalen/nieuw/acuut/**")
    # The late panel is swapped in: same place, message and focus kept.
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    expect(page.locator("[data-acute-panel]")).to_have_count(1)
    expect(page.locator("[data-acute-missing]")).to_be_visible()
    expect(page.locator("#id_acute_call_0")).to_be_focused()
    assert Signal.objects.count() == 0


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_an_acute_signal_is_not_sent_without_an_explicit_choice(reporter_page, assert_accessible, device):
    page = reporter_page
    page.set_viewport_size(VIEWPORTS[device])
    critical = _critical()
    page.goto(INTAKE)
    page.get_by_label("Er is nu acuut gevaar").check()
    expect(page.locator("#acute-section")).to_be_focused()
    tick_indicator(page, critical.pk)
    _fill_required(page)

    page.get_by_role("button", name="Verstuur melding").click()
    # Not sent: the panel asks for the choice, and the focus is on it.
    expect(page.locator("[data-acute-missing]")).to_be_visible()
    expect(page.locator("#id_acute_call_0")).to_be_focused()
    assert Signal.objects.count() == 0

    page.get_by_label("Bellen is niet nodig, omdat …").check()
    _go_to_step(page, 2)
    _go_to_step(page, 3)
    page.get_by_role("button", name="Verstuur melding").click()
    # "Not needed" without a reason is not a choice yet.
    expect(page.locator("#id_acute_no_call_reason")).to_be_focused()
    assert Signal.objects.count() == 0
    page.get_by_label("Waarom is bellen niet nodig?").fill("De politie was al ter plaatse.")
    _go_to_step(page, 2)
    _go_to_step(page, 3)
    page.get_by_role("button", name="Verstuur melding").click()

    expect(page.get_by_role("heading", name="Uw melding is ontvangen")).to_be_visible()
    signal = Signal.objects.get()
    assert signal.is_urgent and signal.acute_call == "niet_nodig"
    assert signal.acute_no_call_reason == "De politie was al ter plaatse."
    # The confirmation repeats 112 and the next step.
    again = page.locator("section[aria-labelledby=acute-again]")
    expect(again.locator("a.baken-call").first).to_have_attribute("href", "tel:112")
    expect(again).to_contain_text("Volgende stap:")
    expect(again).to_contain_text("Bellen is niet nodig")
    assert_accessible(page)


def test_a_slow_panel_reply_does_not_pull_a_phone_user_back_a_step(reporter_page):
    """The panel's reply to a tick can arrive after the user tapped "Volgende". The panel, already
    on screen, then moves under the new trigger quietly; step 2 stays where the user is."""
    page = reporter_page
    page.set_viewport_size(VIEWPORTS["phone"])
    critical = _critical()
    page.goto(INTAKE)
    page.get_by_label("Er is nu acuut gevaar").check()
    expect(page.locator("#acute-section")).to_be_focused()

    held = []
    page.route("**/signalen/nieuw/acuut/**", lambda route: held.append(route))
    tick_indicator(page, critical.pk)
    for _ in range(100):  # the route handler runs while Playwright waits
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the tick did not ask for the panel again"
    _go_to_step(page, 2)
    held[0].continue_()
    page.wait_for_function(
        f"() => document.getElementById('acute-panel').previousElementSibling"
        f" === document.getElementById('indicator-{critical.pk}').closest('.baken-indicator')",
        timeout=10000,
    )
    expect(page.locator("section[data-step='2']")).to_be_visible()
    expect(page.locator("section[data-step='1']")).to_be_hidden()


def test_the_choice_is_shown_at_triage(page, login_as, make_user, voorbeeld, assert_accessible):
    from baken.testing.signals import make_signal

    reporter = make_user("signaleerder", voorbeeld)
    signal = make_signal(reporter, acute_danger=True, acute_call="gebeld")
    login_as(make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.VERTROUWELIJK))
    page.goto(reverse("coordination:signal", args=[signal.pk]))
    expect(page.locator("#acute-choice")).to_contain_text("de melder heeft gebeld")
    assert_accessible(page)


def test_phone_shows_three_steps_and_desktop_one_page(reporter_page, assert_accessible):
    page = reporter_page
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(INTAKE)
    progress = page.locator("[data-step-progress]")
    expect(progress).to_have_text("Stap 1 van 3: wat")
    expect(page.locator("section[data-step='1']")).to_be_visible()
    expect(page.locator("section[data-step='2']")).to_be_hidden()
    expect(page.locator("section[data-step='3']")).to_be_hidden()
    expect(page.locator("[data-step-item='1']")).to_have_attribute("aria-current", "step")
    assert_accessible(page)
    page.get_by_role("button", name="Volgende: waar en wanneer").click()
    expect(progress).to_have_text("Stap 2 van 3: waar en wanneer")
    expect(page.locator("#step-2")).to_be_focused()
    expect(page.locator("section[data-step='1']")).to_be_hidden()
    page.get_by_role("button", name="Volgende: wie en bijlagen").click()
    expect(progress).to_have_text("Stap 3 van 3: wie en bijlagen")
    expect(page.get_by_role("button", name="Verstuur melding")).to_be_visible()
    page.get_by_role("button", name="Vorige").click()
    expect(progress).to_have_text("Stap 2 van 3: waar en wanneer")
    assert_accessible(page)

    # Wider than a phone: one page again, no step buttons.
    page.set_viewport_size(VIEWPORTS["desktop"])
    for number in (1, 2, 3):
        expect(page.locator(f"section[data-step='{number}']")).to_be_visible()
    expect(page.locator("[data-steps]")).to_be_hidden()
    expect(page.get_by_role("button", name="Volgende: wie en bijlagen")).to_be_hidden()


def test_without_javascript_the_form_is_one_page(browser, live_server, make_user, voorbeeld):
    from django.conf import settings
    from django.test import Client

    from baken.testing.auth import login_verified

    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=VIEWPORTS["phone"], locale="nl-NL"
    )
    client = login_verified(Client(), make_user("signaleerder", voorbeeld))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto(INTAKE)
    for number in (1, 2, 3):
        expect(page.locator(f"section[data-step='{number}']")).to_be_visible()
    expect(page.get_by_role("button", name="Verstuur melding")).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", [360, 1366])
def test_no_horizontal_scroll(reporter_page, width):
    page = reporter_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(INTAKE)
    assert page.evaluate(WIDER_THAN_SCREEN_JS) == []
    # With every group open, an explanation open and the acute panel shown.
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.locator("[name=minor_involved][value=ja]").check()
    expect(page.locator("#acute-section")).to_be_visible()
    assert page.evaluate(WIDER_THAN_SCREEN_JS) == []
    for number in (2, 3):
        _go_to_step(page, number)
        assert page.evaluate(WIDER_THAN_SCREEN_JS) == []


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_every_tap_target_is_at_least_44_px(reporter_page, device):
    page = reporter_page
    page.set_viewport_size(VIEWPORTS[device])
    page.goto(INTAKE)
    page.get_by_label("Arbeidsuitbuiting").check()
    expect(page.locator(".baken-indicator-group[open]").first).to_be_visible()
    page.locator("[name=minor_involved][value=ja]").check()
    expect(page.locator("#acute-section")).to_be_visible()
    page.locator("[data-explain]").first.click()
    expect(page.locator("[data-explanation]:visible")).to_have_count(1)
    assert page.evaluate(SMALL_TARGETS_JS) == []
    for number in (2, 3):
        _go_to_step(page, number)
        assert page.evaluate(SMALL_TARGETS_JS) == []


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_enter_in_a_text_field_does_not_send(reporter_page, device):
    page = reporter_page
    page.set_viewport_size(VIEWPORTS[device])
    page.goto(INTAKE)
    _go_to_step(page, 2)
    page.get_by_label("Postcode").fill("9901 AB")
    page.get_by_label("Postcode").press("Enter")
    page.wait_for_timeout(300)
    expect(page.locator(".baken-error-summary")).to_have_count(0)
    assert page.url.endswith(INTAKE) and Signal.objects.count() == 0
    expect(page.get_by_label("Postcode")).to_have_value("9901 AB")


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_after_a_server_side_error_the_focus_is_on_the_error_summary(reporter_page, assert_accessible, device):
    page = reporter_page
    page.set_viewport_size(VIEWPORTS[device])
    page.goto(INTAKE)
    _go_to_step(page, 2)
    page.get_by_label("Wanneer zag u dit?").fill("")  # an error in step 2 as well
    _go_to_step(page, 3)
    page.get_by_role("button", name="Verstuur melding").click()
    summary = page.locator(".baken-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Is er een minderjarige")
    expect(summary).to_contain_text("Wat is er gebeurd?")
    assert Signal.objects.count() == 0
    if device == "phone":
        # A link in the summary opens the step with its field.
        summary.get_by_role("link", name="Wanneer zag u dit?", exact=False).click()
        expect(page.locator("section[data-step='2']")).to_be_visible()
    assert_accessible(page)


FONT_FAMILIES_JS = """() => Array.from(document.querySelectorAll(
        'body, h1, h2, h3, p, label, input, select, textarea, button, a, summary, legend, th, td, li'))
      .map((el) => getComputedStyle(el).fontFamily)"""


@pytest.mark.parametrize("path", [INTAKE, "/", "/signalen/mijn/", "/kennisbank/", "/partners/"])
def test_the_nl_design_system_font_everywhere(reporter_page, path):
    page = reporter_page
    page.goto(path)
    families = page.evaluate(FONT_FAMILIES_JS)
    assert families and all(family.startswith('"Noto Sans Variable"') for family in families), set(families)
    assert not any("Times" in family for family in families)
    # The font file itself is served (no fallback to a system font because it is missing).
    assert page.evaluate("() => document.fonts.check('16px \"Noto Sans Variable\"')")


class _LookupAnswer(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_street_and_town_filled_in_while_typing_never_over_what_was_typed(
    reporter_page, settings, monkeypatch, assert_accessible
):
    """With a lookup configured (here answered in-process: the live server runs in this process)."""
    settings.BAKEN_ADDRESS_LOOKUP_URL = "https://lookup.invalid/free"
    docs = {"response": {"docs": [{"straatnaam": "Havenweg", "woonplaatsnaam": "Voorbeeld"}]}}
    answer = json.dumps(docs).encode()
    monkeypatch.setattr(address.urllib.request, "urlopen", lambda url, timeout: _LookupAnswer(answer))
    page = reporter_page
    page.goto(INTAKE)
    number = page.get_by_role("textbox", name="Huisnummer", exact=True)
    street = page.get_by_role("textbox", name="Straat", exact=True)
    page.get_by_role("textbox", name="Postcode").fill("9901 AB")
    number.fill("14")
    number.press("Tab")
    expect(street).to_have_value("Havenweg")
    expect(page.get_by_role("textbox", name="Plaats", exact=True)).to_have_value("Voorbeeld")
    expect(page.get_by_role("status").filter(has_text="Straat en plaats zijn ingevuld")).to_be_visible()
    assert_accessible(page)

    street.fill("Eigen straat")
    with page.expect_response(lambda response: "/nieuw/adres/" in response.url):
        number.fill("16")
        number.press("Tab")
    expect(street).to_have_value("Eigen straat")


def test_a_compact_header_on_a_phone(reporter_page):
    """On a 390 px phone the header (product, municipality, messages, logging out) takes at most
    two short lines; at desktop size the user's name is shown beside them."""
    page = reporter_page
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(INTAKE)
    header = page.locator(".baken-header__inner").bounding_box()
    assert header["height"] <= 130, header
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    # The name is kept for screen readers only (one pixel, clipped).
    assert page.get_by_text("Ingelogd als").bounding_box()["width"] <= 1
    page.set_viewport_size(VIEWPORTS["desktop"])
    assert page.get_by_text("Ingelogd als").bounding_box()["width"] > 50


def test_the_prompt_puts_wie_wat_waar_wanneer_in_an_empty_narrative_only(reporter_page):
    page = reporter_page
    page.goto(INTAKE)
    narrative = page.get_by_label("Wat is er gebeurd?")
    page.get_by_role("button", name="Zet wie, wat, waar en wanneer in het tekstvak").click()
    expect(narrative).to_be_focused()
    assert narrative.input_value().splitlines() == ["Wie: ", "Wat: ", "Waar: ", "Wanneer: "]
    narrative.fill("Zes mannen in de loods.")
    page.get_by_role("button", name="Zet wie, wat, waar en wanneer in het tekstvak").click()
    expect(narrative).to_have_value("Zes mannen in de loods.")  # never over what was typed
