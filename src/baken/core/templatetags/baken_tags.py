"""Template filters shared by every app."""

from django import template

register = template.Library()


@register.filter
def tel_href(phone: str) -> str:
    """'0900-8844' -> 'tel:09008844'; text such as '(fictief)' is left out."""
    digits = "".join(char for char in phone or "" if char.isdigit() or char == "+")
    return f"tel:{digits}" if digits else ""
