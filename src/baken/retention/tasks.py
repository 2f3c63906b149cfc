"""Background work of retention, run by the task engine (django-tasks)."""

from django_tasks import task

from baken.retention.services import purge_expired


@task()
def purge_expired_records() -> dict:
    """Delete what has outlived its retention term (see services.purge_expired). Queued daily by
    `manage.py purge_expired`."""
    result = purge_expired()
    return {
        "batch": str(result.batch),
        "deleted": len(result.deleted),
        "held": len(result.held),
        "blocked": len(result.blocked),
        "files": result.files,
        "audit_rows": result.audit_rows,
        "sent_email_records": result.sent_email_records,
    }
