"""Handhaven: the location register, enforcement cases, inspections with their findings, and
measures (the administrative track) with their legal deadlines.

Every row belongs to one municipality. An enforcement case carries a confidentiality level:
zaakvertrouwelijk by default, raised to vertrouwelijk when it is linked to a trafficking signal
(domain brief §6). Locations, parties and licences are the register the inspectors keep; the
case and everything under it follows the case's policy (enforcement/policies.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.core.append_only import AppendOnlyModel
from baken.core.confidentiality import Confidentiality
from baken.core.models import Organisation
from baken.core.versioning import Revision


class ObjectType(models.TextChoices):
    DWELLING = "woning", _("Woning")
    BUSINESS = "bedrijfspand", _("Bedrijfspand")
    SEX_BUSINESS = "seksinrichting", _("Seksinrichting")
    MASSAGE = "massagesalon", _("Massagesalon")
    NAILS = "nagelstudio", _("Nagelstudio")
    CARWASH = "carwash", _("Carwash")
    HOTEL = "hotel", _("Hotel")
    LODGING = "logies", _("Logies / huisvesting arbeidsmigranten")
    HOLIDAY_PARK = "recreatiepark", _("Recreatiepark")
    FARM = "agrarisch", _("Agrarisch bedrijf")


class HousingNorm(models.TextChoices):
    """Which SNF floor-area norm applies: the municipality decides per location."""

    LODGING = "logies", _("Logies (10 m² per persoon)")
    DWELLING = "woning", _("Reguliere woning of wooneenheid (12 m² per persoon)")


class Location(models.Model):
    """An address in the register: what inspectors know before they go out."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("naam of handelsnaam"), max_length=160, blank=True)
    street = models.CharField(_("straat"), max_length=120)
    house_number = models.CharField(_("huisnummer"), max_length=10)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = models.CharField(_("plaats"), max_length=80)
    bag_id = models.CharField(_("BAG-id (nummeraanduiding)"), max_length=16, blank=True)
    neighbourhood = models.CharField(_("wijk"), max_length=100, blank=True)
    object_type = models.CharField(_("soort object"), max_length=20, choices=ObjectType.choices)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    registered_residents = models.PositiveSmallIntegerField(_("ingeschreven bewoners (BRP)"), null=True, blank=True)
    observed_residents = models.PositiveSmallIntegerField(
        _("aangetroffen bewoners bij de laatste controle"), null=True, blank=True
    )
    # Labour-migrant housing (the SNF norm checks use these; employer and agency are parties).
    housing_norm = models.CharField(_("SNF-norm"), max_length=10, choices=HousingNorm.choices, blank=True)
    floor_area = models.DecimalField(
        _("gebruiksoppervlakte (m²)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    bedroom_areas = models.JSONField(_("oppervlakte per slaapkamer (m²)"), default=list, blank=True)
    toilets = models.PositiveSmallIntegerField(_("toiletten"), null=True, blank=True)
    showers = models.PositiveSmallIntegerField(_("douches"), null=True, blank=True)
    transport = models.CharField(_("vervoer naar het werk"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["postcode", "house_number", "id"]
        default_permissions = ()
        permissions = [
            ("manage_inspection", _("Mag locaties registreren en controles plannen en uitvoeren")),
            ("manage_measure", _("Mag handhavingsmaatregelen voorbereiden en besluiten vastleggen")),
            ("manage_letters", _("Mag de sjablonen van de handhavingsbrieven aanpassen")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "postcode", "house_number"], name="location_address_once")
        ]
        indexes = [models.Index(fields=["organisation", "object_type"], name="location_org_type_idx")]

    def __str__(self) -> str:
        return f"{self.street} {self.house_number}, {self.postcode} {self.city}"

    @property
    def address(self) -> str:
        return str(self)


class PartyRole(models.TextChoices):
    OWNER = "eigenaar", _("Eigenaar")
    OPERATOR = "exploitant", _("Exploitant")
    LANDLORD = "verhuurder", _("Verhuurder")
    MANAGER = "beheerder", _("Beheerder")
    INTERMEDIARY = "tussenpersoon", _("Tussenpersoon")
    EMPLOYER = "werkgever", _("Werkgever")
    AGENCY = "uitzendbureau", _("Uitzendbureau")


class LocationParty(models.Model):
    """A person or company with a role at a location (read with the location)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("rol"), max_length=20, choices=PartyRole.choices)
    name = models.CharField(_("naam"), max_length=160)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("betrokkene bij een locatie")
        verbose_name_plural = _("betrokkenen bij een locatie")
        ordering = ["location", "role", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class LicenceKind(models.TextChoices):
    APV_SEX = "apv_seksbedrijf", _("APV-exploitatievergunning seksbedrijf")
    WGV = "wgv_verhuurvergunning", _("Verhuurvergunning (Wet goed verhuurderschap)")
    ENVIRONMENT = "omgevingsvergunning", _("Omgevingsvergunning")
    SNF = "snf_keurmerk", _("SNF-keurmerk (huisvesting arbeidsmigranten)")
    OTHER = "anders", _("Andere vergunning")


class Licence(models.Model):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="licences")
    kind = models.CharField(_("soort"), max_length=30, choices=LicenceKind.choices)
    number = models.CharField(_("nummer"), max_length=60, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vergunning")
        verbose_name_plural = _("vergunningen")
        ordering = ["location", "valid_until", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()


class CaseTheme(models.TextChoices):
    TRAFFICKING = "mensenhandel", _("Mensenhandel")
    MIGRANT_HOUSING = "huisvesting_arbeidsmigranten", _("Huisvesting arbeidsmigranten")
    SEX_WORK = "prostitutie", _("Prostitutie en seksbedrijven")
    GOOD_LANDLORD = "goed_verhuurderschap", _("Goed verhuurderschap")
    UNDERMINING = "ondermijning", _("Ondermijning")


class CaseReason(models.TextChoices):
    """Aanleiding, after AZA's list, with Baken's own trafficking signal."""

    TRAFFICKING_SIGNAL = "signaal_mensenhandel", _("Signaal mensenhandel")
    COMPLAINT = "melding", _("Melding van een bewoner of bedrijf")
    OWN_RESEARCH = "eigen_onderzoek", _("Eigen onderzoek")
    PROJECT = "project", _("Project of integrale controle")
    POLICE = "politie", _("Politie (bestuurlijke rapportage)")
    RIEC = "riec", _("RIEC")
    LICENCE = "vergunning", _("Vergunningaanvraag of -controle")
    REQUEST = "handhavingsverzoek", _("Handhavingsverzoek")
    PARTNER = "partner", _("Verzoek van een partner")


class CaseStatus(models.TextChoices):
    SUPERVISION = "toezicht", _("Toezicht")
    ENFORCEMENT = "handhaving", _("Handhaving")
    CLOSED = "afgesloten", _("Afgesloten")


class CaseClosure(models.TextChoices):
    NO_VIOLATION = "geen_overtreding", _("Geen overtreding")
    LEGALISED = "gelegaliseerd", _("Gelegaliseerd")
    INSUFFICIENT_EVIDENCE = "onvoldoende_bewijs", _("Onvoldoende bewijs")
    RESULT = "resultaat", _("Resultaat na handhaving of hercontrole")
    HANDED_ON = "doorgezet", _("Doorgezet naar ander team of thema")


class EnforcementCase(models.Model):
    """A toezichts- en handhavingszaak at one location."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(_("zaaknummer"), max_length=20, unique=True)
    theme = models.CharField(_("thema"), max_length=30, choices=CaseTheme.choices)
    reason = models.CharField(_("aanleiding"), max_length=30, choices=CaseReason.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    signal = models.ForeignKey(
        "signalling.Signal",
        verbose_name=_("signaal mensenhandel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confidentiality = models.PositiveSmallIntegerField(
        _("vertrouwelijkheid"), choices=Confidentiality.choices, default=Confidentiality.ZAAKVERTROUWELIJK
    )
    status = models.CharField(_("fase"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.SUPERVISION)
    closure = models.CharField(_("reden van afsluiten"), max_length=30, choices=CaseClosure.choices, blank=True)
    opened_on = models.DateField(_("geopend op"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("handhavingszaak")
        verbose_name_plural = _("handhavingszaken")
        ordering = ["-opened_on", "-id"]
        default_permissions = ()
        indexes = [models.Index(fields=["organisation", "status"], name="enf_case_org_status_idx")]

    def __str__(self) -> str:
        return self.reference


class CaseStatusChange(AppendOnlyModel):
    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class InspectionStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    DONE = "uitgevoerd", _("Uitgevoerd")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class Situation(models.TextChoices):
    """On arrival (AZA's list)."""

    NOBODY = "niemand_aanwezig", _("Niemand aanwezig")
    NO_COOPERATION = "geen_medewerking", _("Geen medewerking")
    ACCESS = "toegang_verleend", _("Toegang verleend")


class Outcome(models.TextChoices):
    """The debrief's outcome (AZA's list)."""

    NO_VIOLATION = "geen_overtreding", _("Geen overtreding")
    FOLLOW_UP = "aanvullend_bezoek", _("Aanvullend bezoek nodig")
    WARRANT = "machtiging", _("Machtiging benodigd")
    INTERNAL = "intern_onderzoek", _("Nader intern onderzoek")
    EXTERNAL = "externe_partij", _("Doorsturen naar externe partij")
    OTHER_THEME = "ander_thema", _("Naar ander thema")
    VIOLATION = "overtreding", _("Overtreding: handhaven")


class Inspection(models.Model):
    """A visit: planned first, then recorded in the field."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="inspections")
    planned_for = models.DateTimeField(_("gepland op"))
    team = models.TextField(
        _("team"),
        blank=True,
        help_text=_("Per lid: naam, organisatie en eigen grondslag om binnen te treden."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=InspectionStatus.choices, default=InspectionStatus.PLANNED
    )
    performed_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    situation = models.CharField(_("situatie bij aankomst"), max_length=20, choices=Situation.choices, blank=True)
    people_present = models.PositiveSmallIntegerField(_("aantal aanwezigen"), null=True, blank=True)
    observed_residents = models.PositiveSmallIntegerField(_("aangetroffen bewoners"), null=True, blank=True)
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)
    checklist_version = models.CharField(_("catalogusversie"), max_length=40, blank=True)
    notes = models.TextField(_("aantekeningen"), blank=True)
    outcome = models.CharField(_("uitkomst (debrief)"), max_length=20, choices=Outcome.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    #: "Signaal mensenhandel doorzetten" at the debrief: the signal it created in the intake.
    handed_signal = models.ForeignKey(
        "signalling.Signal",
        verbose_name=_("doorgezet signaal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("controle")
        verbose_name_plural = _("controles")
        ordering = ["-planned_for", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "planned_for"], name="inspection_planning_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.planned_for:%Y-%m-%d}"


class Finding(models.Model):
    """What an inspection found, with the norm it breaks."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    checklist_code = models.CharField(_("checklistpunt"), max_length=40, blank=True)
    description = models.TextField(_("bevinding"))
    norm = models.CharField(_("norm of regel"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        ordering = ["inspection", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class MeasureStatus(models.TextChoices):
    INTENT = "voornemen", _("Voornemen verzonden")
    VIEW_RECEIVED = "zienswijze", _("Zienswijze ontvangen en beoordeeld")
    DECISION = "besluit", _("Besluit genomen")
    RECHECK = "hercontrole", _("Hercontrole")
    COMPLIED = "voldaan", _("Voldaan")
    FORFEITED = "verbeurd", _("Dwangsom verbeurd")
    COLLECTION = "invordering", _("Invordering")
    RENOUNCED = "afgezien", _("Afgezien van een besluit")
    CLOSED = "afgesloten", _("Afgesloten")


class Measure(models.Model):
    """One administrative track, from voornemen to besluit and beyond, at one case.

    The deadlines are computed by the services from the catalogue (catalogue/enforcement.toml)
    and stored, so task lists and reminders can query them; `catalogue_version` says which
    version of the table was used."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="measures")
    finding = models.ForeignKey(
        Finding, verbose_name=_("bevinding"), on_delete=models.PROTECT, null=True, blank=True, related_name="measures"
    )
    intent_type = models.CharField(_("soort aanschrijving"), max_length=40)
    addressees = models.CharField(_("geadresseerden"), max_length=300)
    sent_on = models.DateField(_("verzonden op"))
    view_due_on = models.DateField(_("zienswijze uiterlijk"))
    status = models.CharField(_("stand"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.INTENT)
    view_summary = models.TextField(_("zienswijze en beoordeling"), blank=True)
    decision_type = models.CharField(_("soort besluit"), max_length=40, blank=True)
    legal_basis = models.CharField(_("wettelijke grondslag"), max_length=120, blank=True)
    decided_on = models.DateField(_("besluit genomen op"), null=True, blank=True)
    amount_per_unit = models.DecimalField(
        _("bedrag per eenheid"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount_unit = models.CharField(_("eenheid"), max_length=20, blank=True)
    amount_maximum = models.DecimalField(_("maximum"), max_digits=10, decimal_places=2, null=True, blank=True)
    compliance_due_on = models.DateField(_("einde begunstigingstermijn"), null=True, blank=True)
    forfeited_on = models.DateField(_("verbeurd op"), null=True, blank=True)
    payment_due_on = models.DateField(_("betaling uiterlijk"), null=True, blank=True)
    collection_lapses_on = models.DateField(_("invordering verjaart op"), null=True, blank=True)
    catalogue_version = models.CharField(_("catalogusversie"), max_length=40)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        ordering = ["case", "-sent_on", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="measure_org_status_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.intent_type}"


class MeasureStatusChange(AppendOnlyModel):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=MeasureStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=MeasureStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class BibobTest(models.Model):
    """A Bibob test at a case: why it started, the questionnaire, the own findings, the request
    to the Landelijk Bureau Bibob with its advice, and the decision with the proportionality
    motivation (the advice binds nobody: the body weighs it itself, art. 3:9 Awb).

    Triggers, advice levels and decisions are catalogue codes; the advice deadline is computed
    from the catalogue and stored so task lists and reminders can query it. Read and changed with
    its case (the case's "view" and "measure")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="bibob_tests")
    subject = models.CharField(_("waarop de toets ziet"), max_length=200)
    trigger = models.CharField(_("aanleiding"), max_length=40)
    started_on = models.DateField(_("gestart op"))
    questionnaire_sent_on = models.DateField(_("vragenformulier verzonden op"), null=True, blank=True)
    questionnaire_received_on = models.DateField(_("vragenformulier ontvangen op"), null=True, blank=True)
    own_findings = models.TextField(_("eigen onderzoek en bevindingen"), blank=True)
    lbb_requested_on = models.DateField(_("advies LBB gevraagd op"), null=True, blank=True)
    lbb_extended = models.BooleanField(_("adviestermijn LBB verlengd"), default=False)
    lbb_advice_due_on = models.DateField(_("advies LBB uiterlijk"), null=True, blank=True)
    lbb_advice_received_on = models.DateField(_("advies LBB ontvangen op"), null=True, blank=True)
    advice_level = models.CharField(_("mate van gevaar (advies)"), max_length=40, blank=True)
    decision = models.CharField(_("besluit"), max_length=40, blank=True)
    decided_on = models.DateField(_("besluit genomen op"), null=True, blank=True)
    proportionality = models.TextField(_("motivering van de evenredigheid"), blank=True)
    catalogue_version = models.CharField(_("catalogusversie"), max_length=40)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Bibob-toets")
        verbose_name_plural = _("Bibob-toetsen")
        ordering = ["case", "-started_on", "-id"]
        indexes = [models.Index(fields=["organisation", "lbb_advice_due_on"], name="bibob_org_due_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.subject}"


class AppealKind(models.TextChoices):
    OBJECTION = "bezwaar", _("Bezwaar")
    APPEAL = "beroep", _("Beroep")
    INTERIM = "voorlopige_voorziening", _("Voorlopige voorziening")


class AppealOutcome(models.TextChoices):
    WELL_FOUNDED = "gegrond", _("Gegrond")
    PARTLY = "deels_gegrond", _("Deels gegrond")
    UNFOUNDED = "ongegrond", _("Ongegrond")
    INADMISSIBLE = "niet_ontvankelijk", _("Niet-ontvankelijk")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")
    GRANTED = "toegewezen", _("Toegewezen")
    REFUSED = "afgewezen", _("Afgewezen")


class MeasureAppeal(models.Model):
    """Bezwaar, beroep or a voorlopige voorziening against a measure's besluit. They run beside
    the administrative track and never change its stand: a measure may be at hercontrole while
    a bezwaar is pending. Open while it has no outcome; read and changed with its measure."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField(_("soort"), max_length=30, choices=AppealKind.choices)
    lodged_on = models.DateField(_("ingediend op"))
    lodged_by = models.CharField(_("ingediend door"), max_length=200)
    outcome = models.CharField(_("uitkomst"), max_length=30, choices=AppealOutcome.choices, blank=True)
    decided_on = models.DateField(_("beslist op"), null=True, blank=True)
    notes = models.TextField(_("toelichting"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rechtsmiddel")
        verbose_name_plural = _("rechtsmiddelen")
        ordering = ["measure", "lodged_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.lodged_on}"

    @property
    def pending(self) -> bool:
        return not self.outcome


class EnforcementReminder(models.Model):
    """One reminder per deadline (code and date) of a measure or a Bibob test, so the daily job
    can run as often as cron likes and nobody is reminded twice. A deadline that moves (an
    extended LBB term) is a new date, and reminded again."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    bibob_test = models.ForeignKey(BibobTest, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    deadline = models.CharField(max_length=40)
    due_on = models.DateField()
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measure__isnull=False, bibob_test__isnull=True)
                | models.Q(measure__isnull=True, bibob_test__isnull=False),
                name="enf_reminder_one_subject",
            ),
            models.UniqueConstraint(
                fields=["measure", "deadline", "due_on"],
                condition=models.Q(measure__isnull=False),
                name="enf_reminder_measure_once",
            ),
            models.UniqueConstraint(
                fields=["bibob_test", "deadline", "due_on"],
                condition=models.Q(bibob_test__isnull=False),
                name="enf_reminder_bibob_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deadline} {self.due_on}"


class LetterKind(models.TextChoices):
    INTENT = "voornemen", _("Voornemen")
    DECISION = "besluit", _("Besluit")
    RECHECK = "hercontrole", _("Hercontrole")


class LetterTemplate(models.Model):
    """A municipality's own text of an enforcement letter, in place of the standard text
    (catalogue/letters.toml). Versioned like the knowledge pages: every change appends a full
    snapshot to LetterTemplateRevision."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("soort brief"), max_length=20, choices=LetterKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"))
    revision = models.PositiveIntegerField(_("versie"), default=0)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["organisation", "kind"]
        constraints = [models.UniqueConstraint(fields=["organisation", "kind"], name="letter_template_kind_once")]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.kind} v{self.revision}"

    def snapshot(self) -> dict:
        return {"title": self.title, "body": self.body}


class LetterTemplateRevision(Revision):
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="revisions")
    row_field = "template"

    class Meta:
        ordering = ["template", "-revision"]
        constraints = [models.UniqueConstraint(fields=["template", "revision"], name="letter_template_revision_once")]

    def __str__(self) -> str:
        return f"{self.template_id} v{self.revision}"


class BarrierLink(models.Model):
    """An inspection outcome or a measure that raised a barrier of a Kennisbank barrier model:
    the loop from the model to enforcement. Codes of the national model (and the barrier's text
    at the time, so a reworded barrier still reads). Read and changed with its case."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="barrier_links")
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, null=True, blank=True, related_name="barrier_links"
    )
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="barrier_links")
    model_code = models.CharField(_("barrièremodel"), max_length=60)
    step_code = models.CharField(_("stap"), max_length=60)
    barrier_key = models.CharField(_("barrière"), max_length=100)
    barrier_text = models.CharField(_("tekst van de barrière"), max_length=300)
    raised_on = models.DateField(_("opgeworpen op"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opgeworpen barrière")
        verbose_name_plural = _("opgeworpen barrières")
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["organisation", "model_code"], name="barrier_link_org_model_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(inspection__isnull=False, measure__isnull=True)
                | models.Q(inspection__isnull=True, measure__isnull=False),
                name="barrier_link_one_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.model_code}/{self.step_code}/{self.barrier_key}"


# --- the field form's draft and photos ----------------------------------------------------------------


class InspectionDraft(models.Model):
    """The inspection form as the inspector typed it, kept on the server (never in the phone's
    storage) while it is not sent: one per inspector per inspection, at the confidentiality of the
    case. Deleted when the inspection is recorded, by its owner, or BAKEN_DRAFT_DAYS after its
    last change (enforcement/drafts.py)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="drafts")
    confidentiality = models.PositiveSmallIntegerField(
        _("vertrouwelijkheid"), choices=Confidentiality.choices, default=Confidentiality.ZAAKVERTROUWELIJK
    )
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    audited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("concept van een controle")
        verbose_name_plural = _("concepten van controles")
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["owner", "inspection"], name="inspection_draft_once_per_user")]

    def __str__(self) -> str:
        return f"{self.inspection_id} {self.owner_id}"


def inspection_photo_path(instance: "InspectionPhoto", filename: str) -> str:
    """A random name with the extension of the detected type, never the uploaded name."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"inspections/{instance.inspection.organisation_id}/{uuid.uuid4().hex}.{extension}"


class InspectionPhoto(models.Model):
    """A photo taken at an inspection: passed the content checks of a signal's attachment."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=inspection_photo_path, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("foto bij een controle")
        verbose_name_plural = _("foto's bij controles")
        ordering = ["inspection", "id"]

    def __str__(self) -> str:
        return self.original_name
