"""Casusoverleg: case meetings of the Zorg- en Veiligheidshuis and the Zorgtafel mensenhandel
(domain-care-enforcement-policy.md §5).

An aanmelding (CaseReferral) belongs to one municipality and is at least *vertrouwelijk*; the
person is shown by a pseudonym, the identity fields are kept only to find the same person again
(a data-subject request) and are never listed. Links to a care case are ids only: no content is
copied. A meeting has attendees, each with the legal basis on which they take part and share;
an agenda item per aanmelding; per item a sharing log (append-only: the source for a
data-subject request through the WGS contactpunt) and agreed actions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from baken.core import crypto
from baken.core.append_only import AppendOnlyModel
from baken.core.confidentiality import Confidentiality
from baken.core.models import Organisation

#: An aanmelding is never below this level; its default is the care case's (confidentieel).
REFERRAL_MINIMUM = Confidentiality.VERTROUWELIJK
REFERRAL_DEFAULT = Confidentiality.CONFIDENTIEEL


class ReferralStatus(models.TextChoices):
    REGISTERED = "aangemeld", _("Aangemeld")
    IN_TRIAGE = "in_triage", _("In triage")
    REJECTED = "afgewezen", _("Afgewezen")
    ADVICE = "advies", _("Advies")
    SCHEDULED = "ingepland", _("Ingepland")
    DISCUSSED = "besproken", _("Besproken")
    IN_PROGRESS = "in_uitvoering", _("In uitvoering")
    EVALUATION = "evaluatie", _("Evaluatie")
    SCALED_DOWN = "afgeschaald", _("Afgeschaald")
    CLOSED = "afgesloten", _("Afgesloten")
    ESCALATED = "geescaleerd", _("Geëscaleerd")


class CaseReferral(models.Model):
    """An aanmelding for a case meeting, by a partner or a Baken user."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    pseudonym = models.CharField(_("schuilnaam"), max_length=60)
    confidentiality = models.PositiveSmallIntegerField(
        _("vertrouwelijkheid"), choices=Confidentiality.choices, default=REFERRAL_DEFAULT
    )
    status = models.CharField(
        _("fase"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.REGISTERED
    )
    referrer_name = models.CharField(_("aangemeld door"), max_length=200)
    referrer_organisation = models.CharField(_("organisatie van de aanmelder"), max_length=200)
    referrer_contact = models.CharField(_("contactgegevens aanmelder"), max_length=200, blank=True)
    # Identity: only to recognise the same person across meetings; never listed or shown in agendas.
    # Encrypted at rest (core.crypto, docs/adr/0018); the name is found again by its blind index.
    full_name = crypto.EncryptedTextField(_("naam"), max_length=200, blank=True)
    birth_date = crypto.EncryptedDateField(_("geboortedatum"), null=True, blank=True)
    name_index = crypto.BlindIndexField(source="full_name", normalise=crypto.normalise_name)
    reason = models.TextField(_("reden van aanmelding"))
    goal = models.TextField(_("doel van het overleg"))
    criteria = models.JSONField(_("criteria"), default=list)
    proposed_partners = models.TextField(_("voorgestelde partners met contact"), blank=True)
    person_informed = models.BooleanField(_("betrokkene geïnformeerd"), default=False)
    not_informed_reason = models.TextField(_("waarom niet geïnformeerd"), blank=True)
    urgency = models.CharField(_("urgentie"), max_length=20)
    #: A care case this aanmelding is about: its id only, checked through care's selectors.
    care_case_id = models.PositiveBigIntegerField(_("zorgtraject"), null=True, blank=True)
    #: A signal and an enforcement case: ids only, checked through those apps' policies and
    #: selectors; a reader who may not see the record sees only that a link exists.
    signal_id = models.PositiveBigIntegerField(_("signaal"), null=True, blank=True)
    enforcement_case_id = models.PositiveBigIntegerField(_("handhavingszaak"), null=True, blank=True)
    received_at = models.DateTimeField(_("ontvangen op"))

    triage_decision = models.CharField(_("besluit triage"), max_length=20, blank=True)
    triage_rationale = models.TextField(_("onderbouwing"), blank=True)
    process_director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("procesregisseur"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    triaged_at = models.DateTimeField(_("getrieerd op"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # Closure or afschaling (services.referral_close): the outcome (catalogue), to which partner
    # or route the case goes back in the regular chain, and why (in the status history).
    closure_outcome = models.CharField(_("uitkomst"), max_length=20, blank=True)
    handed_to = models.CharField(_("teruggelegd bij"), max_length=200, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("aanmelding casusoverleg")
        verbose_name_plural = _("aanmeldingen casusoverleg")
        ordering = ["-received_at", "-id"]
        default_permissions = ()
        permissions = [("run_meetings", _("Mag casusoverleggen voeren (aanmelding, triage, overleg, afspraken)"))]
        indexes = [models.Index(fields=["organisation", "status", "received_at"], name="casereferral_org_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidentiality__gte=REFERRAL_MINIMUM), name="casereferral_at_least_vertrouwelijk"
            ),
            models.CheckConstraint(
                condition=Q(person_informed=True) | ~Q(not_informed_reason=""), name="casereferral_informed_or_why_not"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.pseudonym})"

    def save(self, *args, update_fields=None, **kwargs):
        super().save(*args, update_fields=crypto.blind_index_update_fields(self, update_fields), **kwargs)


class CaseReferralStatusChange(AppendOnlyModel):
    referral = models.ForeignKey(CaseReferral, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["referral", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class Meeting(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    meeting_type = models.CharField(_("soort overleg"), max_length=20)
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voorzitter"), on_delete=models.PROTECT, related_name="+"
    )
    minute_taker = models.CharField(_("notulist"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")
        ordering = ["-starts_at", "-id"]
        default_permissions = ()
        indexes = [models.Index(fields=["organisation", "-starts_at"], name="meeting_org_start_idx")]

    def __str__(self) -> str:
        return f"{self.meeting_type} {self.starts_at:%Y-%m-%d %H:%M}"


class Attendee(models.Model):
    """Who takes part, for which organisation, in which capacity and on which legal basis.
    No attendee without a basis (checked by the service and by the database)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("naam"), max_length=200)
    organisation_name = models.CharField(_("organisatie"), max_length=200)
    capacity = models.CharField(_("functie of rol"), max_length=200)
    legal_basis = models.CharField(_("grondslag"), max_length=20)
    legal_basis_note = models.CharField(_("toelichting grondslag"), max_length=300, blank=True)
    #: A Baken user: sees this meeting's agenda items and the actions of their organisation.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Baken-gebruiker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["meeting", "organisation_name", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(legal_basis=""), name="attendee_has_legal_basis"),
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=Q(user__isnull=False), name="attendee_user_once_per_meeting"
            ),
        ]
        indexes = [models.Index(fields=["user", "meeting"], name="attendee_user_meeting_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation_name})"

    @property
    def organisation(self) -> Organisation:
        return self.meeting.organisation


class AgendaItem(models.Model):
    """One aanmelding on one meeting's agenda, shown by its pseudonym."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    referral = models.ForeignKey(CaseReferral, on_delete=models.PROTECT, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    person_invited = models.BooleanField(_("betrokkene uitgenodigd"), default=False)
    person_attended = models.BooleanField(_("betrokkene aanwezig"), default=False)
    discussed_at = models.DateTimeField(_("besproken op"), null=True, blank=True)
    summary = models.TextField(_("korte samenvatting van de bespreking"), blank=True)
    # The analysis (catalogue codes; services.agenda_item_analyse): life domains with problems,
    # risks and protective factors, the hypothesis with the forms of exploitation it names, and
    # the safety assessment. Pseudonymised like the summary: no names.
    problem_domains = models.JSONField(_("probleemgebieden"), default=list, blank=True)
    risk_factors = models.TextField(_("risicofactoren"), blank=True)
    protective_factors = models.TextField(_("beschermende factoren"), blank=True)
    hypothesis = models.CharField(_("hypothese"), max_length=20, blank=True)
    hypothesis_forms = models.JSONField(_("vormen van uitbuiting"), default=list, blank=True)
    safety_level = models.CharField(_("veiligheidstaxatie"), max_length=20, blank=True)
    safety_note = models.TextField(_("toelichting veiligheid"), blank=True)
    analysed_at = models.DateTimeField(_("analyse bijgewerkt op"), null=True, blank=True)
    analysed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "referral"], name="agendaitem_once_per_meeting")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.referral_id}"

    @property
    def organisation(self) -> Organisation:
        return self.meeting.organisation


class SharingLogEntry(AppendOnlyModel):
    """Per agenda item, per contributing organisation (an attendee): which categories of
    information were shared and on which basis. Written once, never changed."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="sharing_log")
    attendee = models.ForeignKey(Attendee, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+")
    source_organisation = models.CharField(_("organisatie"), max_length=200)
    categories = models.JSONField(_("soorten informatie"), default=list)
    legal_basis = models.CharField(_("grondslag"), max_length=20)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("regel deellog")
        verbose_name_plural = _("deellog")
        ordering = ["agenda_item", "recorded_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(legal_basis=""), name="sharinglog_has_legal_basis")]

    def __str__(self) -> str:
        return f"{self.agenda_item_id}: {self.source_organisation}"

    @property
    def organisation(self) -> Organisation:
        return self.agenda_item.meeting.organisation


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "gereed", _("Gereed")
    CANCELLED = "vervallen", _("Vervallen")


class MeetingAction(models.Model):
    """An agreement (actiepunt) from an agenda item: what, by whom (organisation and person),
    when, and what came of it."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("actie"), max_length=500)
    owner_organisation = models.CharField(_("organisatie"), max_length=200)
    owner_person = models.CharField(_("persoon"), max_length=200)
    #: A Baken user who owns the action: their organisation's attendees see it.
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Baken-gebruiker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("uiterlijk"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    result = models.TextField(_("resultaat"), blank=True)
    #: Set once when an overdue action was escalated to the procesregisseur and the chair
    #: (reminders.escalate_overdue_actions): a second run sends nothing.
    escalated_at = models.DateTimeField(_("geëscaleerd op"), null=True, blank=True)
    #: Set once when the owner was reminded before the due date (reminders.remind_due_actions).
    reminded_at = models.DateTimeField(_("herinnerd op"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="meetingaction_status_due_idx")]

    def __str__(self) -> str:
        return f"{self.agenda_item_id}: {self.description[:40]}"

    @property
    def organisation(self) -> Organisation:
        return self.agenda_item.meeting.organisation


class DocumentDispatch(AppendOnlyModel):
    """The sharing log of the chair's own sending: an external attendee (no Baken account)
    receives nothing from Baken automatically; when the chair sends them the agenda or the minutes
    outside Baken, it is recorded here, with the basis on which they take part. Written once."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="dispatches")
    attendee = models.ForeignKey(Attendee, verbose_name=_("aan"), on_delete=models.PROTECT, related_name="+")
    document = models.CharField(_("stuk"), max_length=20)
    legal_basis = models.CharField(_("grondslag"), max_length=20)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verzonden stuk")
        verbose_name_plural = _("verzonden stukken")
        ordering = ["meeting", "sent_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(legal_basis=""), name="dispatch_has_legal_basis")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.document} → {self.attendee_id}"

    @property
    def organisation(self) -> Organisation:
        return self.meeting.organisation
