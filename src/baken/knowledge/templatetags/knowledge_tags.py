"""Template helpers of the Kennisbank."""

from django import template

from baken.accounts.roles import ROLES_BY_CODE
from baken.knowledge.models import BarrierState, PageMode

register = template.Library()


@register.filter
def state_label(code: str) -> str:
    try:
        return str(BarrierState(code).label)
    except ValueError:
        return code


@register.filter
def mode_label(code: str) -> str:
    try:
        return str(PageMode(code).label)
    except ValueError:
        return code


@register.filter
def role_names(codes) -> str:
    return ", ".join(str(ROLES_BY_CODE[code].name) for code in codes or () if code in ROLES_BY_CODE)


@register.filter
def tel_href(phone: str) -> str:
    """'0900-8844' -> 'tel:09008844'."""
    digits = "".join(char for char in phone or "" if char.isdigit() or char == "+")
    return f"tel:{digits}" if digits else ""


@register.simple_tag
def indicator_anchor(indicator) -> str:
    from baken.knowledge.selectors import indicator_url

    return indicator_url(indicator)
