"""The SNF norm checks for labour-migrant housing, computed from a location's register data and
the norms in the catalogue (catalogue/enforcement.toml), with the rule and its source beside each
result. A check without the data it needs says "onbekend" rather than passing."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from baken.enforcement.catalogue.loader import Norm, catalogue
from baken.enforcement.models import HousingNorm, Location, ObjectType

#: Object types where the SNF norms are checked.
HOUSING_TYPES = {ObjectType.DWELLING, ObjectType.LODGING, ObjectType.HOLIDAY_PARK, ObjectType.FARM}


@dataclass(frozen=True)
class NormCheck:
    norm: Norm
    #: True: meets the norm; False: fails it; None: not enough data.
    passed: bool | None
    #: What was measured, in words ("9,0 m² per persoon").
    measured: str


def residents_for_norms(location: Location) -> int | None:
    """Who lives there: what the last inspection saw, else the BRP count."""
    if location.observed_residents is not None:
        return location.observed_residents
    return location.registered_residents


def _dutch(value: Decimal) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")  # 10 -> "10", 8.888 -> "8.89"
    return text.replace(".", ",")


def _per_person_value(total: Decimal | None, residents: int | None) -> Decimal | None:
    return None if total is None or not residents else Decimal(total) / residents


def _per_person(norm: Norm, total: Decimal | None, residents: int | None) -> NormCheck:
    exact = _per_person_value(total, residents)
    if exact is None:
        return NormCheck(norm, None, _("onbekend"))
    # Compare the exact value: rounding first would let 3.475 m² pass a 3.5 m² norm.
    return NormCheck(
        norm, exact >= Decimal(str(norm.minimum)), _("%(value)s m² per persoon") % {"value": _dutch(exact)}
    )


def _per_facility_passed(norm: Norm, facilities: int | None, residents: int | None) -> bool | None:
    if facilities is None or residents is None:
        return None
    if facilities == 0:
        return residents == 0
    return Decimal(residents) / facilities <= Decimal(str(norm.maximum))


def _per_facility(norm: Norm, facilities: int | None, residents: int | None) -> NormCheck:
    passed = _per_facility_passed(norm, facilities, residents)
    if passed is None:
        return NormCheck(norm, None, _("onbekend"))
    if facilities == 0:
        return NormCheck(norm, passed, _("geen"))
    shown = _dutch(Decimal(residents) / facilities)
    return NormCheck(norm, passed, _("%(value)s personen per stuk") % {"value": shown})


def _inputs(location) -> tuple:
    """What every check reads: the norms in force, the residents, the floor and bedroom areas."""
    norms = catalogue().norms
    lodging = (location.housing_norm or default_housing_norm(location.object_type)) == HousingNorm.LODGING
    floor_norm = norms["gbo_per_persoon_logies" if lodging else "gbo_per_persoon_woning"]
    bedrooms = (
        sum((Decimal(str(area)) for area in location.bedroom_areas), Decimal(0)) if location.bedroom_areas else None
    )
    return norms, residents_for_norms(location), floor_norm, bedrooms


def failed_norm_count(location) -> int:
    """How many of `snf_checks` fail, without putting any of them into words: for ranking every
    location of a municipality (enforcement.risk). Reads the same fields as `snf_checks`."""
    if location.object_type not in HOUSING_TYPES:
        return 0
    norms, residents, floor_norm, bedrooms = _inputs(location)
    results = (
        _passed_per_person(floor_norm, location.floor_area, residents),
        _passed_per_person(norms["slaapkamer_per_persoon"], bedrooms, residents),
        _per_facility_passed(norms["personen_per_toilet"], location.toilets, residents),
        _per_facility_passed(norms["personen_per_douche"], location.showers, residents),
        None
        if location.registered_residents is None or location.observed_residents is None
        else location.registered_residents == location.observed_residents,
    )
    return sum(1 for passed in results if passed is False)


def _passed_per_person(norm: Norm, total: Decimal | None, residents: int | None) -> bool | None:
    exact = _per_person_value(total, residents)
    return None if exact is None else exact >= Decimal(str(norm.minimum))


def snf_checks(location: Location) -> list[NormCheck]:
    """The norm checks for a housing location; empty for other object types."""
    if location.object_type not in HOUSING_TYPES:
        return []
    norms, residents, floor_norm, bedroom_total = _inputs(location)
    checks = [
        _per_person(floor_norm, location.floor_area, residents),
        _per_person(norms["slaapkamer_per_persoon"], bedroom_total, residents),
        _per_facility(norms["personen_per_toilet"], location.toilets, residents),
        _per_facility(norms["personen_per_douche"], location.showers, residents),
    ]
    occupancy = norms["bewoning_gelijk"]
    if location.registered_residents is None or location.observed_residents is None:
        checks.append(NormCheck(occupancy, None, _("onbekend")))
    else:
        checks.append(
            NormCheck(
                occupancy,
                location.registered_residents == location.observed_residents,
                _("%(registered)s ingeschreven, %(observed)s aangetroffen")
                % {"registered": location.registered_residents, "observed": location.observed_residents},
            )
        )
    return checks


def default_housing_norm(object_type: str) -> str:
    return HousingNorm.DWELLING if object_type == ObjectType.DWELLING else HousingNorm.LODGING
