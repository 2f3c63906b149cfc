"""Intake rules of issue 10: the explicit choice in the acute panel, the address without a
postcode, the optional address lookup, the unanswered minor question and the usual channel."""

import io
import json
import re

import pytest
from django.urls import reverse

from baken.core.confidentiality import Confidentiality
from baken.signalling import address
from baken.signalling.models import Signal

INTAKE = reverse("signalling:intake")


def test_an_acute_signal_needs_a_reason_when_not_calling(client_for, reporter, intake_data, critical_indicator):
    client = client_for(reporter)
    data = intake_data(indicators=[str(critical_indicator.pk)], acute_call="niet_nodig")
    body = client.post(INTAKE, data).content.decode()
    assert "Schrijf kort op waarom bellen niet nodig is." in body
    assert Signal.objects.count() == 0
    data["acute_no_call_reason"] = "  De politie was al ter plaatse.  "
    response = client.post(INTAKE, data)
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.is_urgent and signal.acute_call == "niet_nodig"
    assert signal.acute_no_call_reason == "De politie was al ter plaatse."


def test_an_unknown_acute_choice_is_refused(client_for, reporter, intake_data, critical_indicator):
    data = intake_data(indicators=[str(critical_indicator.pk)], acute_call="misschien")
    assert client_for(reporter).post(INTAKE, data).status_code == 200
    assert Signal.objects.count() == 0


def test_a_plain_signal_stores_no_acute_choice(client_for, reporter, intake_data):
    data = intake_data(acute_call="gebeld", acute_no_call_reason="x")
    assert client_for(reporter).post(INTAKE, data).status_code == 302
    signal = Signal.objects.get()
    assert not signal.is_urgent and signal.acute_call == "" and signal.acute_no_call_reason == ""


def test_the_triage_page_shows_the_acute_choice(client_for, reporter, triager, intake_data, critical_indicator):
    data = intake_data(
        indicators=[str(critical_indicator.pk)], acute_call="niet_nodig", acute_no_call_reason="Agent was erbij."
    )
    client_for(reporter).post(INTAKE, data)
    signal = Signal.objects.get()
    body = client_for(triager).get(reverse("coordination:signal", args=[signal.pk])).content.decode()
    assert "de melder vond bellen niet nodig, omdat: Agent was erbij." in body


def test_the_confirmation_of_an_acute_signal_repeats_112(client_for, reporter, intake_data, critical_indicator):
    client = client_for(reporter)
    client.post(INTAKE, intake_data(indicators=[str(critical_indicator.pk)], acute_call="gebeld"))
    signal = Signal.objects.get()
    body = client.get(reverse("signalling:submitted", args=[signal.pk])).content.decode()
    assert 'href="tel:112"' in body and "Volgende stap:" in body


def test_the_confirmation_of_a_plain_signal_has_no_acute_numbers(client_for, reporter, intake_data):
    client = client_for(reporter)
    client.post(INTAKE, intake_data())
    body = client.get(reverse("signalling:submitted", args=[Signal.objects.get().pk])).content.decode()
    assert 'href="tel:112"' not in body


def test_street_number_and_town_without_postcode_is_an_address(client_for, reporter, intake_data):
    data = intake_data(postcode="", street="Havenweg", house_number="14", city="Voorbeeld")
    assert client_for(reporter).post(INTAKE, data).status_code == 302
    signal = Signal.objects.get()
    assert (signal.street, signal.house_number, signal.city, signal.postcode) == ("Havenweg", "14", "Voorbeeld", "")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"postcode": "", "street": "Havenweg", "house_number": "", "city": "Voorbeeld"}, "Vul ook het huisnummer in"),
        ({"postcode": "", "street": "Havenweg", "house_number": "14", "city": ""}, "Vul postcode én huisnummer in"),
        ({"postcode": "", "house_number": ""}, "Geef een adres (postcode en huisnummer, of straat"),
    ],
)
def test_an_incomplete_address_is_refused(client_for, reporter, intake_data, overrides, message):
    body = client_for(reporter).post(INTAKE, intake_data(**overrides)).content.decode()
    assert message in body
    assert Signal.objects.count() == 0


def _radio_checked(body: str, name: str, value: str) -> bool:
    tags = re.findall(r"<input[^>]*>", body)
    [tag] = [t for t in tags if f'name="{name}"' in t and f'value="{value}"' in t]
    return re.search(r"\schecked(\s|>|=)", tag) is not None


def test_the_minor_question_starts_unanswered_and_is_required(client_for, reporter, intake_data):
    client = client_for(reporter)
    page = client.get(INTAKE).content.decode()
    assert not any(_radio_checked(page, "minor_involved", value) for value in ("ja", "nee", "onbekend"))
    data = intake_data()
    del data["minor_involved"]
    assert "Kies ja, nee of &#x27;weet ik niet&#x27;." in client.post(INTAKE, data).content.decode()
    assert Signal.objects.count() == 0


def test_the_form_of_exploitation_is_required_and_marked(client_for, reporter, intake_data):
    client = client_for(reporter)
    body = client.post(INTAKE, intake_data(exploitation_forms=[])).content.decode()
    assert "Kies een of meer vormen, of &#x27;weet ik niet&#x27;." in body
    assert Signal.objects.count() == 0
    assert client.post(INTAKE, intake_data(exploitation_forms=[], form_unknown="on")).status_code == 302


def test_a_toezichthouder_starts_with_the_inspection_channel(client_for, make_user, voorbeeld, reporter):
    inspector = make_user("toezichthouder", voorbeeld, clearance=Confidentiality.VERTROUWELIJK)
    assert _radio_checked(client_for(inspector).get(INTAKE).content.decode(), "channel", "controle")
    plain = client_for(reporter).get(INTAKE).content.decode()
    assert not any(_radio_checked(plain, "channel", value) for value in ("controle", "balie", "anders"))


class _Answer(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_address_lookup_is_off_without_a_url(settings):
    settings.BAKEN_ADDRESS_LOOKUP_URL = ""
    assert address.lookup_address(postcode="9901 AB", house_number="14") is None


def test_address_lookup_fills_street_and_town(settings, monkeypatch, client_for, reporter, intake_data):
    settings.BAKEN_ADDRESS_LOOKUP_URL = "https://lookup.invalid/free"
    asked = []

    def answer(url, timeout):
        asked.append(url)
        docs = {"response": {"docs": [{"straatnaam": "Havenweg", "woonplaatsnaam": "Voorbeeld"}]}}
        return _Answer(json.dumps(docs).encode())

    monkeypatch.setattr(address.urllib.request, "urlopen", answer)
    assert client_for(reporter).post(INTAKE, intake_data()).status_code == 302
    signal = Signal.objects.get()
    assert (signal.street, signal.city) == ("Havenweg", "Voorbeeld")
    assert "postcode%3A9901AB" in asked[0] and "huisnummer%3A14" in asked[0]


def test_a_failing_address_lookup_keeps_what_was_typed(settings, monkeypatch, client_for, reporter, intake_data):
    settings.BAKEN_ADDRESS_LOOKUP_URL = "https://lookup.invalid/free"

    def no_network(url, timeout):
        raise OSError("no network")

    monkeypatch.setattr(address.urllib.request, "urlopen", no_network)
    assert client_for(reporter).post(INTAKE, intake_data()).status_code == 302
    signal = Signal.objects.get()
    assert (signal.postcode, signal.house_number, signal.street, signal.city) == ("9901 AB", "14", "", "")


def test_every_required_field_is_marked_and_no_other(client_for, reporter):
    body = client_for(reporter).get(INTAKE).content.decode()
    marked = re.findall(r"([^<>]+?)\s*<span class=\"baken-required\">", body)
    marked = [label.strip() for label in marked]
    assert marked == [
        "Is er een minderjarige (jonger dan 18) bij betrokken?",
        "Om welke vorm van uitbuiting kan het gaan?",
        "Wat is er gebeurd?",
        "Waar was het?",
        "Wanneer zag u dit?",
        "Hoe kwam u ermee in aanraking?",
    ]


# --- street and town filled in while typing (htmx) ----------------------------------------------

ADDRESS = reverse("signalling:intake_address")


def _lookup_answers(monkeypatch, docs):
    asked = []

    def answer(url, timeout):
        asked.append(url)
        return _Answer(json.dumps({"response": {"docs": docs}}).encode())

    monkeypatch.setattr(address.urllib.request, "urlopen", answer)
    return asked


def test_the_intake_asks_for_street_and_town_only_when_a_lookup_is_configured(settings, client_for, reporter):
    settings.BAKEN_ADDRESS_LOOKUP_URL = ""
    assert ADDRESS not in client_for(reporter).get(INTAKE).content.decode()
    settings.BAKEN_ADDRESS_LOOKUP_URL = "https://lookup.invalid/free"
    assert f'hx-get="{ADDRESS}"' in client_for(reporter).get(INTAKE).content.decode()


def test_street_and_town_are_filled_in_while_typing(settings, monkeypatch, client_for, reporter):
    settings.BAKEN_ADDRESS_LOOKUP_URL = "https://lookup.invalid/free"
    asked = _lookup_answers(monkeypatch, [{"straatnaam": "Havenweg", "woonplaatsnaam": "Voorbeeld"}])
    response = client_for(reporter).get(ADDRESS, {"postcode": "9901ab", "house_number": "14a"})
    assert response.status_code == 200 and not response.has_header("HX-Reswap")
    body = response.content.decode()
    assert 'id="address-street-city"' in body
    assert 'value="Havenweg"' in body and 'value="Voorbeeld"' in body
    assert 'role="status"' in body
    assert "postcode%3A9901AB" in asked[0] and "huisnummer%3A14" in asked[0]
    assert Signal.objects.count() == 0


@pytest.mark.parametrize(
    "params",
    [
        {"postcode": "9901 AB", "house_number": "14", "street": "Eigen straat"},  # typed already
        {"postcode": "9901 AB", "house_number": "14", "city": "Eigen plaats"},
        {"postcode": "99", "house_number": "14"},  # not a postcode
        {"postcode": "9901 AB", "house_number": "0"},  # not a house number
        {"postcode": "9901 AB"},  # no house number yet
        {"postcode": "9901 AB", "house_number": "14", "street": "x" * 500},  # too long
    ],
)
def test_nothing_is_filled_in_over_what_was_typed_or_from_an_invalid_address(
    settings, monkeypatch, client_for, reporter, params
):
    settings.BAKEN_ADDRESS_LOOKUP_URL = "https://lookup.invalid/free"
    asked = _lookup_answers(monkeypatch, [{"straatnaam": "Havenweg", "woonplaatsnaam": "Voorbeeld"}])
    response = client_for(reporter).get(ADDRESS, params)
    assert (response.status_code, response["HX-Reswap"], response.content) == (200, "none", b"")
    assert asked == []


def test_an_unknown_address_or_no_lookup_fills_in_nothing(settings, monkeypatch, client_for, reporter):
    settings.BAKEN_ADDRESS_LOOKUP_URL = "https://lookup.invalid/free"
    _lookup_answers(monkeypatch, [])
    client = client_for(reporter)
    assert client.get(ADDRESS, {"postcode": "9901 AB", "house_number": "14"})["HX-Reswap"] == "none"
    settings.BAKEN_ADDRESS_LOOKUP_URL = ""
    assert client.get(ADDRESS, {"postcode": "9901 AB", "house_number": "14"})["HX-Reswap"] == "none"


def test_the_english_intake_says_the_indicators_are_only_in_dutch(client_for, reporter):
    client = client_for(reporter)
    assert "alleen in het Nederlands" not in client.get(INTAKE).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(INTAKE).content.decode()
    assert 'lang="en"' in body and "The signals and their explanations are only available in Dutch." in body
