"""A map of the municipality's wijken, coloured by the signals per wijk of the reporting table
beside it (which stays the accessible source: the map adds nothing the table does not hold).

The boundaries are a GeoJSON FeatureCollection of Polygons or MultiPolygons in WGS84, one
feature per wijk, named in a property `wijknaam` (as in CBS's open "Wijk- en buurtkaart"),
`statnaam`, `naam` or `name` (core.wijk_boundaries). A municipality's own file is uploaded on its
settings page, or placed as `<BAKEN_WIJK_BOUNDARIES_DIR>/<CBS code>.geojson`; without one, a file
shipped in `reporting/maps/` is used (only the fictional demo municipality has one), and without
any no map is drawn. No tile server, no network.
"""

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from baken.core.wijk_boundaries import MAX_BYTES, Area, BoundaryError, parse

SHIPPED = Path(__file__).resolve().parent / "maps"
#: The width of the drawing in SVG units; the height follows from the municipality's shape.
WIDTH = 480


def fold(name: str) -> str:
    """A wijk's name as the reporting table groups it: case and spacing left out."""
    return " ".join(name.split()).casefold()


def boundary_file(cbs_code: str) -> Path | None:
    own = Path(settings.BAKEN_WIJK_BOUNDARIES_DIR) / f"{cbs_code}.geojson"
    shipped = SHIPPED / f"{cbs_code}.geojson"
    for path in (own, shipped):
        if cbs_code and path.is_file():
            return path
    return None


def areas_for(organisation) -> tuple[Area, ...] | None:
    """The wijken of a municipality: its own upload (its settings page), else a file named by its
    CBS code in BAKEN_WIJK_BOUNDARIES_DIR, else a shipped one; None without a readable file."""
    upload = getattr(organisation, "wijk_boundaries", None)
    try:
        if upload:
            return _read_upload(upload.storage, upload.name)
        path = boundary_file(getattr(organisation, "cbs_code", "") or "")
        return None if path is None else _read(str(path), path.stat().st_mtime_ns)
    except (OSError, BoundaryError):
        return None


@lru_cache(maxsize=32)
def _read(path: str, _modified: int) -> tuple[Area, ...]:
    with open(path, "rb") as handle:
        return _parse_bounded(handle)


@lru_cache(maxsize=32)
def _read_upload(storage, name: str) -> tuple[Area, ...]:
    # Every upload is stored under a new name, so the name is enough to know it is the same file.
    with storage.open(name, "rb") as handle:
        return _parse_bounded(handle)


def _parse_bounded(handle) -> tuple[Area, ...]:
    data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise BoundaryError("file too large")
    return parse(data)


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    #: (area, SVG path data) in the file's order.
    paths: tuple[tuple[Area, str], ...]


def draw(areas: tuple[Area, ...]) -> Drawing:
    """Project the wijken onto a WIDTH-wide drawing: longitude shrunk by the cosine of the middle
    latitude (right for a municipality's few kilometres), north up."""
    lons = [lon for area in areas for ring in area.rings for lon, _lat in ring]
    lats = [lat for area in areas for ring in area.rings for _lon, lat in ring]
    shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * shrink, 1e-9)
    span_y = max(max(lats) - min(lats), 1e-9)
    scale = (WIDTH - 8) / span_x
    height = max(40, round(span_y * scale) + 8)
    west, north = min(lons), max(lats)

    def point(lon: float, lat: float) -> str:
        return f"{4 + (lon - west) * shrink * scale:.1f},{4 + (north - lat) * scale:.1f}"

    paths = tuple(
        (area, " ".join("M" + " L".join(point(lon, lat) for lon, lat in ring) + " Z" for ring in area.rings))
        for area in areas
    )
    return Drawing(WIDTH, height, paths)
