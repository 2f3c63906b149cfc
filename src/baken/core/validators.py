"""Validators for identifiers and huisstijl values."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CBS_MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_cbs_municipality_code(value: str) -> None:
    # python-stdnum has no validator for CBS municipality codes; the format is GM + 4 digits.
    if not CBS_MUNICIPALITY_CODE.match(value or ""):
        raise ValidationError(
            _("Een CBS-gemeentecode bestaat uit 'GM' gevolgd door vier cijfers, bijvoorbeeld GM0344."),
            code="invalid_cbs_code",
        )


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("Geef een kleur op als # gevolgd door zes hexadecimale tekens, bijvoorbeeld #1f4e79."),
            code="invalid_colour",
        )


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


MINIMUM_TEXT_CONTRAST = 4.5  # WCAG 2.1 AA, success criterion 1.4.3
