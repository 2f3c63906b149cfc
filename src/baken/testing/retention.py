"""Builds retention rows for tests."""

import datetime as dt
import uuid


def make_deletion_log(organisation, **overrides):
    """One line of the deletion log (append-only: made directly, as the purge writes it)."""
    from baken.retention.models import DeletionLog

    values = {
        "batch": uuid.uuid4(),
        "organisation": organisation,
        "record_type": "meeting",
        "object_type": "meetings.meeting",
        "object_id": 1,
        "term_started_on": dt.date(2020, 1, 1),
        "expired_on": dt.date(2025, 1, 1),
        "term": 60,
        "unit": "months",
        "catalogue_version": "2026.1",
        "reason": "automatisch",
        "deleted_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    } | overrides
    return DeletionLog.objects.create(**values)
