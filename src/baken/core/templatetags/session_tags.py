"""The idle-timeout warning of signed-in pages (includes/session_timeout.html, baken/session.js)."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("includes/session_timeout.html", takes_context=True)
def session_timeout_warning(context) -> dict:
    idle = settings.SESSION_COOKIE_AGE
    warn = min(settings.BAKEN_IDLE_WARNING_SECONDS, idle)
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "idle_seconds": idle,
        "warn_seconds": warn,
        "idle_minutes": max(1, idle // 60),
        "warn_minutes": max(1, round(warn / 60)),
    }
