"""Tell people something: in Baken at once (in the caller's transaction), and by e-mail through
the task engine only after that transaction commits, so that a rollback sends nothing.
Messages hold a reference and a link, never case content."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from baken.core.models import Notification


def subject_of(obj) -> str:
    """The key that ties notifications to what they announce, e.g. "signalling.signal:12"."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def notify(
    *,
    recipients: Iterable,
    organisation_id: int,
    message: str,
    url: str,
    email_task=None,
    subject: str = "",
    **task_kwargs,
):
    """Notify each recipient in Baken; when `email_task` is given, queue it after commit with
    `recipient_ids` (those with an e-mail address) and `task_kwargs`. `subject` (subject_of)
    lets clear_notifications retire them once the thing is handled. Returns the recipients."""
    recipients = list(recipients)
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user, organisation_id=organisation_id, message=message, url=url, subject=subject[:80]
            )
            for user in recipients
        ]
    )
    recipient_ids = [user.pk for user in recipients if user.email]
    if email_task is not None and recipient_ids:
        transaction.on_commit(lambda: email_task.enqueue(recipient_ids=recipient_ids, **task_kwargs))
    return recipients


def clear_notifications(*, subject: str) -> int:
    """Mark every unread notification about `subject` as read: what it announced was handled.
    Call inside the transaction that handles it; returns how many were cleared."""
    if not subject:
        return 0
    return Notification.objects.filter(subject=subject, read_at__isnull=True).update(read_at=timezone.now())
