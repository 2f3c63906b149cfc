"""Preventie: activities (school sessions, parents' evenings, trainings, campaigns, outreach).

No personal data: a location is a school or a wijk, reach is a count. Value lists (type,
target groups, languages, Kader theme) are codes of the versioned catalogue in
catalogue/values.toml; forms of exploitation are those of the national signal catalogue.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from baken.core.append_only import AppendOnlyModel
from baken.core.models import Organisation
from baken.core.versioning import Revision
from baken.partners.models import Partner

#: A Dutch school year runs from 1 August to 31 July.
SCHOOL_YEAR_START_MONTH = 8


def school_year_of(day: dt.date) -> int:
    """The first calendar year of the school year `day` falls in (2025 for 2025-2026)."""
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


class ActivityStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    CONFIRMED = "bevestigd", _("Bevestigd")
    DONE = "uitgevoerd", _("Uitgevoerd")
    EVALUATED = "geevalueerd", _("Geëvalueerd")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class LocationKind(models.TextChoices):
    SCHOOL = "school", _("School")
    WIJK = "wijk", _("Wijk")
    ONLINE = "online", _("Online of gemeentebreed")


class PreventionActivity(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("titel"), max_length=200)
    activity_type = models.CharField(_("soort activiteit"), max_length=40)
    forms = models.ManyToManyField(
        "signalling.ExploitationForm", verbose_name=_("vormen van uitbuiting"), blank=True, related_name="+"
    )
    target_groups = models.JSONField(_("doelgroepen"), default=list, blank=True)
    languages = models.JSONField(_("talen"), default=list, blank=True)
    provider = models.ForeignKey(
        Partner, verbose_name=_("aanbieder"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    programme = models.CharField(_("programma of materiaal"), max_length=200, blank=True)
    material = models.ForeignKey(
        "prevention.PreventionMaterial",
        verbose_name=_("materiaal uit de bibliotheek"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    starts_on = models.DateField(_("datum"))
    ends_on = models.DateField(_("einddatum"), null=True, blank=True)
    location_kind = models.CharField(_("soort locatie"), max_length=10, choices=LocationKind.choices)
    location_name = models.CharField(_("school of wijk"), max_length=160, blank=True)
    reach = models.PositiveIntegerField(_("bereik (aantal deelnemers)"), null=True, blank=True)
    cost = models.DecimalField(_("kosten (euro)"), max_digits=10, decimal_places=2, null=True, blank=True)
    evaluation_score = models.PositiveSmallIntegerField(
        _("evaluatiecijfer (1-5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    evaluation_notes = models.TextField(_("evaluatie"), blank=True)
    kader_theme = models.CharField(_("Kader-thema"), max_length=40, blank=True)
    action_reference = models.CharField(
        _("actie in het uitvoeringsplan"),
        max_length=60,
        blank=True,
        help_text=_("Het nummer of de naam van de actie in het uitvoeringsplan die deze activiteit dient."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    catalogue_version = models.CharField(_("versie keuzelijsten"), max_length=20)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("preventieactiviteit")
        verbose_name_plural = _("preventieactiviteiten")
        ordering = ["-starts_on", "-id"]
        default_permissions = ()
        permissions = [("manage_prevention", _("Mag preventieactiviteiten van de eigen gemeente bijhouden"))]
        indexes = [models.Index(fields=["organisation", "starts_on"], name="prevention_org_date_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def school_year(self) -> int:
        return school_year_of(self.starts_on)


class ActivityStatusChange(AppendOnlyModel):
    activity = models.ForeignKey(PreventionActivity, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ActivityStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ActivityStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class StaffCount(models.Model):
    """The number of staff in one department of the municipality: the denominator of the share
    trained, entered by the beleidsmaker. A count, no names."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    department = models.CharField(_("afdeling"), max_length=40)
    staff = models.PositiveIntegerField(_("aantal medewerkers"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bezetting van een afdeling")
        verbose_name_plural = _("bezetting van afdelingen")
        ordering = ["department"]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["organisation", "department"], name="prevention_staff_one_per_department")
        ]

    def __str__(self) -> str:
        return f"{self.department}: {self.staff}"


class Training(models.Model):
    """A training of staff in signalling: department and function, level, date, refresher date
    and the number of participants. Names are optional and never needed for the figures."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    department = models.CharField(_("afdeling"), max_length=40)
    function = models.CharField(_("functie"), max_length=120, blank=True)
    level = models.CharField(_("niveau"), max_length=40)
    trained_on = models.DateField(_("datum training"))
    refresher_on = models.DateField(_("datum opfriscursus"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("aantal deelnemers"))
    names = models.TextField(_("namen (optioneel)"), blank=True)
    provider = models.ForeignKey(
        Partner, verbose_name=_("aanbieder"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    catalogue_version = models.CharField(_("versie keuzelijsten"), max_length=20)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training signaleren")
        verbose_name_plural = _("trainingen signaleren")
        ordering = ["-trained_on", "-id"]
        default_permissions = ()
        indexes = [models.Index(fields=["organisation", "department"], name="prevention_training_dept_idx")]

    def __str__(self) -> str:
        return f"{self.department} {self.trained_on}"


class PreventionMaterial(models.Model):
    """A prevention material in the municipality's library: a lesson, film, game, leaflet,
    e-learning or training programme, found by audience, language and form. Versioned: every
    change appends a full snapshot to PreventionMaterialRevision, so earlier versions stay
    readable (core/versioning.py, as the Kennisbank's local pages). Only a link: Baken keeps no
    file of the material itself."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    audiences = models.JSONField(_("doelgroepen"), default=list, blank=True)
    languages = models.JSONField(_("talen"), default=list, blank=True)
    form = models.CharField(_("vorm"), max_length=40)
    evidence_level = models.CharField(_("bewijskracht"), max_length=40)
    provider = models.ForeignKey(
        Partner, verbose_name=_("aanbieder"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    url = models.URLField(_("link"), max_length=500)
    catalogue_version = models.CharField(_("versie keuzelijsten"), max_length=20)
    revision = models.PositiveIntegerField(_("versie"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("preventiemateriaal")
        verbose_name_plural = _("preventiematerialen")
        ordering = ["title", "id"]
        default_permissions = ()
        indexes = [models.Index(fields=["organisation", "title"], name="prevention_material_title_idx")]

    def __str__(self) -> str:
        return self.title

    def snapshot(self) -> dict:
        return {
            "title": self.title,
            "description": self.description,
            "audiences": list(self.audiences),
            "languages": list(self.languages),
            "form": self.form,
            "evidence_level": self.evidence_level,
            "provider": self.provider.name if self.provider_id else "",
            "provider_id": self.provider_id,
            "url": self.url,
            "catalogue_version": self.catalogue_version,
        }


class PreventionMaterialRevision(Revision):
    """One version of a material: who, when, why, and its full content after the change."""

    material = models.ForeignKey(PreventionMaterial, on_delete=models.PROTECT, related_name="revisions")
    row_field = "material"

    class Meta:
        verbose_name = _("versie van een preventiemateriaal")
        verbose_name_plural = _("versies van preventiematerialen")
        ordering = ["material", "-revision"]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["material", "revision"], name="prevention_material_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.material_id} v{self.revision}"
