"""Who hears about an urgent signal: everyone who may triage it (its policy decides, so
clearance is respected), in Baken at once and by e-mail after commit."""

from django.urls import reverse
from django.utils.translation import gettext as _

from baken.core.access import policy_for
from baken.core.notify import notify
from baken.signalling.models import Signal
from baken.signalling.tasks import send_urgent_signal_email


def notify_urgent_signal(signal: Signal) -> None:
    """Call inside the signal's transaction."""
    notify(
        recipients=policy_for(Signal).users_for(signal, "triage"),
        organisation_id=signal.organisation_id,
        message=_("Spoedsignaal %(reference)s ontvangen") % {"reference": signal.reference},
        url=reverse("coordination:signal", args=[signal.pk]),
        email_task=send_urgent_signal_email,
        signal_id=signal.pk,
    )
