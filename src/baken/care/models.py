"""Hulpverlenen / Zorgdrager: a victim's care trajectory (zorgtraject), its phases and its
timeline of procedures and deadlines.

A care case belongs to one municipality (where the victim lives, or where they were found) and
is at least *confidentieel*; its shelter address is a separate field that only users cleared
for *geheim* read (care/policies.py). The victim is shown by a pseudonym; the name is revealed
only by a deliberate, audited action with a reason (CareNameReveal).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from baken.core.append_only import AppendOnlyModel
from baken.core.confidentiality import Confidentiality
from baken.core.models import Organisation

#: A care case is never below this level (architecture.md: victim care cases are at least confidentieel).
CARE_CASE_MINIMUM = Confidentiality.CONFIDENTIEEL
#: The shelter address is read only at this clearance.
SHELTER_ADDRESS_LEVEL = Confidentiality.GEHEIM


class CarePhase(models.TextChoices):
    REGISTERED = "aangemeld", _("Aangemeld")
    INTAKE = "intake", _("Intake")
    IN_PROGRESS = "in_traject", _("In traject")
    AFTERCARE = "nazorg", _("Nazorg")
    CLOSED = "afgesloten", _("Afgesloten")
    ADVICE_ONLY = "advies", _("Alleen advies")
    NOT_TAKEN_ON = "niet_in_behandeling", _("Niet in behandeling")
    CONTACT_LOST = "contact_verloren", _("Contact verloren")
    REOPENED = "heropend", _("Heropend")


class Sex(models.TextChoices):
    """The HTCDS gender values."""

    MALE = "man", _("Man")
    FEMALE = "vrouw", _("Vrouw")
    NON_CONFORMING = "transgender", _("Transgender / non-conform")
    UNKNOWN = "onbekend", _("Onbekend")


nationality_validator = RegexValidator(
    r"^[A-Z]{2}$", _("Vul de landcode in met twee hoofdletters (ISO 3166), bijvoorbeeld NL, PL of NG.")
)


class CareCase(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    pseudonym = models.CharField(_("schuilnaam"), max_length=60)
    confidentiality = models.PositiveSmallIntegerField(
        _("vertrouwelijkheid"), choices=Confidentiality.choices, default=CARE_CASE_MINIMUM
    )
    status = models.CharField(_("fase"), max_length=30, choices=CarePhase.choices, default=CarePhase.REGISTERED)
    #: Who registered the victim, by the categories CoMensha uses (catalogue "sources").
    source = models.CharField(_("aangemeld door"), max_length=40)
    source_detail = models.CharField(_("toelichting aanmelder"), max_length=200, blank=True)
    signal = models.ForeignKey(
        "signalling.Signal",
        verbose_name=_("signaal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The hand-over record (legal ground, chosen fields) this case was started from.
    handover = models.ForeignKey(
        "coordination.Escalation",
        verbose_name=_("overdracht"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zorgcoördinator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    registered_on = models.DateField(_("aangemeld op"))
    intake_on = models.DateField(_("intake op"), null=True, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    closure_reason = models.CharField(_("reden van afsluiten"), max_length=40, blank=True)
    #: Why an aanmelding was not taken on: the aandachtsfunctionaris who handed it over reads it.
    decline_reason = models.TextField(_("reden niet in behandeling"), blank=True)

    # The person. Only the pseudonym appears in lists; the name after an audited reveal.
    full_name = models.CharField(_("naam"), max_length=200, blank=True)
    aliases = models.CharField(_("andere namen"), max_length=300, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    birth_date_estimated = models.BooleanField(_("geboortedatum geschat"), default=False)
    sex = models.CharField(_("geslacht"), max_length=20, choices=Sex.choices, blank=True)
    nationality = models.CharField(_("nationaliteit"), max_length=2, blank=True, validators=[nationality_validator])

    #: Geheim: read and written only with that clearance (CareCasePolicy "view_shelter_address").
    shelter_address = models.TextField(_("opvangadres"), blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("zorgtraject")
        verbose_name_plural = _("zorgtrajecten")
        ordering = ["-registered_on", "-id"]
        default_permissions = ()
        permissions = [("manage_carecase", _("Mag zorgtrajecten van slachtoffers behandelen"))]
        indexes = [
            models.Index(fields=["organisation", "status", "-registered_on"], name="carecase_org_status_idx"),
            models.Index(fields=["signal"], name="carecase_signal_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidentiality__gte=CARE_CASE_MINIMUM), name="carecase_at_least_confidentieel"
            ),
            models.UniqueConstraint(
                fields=["handover"], condition=Q(handover__isnull=False), name="carecase_one_per_handover"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.pseudonym})"


class CareCaseStatusChange(AppendOnlyModel):
    case = models.ForeignKey(CareCase, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=CarePhase.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=CarePhase.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class CareNameReveal(AppendOnlyModel):
    """A deliberate look at the victim's name: who, when and why. The name stays visible to that
    user for a short while (REVEAL_MINUTES in care.selectors), then the pseudonym again."""

    case = models.ForeignKey(CareCase, on_delete=models.CASCADE, related_name="name_reveals")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reden"), max_length=300)
    revealed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-revealed_at", "-id"]
        indexes = [models.Index(fields=["case", "actor", "-revealed_at"], name="carereveal_case_actor_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.actor_id} {self.revealed_at:%Y-%m-%d %H:%M}"


class CareProcedure(models.Model):
    """One running procedure of a trajectory with its deadline (bedenktijd, Rvb application,
    B8/3 permit, ...). The rule that computed `due_on` comes from the deadline catalogue
    (care/catalogue/care.toml); its version is kept with the row."""

    case = models.ForeignKey(CareCase, on_delete=models.CASCADE, related_name="procedures")
    kind = models.CharField(_("procedure"), max_length=40)
    started_on = models.DateField(_("begonnen op"))
    due_on = models.DateField(_("uiterste datum"))
    remind_on = models.DateField(_("herinneren op"))
    done_on = models.DateField(_("afgerond op"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=300, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    catalogue_version = models.CharField(max_length=20)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_on", "due_on"], name="careprocedure_open_due_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind} {self.due_on}"
