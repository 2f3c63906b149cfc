"""A map of the municipality's wijken, coloured by the signals per wijk of the reporting table
beside it (which stays the accessible source: the map adds nothing the table does not hold).

The boundaries are a GeoJSON FeatureCollection of Polygons or MultiPolygons in WGS84, one
feature per wijk, named in a property `wijknaam` (as in CBS's open "Wijk- en buurtkaart"),
`statnaam`, `naam` or `name`. A municipality's own file is `<BAKEN_WIJK_BOUNDARIES_DIR>/<CBS
code>.geojson`; without one, a file shipped in `reporting/maps/` is used (only the fictional demo
municipality has one), and without either no map is drawn. No tile server, no network.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

SHIPPED = Path(__file__).resolve().parent / "maps"
MAX_BYTES = 5 * 1024 * 1024
MAX_AREAS = 400
MAX_POINTS = 200_000
NAME_PROPERTIES = ("wijknaam", "statnaam", "naam", "name")
#: The width of the drawing in SVG units; the height follows from the municipality's shape.
WIDTH = 480


class BoundaryError(ValueError):
    """The boundary file cannot be read as wijken (the map is then left out)."""


@dataclass(frozen=True)
class Area:
    name: str
    #: Outer rings and holes alike, each a closed list of (longitude, latitude).
    rings: tuple[tuple[tuple[float, float], ...], ...]


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


def areas_for(cbs_code: str) -> tuple[Area, ...] | None:
    """The wijken of a municipality, or None without a (readable) boundary file."""
    path = boundary_file(cbs_code)
    if path is None:
        return None
    try:
        return _read(str(path), path.stat().st_mtime_ns)
    except (OSError, BoundaryError):
        return None


@lru_cache(maxsize=32)
def _read(path: str, _modified: int) -> tuple[Area, ...]:
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise BoundaryError("file too large")
    return parse(data)


def parse(data: bytes | str) -> tuple[Area, ...]:
    """The wijken in a GeoJSON FeatureCollection; a BoundaryError for anything else."""
    try:
        collection = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise BoundaryError("not JSON") from error
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise BoundaryError("not a FeatureCollection")
    features = collection.get("features")
    if not isinstance(features, list) or not 0 < len(features) <= MAX_AREAS:
        raise BoundaryError("no features, or too many")
    areas, points = [], 0
    for feature in features:
        properties = (feature or {}).get("properties") or {}
        name = next((properties[key] for key in NAME_PROPERTIES if isinstance(properties.get(key), str)), "")
        geometry = (feature or {}).get("geometry") or {}
        polygons = {"Polygon": [geometry.get("coordinates")], "MultiPolygon": geometry.get("coordinates")}.get(
            geometry.get("type")
        )
        if not name.strip() or not isinstance(polygons, list):
            raise BoundaryError("a feature without a name or a polygon")
        rings = tuple(
            _ring(ring) for polygon in polygons for ring in (polygon if isinstance(polygon, list) else [None])
        )
        points += sum(len(ring) for ring in rings)
        if points > MAX_POINTS:
            raise BoundaryError("too many points")
        areas.append(Area(name.strip()[:120], rings))
    return tuple(areas)


def _ring(ring) -> tuple[tuple[float, float], ...]:
    if not isinstance(ring, list) or len(ring) < 4:
        raise BoundaryError("a ring needs at least four positions")
    points = []
    for position in ring:
        if not (isinstance(position, list) and len(position) >= 2):
            raise BoundaryError("a position is [longitude, latitude]")
        lon, lat = position[0], position[1]
        if not all(isinstance(value, int | float) and math.isfinite(value) for value in (lon, lat)):
            raise BoundaryError("a coordinate is not a number")
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise BoundaryError("a coordinate outside WGS84")
        points.append((float(lon), float(lat)))
    return tuple(points)


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
