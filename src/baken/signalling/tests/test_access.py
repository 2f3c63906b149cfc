"""Who sees a signal, and what: the reporter (coarse), triage (all), nobody else (404)."""

import pytest
from django.urls import reverse

from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditAction, AuditEvent
from baken.testing.signals import make_signal


@pytest.fixture
def signal(reporter):
    return make_signal(reporter, with_attachment=True, description="Geheime omschrijving")


def urls(signal):
    attachment = signal.attachments.get()
    return [
        reverse("signalling:detail", args=[signal.pk]),
        reverse("signalling:attachment", args=[signal.pk, attachment.pk]),
    ]


@pytest.mark.parametrize(
    "role",
    ["signaleerder", "toezichthouder", "beleidsmaker", "functioneel_beheerder", "privacy_officer", "zorgcoordinator"],
)
def test_colleague_without_triage_rights_gets_404(client_for, make_user, voorbeeld, signal, role):
    client = client_for(make_user(role, voorbeeld, clearance=Confidentiality.ZEER_GEHEIM))
    for url in urls(signal):
        assert client.get(url).status_code == 404
    assert client.get(reverse("signalling:submitted", args=[signal.pk])).status_code == 404


def test_superuser_without_role_gets_404(client_for, make_user, voorbeeld, signal):
    client = client_for(make_user(None, voorbeeld, is_superuser=True, clearance=Confidentiality.ZEER_GEHEIM))
    for url in urls(signal):
        assert client.get(url).status_code == 404


def test_triage_user_of_other_municipality_gets_404(client_for, make_user, zuiderhaven, signal):
    client = client_for(make_user("aandachtsfunctionaris", zuiderhaven, clearance=Confidentiality.ZEER_GEHEIM))
    for url in urls(signal):
        assert client.get(url).status_code == 404


def test_triage_user_below_clearance_gets_404(client_for, make_user, voorbeeld, signal):
    client = client_for(make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.ZAAKVERTROUWELIJK))
    for url in urls(signal):
        assert client.get(url).status_code == 404


def test_triage_user_sees_everything_and_the_view_is_audited(client_for, triager, signal):
    client = client_for(triager)
    response = client.get(reverse("signalling:detail", args=[signal.pk]))
    assert response.url == reverse("coordination:signal", args=[signal.pk])
    body = client.get(response.url).content.decode()
    assert "Geheime omschrijving" in body and "Geschiedenis" in body
    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="signalling.signal", actor=triager)
    assert event.object_id == str(signal.pk) and event.organisation_id == signal.organisation_id


def test_attachment_download_is_private_attachment_and_audited(client_for, triager, signal):
    attachment = signal.attachments.get()
    response = client_for(triager).get(reverse("signalling:attachment", args=[signal.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert AuditEvent.objects.filter(object_type="signalling.signalattachment", object_id=str(attachment.pk)).exists()


def test_reporter_sees_own_signal_coarsely(client_for, reporter, triager, signal):
    from baken.coordination import services

    services.signal_transition(actor=triager, signal=signal, target="in_behandeling")
    services.signal_transition(actor=triager, signal=signal, target="doorgezet")
    services.triage_note_add(actor=triager, signal=signal, text="Interne afweging: broer van melder?")
    services.signal_share_message(actor=triager, signal=signal, message="Dank, we hebben het doorgegeven.")
    body = client_for(reporter).get(reverse("signalling:detail", args=[signal.pk])).content.decode()
    assert "Opgepakt" in body and "Dank, we hebben het doorgegeven." in body
    assert "Geschiedenis" not in body and "Doorgezet" not in body and "Interne afweging" not in body
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, actor=reporter, object_id=str(signal.pk)).exists()


def test_mine_lists_only_own_signals_with_coarse_status(client_for, reporter, make_user, voorbeeld, signal):
    colleague = make_user("signaleerder", voorbeeld)
    other = make_signal(colleague, description="Van een collega")
    body = client_for(reporter).get(reverse("signalling:mine")).content.decode()
    assert signal.reference in body and other.reference not in body
    assert "Ontvangen" in body


def test_mine_empty_state(client_for, make_user, voorbeeld):
    body = client_for(make_user("signaleerder", voorbeeld)).get(reverse("signalling:mine")).content.decode()
    assert "nog geen meldingen gedaan" in body


@pytest.mark.parametrize("view", ["mine", "own", "triage"])
def test_query_count_is_constant_as_rows_grow(client_for, reporter, triager, view, django_assert_max_num_queries):
    first = make_signal(reporter, with_attachment=True)
    client = client_for(triager if view == "triage" else reporter)
    url = {
        "mine": reverse("signalling:mine"),
        "own": reverse("signalling:detail", args=[first.pk]),
        "triage": reverse("coordination:signal", args=[first.pk]),
    }[view]
    with django_assert_max_num_queries(100) as baseline:
        client.get(url)
    for _ in range(15):
        make_signal(reporter, with_attachment=True)
    if view != "mine":
        for _ in range(3):
            make_signal(reporter)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        assert client.get(url).status_code == 200
