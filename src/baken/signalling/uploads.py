"""Checks on uploaded attachments: size, and type by content (never by name or browser claim)."""

import errno
import hashlib
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
ALLOWED_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/pdf": "pdf",
}


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    extension: str
    size: int
    sha256: str


def check_attachment(upload) -> CheckedFile:
    """Raise a Dutch ValidationError unless `upload` is a photo or PDF of at most 10 MB."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("%(name)s is te groot: een bijlage mag hoogstens 10 MB zijn.") % {"name": upload.name}, code="too_large"
        )
    if upload.size == 0:
        raise ValidationError(_("%(name)s is leeg.") % {"name": upload.name}, code="empty")
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("%(name)s is geen foto (JPEG, PNG, WebP, HEIC) of PDF. Andere bestanden kunnen niet worden meegestuurd.")
            % {"name": upload.name},
            code="wrong_type",
        )
    digest = hashlib.sha256(head)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(kind.mime, ALLOWED_TYPES[kind.mime], upload.size, digest.hexdigest())


def is_storage_full(error: OSError) -> bool:
    """The disk (or the quota) of the uploads is full."""
    return error.errno in (errno.ENOSPC, errno.EDQUOT)


def storage_full_message() -> str:
    return _(
        "De bijlage kon niet worden opgeslagen: de opslag is vol. Uw melding is nog niet verstuurd, maar als "
        "concept bewaard. Probeer het later opnieuw, of verstuur de melding zonder bijlage."
    )
