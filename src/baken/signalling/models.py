"""Signaleren: the indicator catalogue and the signals staff report.

The catalogue is national data (loaded from catalogue/indicators.toml) that a municipality can
extend with local indicators. A signal keeps a snapshot of the indicators it was made with, so
editing the catalogue never changes what an existing signal recorded.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.core.append_only import AppendOnlyModel
from baken.core.confidentiality import Confidentiality
from baken.core.models import Organisation
from baken.core.versioning import Revision


class ExploitationForm(models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    label = models.CharField(_("naam"), max_length=80)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("vorm van uitbuiting")
        verbose_name_plural = _("vormen van uitbuiting")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label


class IloIndicator(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    label = models.CharField(_("naam"), max_length=120)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("ILO-indicator")
        verbose_name_plural = _("ILO-indicatoren")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class OmCluster(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("naam"), max_length=120)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("OM-cluster")
        verbose_name_plural = _("OM-clusters")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.label


class IndicatorGroup(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("naam"), max_length=120)
    catalogue_list = models.SlugField(_("lijst"), max_length=20)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("indicatorgroep")
        verbose_name_plural = _("indicatorgroepen")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label


class Indicator(models.Model):
    """One signal of trafficking. National rows have no organisation; local rows belong to one."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg voor de landelijke catalogus."),
    )
    code = models.CharField(_("code"), max_length=30, unique=True)
    label = models.CharField(_("signaal"), max_length=160)
    explanation = models.TextField(_("toelichting"))
    group = models.ForeignKey(
        IndicatorGroup, verbose_name=_("groep"), on_delete=models.PROTECT, related_name="indicators"
    )
    forms = models.ManyToManyField(ExploitationForm, verbose_name=_("vormen"), related_name="indicators")
    critical = models.BooleanField(_("kritiek"), default=False, help_text=_("Direct handelen nodig."))
    ilo_indicator = models.ForeignKey(
        IloIndicator, verbose_name=_("ILO-indicator"), on_delete=models.PROTECT, null=True, blank=True
    )
    om_cluster = models.ForeignKey(
        OmCluster, verbose_name=_("OM-cluster"), on_delete=models.PROTECT, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("in gebruik"), default=True)
    revision = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["group__order", "order", "code"]
        default_permissions = ()
        permissions = [("manage_catalogue", _("Mag lokale indicatoren van de eigen organisatie beheren"))]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class IndicatorRevision(Revision):
    """Append-only history of every catalogue edit: who, when and the full new content."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="revisions")
    row_field = "indicator"

    class Meta:
        ordering = ["indicator", "revision"]
        constraints = [models.UniqueConstraint(fields=["indicator", "revision"], name="indicator_revision_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id} v{self.revision}"


class Channel(models.TextChoices):
    DESK = "balie", _("Aan de balie")
    INSPECTION = "controle", _("Tijdens een controle of inspectie")
    HOME_VISIT = "huisbezoek", _("Bij een huisbezoek")
    SCHOOL = "school", _("Op of rond school")
    PHONE = "telefoon", _("Telefonisch")
    OTHER = "anders", _("Anders")


class MinorInvolved(models.TextChoices):
    YES = "ja", _("Ja")
    NO = "nee", _("Nee")
    UNKNOWN = "onbekend", _("Weet ik niet")


class AcuteCall(models.TextChoices):
    """What the reporter did in the acute panel: the panel counts as seen only after this choice."""

    CALLED = "gebeld", _("Ik heb gebeld")
    NOT_NEEDED = "niet_nodig", _("Bellen is niet nodig")


class Sex(models.TextChoices):
    FEMALE = "vrouw", _("Vrouw")
    MALE = "man", _("Man")
    MIXED = "gemengd", _("Meerdere personen, verschillend")
    UNKNOWN = "onbekend", _("Onbekend")


class AgeRange(models.TextChoices):
    UNDER_18 = "0-17", _("Jonger dan 18")
    AGE_18_24 = "18-24", _("18 tot 25")
    AGE_25_39 = "25-39", _("25 tot 40")
    AGE_40_PLUS = "40+", _("40 of ouder")
    UNKNOWN = "onbekend", _("Onbekend")


class SignalStatus(models.TextChoices):
    """Status codes; the allowed transitions live in baken.signalling.workflow."""

    NEW = "nieuw", _("Nieuw")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    REFERRED = "doorgezet", _("Doorgezet")
    CARE = "zorgtraject", _("Zorgtraject")
    ENFORCEMENT = "handhaving", _("Handhaving")
    MONITORING = "monitoren", _("Monitoren")
    CLOSED = "afgesloten", _("Afgesloten")


class SignalOutcome(models.TextChoices):
    NO_INDICATION = "geen_aanwijzing", _("Geen aanwijzing voor mensenhandel")
    REFERRED_DONE = "doorgezet_afgehandeld", _("Doorgezet en afgehandeld")
    INSUFFICIENT = "onvoldoende_informatie", _("Onvoldoende informatie")
    OTHER_PROBLEM = "ander_probleem", _("Ander probleem, elders opgepakt")
    MERGED = "samengevoegd", _("Samengevoegd met andere melding")


class Signal(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="signals")
    reference = models.CharField(_("kenmerk"), max_length=24)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("melder"), on_delete=models.PROTECT, related_name="signals"
    )
    submission_key = models.UUIDField(default=uuid.uuid4, editable=False)
    confidentiality = models.PositiveSmallIntegerField(
        _("vertrouwelijkheid"), choices=Confidentiality.choices, default=Confidentiality.VERTROUWELIJK
    )
    status = models.CharField(_("status"), max_length=20, choices=SignalStatus.choices, default=SignalStatus.NEW)
    is_urgent = models.BooleanField(_("spoed"), default=False)
    submitted_at = models.DateTimeField(_("gemeld op"), default=timezone.now, editable=False)

    # What kind of situation
    forms = models.ManyToManyField(ExploitationForm, verbose_name=_("vormen"), blank=True, related_name="+")
    form_unknown = models.BooleanField(_("vorm onbekend"), default=False)
    acute_danger = models.BooleanField(_("acuut gevaar"), default=False)
    minor_involved = models.CharField(
        _("minderjarige betrokken"), max_length=10, choices=MinorInvolved.choices, default=MinorInvolved.UNKNOWN
    )
    catalogue_version = models.CharField(_("catalogusversie"), max_length=40)
    # Only for an urgent signal from the intake: what the reporter chose in the acute panel.
    # db_default: rows written by plain INSERTs (the benchmark seeding) need no value.
    acute_call = models.CharField(
        _("gebeld bij acute situatie"), max_length=12, choices=AcuteCall.choices, blank=True, default="", db_default=""
    )
    acute_no_call_reason = models.CharField(
        _("waarom bellen niet nodig was"), max_length=300, blank=True, default="", db_default=""
    )

    # Where and when
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=10, blank=True)
    street = models.CharField(_("straat"), max_length=120, blank=True)
    city = models.CharField(_("plaats"), max_length=80, blank=True)
    location_description = models.CharField(_("omschrijving locatie"), max_length=300, blank=True)
    business_name = models.CharField(_("bedrijf"), max_length=160, blank=True)
    neighbourhood = models.CharField(_("wijk of buurt"), max_length=120, blank=True)
    observed_on = models.DateField(_("waargenomen op"))
    channel = models.CharField(_("hoe opgemerkt"), max_length=20, choices=Channel.choices)

    # Who
    people_count = models.PositiveSmallIntegerField(_("aantal personen"), null=True, blank=True)
    estimated_age = models.CharField(_("geschatte leeftijd"), max_length=10, choices=AgeRange.choices, blank=True)
    sex = models.CharField(_("geslacht"), max_length=10, choices=Sex.choices, blank=True)
    languages = models.CharField(_("gesproken taal"), max_length=160, blank=True)
    identifying_details = models.TextField(_("gegevens waarmee iemand te herkennen is"), blank=True)

    description = models.TextField(_("wat is er gebeurd"))

    # Set by triage (baken.coordination.services); the reporter sees only reporter_message.
    reporter_message = models.CharField(_("bericht aan de melder"), max_length=500, blank=True)
    #: The reporter added information that nobody at triage has opened yet.
    addition_waiting = models.BooleanField(_("aanvulling wacht"), default=False, db_default=False)
    triage_due_on = models.DateField(_("triage uiterlijk op"), null=True, blank=True)
    #: Copies of the status history's times, kept by the workflow engine (signalling.workflow):
    #: when the signal first left 'nieuw' and when it was last closed.
    picked_up_at = models.DateTimeField(_("opgepakt op"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegewezen aan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_signals",
    )
    outcome = models.CharField(_("uitkomst"), max_length=30, choices=SignalOutcome.choices, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("samengevoegd met"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-submitted_at", "-id"]
        default_permissions = ()
        permissions = [
            ("report_signal", _("Mag meldingen doen")),
            ("triage_signal", _("Mag alle meldingen van de eigen organisatie behandelen")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="signal_reference_unique"),
            models.UniqueConstraint(fields=["organisation", "year", "sequence"], name="signal_sequence_unique"),
            models.UniqueConstraint(fields=["reporter", "submission_key"], name="signal_submission_once"),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="signal_sequence_positive"),
        ]
        indexes = [
            models.Index(fields=["reporter", "-submitted_at"], name="signal_reporter_idx"),
            # A municipality's signals of a period; on PostgreSQL it also holds every column the
            # figures count by, so a dashboard reads a year of signals from the index alone.
            models.Index(
                fields=["organisation", "-submitted_at"],
                include=[
                    "id",
                    "confidentiality",
                    "status",
                    "outcome",
                    "channel",
                    "is_urgent",
                    "neighbourhood",
                    "triage_due_on",
                    "picked_up_at",
                    "closed_at",
                ],
                name="signal_org_time_idx",
            ),
            models.Index(fields=["organisation", "status", "-is_urgent", "-submitted_at"], name="signal_inbox_idx"),
            # The inbox's default order (urgent first, newest first) read straight from the index.
            models.Index(fields=["organisation", "-is_urgent", "-submitted_at", "-id"], name="signal_inbox_order_idx"),
            models.Index(fields=["organisation", "postcode", "house_number"], name="signal_address_idx"),
            models.Index(fields=["organisation", "triage_due_on"], name="signal_due_idx"),
            models.Index(fields=["organisation", "assigned_to", "-submitted_at"], name="signal_assigned_idx"),
            # The inbox's "Aan mij" count: open signals per assignee, not a user's whole history.
            models.Index(
                fields=["assigned_to", "organisation"],
                condition=~Q(status="afgesloten"),
                name="signal_open_assigned_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def triage_overdue(self) -> bool:
        """Still new after the day triage should have started."""
        return (
            self.status == SignalStatus.NEW
            and self.triage_due_on is not None
            and (self.triage_due_on < timezone.localdate())
        )


class SignalIndicator(models.Model):
    """Snapshot of one indicator as it read when the signal was made."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=30)
    label = models.CharField(max_length=160)
    group_label = models.CharField(max_length=120)
    critical = models.BooleanField()
    revision = models.PositiveIntegerField()

    class Meta:
        ordering = ["signal", "id"]
        constraints = [models.UniqueConstraint(fields=["signal", "indicator"], name="signal_indicator_once")]

    def __str__(self) -> str:
        return self.code


class SignalAddition(AppendOnlyModel):
    """Information the reporter added to their own open signal later: appended, never edited,
    shown at triage under what the reporter first gave."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="additions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("aanvulling"))
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanvulling van de melder")
        verbose_name_plural = _("aanvullingen van de melder")
        ordering = ["signal", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.signal_id}: {self.created_at:%Y-%m-%d}"


def attachment_path(instance: "SignalAttachment", filename: str) -> str:
    """A random name (the original file name can itself be personal data) with the extension of
    the detected content type: the service passes `bijlage.<extension>`, never the sender's name."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"attachments/{instance.signal.organisation_id}/{uuid.uuid4().hex}.{extension}"


class SignalAttachment(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signal", "id"]

    def __str__(self) -> str:
        return self.original_name


class SignalStatusChange(AppendOnlyModel):
    """Append-only status history; the current status on Signal is the last entry's."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=SignalStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=SignalStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signal", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class ReferenceCounter(models.Model):
    """Last reference number per organisation and year; locked while a signal is numbered,
    in the same transaction as the signal, so numbers have no gaps or duplicates."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="reference_counter_unique")]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}: {self.last_value}"


# --- drafts of the intake ----------------------------------------------------------------------


class IntakeDraft(models.Model):
    """What a reporter typed into the intake and did not send yet, kept on the server (never in
    the browser's storage: desks are shared) so that a lost connection, a closed tab or an
    expired session loses nothing. One per user per organisation, at the confidentiality of a
    signal; only its owner reads it (IntakeDraftPolicy). Deleted when the signal is sent, by the
    owner, or BAKEN_DRAFT_DAYS after its last change (signalling/drafts.py)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    confidentiality = models.PositiveSmallIntegerField(
        _("vertrouwelijkheid"), choices=Confidentiality.choices, default=Confidentiality.VERTROUWELIJK
    )
    #: The intake's fields as posted: field name -> list of the submitted strings.
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("laatst bewaard op"), default=timezone.now, db_index=True)
    #: When the last automatic save was written to the audit log (they are not all logged).
    audited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("concept van een melding")
        verbose_name_plural = _("concepten van meldingen")
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["owner", "organisation"], name="intake_draft_once_per_user")]

    def __str__(self) -> str:
        return f"concept {self.pk}"


def draft_upload_path(instance: "IntakeDraftUpload", filename: str) -> str:
    """Like attachment_path: a random name with the extension of the detected type."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"drafts/{instance.draft.organisation_id}/{uuid.uuid4().hex}.{extension}"


class IntakeDraftUpload(models.Model):
    """An attachment that passed the content checks and waits in the draft for the signal to be
    sent, so that a validation error never drops a photo."""

    draft = models.ForeignKey(IntakeDraft, on_delete=models.CASCADE, related_name="uploads")
    file = models.FileField(upload_to=draft_upload_path, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["draft", "id"]

    def __str__(self) -> str:
        return self.original_name
