"""The wijk map beside the signals per wijk: drawn from the municipality's boundary file, each
wijk titled with exactly the table's text for it, nothing without a file, bad files refused."""

import datetime as dt
import json
import math
import re
from types import SimpleNamespace

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from baken.core.wijk_boundaries import MAX_AREAS, BoundaryError, parse
from baken.reporting.tests.test_signals_page import _at
from baken.reporting.wijk_map import areas_for, draw
from baken.testing.signals import make_signal

URL = reverse("reporting:signals")
NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
SQUARE = [[5.0, 52.0], [5.01, 52.0], [5.01, 52.01], [5.0, 52.01], [5.0, 52.0]]


def _collection(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def _feature(name, coordinates=None, kind="Polygon", key="wijknaam"):
    return {"type": "Feature", "properties": {key: name}, "geometry": {"type": kind, "coordinates": coordinates}}


def _municipality(cbs_code: str) -> SimpleNamespace:
    return SimpleNamespace(cbs_code=cbs_code, wijk_boundaries=None)


def _titles(html: str) -> dict[str, str]:
    return dict(re.findall(r"<title>([^<:]+): ([^<]+)</title>", html))


def test_a_collection_of_polygons_and_multipolygons_is_read_and_drawn_north_up():
    areas = parse(
        _collection(
            _feature("Noord", [[[5.0, 52.01], [5.01, 52.01], [5.01, 52.02], [5.0, 52.02], [5.0, 52.01]]]),
            _feature("Zuid", [[SQUARE]], kind="MultiPolygon", key="name"),
        )
    )
    assert [area.name for area in areas] == ["Noord", "Zuid"]
    drawing = draw(areas)
    # 0.02° of latitude against 0.01° of longitude shrunk by cos(52°): about 3.25 times as tall.
    expected = round(0.02 / (0.01 * math.cos(math.radians(52.01))) * 472) + 8
    assert drawing.width == 480 and abs(drawing.height - expected) <= 1
    north = [float(y) for y in re.findall(r",([0-9.]+)", drawing.paths[0][1])]
    south = [float(y) for y in re.findall(r",([0-9.]+)", drawing.paths[1][1])]
    assert max(north) <= min(south)  # Noord is drawn above Zuid


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe not json",
        json.dumps({"type": "Feature"}),
        _collection(),
        _collection(*[_feature(f"W{n}", [SQUARE]) for n in range(MAX_AREAS + 1)]),
        _collection(_feature("", [SQUARE])),
        _collection(_feature("Punt", [5.0, 52.0], kind="Point")),
        _collection(_feature("Kort", [[[5.0, 52.0], [5.01, 52.0], [5.0, 52.0]]])),
        _collection(_feature("Tekst", [[["5", "52"], [5.01, 52.0], [5.01, 52.01], [5.0, 52.0]]])),
        _collection(_feature("Ver weg", [[[500.0, 52.0], [5.01, 52.0], [5.01, 52.01], [500.0, 52.0]]])),
        _collection(_feature("Oneindig", [[[float("inf"), 52.0], [5.01, 52.0], [5.01, 52.01], [5.0, 52.0]]])),
    ],
)
def test_anything_but_named_wijk_polygons_is_refused(data):
    with pytest.raises(BoundaryError):
        parse(data)


def test_a_municipalitys_own_file_comes_first_and_a_bad_one_draws_no_map(tmp_path):
    with override_settings(BAKEN_WIJK_BOUNDARIES_DIR=str(tmp_path)):
        assert [area.name for area in areas_for(_municipality("GM9901"))][:2] == ["Noord", "Havenkwartier"]  # shipped
        assert areas_for(_municipality("GM9902")) is None  # no file at all
        (tmp_path / "GM9901.geojson").write_text(_collection(_feature("Eigen wijk", [SQUARE])))
        assert [area.name for area in areas_for(_municipality("GM9901"))] == ["Eigen wijk"]
        (tmp_path / "GM9901.geojson").write_text("{kapot")
        assert areas_for(_municipality("GM9901")) is None


@pytest.fixture
def wijk_history(reporter):
    """Voorbeeld this year: 12 in Centrum, 3 in Oost, 1 without a wijk."""
    for name, count in (("Centrum", 12), ("Oost", 3), ("", 1)):
        for _ in range(count):
            _at(make_signal(reporter, neighbourhood=name), dt.date(2026, 6, 1))


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_aandachtsfunctionaris_map_titles_each_wijk_with_the_tables_figure(client_for, triager, wijk_history):
    html = client_for(triager).get(URL).content.decode()
    assert html.count('class="baken-map__area') == 6
    titles = _titles(html[html.index('class="baken-map"') :])
    assert titles["Centrum"] == "12" and titles["Oost"] == "3" and titles["Noord"] == "0"
    assert 'baken-map__area--level-4" d=' in html  # Centrum, the most
    assert 'baken-map__area--level-1" d=' in html  # Oost


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_beleidsmaker_map_shows_no_more_than_the_suppressed_table(client_for, make_user, voorbeeld, wijk_history):
    beleidsmaker = make_user("beleidsmaker", voorbeeld, username="bm")
    html = client_for(beleidsmaker).get(URL).content.decode()
    titles = _titles(html[html.index('class="baken-map"') :])
    # Centrum (12) is named by enough signals but would give the other 4 away: hidden, as in the table.
    assert titles["Centrum"] == "afgeschermd"
    # Oost (3) is not named at all outside the case roles: counted with the others.
    assert titles["Oost"].startswith("niet apart getoond")
    assert "12" not in titles.values() and "3" not in titles.values()


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_no_map_without_boundaries(client_for, make_user, zuiderhaven, signaleerder_zuiderhaven):
    make_signal(signaleerder_zuiderhaven, neighbourhood="Centrum")
    beleidsmaker = make_user("aandachtsfunctionaris", zuiderhaven, username="af-z")
    html = client_for(beleidsmaker).get(URL).content.decode()
    assert "baken-map" not in html and "Per wijk" in html


@pytest.fixture
def pdf_as_html(monkeypatch):
    """The risk picture PDF's HTML instead of the PDF, to read what it holds."""
    from django.template.loader import render_to_string

    from baken.reporting import views

    monkeypatch.setattr(
        views,
        "render_pdf",
        lambda template, context, organisation=None: render_to_string(template, context).encode(),
    )


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_risk_picture_pdf_holds_the_years_wijk_table_and_map_as_suppressed_as_the_dashboard(
    client_for, make_user, voorbeeld, wijk_history, pdf_as_html
):
    from baken.core.models import AuditEvent
    from baken.testing.policy import make_risk_picture

    beleidsmaker = make_user("beleidsmaker", voorbeeld, username="bm")
    picture = make_risk_picture(beleidsmaker, year=2026)
    page = client_for(beleidsmaker).get(reverse("policy:risk", args=[picture.pk])).content.decode()
    url = reverse("reporting:risk_picture_pdf", args=[picture.pk])
    assert url in page
    html = client_for(beleidsmaker).get(url).content.decode()
    assert "Signalen per wijk" in html and "Per wijk" in html and picture.rows.first().form.label in html
    titles = _titles(html[html.index('class="baken-map"') :])
    assert titles["Centrum"] == "afgeschermd" and titles["Oost"].startswith("niet apart getoond")
    assert ">12<" not in html and ">3<" not in html
    assert AuditEvent.objects.filter(actor=beleidsmaker, action="export", object_type="policy.riskpicture").exists()


@pytest.mark.django_db
def test_the_risk_picture_pdf_without_figure_rights_has_no_wijk_figures(
    client_for, make_user, voorbeeld, wijk_history, pdf_as_html, monkeypatch
):
    from baken.reporting import views
    from baken.testing.policy import make_risk_picture

    beleidsmaker = make_user("beleidsmaker", voorbeeld, username="bm")
    picture = make_risk_picture(beleidsmaker, year=2026)
    monkeypatch.setattr(views, "may_view_figures", lambda user: False)
    html = client_for(beleidsmaker).get(reverse("reporting:risk_picture_pdf", args=[picture.pk])).content.decode()
    assert 'class="baken-map"' not in html and "Per wijk" not in html
    assert "alleen in het risicobeeld van de gemeente zelf" in html


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_risk_picture_pdf_is_a_pdf(client_for, make_user, voorbeeld, wijk_history):
    from baken.testing.policy import make_risk_picture

    beleidsmaker = make_user("beleidsmaker", voorbeeld, username="bm")
    picture = make_risk_picture(beleidsmaker, year=2026)
    response = client_for(beleidsmaker).get(reverse("reporting:risk_picture_pdf", args=[picture.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
