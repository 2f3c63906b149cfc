"""Writes of retention: a municipality's own terms, legal holds, and the purge that deletes what
has expired. Typed keyword-only functions; every change audited.

The purge (ADR 0017) takes each kind of record from the catalogue that is marked purge = true,
finds the rows whose term (the municipality's own, else the catalogue's) has run out, leaves the
ones under an active legal hold, and deletes each of the others in its own transaction: the row,
its relations (Django's cascade; the append-only histories through core's retention_delete,
which alone may delete them), and, once that transaction commits, its files on disk. Each deletion
writes one DeletionLog row (identifiers and dates only) and one audit line. A record that other
records still protect (a signal whose care case still exists) is left and reported as blocked.
"""

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import FileField, Model, ProtectedError, Q, RestrictedError
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.core import audit_chain
from baken.core.access import policy_for
from baken.core.append_only import AppendOnlyModel, retention_delete
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, AuditCheckpoint, AuditEvent, Organisation, Region
from baken.core.services import audit_record, sent_emails_prune
from baken.core.versioning import RevisionAction, append_revision
from baken.retention.catalogue.loader import RecordType, catalogue
from baken.retention.models import (
    DeletionLog,
    DeletionReason,
    LegalHold,
    RetentionOverride,
    RetentionOverrideRevision,
)
from baken.retention.sources import SOURCES, Source


def _require_manager(actor, model=RetentionOverride) -> None:
    if not policy_for(model).user_may(actor, "change"):
        raise NotPermitted


def _unit_label(entry: RecordType, amount: int) -> str:
    if entry.unit == "days":
        return _("%(amount)s dagen") % {"amount": amount}
    return _("%(amount)s maanden") % {"amount": amount}


#: The audit log's term holds for the whole installation: its rows go chain by chain through the
#: database function (core/audit_chain.py), not record by record (ADR 0017).
AUDIT_LOG = "audit_log"


def _purged_entry(record_type: str) -> RecordType:
    entry = catalogue().record_types.get(record_type)
    if entry is None or not entry.purge:
        raise ValidationError(_("Voor dit soort gegeven kan Baken geen bewaartermijn toepassen."))
    if record_type == AUDIT_LOG:
        raise ValidationError(
            _(
                "Het auditlog heeft één bewaartermijn voor de hele installatie: geen eigen termijn en geen "
                "bewaarplicht per regel."
            )
        )
    return entry


# --- a municipality's own terms ------------------------------------------------------------------


def retention_term_set(*, actor, record_type: str, term: int, note: str) -> RetentionOverride:
    """Set the actor's municipality's own term for `record_type`, within the catalogue's minimum
    and maximum (a legal bound, not a preference); refused with a Dutch message otherwise."""
    _require_manager(actor)
    entry = _purged_entry(record_type)
    note = note.strip()
    if not note:
        raise ValidationError(_("Geef een toelichting: waarom wijkt uw gemeente af?"))
    if not entry.minimum <= term <= entry.maximum:
        raise ValidationError(
            _("De bewaartermijn voor %(label)s moet tussen %(minimum)s en %(maximum)s liggen.")
            % {
                "label": entry.label.lower(),
                "minimum": _unit_label(entry, entry.minimum),
                "maximum": _unit_label(entry, entry.maximum),
            }
        )
    with transaction.atomic():
        override = (
            RetentionOverride.objects.select_for_update()
            .filter(organisation_id=actor.organisation_id, record_type=record_type)
            .first()
        )
        creating = override is None
        if creating:
            override = RetentionOverride(organisation_id=actor.organisation_id, record_type=record_type)
        override.term = term
        override.note = note[:300]
        append_revision(
            override,
            RetentionOverrideRevision,
            actor=actor,
            action=RevisionAction.CREATE if creating else RevisionAction.UPDATE,
            note=note,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            obj=override,
            reason=_("bewaartermijn %(code)s: %(term)s") % {"code": record_type, "term": _unit_label(entry, term)},
        )
    return override


# --- legal holds ---------------------------------------------------------------------------------


def legal_hold_place(*, actor, record_type: str, object_id: int, reason: str) -> LegalHold:
    """Stop the deletion of one record of the actor's municipality until the hold is lifted."""
    _require_manager(actor, LegalHold)
    _purged_entry(record_type)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Geef de reden van de bewaarplicht."))
    source = SOURCES[record_type]
    if not source.model.objects.filter(pk=object_id, organisation_id=actor.organisation_id).exists():
        raise ValidationError(_("Dit record bestaat niet (meer) in uw gemeente."))
    with transaction.atomic():
        if LegalHold.objects.filter(record_type=record_type, object_id=object_id, lifted_at__isnull=True).exists():
            raise ValidationError(_("Op dit record rust al een bewaarplicht."))
        hold = LegalHold.objects.create(
            organisation_id=actor.organisation_id,
            record_type=record_type,
            object_id=object_id,
            reason=reason[:300],
            placed_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=hold,
            reason=_("bewaarplicht op %(code)s %(id)s") % {"code": record_type, "id": object_id},
        )
    return hold


def legal_hold_lift(*, actor, hold: LegalHold, reason: str) -> LegalHold:
    """Lift an active hold of the actor's municipality: the record's term applies again."""
    if not policy_for(LegalHold).allows(actor, "change", hold):
        raise NotPermitted
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Geef de reden waarom de bewaarplicht vervalt."))
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.lifted_at is not None:
            raise ValidationError(_("Deze bewaarplicht is al opgeheven."))
        hold.lifted_at = timezone.now()
        hold.lifted_by = actor
        hold.lift_reason = reason[:300]
        hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=hold,
            reason=_("bewaarplicht opgeheven op %(code)s %(id)s") % {"code": hold.record_type, "id": hold.object_id},
        )
    return hold


# --- the purge -----------------------------------------------------------------------------------


@dataclass
class Expired:
    """One record whose term has run out: identifiers and dates only."""

    record_type: str
    row: Model
    organisation_id: int
    reference: str
    created_on: dt.date | None
    term_started_on: dt.date
    expired_on: dt.date
    term: int
    unit: str
    own_term: bool

    @property
    def object_type(self) -> str:
        return self.row._meta.label_lower


@dataclass
class PurgeResult:
    batch: uuid.UUID
    dry_run: bool
    deleted: list[Expired] = field(default_factory=list)
    held: list[Expired] = field(default_factory=list)
    blocked: list[Expired] = field(default_factory=list)
    files: int = 0
    #: Audit rows past the audit log's own term (removed, or with dry_run: that would be).
    audit_rows: int = 0
    #: Records of e-mails sent by tasks, kept only while a task could run again (core).
    sent_email_records: int = 0


def _bound(source: Source, latest_start: dt.date):
    """Rows whose term started on or before `latest_start`, as a filter on retention_start."""
    if source.datetime_start:
        next_day = dt.datetime.combine(latest_start + dt.timedelta(days=1), dt.time.min)
        return Q(retention_start__lt=timezone.make_aware(next_day))
    return Q(retention_start__lte=latest_start)


def expired_records(*, today: dt.date) -> list[Expired]:
    """Every record of a purged kind whose term (own or catalogue) has run out on `today`."""
    found = []
    for entry in catalogue().record_types.values():
        if not entry.purge or entry.code == AUDIT_LOG:
            continue
        source = SOURCES[entry.code]
        own = dict(RetentionOverride.objects.filter(record_type=entry.code).values_list("organisation_id", "term"))
        condition = ~Q(organisation_id__in=list(own)) & _bound(source, entry.latest_start(today))
        for organisation_id, term in own.items():
            condition |= Q(organisation_id=organisation_id) & _bound(source, entry.latest_start(today, term))
        # latest_start is exact: add_months is monotonic and never lands after `today`.
        for row in source.rows().filter(condition).order_by("pk"):
            term = own.get(row.organisation_id, entry.term)
            started = source.start_date(row)
            found.append(
                Expired(
                    record_type=entry.code,
                    row=row,
                    organisation_id=row.organisation_id,
                    reference=source.reference(row)[:40],
                    created_on=source.created_on(row),
                    term_started_on=started,
                    expired_on=entry.expires_on(started, term),
                    term=term,
                    unit=entry.unit,
                    own_term=row.organisation_id in own,
                )
            )
    return found


def _held(records: Iterable[Expired]) -> set[tuple[str, int]]:
    keys = {(record.record_type, record.row.pk) for record in records}
    active = LegalHold.objects.filter(lifted_at__isnull=True, record_type__in={code for code, _pk in keys})
    return {key for key in active.values_list("record_type", "object_id") if key in keys}


def purge_expired(*, now: dt.datetime | None = None, dry_run: bool = False) -> PurgeResult:
    """Delete every expired record that no legal hold keeps (or, with dry_run, only list them)."""
    today = timezone.localdate(now or timezone.now())
    result = PurgeResult(batch=uuid.uuid4(), dry_run=dry_run)
    records = expired_records(today=today)
    held = _held(records)
    for record in records:
        if (record.record_type, record.row.pk) in held:
            result.held.append(record)
        elif dry_run:
            result.deleted.append(record)
        else:
            try:
                result.files += _destroy(record, batch=result.batch)
            except (ProtectedError, RestrictedError):
                result.blocked.append(record)
            else:
                result.deleted.append(record)
    result.audit_rows = _purge_audit_log(today=today, batch=result.batch, dry_run=dry_run)
    if not dry_run:
        result.sent_email_records = sent_emails_prune(now=now)
    return result


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_log_cutoffs(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """(cutoff, latest permitted cutoff): audit rows written before the first moment of the day on
    which the catalogue's term started may go; never later than the catalogue's minimum term."""
    entry = catalogue().record_types[AUDIT_LOG]
    return _midnight(entry.latest_start(today)), _midnight(entry.latest_start(today, entry.minimum))


def _purge_audit_log(*, today: dt.date, batch: uuid.UUID, dry_run: bool) -> int:
    """Remove the audit rows past the audit log's term, chain by chain, each chain re-anchored on a
    checkpoint (core.AuditCheckpoint) so that `audit_verify` still proves the rest; one audit
    line per chain says how many rows went and from before when."""
    entry = catalogue().record_types[AUDIT_LOG]
    if not entry.purge:
        return 0
    cutoff, latest = audit_log_cutoffs(today)
    if dry_run:
        return audit_chain.expired_rows(cutoff=cutoff)
    with transaction.atomic():  # the rows go with their audit lines, or not at all
        removed = audit_chain.purge_before(cutoff=cutoff, latest_cutoff=latest, run=str(batch))
        for checkpoint in AuditCheckpoint.objects.filter(run=str(batch)).order_by("chain"):
            scope = audit_chain.scope_of(checkpoint.chain)
            audit_record(
                actor=None,
                action=AuditAction.DELETE,
                object_type=AuditEvent._meta.label_lower,
                organisation=Organisation.objects.filter(pk=scope["organisation_id"]).first(),
                region=Region.objects.filter(pk=scope["region_id"]).first(),
                reason=_("bewaartermijn auditlog: %(rows)s regels van vóór %(date)s, run %(batch)s")
                % {
                    "rows": checkpoint.rows_deleted,
                    "date": timezone.localdate(cutoff).isoformat(),
                    "batch": str(batch)[:8],
                },
            )
    return removed


def _files_of(collector: Collector) -> list:
    """The files (storage, name) of every row the collector will delete."""
    found = []

    def file_fields(model):
        return [f for f in model._meta.concrete_fields if isinstance(f, FileField)]

    for model, rows in collector.data.items():
        for file_field in file_fields(model):
            found += [(file_field.storage, getattr(row, file_field.attname).name) for row in rows]
    for queryset in collector.fast_deletes:
        for file_field in file_fields(queryset.model):
            found += [(file_field.storage, name) for name in queryset.values_list(file_field.attname, flat=True)]
    return [(storage, name) for storage, name in found if name]


def _delete_histories(collector: Collector) -> int:
    """Take the append-only rows (status histories, notes, logs of the record) out of the
    collector and delete them through core's retention_delete: the runtime role may not DELETE
    them itself. Foreign keys are checked at commit, so the order does not matter."""
    deleted = 0
    for model in [model for model in collector.data if issubclass(model, AppendOnlyModel)]:
        deleted += retention_delete(model, [row.pk for row in collector.data.pop(model)])
    kept = []
    for queryset in collector.fast_deletes:
        if issubclass(queryset.model, AppendOnlyModel):
            deleted += retention_delete(queryset.model, list(queryset.values_list("pk", flat=True)))
        else:
            kept.append(queryset)
    collector.fast_deletes = kept
    return deleted


def _delete_files(files: list) -> None:
    for storage, name in files:
        with contextlib.suppress(OSError):
            storage.delete(name)


def _destroy(record: Expired, *, batch: uuid.UUID) -> int:
    """Delete one record with its relations in one transaction; its files once that commits.
    Returns the number of files."""
    source = SOURCES[record.record_type]
    files: list = []
    rows = 0
    with transaction.atomic():
        locked = source.model.objects.select_for_update().filter(pk=record.row.pk).first()
        if locked is None:  # gone meanwhile (deleted by hand or by another run): nothing to log
            return 0
        # What protects the record goes first (a signal's hand-overs), each in its own collector.
        for doomed in [*([row] for row in source.before(locked)), [locked]]:
            collector = Collector(using=DEFAULT_DB_ALIAS)
            collector.collect(doomed)
            files += _files_of(collector)
            rows += _delete_histories(collector)
            rows += collector.delete()[0]
        DeletionLog.objects.create(
            batch=batch,
            organisation_id=record.organisation_id,
            record_type=record.record_type,
            object_type=record.object_type,
            object_id=record.row.pk,
            reference=record.reference,
            created_on=record.created_on,
            term_started_on=record.term_started_on,
            expired_on=record.expired_on,
            term=record.term,
            unit=record.unit,
            own_term=record.own_term,
            catalogue_version=catalogue().version,
            reason=DeletionReason.AUTOMATIC,
            related_rows=rows,
            files=len(files),
            deleted_at=timezone.now(),
        )
        audit_record(
            actor=None,
            action=AuditAction.DELETE,
            object_type=record.object_type,
            object_id=record.row.pk,
            organisation=locked.organisation,
            reason=_("bewaartermijn verlopen op %(date)s (%(code)s), run %(batch)s")
            % {"date": record.expired_on.isoformat(), "code": record.record_type, "batch": str(batch)[:8]},
        )
        transaction.on_commit(lambda: _delete_files(files), robust=True)
    return len(files)
