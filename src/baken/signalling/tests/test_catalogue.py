"""The indicator catalogue: national data with local additions, versioned; signals keep their snapshot."""

import tomllib

import pytest
from django.urls import reverse

from baken.core.models import AuditAction, AuditEvent
from baken.signalling.catalogue.loader import CATALOGUE_FILE, load_catalogue
from baken.signalling.models import ExploitationForm, Indicator, IndicatorGroup, IndicatorRevision
from baken.testing.signals import make_signal

CATALOGUE = reverse("signalling:catalogue")


def local_indicator_data(**overrides):
    data = {
        "label": "Bewoners van vakantiepark werken bij één teler",
        "explanation": "Lokaal patroon: vakantiepark als huisvesting voor seizoenwerk.",
        "group": IndicatorGroup.objects.get(code="arbeid-wonen").pk,
        "forms": [ExploitationForm.objects.get(code="arbeid").pk],
        "active": "on",
    }
    data.update(overrides)
    return data


def test_national_catalogue_file_covers_every_list_and_is_loaded(db):
    with CATALOGUE_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    assert {row["list"] for row in data["groups"]} == {"arbeid", "seksueel", "crimineel", "balie", "locatie"}
    assert len(data["ilo"]) == 11 and len(data["om_clusters"]) == 5
    assert Indicator.objects.filter(organisation__isnull=True).count() == len(data["indicators"])
    assert all(row["explanation"].strip() for row in data["indicators"])
    assert load_catalogue() == {"created": 0, "changed": 0}  # idempotent


def test_loader_versions_a_changed_national_indicator_and_signals_keep_their_snapshot(reporter, tmp_path):
    indicator = Indicator.objects.filter(organisation__isnull=True).order_by("code").first()
    signal = make_signal(reporter, indicator_ids=[indicator.pk])
    text = CATALOGUE_FILE.read_text().replace(f'label = "{indicator.label}"', 'label = "Nieuwe formulering"', 1)
    changed = tmp_path / "indicators.toml"
    changed.write_text(text)
    assert load_catalogue(changed) == {"created": 0, "changed": 1}
    indicator.refresh_from_db()
    assert indicator.label == "Nieuwe formulering" and indicator.revision == 2
    assert IndicatorRevision.objects.filter(indicator=indicator).count() == 2
    snapshot = signal.indicators.get()
    assert snapshot.label != "Nieuwe formulering" and snapshot.revision == 1


def test_beheerder_adds_and_edits_a_local_indicator_with_revisions(
    client_for, beheerder, reporter, voorbeeld, zuiderhaven, make_user
):
    client = client_for(beheerder)
    assert client.post(reverse("signalling:indicator_create"), local_indicator_data()).status_code == 302
    local = Indicator.objects.get(organisation=voorbeeld)
    assert local.code == "LOK-GM9901-001" and local.revision == 1
    # Shown at intake in Voorbeeld only.
    assert f'value="{local.pk}"' in client_for(reporter).get(reverse("signalling:intake")).content.decode()
    other = make_user("signaleerder", zuiderhaven)
    assert f'value="{local.pk}"' not in client_for(other).get(reverse("signalling:intake")).content.decode()

    signal = make_signal(reporter, indicator_ids=[local.pk])
    client.post(
        reverse("signalling:indicator_edit", args=[local.pk]), local_indicator_data(label="Aangepast", critical="on")
    )
    local.refresh_from_db()
    assert (local.label, local.critical, local.revision) == ("Aangepast", True, 2)
    assert list(local.revisions.values_list("revision", flat=True)) == [1, 2]
    assert signal.indicators.get().label == "Bewoners van vakantiepark werken bij één teler"
    assert AuditEvent.objects.filter(object_type="signalling.indicator", action=AuditAction.UPDATE).exists()


def test_national_indicator_cannot_be_edited_in_the_app(client_for, beheerder):
    national = Indicator.objects.filter(organisation__isnull=True).first()
    response = client_for(beheerder).post(
        reverse("signalling:indicator_edit", args=[national.pk]), local_indicator_data()
    )
    assert response.status_code == 404
    national.refresh_from_db()
    assert national.revision == 1


def test_invalid_local_indicator_saves_nothing(client_for, beheerder):
    before = Indicator.objects.count()
    response = client_for(beheerder).post(
        reverse("signalling:indicator_create"), local_indicator_data(label="", group="")
    )
    assert response.status_code == 200 and "verplicht" in response.content.decode()
    assert (
        Indicator.objects.count() == before and not IndicatorRevision.objects.filter(changed_by__isnull=False).exists()
    )


@pytest.mark.parametrize("role", ["signaleerder", "aandachtsfunctionaris", "privacy_officer"])
def test_only_the_beheerder_manages_the_catalogue(client_for, make_user, voorbeeld, role):
    client = client_for(make_user(role, voorbeeld))
    assert client.get(CATALOGUE).status_code == 404
    assert client.post(reverse("signalling:indicator_create"), local_indicator_data()).status_code == 404
    assert not Indicator.objects.filter(organisation=voorbeeld).exists()


def test_catalogue_page_lists_everything(client_for, beheerder, django_assert_max_num_queries):
    client = client_for(beheerder)
    with django_assert_max_num_queries(15):
        body = client.get(CATALOGUE).content.decode()
    assert body.count("<tr>") >= Indicator.objects.count()
