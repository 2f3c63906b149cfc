"""The purge: records aged past their term are gone after the daily task (with their relations
and files), each in the deletion log without personal data and in the audit log; records within
their term or under a legal hold are unchanged; a dry run deletes nothing."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.forms.models import model_to_dict

from baken.care.models import CareCase
from baken.core.models import AuditEvent
from baken.enforcement.models import CaseStatusChange, EnforcementCase, InspectionDraft
from baken.meetings.models import Attendee, CaseReferral, DocumentDispatch, Meeting
from baken.retention.models import DeletionLog, LegalHold
from baken.retention.services import legal_hold_lift, legal_hold_place, purge_expired, retention_term_set
from baken.retention.tasks import purge_expired_records
from baken.signalling.models import IntakeDraft, IntakeDraftUpload, Signal, SignalAttachment, SignalStatusChange

from .conftest import LONG_AGO

pytestmark = pytest.mark.both_databases

RECENT = dt.timedelta(days=3)
#: Personal data in the fixtures: none of it may reach the deletion log.
PERSONAL = ("Mira", "Jansen", "Linde", "Havenweg", "Wilg", "Testsignaal", "Concept")


@pytest.fixture
def world(
    closed_signal, handed_signal, care_case, enforcement_case, meeting, case_referral, intake_draft, inspection_draft
):
    """For each purged kind one record past its term (`old`) and one within it (`young`)."""
    return {
        "old": {
            "signal_closed": closed_signal(LONG_AGO),
            "signal_handed_over": handed_signal(LONG_AGO),
            "care_case": care_case(LONG_AGO),
            "enforcement_case": enforcement_case(LONG_AGO),
            "meeting": meeting(LONG_AGO),
            "case_referral": case_referral(LONG_AGO),
            "intake_draft": intake_draft(dt.timedelta(days=10), "oud"),
            "inspection_draft": inspection_draft(dt.timedelta(days=10)),
        },
        "young": {
            "signal_closed": closed_signal(RECENT),
            "signal_handed_over": handed_signal(RECENT),
            "care_case": care_case(RECENT),
            "open_care_case": care_case(None),
            "enforcement_case": enforcement_case(RECENT),
            "meeting": meeting(RECENT),
            "case_referral": case_referral(RECENT),
            "intake_draft": intake_draft(dt.timedelta(days=2), "jong"),
            "inspection_draft": inspection_draft(dt.timedelta(days=2)),
        },
    }


def _exists(row) -> bool:
    return type(row).objects.filter(pk=row.pk).exists()


def _state(rows: dict) -> dict:
    return {key: model_to_dict(type(row).objects.get(pk=row.pk)) for key, row in rows.items()}


def _files(world) -> dict:
    old_signal = world["old"]["signal_closed"]
    return {
        "signal": [a.file for a in SignalAttachment.objects.filter(signal=old_signal)],
        "draft": [u.file for u in IntakeDraftUpload.objects.filter(draft=world["old"]["intake_draft"])],
        "young": [a.file for a in SignalAttachment.objects.filter(signal=world["young"]["signal_closed"])],
    }


def test_expired_records_are_gone_with_relations_and_files(world, django_capture_on_commit_callbacks):
    files = _files(world)
    assert files["signal"] and files["draft"] and files["young"]
    assert all(f.storage.exists(f.name) for group in files.values() for f in group)
    young_before = _state(world["young"])
    old_signal = world["old"]["signal_closed"]
    old_meeting = world["old"]["meeting"]
    assert SignalStatusChange.objects.filter(signal=old_signal).exists()
    assert Attendee.objects.filter(meeting=old_meeting).exists()

    audit_before = set(AuditEvent.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        outcome = purge_expired_records.enqueue().return_value

    assert outcome["deleted"] == len(world["old"]) and outcome["held"] == 0 and outcome["blocked"] == 0
    # The old records' own audit rows are past the audit log's term too: counted as purged.
    purged_audit = audit_before - set(AuditEvent.objects.values_list("pk", flat=True))
    assert outcome["audit_rows"] == len(purged_audit) > 0
    for kind, row in world["old"].items():
        assert not _exists(row), kind
    assert not SignalStatusChange.objects.filter(signal_id=old_signal.pk).exists()
    assert not SignalAttachment.objects.filter(signal_id=old_signal.pk).exists()
    assert not Attendee.objects.filter(meeting_id=old_meeting.pk).exists()
    assert not DocumentDispatch.objects.filter(meeting_id=old_meeting.pk).exists()
    assert DocumentDispatch.objects.filter(meeting=world["young"]["meeting"]).exists()
    assert not CaseStatusChange.objects.filter(case_id=world["old"]["enforcement_case"].pk).exists()
    assert not IntakeDraftUpload.objects.filter(draft_id=world["old"]["intake_draft"].pk).exists()
    assert not any(f.storage.exists(f.name) for f in files["signal"] + files["draft"])
    assert outcome["files"] == len(files["signal"]) + len(files["draft"])
    # Nothing else changed: the records within their term are exactly as they were, files too.
    assert _state(world["young"]) == young_before
    assert all(f.storage.exists(f.name) for f in files["young"])


def test_the_deletion_log_is_complete_and_holds_no_personal_data(world, django_capture_on_commit_callbacks):
    expected = {(kind, row.pk) for kind, row in world["old"].items()}
    with django_capture_on_commit_callbacks(execute=True):
        result = purge_expired()

    logs = list(DeletionLog.objects.all())
    assert {(log.record_type, log.object_id) for log in logs} == expected
    assert {log.batch for log in logs} == {result.batch}
    by_kind = {log.record_type: log for log in logs}
    signal_log = by_kind["signal_closed"]
    assert signal_log.reference == world["old"]["signal_closed"].reference
    assert signal_log.object_type == "signalling.signal"
    assert signal_log.reason == "automatisch" and signal_log.catalogue_version == "2026.1"
    assert signal_log.term == 12 and signal_log.unit == "months" and not signal_log.own_term
    assert signal_log.expired_on <= dt.date.today() and signal_log.term_started_on < signal_log.expired_on
    assert signal_log.files == 1 and signal_log.related_rows > 3
    assert str(signal_log) == f"signal_closed:{signal_log.object_id}"
    assert by_kind["care_case"].reference == world["old"]["care_case"].reference
    assert by_kind["care_case"].term == 180
    for log in logs:
        text = " ".join(str(value) for value in model_to_dict(log).values())
        assert not any(word in text for word in PERSONAL), text
    # ... and every deletion is in the audit log, without an actor (the system did it).
    for kind, row in world["old"].items():
        event = AuditEvent.objects.get(action="delete", object_type=row._meta.label_lower, object_id=str(row.pk))
        assert event.actor is None and kind in event.reason and str(result.batch)[:8] in event.reason


def test_a_legal_hold_stops_the_deletion_until_it_is_lifted(
    beheerder, closed_signal, care_case, django_capture_on_commit_callbacks
):
    signal = closed_signal(LONG_AGO)
    case = care_case(LONG_AGO)
    hold = legal_hold_place(actor=beheerder, record_type="signal_closed", object_id=signal.pk, reason="Bezwaarzaak")
    before = model_to_dict(Signal.objects.get(pk=signal.pk))

    with django_capture_on_commit_callbacks(execute=True):
        result = purge_expired()

    assert [(r.record_type, r.row.pk) for r in result.held] == [("signal_closed", signal.pk)]
    assert model_to_dict(Signal.objects.get(pk=signal.pk)) == before
    assert SignalAttachment.objects.filter(signal=signal).exists()
    assert not _exists(case)
    assert not DeletionLog.objects.filter(object_id=signal.pk, record_type="signal_closed").exists()

    legal_hold_lift(actor=beheerder, hold=hold, reason="Bezwaar afgehandeld")
    with django_capture_on_commit_callbacks(execute=True):
        purge_expired()
    assert not _exists(signal)


def test_a_dry_run_deletes_nothing_and_lists_what_would_go(world, beheerder):
    legal_hold_place(
        actor=beheerder, record_type="meeting", object_id=world["old"]["meeting"].pk, reason="Verzoek politie"
    )
    counts = {model: model.objects.count() for model in (Signal, CareCase, EnforcementCase, Meeting, CaseReferral)}
    counts |= {model: model.objects.count() for model in (IntakeDraft, InspectionDraft, SignalStatusChange)}

    result = purge_expired(dry_run=True)
    output = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=output)

    assert {(r.record_type, r.row.pk) for r in result.deleted} == {
        (kind, row.pk) for kind, row in world["old"].items() if kind != "meeting"
    }
    assert [r.record_type for r in result.held] == ["meeting"]
    assert {model: model.objects.count() for model in counts} == counts
    assert not DeletionLog.objects.exists()
    text = output.getvalue()
    assert world["old"]["signal_closed"].reference in text
    assert world["young"]["signal_closed"].reference not in text
    assert "legal hold\tmeeting" in text
    assert "7 record(s) would be deleted, 1 kept by a legal hold," in text and "Nothing was deleted." in text


def test_the_command_queues_the_task(closed_signal, django_capture_on_commit_callbacks):
    signal = closed_signal(LONG_AGO)
    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired", stdout=output)
    assert "Purge of expired records queued" in output.getvalue()
    assert not _exists(signal)


def test_a_municipality_own_term_decides(beheerder, beheerder_zuiderhaven, closed_signal):
    eighteen_months = dt.timedelta(days=548)
    signal = closed_signal(eighteen_months)
    assert [r.row.pk for r in purge_expired(dry_run=True).deleted] == [signal.pk]

    retention_term_set(actor=beheerder, record_type="signal_closed", term=24, note="Beleid gemeente")
    assert purge_expired(dry_run=True).deleted == []
    # Another municipality's own term does not touch Voorbeeld's records.
    retention_term_set(actor=beheerder_zuiderhaven, record_type="signal_closed", term=6, note="Kort")
    assert purge_expired(dry_run=True).deleted == []

    retention_term_set(actor=beheerder, record_type="signal_closed", term=17, note="Toch korter")
    (record,) = purge_expired(dry_run=True).deleted
    assert record.own_term and record.term == 17


def test_a_record_still_needed_by_another_is_blocked_not_deleted(
    handed_signal, coordinator, django_capture_on_commit_callbacks
):
    """A closed hand-over whose care case still runs keeps its signal: reported, nothing deleted."""
    from baken.care.services import care_case_from_handover

    signal = handed_signal(LONG_AGO)
    case = care_case_from_handover(
        actor=coordinator, handover=signal.escalations.get(), accept=True, pseudonym="Linde 14"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = purge_expired()
    assert [r.row.pk for r in result.blocked] == [signal.pk]
    assert _exists(signal) and _exists(case) and signal.escalations.exists()
    assert SignalStatusChange.objects.filter(signal=signal).exists()
    assert not DeletionLog.objects.exists()


def test_a_record_gone_meanwhile_is_skipped(closed_signal):
    """Found expired, then deleted by someone else before its turn: no log row, no error."""
    import uuid

    from baken.retention.services import _destroy, expired_records

    closed_signal(LONG_AGO)
    (record,) = expired_records(today=dt.date.today())
    record.row = Signal(pk=record.row.pk + 1000, organisation_id=record.organisation_id)
    assert _destroy(record, batch=uuid.uuid4()) == 0
    assert not DeletionLog.objects.exists()


def test_the_purge_may_not_touch_the_audit_log(closed_signal):
    """retention_delete removes history rows, never audit or deletion log rows; on PostgreSQL its
    function refuses those tables, and a plain DELETE of a history row is still refused."""
    from django.db import DatabaseError, transaction

    from baken.core.append_only import retention_delete

    signal, other = closed_signal(LONG_AGO), closed_signal(LONG_AGO)
    history = list(SignalStatusChange.objects.filter(signal=signal).values_list("pk", flat=True))
    assert retention_delete(SignalStatusChange, history) == len(history) > 0
    assert retention_delete(SignalStatusChange, []) == 0
    assert not SignalStatusChange.objects.filter(signal=signal).exists()
    if connection.vendor != "postgresql":
        return  # SQLite has no triggers and no roles: the ORM guard is the only one there
    audit = AuditEvent.objects.values_list("pk", flat=True).first()
    for model in (AuditEvent, DeletionLog, Signal):
        with pytest.raises(DatabaseError, match="may not be purged"), transaction.atomic():
            retention_delete(model, [audit])
    assert AuditEvent.objects.filter(pk=audit).exists()
    # After the function, the trigger refuses a plain DELETE again (the other signal's history).
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM signalling_signalstatuschange")
    assert SignalStatusChange.objects.filter(signal=other).exists()


def test_legal_hold_objects_are_listed_in_the_model(beheerder, closed_signal):
    signal = closed_signal(LONG_AGO)
    hold = legal_hold_place(actor=beheerder, record_type="signal_closed", object_id=signal.pk, reason="Rechtszaak")
    assert str(hold) == f"signal_closed:{signal.pk}"
    assert LegalHold.objects.get().placed_by == beheerder


def test_histories_and_files_are_taken_from_either_path_of_the_collector(closed_signal, intake_draft):
    """Django's collector holds rows as instances or, without dependants, as querysets for one
    bulk delete: histories and files are found on both paths."""
    from types import SimpleNamespace

    from baken.retention.services import _delete_histories, _files_of

    signal = closed_signal(LONG_AGO)
    draft = intake_draft(dt.timedelta(days=10), "pad")
    uploads = IntakeDraftUpload.objects.filter(draft=draft)
    attachments = SignalAttachment.objects.filter(signal=signal)
    as_rows = SimpleNamespace(data={SignalAttachment: set(attachments)}, fast_deletes=[uploads])
    assert sorted(name for _storage, name in _files_of(as_rows)) == sorted(
        [attachments.get().file.name, uploads.get().file.name]
    )
    history = SignalStatusChange.objects.filter(signal=signal)
    count = history.count()
    collector = SimpleNamespace(data={SignalStatusChange: set(history), Signal: {signal}}, fast_deletes=[uploads])
    assert _delete_histories(collector) == count
    assert not SignalStatusChange.objects.filter(signal=signal).exists()
    assert list(collector.data) == [Signal] and collector.fast_deletes == [uploads]
    queued = SimpleNamespace(data={}, fast_deletes=[SignalStatusChange.objects.filter(signal=closed_signal(LONG_AGO))])
    assert _delete_histories(queued) > 0 and queued.fast_deletes == []
