"""Template helpers of the Kennisbank."""

from django import template

from baken.accounts.roles import ROLES_BY_CODE
from baken.core.templatetags.baken_tags import tel_href
from baken.knowledge.models import BarrierState, PageMode
from baken.knowledge.selectors import indicator_url

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


# Shared with the rest of Baken; registered here too so knowledge templates need one {% load %}.
register.filter("tel_href", tel_href)


@register.simple_tag
def indicator_anchor(indicator) -> str:
    return indicator_url(indicator)
