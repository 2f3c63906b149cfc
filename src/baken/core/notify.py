"""Tell people something: in Baken at once (in the caller's transaction), and by e-mail through
the task engine only after that transaction commits, so that a rollback sends nothing.
Messages hold a reference and a link, never case content."""

from collections.abc import Iterable

from django.db import transaction

from baken.core.models import Notification


def notify(*, recipients: Iterable, organisation_id: int, message: str, url: str, email_task=None, **task_kwargs):
    """Notify each recipient in Baken; when `email_task` is given, queue it after commit with
    `recipient_ids` (those with an e-mail address) and `task_kwargs`. Returns the recipients."""
    recipients = list(recipients)
    Notification.objects.bulk_create(
        [Notification(recipient=user, organisation_id=organisation_id, message=message, url=url) for user in recipients]
    )
    recipient_ids = [user.pk for user in recipients if user.email]
    if email_task is not None and recipient_ids:
        transaction.on_commit(lambda: email_task.enqueue(recipient_ids=recipient_ids, **task_kwargs))
    return recipients
