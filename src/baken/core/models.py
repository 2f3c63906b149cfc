"""Tenancy (regions and municipalities with their huisstijl) and the append-only audit log."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.core.append_only import AppendOnlyModel
from baken.core.validators import (
    MINIMUM_TEXT_CONTRAST,
    contrast_ratio,
    validate_cbs_municipality_code,
    validate_hex_colour,
)


class Region(models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def logo_upload_path(organisation: "Organisation", filename: str) -> str:
    """A new name for every upload, so that the logo's URL (which carries the name as its version)
    changes at once and no browser keeps showing a cached old logo."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"logos/{organisation.slug}-{secrets.token_hex(4)}.{extension}"


def wijk_boundaries_upload_path(organisation: "Organisation", filename: str) -> str:
    """A new name for every upload, so that a cached reading of an older file is never used."""
    return f"wijken/{organisation.slug}-{secrets.token_hex(4)}.geojson"


class Organisation(models.Model):
    """A municipality. Every row of domain data belongs to exactly one organisation."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"), max_length=6, unique=True, validators=[validate_cbs_municipality_code]
    )
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="organisations", null=True, blank=True
    )
    # Huisstijl: applied as CSS custom properties over the NL Design System theme.
    logo = models.ImageField(_("logo"), upload_to=logo_upload_path, blank=True)
    #: The map beside the signals per wijk (reporting.wijk_map): a GeoJSON file of the wijken.
    #: With a database default, so that rows written without the column (older code, the migration
    #: tests' historical models) are valid.
    wijk_boundaries = models.FileField(
        _("wijkgrenzen"), upload_to=wijk_boundaries_upload_path, blank=True, default="", db_default=""
    )
    primary_colour = models.CharField(
        _("hoofdkleur"), max_length=7, default="#1f4e79", validators=[validate_hex_colour]
    )
    primary_text_colour = models.CharField(
        _("tekstkleur op hoofdkleur"), max_length=7, default="#ffffff", validators=[validate_hex_colour]
    )
    link_colour = models.CharField(_("linkkleur"), max_length=7, default="#1f4e79", validators=[validate_hex_colour])
    created_at = models.DateTimeField(_("aangemaakt op"), null=True, blank=True, editable=False)
    # Settings the functioneel beheerder keeps in the app (audited with their previous values).
    triage_working_days = models.PositiveSmallIntegerField(
        _("termijn voor triage (werkdagen)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Binnen hoeveel werkdagen de beoordeling van een melding begint (spoed: dezelfde dag)."),
    )
    reply_email = models.EmailField(
        _("antwoordadres voor melders"),
        blank=True,
        # A database default too, so that rows written by code that predates the field (an older
        # migration state, a bulk load) still get one.
        db_default="",
        help_text=_("Melders zien dit adres bij hun melding, voor vragen over wat er met hun melding gebeurt."),
    )
    officer_deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vervanger van de aandachtsfunctionaris"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        default_permissions = ()
        permissions = [
            ("manage_huisstijl", _("Mag de huisstijl van de eigen organisatie beheren")),
            ("manage_organisations", _("Mag gemeenten aanmaken (installatiebeheer, landelijk of in de eigen regio)")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def triage_days(self) -> int:
        """The triage term in working days: the municipality's own, or the installation's default."""
        return self.triage_working_days or settings.BAKEN_TRIAGE_WORKING_DAYS

    def clean(self) -> None:
        errors = {}
        try:
            validate_hex_colour(self.primary_colour)
            validate_hex_colour(self.primary_text_colour)
            validate_hex_colour(self.link_colour)
        except ValidationError:
            return  # the field validators report the format error
        if contrast_ratio(self.primary_colour, self.primary_text_colour) < MINIMUM_TEXT_CONTRAST:
            errors["primary_text_colour"] = _(
                "Het contrast tussen hoofdkleur en tekstkleur is te laag (minimaal 4,5 : 1 volgens WCAG)."
            )
        if contrast_ratio(self.link_colour, "#ffffff") < MINIMUM_TEXT_CONTRAST:
            errors["link_colour"] = _("De linkkleur heeft te weinig contrast met een witte achtergrond.")
        if errors:
            raise ValidationError(errors)


class AuditAction(models.TextChoices):
    CREATE = "create", _("aangemaakt")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    VIEW = "view", _("bekeken")
    EXPORT = "export", _("geëxporteerd")
    LOGIN = "login", _("ingelogd")
    LOGIN_FAILED = "login_failed", _("mislukte inlogpoging")
    LOGOUT = "logout", _("uitgelogd")
    PERMISSION_DENIED = "permission_denied", _("toegang geweigerd")


class AuditEvent(AppendOnlyModel):
    """One line of the audit log: who did what to which object, when and why.

    Append-only: the ORM refuses updates and deletes, and on PostgreSQL a trigger does too.
    Holds identifiers, never case content. Each row belongs to exactly one scope: a municipality
    (`organisation`), a region (`region`, for what regional accounts do outside a municipality's
    rows), or neither (the installation's national scope, e.g. a failed login for an unknown
    name). Each scope is one hash chain: `row_hash` covers the row and `prev_hash`, the
    `row_hash` of the scope's previous row (docs/adr/0009-database-roles-and-audit-chain.md).
    """

    # Set by audit_record before the row is hashed (not auto_now_add, which would overwrite it).
    timestamp = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("actie"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("objecttype"), max_length=60, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    reason = models.CharField(_("reden"), max_length=255, blank=True)
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    prev_hash = models.CharField(_("vorige hash"), max_length=64, blank=True)
    row_hash = models.CharField(_("hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-timestamp", "-id"]
        default_permissions = ()
        permissions = [("view_auditlog", _("Mag het auditlog van de eigen organisatie lezen"))]
        indexes = [
            models.Index(fields=["organisation", "-timestamp"], name="audit_org_time_idx"),
            models.Index(fields=["actor", "-timestamp"], name="audit_actor_time_idx"),
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["region", "-timestamp"], name="audit_region_time_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(organisation__isnull=False, region__isnull=False),
                name="audit_event_one_scope",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}:{self.object_id}"
        )


class AuditChainHead(models.Model):
    """The last row of one audit hash chain (a municipality, a region, or national). audit_record
    locks it (SELECT ... FOR UPDATE) while it appends, so two writers cannot both take the same
    previous hash and fork the chain."""

    chain = models.CharField(_("keten"), max_length=40, unique=True)
    last_event_id = models.BigIntegerField(_("laatste auditregel"))
    last_hash = models.CharField(_("laatste hash"), max_length=64)

    class Meta:
        verbose_name = _("einde van een auditketen")
        verbose_name_plural = _("einden van auditketens")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.chain} @ {self.last_event_id}"


class AuditCheckpoint(AppendOnlyModel):
    """Where an audit hash chain starts again after the audit log's own retention term removed
    its oldest rows (baken.retention, ADR 0017): the last removed row's id and hash. `audit_verify`
    starts the chain there: the first kept row must carry that hash as its `prev_hash`, and no row
    at or before the checkpoint may remain (so a checkpoint written by hand, without the rows
    really going, shows as a break instead of hiding one). Written only by the audit purge."""

    chain = models.CharField(_("keten"), max_length=40)
    last_deleted_id = models.BigIntegerField(_("laatste verwijderde auditregel"))
    last_deleted_hash = models.CharField(_("hash van de laatste verwijderde regel"), max_length=64)
    rows_deleted = models.PositiveIntegerField(_("verwijderde regels"))
    cutoff = models.DateTimeField(_("regels van vóór"))
    run = models.CharField(_("run"), max_length=36)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("ankerpunt van een auditketen")
        verbose_name_plural = _("ankerpunten van auditketens")
        default_permissions = ()
        ordering = ["chain", "last_deleted_id"]

    def __str__(self) -> str:
        return f"{self.chain} > {self.last_deleted_id}"


class Notification(models.Model):
    """An in-app message to one user. Holds a reference and a link, never case content."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    message = models.CharField(_("bericht"), max_length=200)
    url = models.CharField(_("link"), max_length=200, blank=True)
    #: What the notification is about ("signalling.signal:12"), so that it can be cleared when
    #: that is handled; empty for a message that only the reader clears.
    subject = models.CharField(_("onderwerp"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding in Baken")
        verbose_name_plural = _("meldingen in Baken")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox_idx"),
            models.Index(fields=["subject", "read_at"], name="notification_subject_idx"),
        ]

    def __str__(self) -> str:
        return self.message


class SentEmail(models.Model):
    """An e-mail that one run of a background task sent to one user. A task that runs again after
    its worker died (tasks_requeue_abandoned) skips whoever it mailed already: email_send_once."""

    task_id = models.CharField(max_length=64)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task_id", "recipient"], name="core_sentemail_once")]

    def __str__(self) -> str:
        return f"{self.task_id} → {self.recipient_id}"


class TaskWorker(models.Model):
    """A running `manage.py db_worker` and when it was last seen: it says so every few seconds
    from a thread of its own, also while a long task runs. A worker not seen for
    BAKEN_TASK_WORKER_TIMEOUT_SECONDS is taken for dead, and the tasks it left running go back
    in the queue."""

    worker_id = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.worker_id
