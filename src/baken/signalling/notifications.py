"""Who hears about an urgent signal, and how: in Baken at once, by e-mail through the task engine."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from baken.accounts.selectors import users_with_permission
from baken.core.models import Notification
from baken.signalling.models import Signal


def notify_urgent_signal(signal: Signal) -> None:
    """Call inside the signal's transaction: the in-app notices commit with it, the e-mail
    is queued only after commit."""
    recipients = list(
        users_with_permission(organisation_id=signal.organisation_id, permission="signalling.triage_signal")
    )
    url = reverse("coordination:signal", args=[signal.pk])
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                organisation_id=signal.organisation_id,
                message=_("Spoedsignaal %(reference)s ontvangen") % {"reference": signal.reference},
                url=url,
            )
            for user in recipients
        ]
    )
    recipient_ids = [user.pk for user in recipients if user.email]
    if recipient_ids:
        from baken.signalling.tasks import send_urgent_signal_email

        transaction.on_commit(
            lambda: send_urgent_signal_email.enqueue(signal_id=signal.pk, recipient_ids=recipient_ids)
        )
