"""Verbinder: triage notes, links between signals, and escalations (hand-overs to partners)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from baken.core.append_only import AppendOnlyModel
from baken.core.models import Organisation
from baken.partners.models import Partner


class TriageNote(AppendOnlyModel):
    """Internal note of the triage side. Never shown to the reporter; never edited."""

    signal = models.ForeignKey("signalling.Signal", on_delete=models.CASCADE, related_name="triage_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("notitie"))
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)

    class Meta:
        verbose_name = _("triagenotitie")
        verbose_name_plural = _("triagenotities")
        ordering = ["signal", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.signal_id}: {self.created_at:%Y-%m-%d}"


class SignalLink(models.Model):
    """A symmetric link between two signals of one organisation: stored once, smaller id first."""

    first = models.ForeignKey("signalling.Signal", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("signalling.Signal", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("waarom gekoppeld"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="signal_link_once"),
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="signal_link_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ↔ {self.second_id}"


class LegalGround(models.TextChoices):
    STATUTORY_TASK = "wettelijke_taak", _("Wettelijke taak")
    LEGAL_OBLIGATION = "wettelijke_plicht", _("Wettelijke verplichting (bijvoorbeeld meldplicht)")
    CONSENT = "toestemming", _("Toestemming van de betrokkene")
    VITAL_INTEREST = "vitaal_belang", _("Vitaal belang")
    WGS = "wgs", _("Samenwerkingsverband onder de WGS")


class EscalationChannel(models.TextChoices):
    PHONE = "telefoon", _("Telefoon")
    SECURE_MAIL = "beveiligde_mail", _("Beveiligde e-mail")
    MEETING = "overleg", _("Casusoverleg")
    PORTAL = "portaal", _("Portaal van de partner")
    LETTER = "brief", _("Brief")


class EscalationStatus(models.TextChoices):
    PREPARED = "voorbereid", _("Voorbereid")
    SENT = "verzonden", _("Verzonden")
    CONFIRMED = "bevestigd", _("Bevestigd door partner")
    FEEDBACK = "teruggekoppeld", _("Teruggekoppeld")
    FAILED = "mislukt", _("Mislukt")


#: Fields of a signal that may be shared with a partner; the aandachtsfunctionaris picks.
SHAREABLE_FIELDS = {
    "reference": _("Kenmerk"),
    "submitted_at": _("Datum melding"),
    "observed_on": _("Datum waarneming"),
    "forms": _("Vorm(en) van uitbuiting"),
    "indicators": _("Signalen"),
    "acute_danger": _("Acuut gevaar"),
    "minor_involved": _("Minderjarige betrokken"),
    "address": _("Adres"),
    "location_description": _("Omschrijving locatie"),
    "business_name": _("Bedrijf"),
    "neighbourhood": _("Wijk of buurt"),
    "people": _("Betrokkenen (aantal, leeftijd, geslacht, taal)"),
    "identifying_details": _("Gegevens waarmee iemand te herkennen is"),
    "description": _("Wat er is gebeurd"),
}


class Escalation(models.Model):
    """A hand-over of (part of) a signal to a partner, on record: to whom, why, on what legal
    ground, exactly what was shared, and what came back."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    signal = models.ForeignKey("signalling.Signal", on_delete=models.PROTECT, related_name="escalations")
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="escalations"
    )
    contact_person = models.CharField(_("contactpersoon"), max_length=160, blank=True)
    channel = models.CharField(_("kanaal"), max_length=20, choices=EscalationChannel.choices)
    purpose = models.CharField(_("doel"), max_length=300)
    legal_ground = models.CharField(_("grondslag"), max_length=30, choices=LegalGround.choices)
    consent_note = models.CharField(
        _("vastlegging toestemming"),
        max_length=300,
        blank=True,
        help_text=_("Wie gaf wanneer (schriftelijk) toestemming, en waar dat is vastgelegd."),
    )
    shared_fields = models.JSONField(_("gedeelde gegevens"), default=list)
    shared_on = models.DateField(_("gedeeld op"))
    expected_feedback_on = models.DateField(_("terugkoppeling verwacht op"), null=True, blank=True)
    feedback = models.TextField(_("terugkoppeling"), blank=True)
    feedback_on = models.DateField(_("terugkoppeling ontvangen op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EscalationStatus.choices, default=EscalationStatus.PREPARED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        ordering = ["signal", "-created_at", "-id"]
        default_permissions = ()
        permissions = [("manage_escalation", _("Mag meldingen doorzetten naar partners"))]

    def __str__(self) -> str:
        return f"{self.signal_id} → {self.partner_id}"


class EscalationStatusChange(AppendOnlyModel):
    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=EscalationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=EscalationStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["escalation", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class TriageReminder(models.Model):
    """One reminder per overdue signal per day, so the periodic job can run as often as it likes."""

    signal = models.ForeignKey("signalling.Signal", on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["signal", "sent_on"], name="triage_reminder_daily")]

    def __str__(self) -> str:
        return f"{self.signal_id} {self.sent_on}"


class EscalationReminder(models.Model):
    """One reminder per escalation whose expected feedback date passed, so the job can run as
    often as cron likes and nobody gets the same reminder twice."""

    escalation = models.OneToOneField(Escalation, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.escalation_id} {self.sent_on}"
