"""Checks of Dutch identifiers used in the register, with Dutch messages.

Postcodes go through python-stdnum (stdnum.nl.postcode). A KvK number has had no check digit
since the KvK dropped the modulus-11 test, and python-stdnum has no module for it, so it is
checked for its form: exactly eight digits. A BAG nummeraanduiding id is sixteen digits whose
first four are the municipality's code.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import postcode as nl_postcode

_KVK = re.compile(r"[0-9]{8}")
_BAG = re.compile(r"[0-9]{16}")
_HOUSE_NUMBER = re.compile(r"[1-9][0-9]{0,4}(?:[ -]?[A-Za-z0-9]{1,4})?")


def clean_postcode(value: str) -> str:
    """'1234ab' → '1234 AB', or a ValidationError."""
    try:
        compact = nl_postcode.compact(nl_postcode.validate(value.strip()))
    except StdnumError as error:
        raise ValidationError(
            _("Dit is geen geldige Nederlandse postcode. Gebruik vier cijfers en twee letters, zoals 1234 AB.")
        ) from error
    return f"{compact[:4]} {compact[4:]}"


def clean_house_number(value: str) -> str:
    value = value.strip()
    if not _HOUSE_NUMBER.fullmatch(value):
        raise ValidationError(
            _("Een huisnummer begint met een cijfer (niet 0), eventueel gevolgd door een toevoeging, zoals 12 of 12-A.")
        )
    return value


def clean_kvk(value: str) -> str:
    value = value.strip().replace(" ", "").replace(".", "")
    if value and not _KVK.fullmatch(value):
        raise ValidationError(_("Een KvK-nummer bestaat uit precies acht cijfers."))
    return value


def clean_bag_id(value: str) -> str:
    value = value.strip()
    if value and not _BAG.fullmatch(value):
        raise ValidationError(_("Een BAG-id (nummeraanduiding) bestaat uit zestien cijfers."))
    return value
