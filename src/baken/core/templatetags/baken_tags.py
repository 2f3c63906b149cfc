"""Template filters shared by every app."""

from django import template

from baken.core.dates import short_date, short_datetime

register = template.Library()


@register.filter
def tel_href(phone: str) -> str:
    """'0900-8844' -> 'tel:09008844'; text such as '(fictief)' is left out."""
    digits = "".join(char for char in phone or "" if char.isdigit() or char == "+")
    return f"tel:{digits}" if digits else ""


@register.filter
def datum(value) -> str:
    """The one date format: '30 nov. 2026' (baken.core.dates)."""
    return short_date(value)


@register.filter
def datumtijd(value, arg: str = "") -> str:
    """'30 nov. 2026, 14:05'; `|datumtijd:"seconden"` adds the seconds (the audit log)."""
    return short_datetime(value, seconds=arg == "seconden")
