"""Retention: a municipality's own terms (within the catalogue's bounds, versioned), legal holds
that stop a deletion, and the append-only deletion log. The log holds identifiers, dates and the
rule that applied, never personal data (no names, descriptions, addresses or free text)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.core.append_only import AppendOnlyModel
from baken.core.models import Organisation
from baken.core.versioning import Revision


class RetentionOverride(models.Model):
    """A municipality's own term for one kind of record (catalogue code), in the catalogue's
    unit and within its minimum and maximum. Every change is a new revision."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    record_type = models.CharField(_("soort gegeven"), max_length=40)
    term = models.PositiveIntegerField(_("bewaartermijn"))
    note = models.CharField(_("toelichting"), max_length=300)
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("eigen bewaartermijn")
        verbose_name_plural = _("eigen bewaartermijnen")
        default_permissions = ()
        permissions = [("manage_retention", _("Mag bewaartermijnen en bewaarplichten beheren"))]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "record_type"], name="retention_override_once"),
        ]

    def __str__(self) -> str:
        return f"{self.record_type}: {self.term}"

    def snapshot(self) -> dict:
        return {"record_type": self.record_type, "term": self.term, "note": self.note}


class RetentionOverrideRevision(Revision):
    row_field = "override"
    override = models.ForeignKey(RetentionOverride, on_delete=models.PROTECT, related_name="revisions")

    class Meta:
        ordering = ["override", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["override", "revision"], name="retention_override_revision_once"),
        ]


class LegalHold(models.Model):
    """A bewaarplicht on one record (a court case, an objection, a request of the police): while
    it is active the purge leaves the record alone, whatever its term."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    record_type = models.CharField(_("soort gegeven"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("record"))
    reason = models.CharField(_("reden"), max_length=300)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    lift_reason = models.CharField(_("reden van opheffen"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("bewaarplicht")
        verbose_name_plural = _("bewaarplichten")
        default_permissions = ()
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "object_id"],
                condition=Q(lifted_at__isnull=True),
                name="legal_hold_active_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_type}:{self.object_id}"


class DeletionReason(models.TextChoices):
    AUTOMATIC = "automatisch", _("automatisch (bewaartermijn verlopen)")
    MANUAL = "handmatig", _("handmatig")


class DeletionLog(AppendOnlyModel):
    """One deleted record: what it was (kind, id, reference), the dates that made it expire and
    the rule that applied, in which run. No personal data, so it may outlive the record."""

    batch = models.UUIDField(_("run"), db_index=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    record_type = models.CharField(_("soort gegeven"), max_length=40)
    object_type = models.CharField(_("objecttype"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("object-id"))
    reference = models.CharField(_("kenmerk"), max_length=40, blank=True)
    created_on = models.DateField(_("aangemaakt op"), null=True)
    term_started_on = models.DateField(_("termijn begonnen op"))
    expired_on = models.DateField(_("termijn verlopen op"))
    term = models.PositiveIntegerField(_("bewaartermijn"))
    unit = models.CharField(_("eenheid"), max_length=10)
    own_term = models.BooleanField(_("eigen termijn van de gemeente"), default=False)
    catalogue_version = models.CharField(_("catalogusversie"), max_length=20)
    reason = models.CharField(_("reden"), max_length=20, choices=DeletionReason.choices)
    related_rows = models.PositiveIntegerField(_("verwijderde rijen"), default=0)
    files = models.PositiveIntegerField(_("verwijderde bestanden"), default=0)
    deleted_at = models.DateTimeField(_("verwijderd op"))

    class Meta:
        verbose_name = _("vernietigingsregel")
        verbose_name_plural = _("vernietigingslog")
        default_permissions = ()
        ordering = ["-deleted_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-deleted_at"], name="deletion_log_org_time_idx")]

    def __str__(self) -> str:
        return f"{self.record_type}:{self.object_id}"


# --- data-subject requests (AVG art. 15, 16, 18) --------------------------------------------------


class SubjectRequestKind(models.TextChoices):
    ACCESS = "inzage", _("inzage")
    RECTIFICATION = "rectificatie", _("rectificatie")
    RESTRICTION = "beperking", _("beperking")


class SubjectRequest(models.Model):
    """A request of a data subject (a person Baken holds records about), recorded by the
    privacy officer: which right, when it came in, and the officer's own reference. The
    identity of the person is never stored here: the searches keep which fields were used and
    the records found, not the values."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("soort verzoek"), max_length=20, choices=SubjectRequestKind.choices)
    received_on = models.DateField(_("ontvangen op"))
    reference = models.CharField(_("eigen kenmerk"), max_length=60)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verzoek van betrokkene")
        verbose_name_plural = _("verzoeken van betrokkenen")
        default_permissions = ()
        permissions = [
            ("handle_subject_request", _("Mag verzoeken van betrokkenen (inzage, rectificatie, beperking) behandelen"))
        ]
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["organisation", "-received_on"], name="subject_request_org_idx")]

    def __str__(self) -> str:
        return self.reference


class SubjectNoteKind(models.TextChoices):
    RECTIFICATION = "rectificatie", _("rectificatie")
    RESTRICTION = "beperking", _("beperking")


class SubjectRequestNote(AppendOnlyModel):
    """What was rectified or restricted for the request: written once, never changed."""

    request = models.ForeignKey(SubjectRequest, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(_("soort"), max_length=20, choices=SubjectNoteKind.choices)
    text = models.TextField(_("notitie"), max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("notitie bij een verzoek van betrokkene")
        verbose_name_plural = _("notities bij verzoeken van betrokkenen")
        default_permissions = ()
        ordering = ["request", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.kind}"


class SubjectSearch(AppendOnlyModel):
    """One search for the person of a request: which identity fields were used (never their
    values) and the records found, as (kind of record, id) pairs. The result page and the
    inzage export read the records' metadata through these pairs."""

    request = models.ForeignKey(SubjectRequest, on_delete=models.PROTECT, related_name="searches")
    criteria = models.CharField(_("gezocht op"), max_length=60)
    matches = models.JSONField(_("gevonden gegevens"), default=list)
    searched_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    searched_at = models.DateTimeField(_("gezocht op"), default=timezone.now)

    class Meta:
        verbose_name = _("zoekopdracht bij een verzoek van betrokkene")
        verbose_name_plural = _("zoekopdrachten bij verzoeken van betrokkenen")
        default_permissions = ()
        ordering = ["-searched_at", "-id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.criteria}"
