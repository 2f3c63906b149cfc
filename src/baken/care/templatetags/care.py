"""The one hook other apps' templates use: on the aandachtsfunctionaris' signal page, whether a
care case exists for the signal and its phase (never its content)."""

from django import template

from baken.care.selectors import care_status_for_signal

register = template.Library()


@register.inclusion_tag("care/_signal_status.html", takes_context=True)
def care_status(context, signal):
    return {"care": care_status_for_signal(user=context["request"].user, signal=signal)}
