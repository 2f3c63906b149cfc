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

from baken.core import crypto
from baken.core.append_only import AppendOnlyModel
from baken.core.confidentiality import Confidentiality
from baken.core.models import Organisation, Region

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


class ResidenceStatus(models.TextChoices):
    """The residence status category of the domain brief (§1.7); the permit itself is a procedure."""

    NL = "nl", _("Nederlands")
    EU = "eu", _("EU, EER of Zwitserland")
    THIRD_COUNTRY = "derde_land", _("Derde land")
    UNKNOWN = "onbekend", _("Onbekend")


v_number_validator = RegexValidator(r"^\d{10}$", _("Een V-nummer bestaat uit 10 cijfers."))

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
    # Identity fields are encrypted at rest (core.crypto, docs/adr/0018); exact-match search by
    # name or BSN goes through the blind indexes below.
    full_name = crypto.EncryptedTextField(_("naam"), max_length=200, blank=True)
    aliases = crypto.EncryptedTextField(_("andere namen"), max_length=300, blank=True)
    birth_date = crypto.EncryptedDateField(_("geboortedatum"), null=True, blank=True)
    birth_date_estimated = models.BooleanField(_("geboortedatum geschat"), default=False)
    sex = models.CharField(_("geslacht"), max_length=20, choices=Sex.choices, blank=True)
    nationality = models.CharField(_("nationaliteit"), max_length=2, blank=True, validators=[nationality_validator])
    languages = models.CharField(_("talen"), max_length=200, blank=True)
    interpreter_needed = models.BooleanField(_("tolk nodig"), default=False)
    #: Parents, guardian or Nidos: read like the name, after a reveal.
    guardian = crypto.EncryptedTextField(_("ouders, voogd of wettelijk vertegenwoordiger"), max_length=200, blank=True)
    #: Only when the person is registered in the BRP; validated with the elfproef (python-stdnum).
    bsn = crypto.EncryptedTextField(_("BSN"), max_length=9, blank=True)
    v_number = crypto.EncryptedTextField(_("V-nummer"), max_length=10, blank=True, validators=[v_number_validator])
    residence_status = models.CharField(
        _("verblijfsstatus"), max_length=20, choices=ResidenceStatus.choices, default=ResidenceStatus.UNKNOWN
    )
    accompanying_children = models.PositiveSmallIntegerField(_("meegekomen kinderen"), default=0)

    #: Means of control and ways of recruitment: codes of the catalogue's value lists (several
    #: each), with the catalogue version they were chosen from (HTCDS/CTDC export is a mapping).
    control_methods = models.JSONField(_("middelen van controle"), default=list, blank=True)
    recruitment_methods = models.JSONField(_("manieren van werven"), default=list, blank=True)
    methods_catalogue_version = models.CharField(_("catalogusversie"), max_length=20, blank=True)

    #: Geheim: read and written only with that clearance (CareCasePolicy "view_shelter_address").
    shelter_address = crypto.EncryptedTextField(_("opvangadres"), blank=True)

    #: Keyed digests of the normalised name and BSN (crypto.BlindIndexField), kept on save.
    name_index = crypto.BlindIndexField(source="full_name", normalise=crypto.normalise_name)
    bsn_index = crypto.BlindIndexField(source="bsn", normalise=crypto.normalise_digits)

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
            # The policy's rows (municipality or region, clearance), their phases, the list's order
            # and the user's own, read from the index alone: the day overview, the counts per phase
            # and the list's page of ids do not scan every case of the installation (bench/care.py).
            models.Index(
                fields=["organisation", "status", "confidentiality", "registered_on", "responsible", "id"],
                name="carecase_scope_idx",
            ),
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

    def save(self, *args, update_fields=None, **kwargs):
        super().save(*args, update_fields=crypto.blind_index_update_fields(self, update_fields), **kwargs)


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
    #: The legal or income track whose step put this deadline on the timeline (care/tracks.py).
    track = models.ForeignKey("CareTrack", on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["done_on", "due_on"], name="careprocedure_open_due_idx"),
            # The day overview asks each open case of a region for its running procedures.
            models.Index(
                fields=["case", "due_on"], condition=Q(done_on__isnull=True), name="careprocedure_case_running_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind} {self.due_on}"


class ReferralBasis(models.TextChoices):
    """The legal basis of one transfer of the victim's data (per referral, not per person)."""

    STATUTORY_DUTY = "wettelijke_plicht", _("Wettelijke verplichting")
    PUBLIC_TASK = "publieke_taak", _("Taak van algemeen belang (AVG 6.1.e)")
    CONSENT = "toestemming", _("Toestemming")
    VITAL_INTEREST = "vitaal_belang", _("Vitaal belang")
    WGS = "wgs", _("Samenwerkingsverband onder de WGS")


class ConsentSigner(models.TextChoices):
    PERSON = "betrokkene", _("De betrokkene zelf (vanaf 16 jaar)")
    PARENTS = "ouders", _("Ouders (onder 16 jaar)")
    GUARDIAN = "voogd", _("Voogd (onder 16 jaar)")


class CareReferral(models.Model):
    """A referral to a service (the Primero pattern): to whom, on what legal basis, what was
    shared, when an answer is due (from the service type's response time) and what came back.
    No referral without a basis, or an explicit override with its reason."""

    case = models.ForeignKey(CareCase, on_delete=models.CASCADE, related_name="referrals")
    service_type = models.CharField(_("soort dienst"), max_length=40)
    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(_("gevraagd op"))
    due_on = models.DateField(_("antwoord verwacht op"))
    legal_basis = models.CharField(_("grondslag"), max_length=30, choices=ReferralBasis.choices, blank=True)
    consent_signed_by = models.CharField(
        _("toestemming getekend door"), max_length=20, choices=ConsentSigner.choices, blank=True
    )
    override_reason = models.CharField(_("reden zonder grondslag"), max_length=300, blank=True)
    shared = models.CharField(_("wat is gedeeld"), max_length=500)
    consent_withdrawn_on = models.DateField(_("toestemming ingetrokken op"), null=True, blank=True)
    implemented_on = models.DateField(_("uitgevoerd op"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["due_on", "id"]
        indexes = [
            # The day overview asks each open case of a region for its referrals without an answer.
            models.Index(
                fields=["case", "due_on"],
                condition=Q(implemented_on__isnull=True, consent_withdrawn_on__isnull=True),
                name="carereferral_case_waiting_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(legal_basis="", override_reason=""), name="carereferral_basis_or_override"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.service_type} → {self.partner_id}"


class ShelterPlacement(models.Model):
    """A stay in shelter: type and payer from the catalogue, the provider from the partner
    directory, planned and actual end, and the cost per day (for totals per payer per period).
    The shelter's address is not here: it is the case's geheim field."""

    case = models.ForeignKey(CareCase, on_delete=models.CASCADE, related_name="shelter_placements")
    shelter_type = models.CharField(_("soort opvang"), max_length=40)
    provider = models.ForeignKey(
        "partners.Partner", verbose_name=_("aanbieder"), on_delete=models.PROTECT, related_name="+"
    )
    payer = models.CharField(_("betaler"), max_length=40)
    started_on = models.DateField(_("begonnen op"))
    planned_end_on = models.DateField(_("gepland einde"), null=True, blank=True)
    ended_on = models.DateField(_("geëindigd op"), null=True, blank=True)
    end_reason = models.CharField(_("reden van einde"), max_length=300, blank=True)
    cost_per_day = models.DecimalField(_("kosten per dag"), max_digits=8, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opvangplaatsing")
        verbose_name_plural = _("opvangplaatsingen")
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["payer", "started_on"], name="shelter_payer_start_idx"),
            # The day overview asks each open case of a region for its running placements.
            models.Index(
                fields=["case", "planned_end_on"], condition=Q(ended_on__isnull=True), name="shelter_case_running_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="shelter_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(cost_per_day__isnull=True) | Q(cost_per_day__gte=0), name="shelter_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.shelter_type} {self.started_on}"


class DossierType(models.TextChoices):
    """The dossier types CoMensha uses (Het beeld van 2020, bijlage I)."""

    REGISTRATION = "registratie", _("Registratie")
    SHELTER = "registratie_opvang", _("Registratie en opvang")
    ADVICE = "registratie_advies", _("Registratie, informatie en advies")


class ComenshaRegistration(models.Model):
    """The registration of a (presumed) victim with CoMensha: when, by whom, on what basis, the
    reference CoMensha gave, the dossier type, and the fields CoMensha's form asks for (the rest
    comes from the case: country of origin, age, sex). No name is sent."""

    case = models.OneToOneField(CareCase, on_delete=models.CASCADE, related_name="comensha_registration")
    reported_on = models.DateField(_("gemeld op"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemeld door"), on_delete=models.PROTECT, related_name="+"
    )
    legal_basis = models.CharField(_("grondslag"), max_length=30, choices=ReferralBasis.choices)
    consent_signed_by = models.CharField(
        _("toestemming getekend door"), max_length=20, choices=ConsentSigner.choices, blank=True
    )
    reference = models.CharField(_("kenmerk CoMensha"), max_length=40, blank=True)
    dossier_type = models.CharField(_("soort dossier"), max_length=30, choices=DossierType.choices)
    exploitation_form = models.CharField(_("vorm van uitbuiting"), max_length=40)
    sector = models.CharField(_("sector"), max_length=40)
    intake_info = models.CharField(_("toelichting bij de intake"), max_length=1000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("CoMensha-registratie")
        verbose_name_plural = _("CoMensha-registraties")

    def __str__(self) -> str:
        return f"{self.case_id}: CoMensha {self.reported_on}"


class ContactKind(models.TextChoices):
    MEETING = "gesprek", _("Gesprek")
    PHONE = "telefoon", _("Telefoon")
    HOME_VISIT = "huisbezoek", _("Huisbezoek")
    VIA_PROVIDER = "via_hulpverlener", _("Via een hulpverlener")
    MESSAGE = "bericht", _("Bericht")
    ATTEMPT = "poging", _("Poging, geen contact")


#: Kinds that count as contact with the person (an attempt does not).
REAL_CONTACT = tuple(kind for kind in ContactKind.values if kind != ContactKind.ATTEMPT)


class CareContact(models.Model):
    """A contact with the person (or an attempt), and when the next one is needed. Long without
    contact, the case page proposes the phase 'contact verloren' (care/selectors.contact_status)."""

    case = models.ForeignKey(CareCase, on_delete=models.CASCADE, related_name="contacts")
    contact_on = models.DateField(_("datum"))
    kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind.choices)
    note = models.CharField(_("korte notitie"), max_length=300, blank=True)
    next_contact_by = models.DateField(_("volgend contact uiterlijk"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")
        ordering = ["-contact_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_contact_by__isnull=True) | Q(next_contact_by__gte=models.F("contact_on")),
                name="care_contact_next_after_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind} {self.contact_on}"


# --- closing a trajectory: four eyes -------------------------------------------------------------


class ClosureRequestStatus(models.TextChoices):
    PENDING = "wacht", _("Wacht op goedkeuring")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    REFUSED = "afgewezen", _("Afgewezen")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")
    #: The case moved to another phase while the request waited.
    LAPSED = "vervallen", _("Vervallen")


class CareClosureRequest(models.Model):
    """A zorgcoördinator proposes to close a trajectory; a second zorgcoördinator who may manage
    the case approves it (then the case is closed) or refuses it with a reason. Whether a region
    asks for this is CareRegionSetting.closure_needs_approval (default: yes)."""

    case = models.ForeignKey(CareCase, on_delete=models.CASCADE, related_name="closure_requests")
    closure_reason = models.CharField(_("reden van afsluiten"), max_length=40)
    reason = models.TextField(_("toelichting"))
    status = models.CharField(
        _("status"), max_length=20, choices=ClosureRequestStatus.choices, default=ClosureRequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voorgesteld door"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decision_reason = models.TextField(_("reden van afwijzen"), blank=True)

    class Meta:
        verbose_name = _("voorstel tot afsluiten")
        verbose_name_plural = _("voorstellen tot afsluiten")
        ordering = ["case", "-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="wacht"), name="care_one_waiting_closure_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.status}"

    @property
    def organisation(self) -> Organisation:
        """The case's municipality: the audit log files every line about the proposal (also the
        workflow engine's, and a regional zorgcoördinator's decision) under it."""
        return self.case.organisation


class CareClosureRequestChange(AppendOnlyModel):
    closure_request = models.ForeignKey(CareClosureRequest, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ClosureRequestStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ClosureRequestStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["closure_request", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class CareRegionSetting(models.Model):
    """What a region agreed for its care trajectories; set by a regional zorgcoördinator. A
    municipality without a region, or a region without a row, uses the defaults."""

    region = models.OneToOneField(Region, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="+")
    closure_needs_approval = models.BooleanField(
        _("afsluiten vraagt goedkeuring van een tweede zorgcoördinator"), default=True
    )
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("regionale instelling zorg")
        verbose_name_plural = _("regionale instellingen zorg")

    def __str__(self) -> str:
        return f"{self.region_id}: {self.closure_needs_approval}"


# --- the care plan -------------------------------------------------------------------------------


class GoalStatus(models.TextChoices):
    OPEN = "lopend", _("Lopend")
    ACHIEVED = "bereikt", _("Bereikt")
    NOT_ACHIEVED = "niet_bereikt", _("Niet bereikt")
    DROPPED = "vervallen", _("Vervallen")


class CarePlanGoal(models.Model):
    """A goal of the care plan in one life domain (catalogue "life_domains"), agreed with the
    person. The plan is reviewed on the timeline (procedure "plan_evaluatie", every three months
    by default)."""

    case = models.ForeignKey(CareCase, on_delete=models.CASCADE, related_name="plan_goals")
    domain = models.CharField(_("levensdomein"), max_length=40)
    description = models.CharField(_("doel"), max_length=300)
    status = models.CharField(_("stand"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    closed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("doel van het plan")
        verbose_name_plural = _("doelen van het plan")
        ordering = ["case", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="lopend", closed_on__isnull=True)
                | (~Q(status="lopend") & Q(closed_on__isnull=False)),
                name="care_goal_closed_on_with_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.domain}"


class CarePlanAction(models.Model):
    """An agreed action towards a goal: who does it, by when, and when it was done."""

    goal = models.ForeignKey(CarePlanGoal, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("afspraak"), max_length=300)
    owner = models.CharField(_("wie"), max_length=120)
    due_on = models.DateField(_("uiterlijk"))
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("afspraak in het plan")
        verbose_name_plural = _("afspraken in het plan")
        ordering = ["goal", "due_on", "id"]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.due_on}"


class CareReminder(models.Model):
    """One reminder per deadline on the timeline (from its `remind_on`), per agreed action of the
    care plan (the catalogue's lead time before its due date), per referral whose answer is due
    and per shelter placement whose planned end comes near (the catalogue's `opvang_einde` lead
    time), so the daily job can run as often as cron likes and nobody gets the same reminder
    twice. A deadline that moves (a permit extended) loses its row, so the new date is reminded
    of again."""

    procedure = models.OneToOneField(CareProcedure, on_delete=models.CASCADE, null=True, related_name="+")
    plan_action = models.OneToOneField(CarePlanAction, on_delete=models.CASCADE, null=True, related_name="+")
    referral = models.OneToOneField(CareReferral, on_delete=models.CASCADE, null=True, related_name="+")
    placement = models.OneToOneField(ShelterPlacement, on_delete=models.CASCADE, null=True, related_name="+")
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    procedure__isnull=False, plan_action__isnull=True, referral__isnull=True, placement__isnull=True
                )
                | Q(procedure__isnull=True, plan_action__isnull=False, referral__isnull=True, placement__isnull=True)
                | Q(procedure__isnull=True, plan_action__isnull=True, referral__isnull=False, placement__isnull=True)
                | Q(procedure__isnull=True, plan_action__isnull=True, referral__isnull=True, placement__isnull=False),
                name="care_reminder_exactly_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure_id or self.plan_action_id or self.referral_id or self.placement_id} {self.sent_on}"


# --- the regional directory of shelter and care providers ----------------------------------------


class CareProvider(models.Model):
    """A shelter or care provider of the region: what it offers, for whom, who pays, and a number
    that answers at night. Kept by the regional zorgcoördinator, read by the zorgcoördinatoren of
    the region's municipalities. No address: many shelter addresses are secret."""

    region = models.ForeignKey(Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("naam"), max_length=160)
    #: Codes of the catalogue's shelter types (what it offers).
    shelter_types = models.JSONField(_("soorten opvang en zorg"), default=list)
    #: Code of the catalogue's payers.
    payer = models.CharField(_("wie betaalt"), max_length=40, blank=True)
    target_groups = models.CharField(
        _("voor wie"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: vrouwen, mannen, minderjarigen, met kinderen."),
    )
    places = models.PositiveSmallIntegerField(_("plaatsen"), null=True, blank=True)
    places_free = models.PositiveSmallIntegerField(_("plaatsen vrij"), null=True, blank=True)
    places_checked_on = models.DateField(_("vrije plaatsen nagevraagd op"), null=True, blank=True)
    intake_conditions = models.TextField(_("voorwaarden voor intake"), blank=True)
    phone_24h = models.CharField(_("telefoon, 24 uur per dag"), max_length=40, blank=True)
    phone = models.CharField(_("telefoon, kantoortijd"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    languages = models.CharField(_("talen"), max_length=200, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("opvang- of zorgaanbieder")
        verbose_name_plural = _("opvang- en zorgaanbieders")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="care_provider_name_once_per_region"),
            models.CheckConstraint(
                condition=Q(places_free__isnull=True) | Q(places__isnull=True) | Q(places_free__lte=models.F("places")),
                name="care_provider_free_within_places",
            ),
        ]

    def __str__(self) -> str:
        return self.name


# --- the legal track, income and insurance: small lifecycles of their own -----------------------


class TrackKind(models.TextChoices):
    """The procedures a victim goes through besides the trajectory itself (domain brief §1.2, §1.4)."""

    REFLECTION = "bedenktijd", _("Bedenktijd")
    COOPERATION = "aangifte", _("Aangifte, medewerking of vrijstelling")
    PERMIT = "b8_vergunning", _("Verblijfsvergunning B8/3")
    CONTINUED_STAY = "voortgezet_verblijf", _("Voortgezet verblijf")
    PROSECUTION = "vervolging", _("Strafzaak (zoals gemeld)")
    RVB = "rvb", _("Rvb (COA)")
    BENEFIT = "participatiewet", _("Bijstand (Participatiewet)")
    INSURANCE = "zorgverzekering", _("Zorgverzekering")


class TrackStatus(models.TextChoices):
    """The states of every kind of track together; care/tracks.py says which belong to which."""

    OFFERED = "aangeboden", _("Aangeboden")
    RUNNING = "lopend", _("Lopend")
    DECLINED = "afgezien", _("Afgezien")
    ENDED = "beeindigd", _("Beëindigd")
    CONSIDERING = "in_overweging", _("In overweging")
    REPORTED = "aangifte_gedaan", _("Aangifte gedaan")
    COOPERATING = "andere_medewerking", _("Andere medewerking aan het onderzoek")
    EXEMPT = "vrijgesteld", _("Vrijgesteld (dreiging of medische reden)")
    ENTITLED = "recht_ontstaan", _("Recht ontstaan, nog aanvragen")
    APPLIED = "aangevraagd", _("Aangevraagd")
    #: A Dublin claimant's application: police and OM aim to assess the aangifte within a term.
    APPLIED_DUBLIN = "aangevraagd_dublin", _("Aangevraagd (Dublinclaimant)")
    GRANTED = "verleend", _("Verleend")
    EXTENDED = "verlengd", _("Verlengd")
    AWARDED = "toegekend", _("Toegekend")
    REFUSED = "afgewezen", _("Afgewezen")
    INSURED = "verzekerd", _("Verzekerd")
    INVESTIGATION = "opsporing", _("Opsporingsonderzoek")
    DISMISSED = "sepot", _("Geseponeerd")
    TRIAL = "zitting", _("Bij de rechter")
    CONVICTED = "veroordeling", _("Veroordeling")
    ACQUITTED = "vrijspraak", _("Vrijspraak")


class CareTrack(models.Model):
    """One procedure of the legal track or of income and insurance (bedenktijd, aangifte, B8/3
    permit, continued stay, prosecution as reported, Rvb, Participatiewet, insurance), with its
    own small lifecycle (care/tracks.py, run by core.workflow). Its steps open, move and close
    the deadlines on the timeline (CareProcedure.track)."""

    case = models.ForeignKey(CareCase, on_delete=models.CASCADE, related_name="tracks")
    kind = models.CharField(_("soort"), max_length=30, choices=TrackKind.choices)
    status = models.CharField(_("stand"), max_length=30, choices=TrackStatus.choices)
    started_on = models.DateField(_("begonnen op"))
    #: The date of the latest step (a step never lies before it).
    status_on = models.DateField(_("stand sinds"))
    #: The date of the latest decision (granted, extended, refused, awarded).
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    #: Until when a permit is valid, or when a bedenktijd ends.
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    #: Police unit, insurer, who reported the prosecution's status, the basis of continued stay.
    detail = models.CharField(_("toelichting"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("spoor")
        verbose_name_plural = _("sporen")
        ordering = ["case", "started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status_on__gte=models.F("started_on")), name="care_track_step_after_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("started_on")),
                name="care_track_valid_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind} {self.status}"


class CareTrackChange(AppendOnlyModel):
    track = models.ForeignKey(CareTrack, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=TrackStatus.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=TrackStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["track", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"
