"""The functioneel beheerder uploads the municipality's wijk boundaries on the settings page: the
map beside the signals per wijk then draws them; a file that is not GeoJSON with named wijk
polygons, or too large, is refused in Dutch and changes nothing; clearing it falls back to the
installation's file."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from baken.core.models import AuditEvent, Organisation
from baken.core.wijk_boundaries import MAX_BYTES
from baken.reporting.wijk_map import areas_for

SETTINGS = reverse("core:organisation_settings")
SQUARE = [[5.0, 52.0], [5.01, 52.0], [5.01, 52.01], [5.0, 52.01], [5.0, 52.0]]


def _geojson(*names: str) -> bytes:
    features = [
        {"type": "Feature", "properties": {"wijknaam": name}, "geometry": {"type": "Polygon", "coordinates": [SQUARE]}}
        for name in names
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def _post(client, content: bytes, **extra):
    upload = SimpleUploadedFile("wijken.geojson", content, content_type="application/geo+json")
    return client.post(SETTINGS, {"triage_working_days": "", "wijk_boundaries": upload, **extra})


def test_an_uploaded_file_draws_the_municipalitys_own_map(client_for, beheerder, voorbeeld, zuiderhaven):
    shipped = [area.name for area in areas_for(voorbeeld)]
    assert "Eigen Centrum" not in shipped
    response = _post(client_for(beheerder), _geojson("Eigen Centrum", "Eigen Haven"))
    assert response.status_code == 302
    voorbeeld.refresh_from_db()
    assert voorbeeld.wijk_boundaries.name.startswith("wijken/voorbeeld-")
    assert [area.name for area in areas_for(voorbeeld)] == ["Eigen Centrum", "Eigen Haven"]
    assert areas_for(zuiderhaven) is None  # another municipality's map is not touched
    assert AuditEvent.objects.filter(actor=beheerder, reason__startswith="wijkgrenzen").exists()
    page = client_for(beheerder).get(SETTINGS).content.decode()
    assert 'enctype="multipart/form-data"' in page and "wijknaam" in page


@pytest.mark.parametrize(
    "content",
    [b"{kapot", json.dumps({"type": "FeatureCollection", "features": []}).encode(), b" " * (MAX_BYTES + 1)],
    ids=["not-json", "no-wijken", "too-large"],
)
def test_a_bad_file_is_refused_in_dutch_and_changes_nothing(client_for, beheerder, voorbeeld, content):
    audit_rows = AuditEvent.objects.count()
    response = _post(client_for(beheerder), content, triage_working_days="7")
    assert response.status_code == 200
    text = response.content.decode()
    assert "geen GeoJSON-bestand met wijken" in text or "te groot" in text
    voorbeeld.refresh_from_db()
    assert not voorbeeld.wijk_boundaries and voorbeeld.triage_working_days is None
    assert AuditEvent.objects.count() == audit_rows


def test_clearing_the_file_falls_back_to_the_installations(client_for, beheerder, voorbeeld):
    client = client_for(beheerder)
    _post(client, _geojson("Tijdelijk"))
    response = client.post(SETTINGS, {"triage_working_days": "", "wijk_boundaries-clear": "on"})
    assert response.status_code == 302
    voorbeeld = Organisation.objects.get(pk=voorbeeld.pk)
    assert not voorbeeld.wijk_boundaries
    assert [area.name for area in areas_for(voorbeeld)][:1] == ["Noord"]  # the shipped demo map again
