"""The writes of Signaleren refuse an actor who may not (NotPermitted) and change nothing."""

import datetime as dt
import uuid

import pytest

from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import Notification
from baken.signalling.models import Indicator, IndicatorGroup
from baken.signalling.services import SignalInput, indicator_save, signal_check, signal_submit
from baken.testing.actors import Actor
from baken.testing.snapshots import database_state


def _input(**overrides) -> SignalInput:
    values = {
        "observed_on": dt.date(2026, 11, 1),
        "channel": "balie",
        "description": "Zes mensen slapen in de loods",
        "form_unknown": True,
        "location_description": "Loods achter het station",
    }
    values.update(overrides)
    return SignalInput(**values)


#: Who may not report: roles without signalling.report_signal, no municipality, switched off.
MAY_NOT_REPORT = {
    "functioneel_beheerder": Actor("functioneel_beheerder"),
    "privacy_officer": Actor("privacy_officer"),
    "no_role": Actor(None),
    "regional_zorgcoordinator": Actor("zorgcoordinator", "region"),
    "signaleerder_inactive": Actor("signaleerder", extra={"is_active": False}),
}


@pytest.mark.parametrize("who", sorted(MAY_NOT_REPORT))
def test_signal_submit_refuses_and_changes_nothing(who, voorbeeld, zuiderhaven):
    actor = MAY_NOT_REPORT[who].make(voorbeeld, zuiderhaven)
    before = database_state()
    with pytest.raises(NotPermitted):
        signal_submit(reporter=actor, data=_input(acute_danger=True), submission_key=uuid.uuid4())
    assert database_state() == before


@pytest.mark.parametrize("who", sorted(MAY_NOT_REPORT))
def test_signal_check_refuses(who, voorbeeld, zuiderhaven):
    actor = MAY_NOT_REPORT[who].make(voorbeeld, zuiderhaven)
    before = database_state()
    with pytest.raises(NotPermitted):
        signal_check(reporter=actor, data=_input())
    assert database_state() == before


def test_signal_check_applies_the_rules_for_a_reporter(reporter):
    from django.core.exceptions import ValidationError

    signal_check(reporter=reporter, data=_input())  # no error, nothing saved
    with pytest.raises(ValidationError) as invalid:
        signal_check(reporter=reporter, data=_input(description=" "))
    assert "description" in invalid.value.message_dict


@pytest.fixture
def local_indicator(make_user, voorbeeld):
    beheerder = make_user("functioneel_beheerder", voorbeeld)
    return indicator_save(actor=beheerder, indicator=None, values=_indicator_values())


def _indicator_values(**overrides):
    values = {
        "label": "Slaapt op de werkplek",
        "explanation": "Bedden of matrassen in een bedrijfsruimte.",
        "group": IndicatorGroup.objects.order_by("pk").first(),
    }
    values.update(overrides)
    return values


#: Who may not change the catalogue: the wrong role here, the right role elsewhere, switched off.
MAY_NOT_CHANGE_CATALOGUE = {
    "aandachtsfunctionaris": Actor("aandachtsfunctionaris", clearance=Confidentiality.GEHEIM),
    "signaleerder": Actor("signaleerder"),
    "privacy_officer": Actor("privacy_officer"),
    "beheerder_other_municipality": Actor("functioneel_beheerder", "other"),
    "beheerder_inactive": Actor("functioneel_beheerder", extra={"is_active": False}),
    "regional_zorgcoordinator": Actor("zorgcoordinator", "region"),
}


# A beheerder of another municipality may create indicators: in their own municipality.
INDICATOR_CASES = [
    pytest.param(who, creating, id=f"{who}-{'create' if creating else 'change'}")
    for who in sorted(MAY_NOT_CHANGE_CATALOGUE)
    for creating in (True, False)
    if not (creating and who == "beheerder_other_municipality")
]


@pytest.mark.parametrize(("who", "creating"), INDICATOR_CASES)
def test_indicator_save_refuses_and_changes_nothing(who, creating, local_indicator, voorbeeld, zuiderhaven):
    actor = MAY_NOT_CHANGE_CATALOGUE[who].make(voorbeeld, zuiderhaven)
    before = database_state()
    with pytest.raises(NotPermitted):
        indicator_save(
            actor=actor, indicator=None if creating else local_indicator, values=_indicator_values(label="Gewijzigd")
        )
    assert database_state() == before


def test_beheerder_may_not_change_a_national_indicator(make_user, voorbeeld, plain_indicator):
    beheerder = make_user("functioneel_beheerder", voorbeeld)
    before = database_state()
    with pytest.raises(NotPermitted):
        indicator_save(actor=beheerder, indicator=plain_indicator, values={"label": "Eigen tekst"})
    assert database_state() == before


def test_beheerder_may_change_the_own_indicator(make_user, voorbeeld, local_indicator):
    beheerder = make_user("functioneel_beheerder", voorbeeld)
    changed = indicator_save(actor=beheerder, indicator=local_indicator, values={"label": "Nieuwe tekst"})
    assert (changed.label, changed.revision) == ("Nieuwe tekst", 2)
    assert Indicator.objects.get(pk=local_indicator.pk).label == "Nieuwe tekst"


def test_urgent_signal_notifies_only_who_may_triage_it(reporter, triager, make_user, voorbeeld, zuiderhaven):
    low = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    make_user("aandachtsfunctionaris", zuiderhaven, clearance=Confidentiality.GEHEIM)
    make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.GEHEIM, is_active=False)
    make_user("beleidsmaker", voorbeeld, clearance=Confidentiality.GEHEIM)
    signal, created = signal_submit(reporter=reporter, data=_input(acute_danger=True), submission_key=uuid.uuid4())
    assert created and signal.is_urgent
    assert signal.confidentiality > low.clearance
    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert recipients == {triager.pk}
