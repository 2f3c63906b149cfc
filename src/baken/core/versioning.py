"""Versioned rows: a row that keeps a version number and, on every change, appends a full
snapshot of itself to an append-only revision table, so that each version can be read back and
restored. Used by local indicators, local knowledge pages and barrier statuses.

A versioned model has a `revision` counter, an `updated_by` field (or not) and a `snapshot()`
method; its revision model subclasses `Revision` with a foreign key named by `row_field`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from baken.core.append_only import AppendOnlyModel


class RevisionAction(models.TextChoices):
    CREATE = "aangemaakt", gettext_lazy("aangemaakt")
    UPDATE = "gewijzigd", gettext_lazy("gewijzigd")
    WITHDRAW = "ingetrokken", gettext_lazy("ingetrokken")
    RESTORE = "teruggezet", gettext_lazy("teruggezet")


class Revision(AppendOnlyModel):
    """One version of a row: who, when, why, and its full content after the change."""

    revision = models.PositiveIntegerField(gettext_lazy("versie"))
    action = models.CharField(
        gettext_lazy("wijziging"), max_length=20, choices=RevisionAction.choices, default=RevisionAction.UPDATE
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(gettext_lazy("op"), auto_now_add=True)
    note = models.CharField(gettext_lazy("toelichting"), max_length=300, blank=True)
    restored_from = models.PositiveIntegerField(gettext_lazy("teruggezet van versie"), null=True, blank=True)
    content = models.JSONField()

    #: Name of the foreign key to the versioned row, set by each concrete revision model.
    row_field: str = ""

    class Meta:
        abstract = True


def stale_version_error() -> ValidationError:
    return ValidationError(
        _("Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en breng uw wijziging opnieuw aan.")
    )


def require_base_revision(row: models.Model | None, base_revision: int) -> None:
    """Refuse a change made on an older version than the current one (lost-update guard)."""
    current = row.revision if row is not None else 0
    if base_revision != current:
        raise stale_version_error()


def append_revision(
    row: models.Model,
    revision_model: type[Revision],
    *,
    actor,
    action: str,
    note: str = "",
    restored_from: int | None = None,
    content: dict | None = None,
) -> Revision:
    """Save `row` as its next version and append that version's full snapshot (`content`, or
    the row's own `snapshot()`)."""
    row.revision += 1
    if hasattr(row, "updated_by_id"):
        row.updated_by = actor
    row.save()
    return revision_model.objects.create(
        **{revision_model.row_field: row},
        revision=row.revision,
        action=action,
        changed_by=actor,
        note=note.strip()[:300],
        restored_from=restored_from,
        content=content if content is not None else row.snapshot(),
    )


def restore_fields(row: models.Model, revision: Revision, fields) -> None:
    """Put the content of an earlier version back on the row (the caller appends the revision)."""
    for name in fields:
        setattr(row, name, revision.content[name])
