"""Writes of the core app: audit log, organisations and their huisstijl, notifications, and the
task engine's bookkeeping (e-mails sent once, workers' heartbeats, tasks a dead worker left)."""

import contextlib
import datetime as dt
import logging
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image

from baken.core.access import policy_for
from baken.core.audit_chain import chain_key, row_hash
from baken.core.exceptions import NotPermitted
from baken.core.models import (
    AuditAction,
    AuditChainHead,
    AuditEvent,
    Notification,
    Organisation,
    Region,
    SentEmail,
    TaskWorker,
)
from baken.core.permissions import users_with_permission
from baken.core.request_context import current_client_ip, current_request_id
from baken.core.signals import organisation_created
from baken.core.wijk_boundaries import MAX_BYTES as MAX_BOUNDARY_BYTES
from baken.core.wijk_boundaries import BoundaryError
from baken.core.wijk_boundaries import parse as parse_wijken


def audit_record(
    *,
    actor,
    action: AuditAction | str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    organisation: Organisation | None = None,
    region: Region | None = None,
    reason: str = "",
    username: str = "",
) -> AuditEvent:
    """Append one line to the audit log. The only way code writes to it. The request id and the
    client's address come from the request context (empty in jobs and commands).

    Each row has one scope, the privacy officer who reads it: the organisation (given, or the
    object's), else the region when given (a region's own row, whoever acts), else the actor's
    organisation, else a regional actor's region, else none: the installation's national scope.
    The row is hashed onto its scope's chain while the chain's head is locked, so parallel
    writers append one after the other (audit_chain.py)."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        if organisation is None:
            organisation = getattr(obj, "organisation", None) if not isinstance(obj, Organisation) else obj
    if organisation is None and region is None and is_user:
        organisation = actor.organisation
    region_id = region.pk if region is not None else None
    if organisation is None and region_id is None and is_user:
        region_id = actor.region_id  # a regional account: the region's privacy officer reads it
    event = AuditEvent(
        actor=actor if is_user else None,
        actor_username=(actor.get_username() if is_user else username)[:150],
        organisation=organisation,
        region_id=region_id if organisation is None else None,
        action=action,
        object_type=object_type[:60],
        object_id=str(object_id)[:64],
        reason=reason[:255],
        request_id=current_request_id.get(),
        ip_address=current_client_ip.get(),
    )
    key = chain_key(organisation_id=event.organisation_id, region_id=event.region_id)
    # No savepoint of its own: a failed audit write fails the caller's whole transaction.
    with transaction.atomic(savepoint=False):
        # get_or_create settles two first writers of a new chain: the loser's insert fails on the
        # unique key and it takes (and locks) the winner's head.
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(
            chain=key, defaults={"last_event_id": 0, "last_hash": ""}
        )
        event.prev_hash = head.last_hash
        event.timestamp = timezone.now()  # under the lock: a chain's timestamps never go back
        event.row_hash = row_hash(event, event.prev_hash)
        event.save(force_insert=True)
        head.last_event_id, head.last_hash = event.pk, event.row_hash
        head.save(update_fields=["last_event_id", "last_hash"])
    return event


#: Refusals logged per user and route: the first in each minute; the rest are only counted.
REFUSAL_WINDOW_SECONDS = 60


def audit_refusal(*, actor, route: str, ids: dict[str, Any] | None = None, source: str = "") -> AuditEvent | None:
    """Log a refused request (a 404 from an access policy, or a service's NotPermitted) as
    PERMISSION_DENIED, with the route name and the ids of the path in the reason.

    A scanner must not flood the append-only log: the first refusal per (user, route, minute) is
    written, further ones in that minute are only counted in the cache. The default cache is
    local to a process, so a deployment with several processes writes at most one row per process
    per user, route and minute. Returns the row written, or None when the refusal was counted."""
    minute = int(timezone.now().timestamp()) // REFUSAL_WINDOW_SECONDS
    key = f"audit-refusal:{actor.pk}:{route}:{minute}"
    if not cache.add(key, 1, timeout=REFUSAL_WINDOW_SECONDS * 2):
        # Expired between add and incr: nothing to count, the next refusal writes again.
        with contextlib.suppress(ValueError):
            cache.incr(key)
        return None
    parts = [route, *(f"{name}={value}" for name, value in sorted((ids or {}).items(), key=lambda item: str(item[0])))]
    if source:
        parts.append(f"({source})")
    return audit_record(actor=actor, action=AuditAction.PERMISSION_DENIED, reason=" ".join(parts))


#: Query-string parameters that page or render a list rather than filter it.
NOT_A_FILTER = frozenset({"pagina"})


def list_view_reason(label: str, params=None) -> str:
    """The reason of the one audit row of a list or search view: what was listed and with which
    filter and search, e.g. `triage-inbox: q=Jansen status=nieuw`. Fits the reason field: a long
    search is cut off, marked with an ellipsis.

    `params` is the bound form that read the query string: only the values its fields cleaned
    are written, so a parameter the view does not read, or a value its field refused, never
    reaches the log. A QueryDict (the raw query string) is still accepted, and written as sent."""
    filters = [f"{key[:30]}={value}" for key, value in _filter_values(params) if key not in NOT_A_FILTER]
    reason = f"{label}: {' '.join(filters)}" if filters else label
    limit = AuditEvent._meta.get_field("reason").max_length
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"


def _filter_values(params) -> list[tuple[str, str]]:
    if params is None:
        return []
    if isinstance(params, forms.BaseForm):
        params.is_valid()  # a field that did not validate is left out of cleaned_data
        cleaned = params.cleaned_data
        pairs = []
        for name in sorted(cleaned):
            value = cleaned[name]
            items = value if isinstance(value, list | tuple | models.QuerySet) else [value]
            field = params.fields[name]
            pairs += [(name, str(field.prepare_value(item))) for item in items if item not in (None, "")]
        return [(name, text) for name, text in pairs if text.strip()]
    return [(key, value) for key in sorted(params) for value in params.getlist(key) if value.strip()]


HUISSTIJL_FIELDS = ("logo", "primary_colour", "primary_text_colour", "link_colour")
MAX_LOGO_BYTES = 1024 * 1024
ALLOWED_LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def _check_logo(logo) -> str:
    """A new logo: at most 1 MB, and an image that Pillow can read as PNG, JPEG or WebP.
    Returns the extension of the format found in the content."""
    if logo.size > MAX_LOGO_BYTES:
        raise ValidationError({"logo": _("Het logo is te groot (hoogstens 1 MB).")})
    try:
        logo.seek(0)
        with Image.open(logo) as image:
            image_format = image.format
            image.verify()
    except Exception as exc:  # Pillow raises many types for broken files
        raise ValidationError({"logo": _("Dit bestand is geen geldige afbeelding.")}) from exc
    if image_format not in ALLOWED_LOGO_FORMATS:
        raise ValidationError({"logo": _("Gebruik een PNG-, JPEG- of WebP-afbeelding.")})
    logo.seek(0)
    return ALLOWED_LOGO_FORMATS[image_format]


@transaction.atomic(durable=True)
def organisation_update_huisstijl(*, actor: AbstractUser | None, organisation: Organisation, changes: dict[str, Any]):
    """Apply validated huisstijl changes and log them. `actor` None is the installation's
    administrator (demo data, install commands), never a web request."""
    if actor is not None and not policy_for(Organisation).allows(actor, "manage_huisstijl", organisation):
        raise NotPermitted
    unknown = set(changes) - set(HUISSTIJL_FIELDS)
    if unknown:
        raise ValueError(f"Not huisstijl fields: {sorted(unknown)}")
    if changes.get("logo") and hasattr(changes["logo"], "size"):
        # Stored under the extension of what the content is, whatever the upload was called.
        changes["logo"].name = f"logo.{_check_logo(changes['logo'])}"
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save(update_fields=list(changes))
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=organisation,
        reason=f"huisstijl: {', '.join(sorted(changes))}",
    )
    return organisation


SETTINGS_FIELDS = ("triage_working_days", "reply_email", "officer_deputy", "wijk_boundaries")


def _check_wijk_boundaries(upload) -> None:
    """A new wijk boundary file: at most 5 MB, and wijken that the map can draw."""
    if upload.size > MAX_BOUNDARY_BYTES:
        raise ValidationError({"wijk_boundaries": _("Het bestand met wijkgrenzen is te groot (hoogstens 5 MB).")})
    upload.seek(0)
    try:
        parse_wijken(upload.read())
    except BoundaryError as exc:
        raise ValidationError(
            {
                "wijk_boundaries": _(
                    "Dit bestand is geen GeoJSON-bestand met wijken: verwacht wordt een FeatureCollection van "
                    "vlakken (Polygon of MultiPolygon) in WGS84, elk met een naam in wijknaam, naam of name."
                )
            }
        ) from exc
    upload.seek(0)


def _shown(value) -> str:
    if value is None or value == "":
        return "-"
    return value.get_username() if hasattr(value, "get_username") else str(value)


@transaction.atomic(durable=True)
def organisation_update_settings(*, actor, organisation: Organisation, changes: dict[str, Any]) -> Organisation:
    """Change the municipality's settings (triage term, reply address, the aandachtsfunctionaris's
    deputy). The audit line names each change with its previous value. The deputy must be an
    active colleague who triages signals."""
    if not policy_for(Organisation).allows(actor, "manage_huisstijl", organisation):
        raise NotPermitted
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"Not settings fields: {sorted(unknown)}")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    deputy = changes.get("officer_deputy")
    if deputy is not None and not (
        deputy.is_active
        and deputy.organisation_id == organisation.pk
        and users_with_permission("signalling.triage_signal").filter(pk=deputy.pk).exists()
    ):
        raise ValidationError(
            {"officer_deputy": _("Kies een actieve aandachtsfunctionaris van uw eigen gemeente als vervanger.")}
        )
    upload = changes.get("wijk_boundaries")
    if upload is False:  # "clear" in the form: back to the installation's file, if any
        changes["wijk_boundaries"] = ""
    elif upload:
        _check_wijk_boundaries(upload)
    before = {field: getattr(organisation, field) for field in changes}
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save(update_fields=list(changes))
    labels = {field: str(Organisation._meta.get_field(field).verbose_name) for field in SETTINGS_FIELDS}
    parts = [
        f"{labels[field]}: {_shown(before[field])} → {_shown(value)}"
        for field, value in changes.items()
        if before[field] != value
    ]
    if parts:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=organisation, reason="; ".join(parts))
    return organisation


@transaction.atomic(durable=True)
def notifications_mark_read(*, user: AbstractUser, ids: list[int] | None = None) -> int:
    """Mark the user's own notifications as read (all, or the given ones); one audit line."""
    unread = policy_for(Notification).visible(user).filter(read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    count = unread.update(read_at=timezone.now())
    if count:
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            object_type=Notification._meta.label_lower,
            reason=_("%(count)d bericht(en) als gelezen gemarkeerd") % {"count": count},
        )
    return count


@transaction.atomic(durable=True)
def notification_mark_read(*, user: AbstractUser, pk: int) -> Notification:
    """Mark one of the user's own notifications as read; someone else's is NotPermitted (404)."""
    notification = policy_for(Notification).visible(user).select_for_update().filter(pk=pk).first()
    if notification is None:
        raise NotPermitted
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=notification, reason=_("bericht als gelezen gemarkeerd")
        )
    return notification


@transaction.atomic(durable=True)
def organisation_create(
    *,
    name: str,
    slug: str,
    cbs_code: str,
    region: Region | None = None,
    region_slug: str = "",
    region_name: str = "",
    actor=None,
    colours: dict[str, str] | None = None,
) -> Organisation:
    """Register a municipality (installation command and demo, not a web request: the installation's
    administrator runs it). Validates the CBS code and colours. With `region_slug`, the region is
    found or created in the same transaction."""
    if region is None and region_slug:
        region, _created = Region.objects.get_or_create(slug=region_slug, defaults={"name": region_name or region_slug})
    return organisation_register(actor=actor, name=name, slug=slug, cbs_code=cbs_code, region=region, colours=colours)


@transaction.atomic
def organisation_register(
    *, actor, name: str, slug: str, cbs_code: str, region: Region | None, colours: dict[str, str] | None = None
) -> Organisation:
    """Save and audit a new municipality inside the caller's transaction; the national partners and
    catalogues follow through `organisation_created`. The caller checks who may (the
    installatiebeheerder's service in accounts, or the installation's commands)."""
    organisation = Organisation(
        name=name, slug=slug, cbs_code=cbs_code, region=region, created_at=timezone.now(), **(colours or {})
    )
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=organisation, reason=cbs_code)
    organisation_created.send(sender=Organisation, organisation=organisation)
    return organisation


# --- the task engine's bookkeeping ------------------------------------------------------------

logger = logging.getLogger(__name__)


def email_send_once(*, task_id: str, recipient: AbstractUser, subject: str, body: str) -> int:
    """Send one e-mail to `recipient` unless this task already mailed them: a task that runs
    again after its worker was killed mails only whom it had not reached. The record is written as
    soon as the mail server took the message; only a crash between those two moments sends one
    mail twice (never none). Returns how many went out: 1 or 0."""
    if SentEmail.objects.filter(task_id=task_id, recipient=recipient).exists():
        return 0
    sent = send_mail(subject, body, None, [recipient.email])
    if sent:
        SentEmail.objects.bulk_create([SentEmail(task_id=task_id, recipient=recipient)], ignore_conflicts=True)
    return sent


#: How long the record of an e-mail a task sent is kept: far longer than any rerun of that task
#: can come (a dead worker's tasks are requeued within BAKEN_TASK_WORKER_TIMEOUT_SECONDS).
SENT_EMAIL_DAYS = 30


def sent_emails_prune(*, now: dt.datetime | None = None) -> int:
    """Forget the e-mails tasks sent more than SENT_EMAIL_DAYS ago (the records name staff
    members and tasks; nothing reruns that late). Daily, with the retention purge. Returns how
    many records went."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=SENT_EMAIL_DAYS)
    deleted, _per_model = SentEmail.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


def task_worker_seen(*, worker_id: str, now: dt.datetime | None = None) -> None:
    """The heartbeat of a running task worker."""
    TaskWorker.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now or timezone.now()})


def tasks_requeue_abandoned(*, timeout: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Put back in the queue each task left RUNNING by a worker that was not seen for `timeout`
    (killed, out of memory, its machine gone), so that another worker runs it again, and forget
    workers gone for long. The task keeps its id, so e-mails it sent are not sent again
    (email_send_once). Returns how many tasks were requeued."""
    now = now or timezone.now()
    cutoff = now - timeout
    alive = set(TaskWorker.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    requeued = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff):
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        # Only if nobody changed it meanwhile (another worker requeued or finished it).
        requeued += DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        ).update(status=TaskResultStatus.READY, started_at=None)
        logger.warning("Task %s (%s) requeued: its worker %s is gone", result.pk, result.task_path, result.worker_ids)
    TaskWorker.objects.filter(seen_at__lt=now - 100 * timeout).delete()
    return requeued


# --- files that no row refers to ------------------------------------------------------------


def _stored_files(directory: str = "") -> list[str]:
    folders, files = default_storage.listdir(directory)
    names = [f"{directory}/{name}" if directory else name for name in files]
    for folder in folders:
        names += _stored_files(f"{directory}/{folder}" if directory else folder)
    return names


def orphan_files_purge(*, older_than: dt.timedelta, now: dt.datetime | None = None, dry_run: bool = False) -> list[str]:
    """Delete the uploaded files that no row refers to and that are older than `older_than`: what
    a process killed between writing an attachment and committing its row leaves behind (kill -9,
    out of memory; a clean error removes its files itself). Younger files may belong to a request
    that is still running, so `older_than` must be longer than the longest request (gunicorn's
    timeout). Returns the names, sorted; with `dry_run` nothing is deleted."""
    referenced: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                referenced.update(model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True))
    cutoff = (now or timezone.now()) - older_than
    orphans = sorted(
        name for name in _stored_files() if name not in referenced and default_storage.get_modified_time(name) < cutoff
    )
    if not dry_run:
        for name in orphans:
            default_storage.delete(name)
            logger.warning("Uploaded file without a row deleted: %s", name)
    return orphans
