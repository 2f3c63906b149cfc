"""A municipality's wijken as named polygons, read from a GeoJSON FeatureCollection of Polygons
or MultiPolygons in WGS84, one feature per wijk, named in a property `wijknaam` (as in CBS's open
"Wijk- en buurtkaart"), `statnaam`, `naam` or `name`. Used to check a municipality's upload
(core.services) and to draw the map beside the signals per wijk (reporting.wijk_map)."""

import json
import math
from dataclasses import dataclass

MAX_BYTES = 5 * 1024 * 1024
MAX_AREAS = 400
MAX_POINTS = 200_000
NAME_PROPERTIES = ("wijknaam", "statnaam", "naam", "name")


class BoundaryError(ValueError):
    """The file cannot be read as wijken."""


@dataclass(frozen=True)
class Area:
    name: str
    #: Outer rings and holes alike, each a closed list of (longitude, latitude).
    rings: tuple[tuple[tuple[float, float], ...], ...]


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
