"""Beleid & regie: the Kader self-assessment, its frozen snapshots, and the action plan.

No personal data: owners are functions or names of staff responsible for a task; case data
is reachable only through the suppressed aggregates of the reporting app.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from baken.core.append_only import AppendOnlyModel
from baken.core.models import Organisation, Region
from baken.core.versioning import Revision


class BlockStatus(models.TextChoices):
    NOT = "niet", _("Niet")
    PARTLY = "gedeeltelijk", _("Gedeeltelijk")
    FULLY = "volledig", _("Volledig")
    NOT_APPLICABLE = "nvt", _("N.v.t.")


#: A block that is not (fully) in place: a gap that can become an action.
GAP_STATUSES = (BlockStatus.NOT, BlockStatus.PARTLY)


class KaderAssessment(models.Model):
    """One self-assessment against the Kader for one year, of one municipality or of one region
    (a regional table assesses the region's own part of the approach). Exactly one owns it."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("gemeente"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(2015), MaxValueValidator(2100)])
    catalogue_version = models.CharField(_("versie van de Kader-catalogus"), max_length=20)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("zelfevaluatie Kader")
        verbose_name_plural = _("zelfevaluaties Kader")
        ordering = ["-year", "-id"]
        default_permissions = ()
        permissions = [("manage_policy", _("Mag beleid, zelfevaluatie en actieplan van de eigen gemeente bijhouden"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False, region__isnull=True)
                | models.Q(organisation__isnull=True, region__isnull=False),
                name="kader_assessment_one_owner",
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(organisation__isnull=False),
                name="kader_assessment_once_a_year",
            ),
            models.UniqueConstraint(
                fields=["region", "year"],
                condition=models.Q(region__isnull=False),
                name="kader_assessment_region_once_a_year",
            ),
        ]

    def __str__(self) -> str:
        return f"Kader {self.year}"

    @property
    def is_regional(self) -> bool:
        return self.region_id is not None


class AssessmentItem(models.Model):
    """The municipality's answer for one building block. Theme, plateau and text are copied from
    the catalogue version the assessment began under, so a later catalogue does not rewrite it."""

    assessment = models.ForeignKey(KaderAssessment, on_delete=models.CASCADE, related_name="items")
    block_code = models.CharField(_("code"), max_length=20)
    theme = models.CharField(_("thema"), max_length=40)
    plateau = models.CharField(_("plateau"), max_length=20)
    label = models.CharField(_("bouwsteen"), max_length=300)
    ibp_511 = models.BooleanField(_("IBP 5.11"), default=False)
    to_verify = models.BooleanField(_("nog te verifiëren"), default=True)
    order = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(_("status"), max_length=20, choices=BlockStatus.choices, blank=True)
    evidence = models.CharField(_("onderbouwing (document of besluit)"), max_length=300, blank=True)
    evidence_date = models.DateField(_("datum van het document of besluit"), null=True, blank=True)
    owner = models.CharField(_("eigenaar"), max_length=160, blank=True)
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    remarks = models.TextField(_("opmerkingen"), blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("onderdeel van de zelfevaluatie")
        verbose_name_plural = _("onderdelen van de zelfevaluatie")
        ordering = ["assessment", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "block_code"], name="assessment_block_once")]

    def __str__(self) -> str:
        return f"{self.block_code}: {self.status or '-'}"

    @property
    def is_gap(self) -> bool:
        return self.status in GAP_STATUSES


class AssessmentSnapshot(AppendOnlyModel):
    """The assessment as it stood when it was adopted ("vastgesteld"): frozen, never edited."""

    assessment = models.ForeignKey(KaderAssessment, on_delete=models.CASCADE, related_name="snapshots")
    number = models.PositiveSmallIntegerField(_("nummer"))
    adopted_on = models.DateField(_("vastgesteld op"))
    adopted_by = models.CharField(_("vastgesteld door"), max_length=160)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    taken_at = models.DateTimeField(auto_now_add=True)
    content = models.JSONField()

    class Meta:
        verbose_name = _("vastgestelde zelfevaluatie")
        verbose_name_plural = _("vastgestelde zelfevaluaties")
        ordering = ["assessment", "number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "number"], name="assessment_snapshot_number")]

    def __str__(self) -> str:
        return f"{self.assessment_id} #{self.number}"


class ActionPlan(models.Model):
    """The uitvoeringsplan: period, who adopted it, the regional framework it falls under."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("titel"), max_length=200)
    first_year = models.PositiveSmallIntegerField(
        _("van jaar"), validators=[MinValueValidator(2015), MaxValueValidator(2100)]
    )
    last_year = models.PositiveSmallIntegerField(
        _("tot en met jaar"), validators=[MinValueValidator(2015), MaxValueValidator(2100)]
    )
    adopted_by = models.CharField(_("vastgesteld door"), max_length=160, blank=True)
    adopted_on = models.DateField(_("vastgesteld op"), null=True, blank=True)
    regional_framework = models.CharField(_("regionaal kader"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uitvoeringsplan")
        verbose_name_plural = _("uitvoeringsplannen")
        ordering = ["-first_year", "-id"]
        default_permissions = ()

    def __str__(self) -> str:
        return self.title


class PlanGoal(models.Model):
    """A goal of the action plan, under a Kader theme or a local pillar of the municipality's own
    (e.g. "Arbeidsmigranten in de haven"), with an optional indicator and target. Actions can
    belong to a goal."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="goals")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("doel"), max_length=300)
    kader_theme = models.CharField(_("Kader-thema"), max_length=40, blank=True)
    local_pillar = models.CharField(_("lokale pijler"), max_length=160, blank=True)
    description = models.TextField(_("toelichting"), blank=True)
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    target = models.CharField(_("streefwaarde"), max_length=160, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["plan", "number"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_goal_number")]

    def __str__(self) -> str:
        return f"D-{self.number} {self.title}"

    @property
    def reference(self) -> str:
        return f"D-{self.number}"

    @property
    def pillar_label(self) -> str:
        """The Kader theme's label, or the local pillar's name."""
        if self.kader_theme:
            from baken.policy.catalogue.loader import kader

            return kader().theme_label(self.kader_theme)
        return self.local_pillar


class ActionStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    RUNNING = "lopend", _("Lopend")
    DONE = "gereed", _("Gereed")
    LATE = "vertraagd", _("Vertraagd")
    DROPPED = "vervallen", _("Vervallen")


class PlanAction(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="actions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("actie"), max_length=300)
    kader_theme = models.CharField(_("Kader-thema"), max_length=40)
    block_code = models.CharField(_("bouwsteen"), max_length=20, blank=True)
    goal = models.ForeignKey(
        PlanGoal,
        verbose_name=_("doel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )
    source_item = models.ForeignKey(
        AssessmentItem,
        verbose_name=_("uit de zelfevaluatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    owner = models.CharField(_("eigenaar"), max_length=160, blank=True)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("gereed op"), null=True, blank=True)
    budget = models.DecimalField(_("budget (euro)"), max_digits=12, decimal_places=2, null=True, blank=True)
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    target = models.CharField(_("streefwaarde"), max_length=160, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["plan", "number"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_action_number")]

    def __str__(self) -> str:
        return f"A-{self.number} {self.title}"

    @property
    def theme_label(self) -> str:
        from baken.policy.catalogue.loader import kader

        return kader().theme_label(self.kader_theme)

    @property
    def reference(self) -> str:
        """The code prevention activities name to say which action they serve."""
        return f"A-{self.number}"


class ActionStatusChange(AppendOnlyModel):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ActionStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class ActionProgressNote(AppendOnlyModel):
    """A quarterly progress note on an action: what happened in that quarter. Notes are kept,
    never changed; a later note adds to the story."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="progress_notes")
    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(2015), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("kwartaal"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    note = models.TextField(_("voortgang"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voortgangsnotitie")
        verbose_name_plural = _("voortgangsnotities")
        ordering = ["action", "year", "quarter", "id"]

    def __str__(self) -> str:
        return f"{self.year}-K{self.quarter}"


# --- the local risk picture ----------------------------------------------------------------------


class RiskLevel(models.TextChoices):
    LOW = "laag", _("Laag")
    MEDIUM = "midden", _("Midden")
    HIGH = "hoog", _("Hoog")


class RiskPicture(models.Model):
    """The local risk picture of one municipality for one year: the factsheet's first question,
    "which forms of exploitation are possible here?". Per form a row; partner intelligence as
    free text. Descriptions of sectors and places, never persons or cases."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(2015), MaxValueValidator(2100)])
    partner_intelligence = models.TextField(_("informatie van partners"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lokaal risicobeeld")
        verbose_name_plural = _("lokale risicobeelden")
        ordering = ["-year", "-id"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="policy_one_risk_picture_a_year")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class RiskFormRow(models.Model):
    """One form of exploitation in a risk picture: the sectors and locations present, the
    assessment (laag / midden / hoog) with its rationale and date."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    picture = models.ForeignKey(RiskPicture, on_delete=models.CASCADE, related_name="rows")
    form = models.ForeignKey("signalling.ExploitationForm", on_delete=models.PROTECT, related_name="+")
    sectors = models.TextField(_("sectoren en locaties in de gemeente"), blank=True)
    level = models.CharField(_("inschatting"), max_length=10, choices=RiskLevel.choices, blank=True)
    rationale = models.TextField(_("onderbouwing"), blank=True)
    assessed_on = models.DateField(_("datum inschatting"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vorm van uitbuiting in het risicobeeld")
        verbose_name_plural = _("vormen van uitbuiting in het risicobeeld")
        ordering = ["picture", "form__order", "form__id"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["picture", "form"], name="policy_risk_one_row_per_form")]

    def __str__(self) -> str:
        return f"{self.picture} {self.form}"


# --- the municipality's own version of the Kader catalogue ---------------------------------------


class LocalKaderBlock(models.Model):
    """A building block as the municipality assesses itself against it: a national block's text
    adjusted to local practice (its `code` is the national code), or a block of its own (code
    "L1", "L2", ...). The national catalogue (kader.toml) stays as it is; a new self-assessment
    copies the blocks as they then stand, so earlier assessments keep their text. Versioned:
    every change appends a full snapshot (core/versioning.py). Withdrawn (`is_active` false): the
    national text again, or the own block no longer offered."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("code"), max_length=20)
    theme = models.CharField(_("thema"), max_length=40)
    plateau = models.CharField(_("plateau"), max_length=20)
    label = models.CharField(_("bouwsteen"), max_length=300)
    is_active = models.BooleanField(_("in gebruik"), default=True)
    revision = models.PositiveIntegerField(_("versie"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lokale bouwsteen van het Kader")
        verbose_name_plural = _("lokale bouwstenen van het Kader")
        ordering = ["organisation", "code"]
        default_permissions = ()
        permissions = [
            ("manage_kader_catalogue", _("Mag de bouwstenen van het Kader voor de eigen gemeente aanpassen"))
        ]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="local_kader_block_once")]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"

    @property
    def is_own(self) -> bool:
        """A block of the municipality's own, not an adjusted national one."""
        return self.code.startswith(LOCAL_BLOCK_PREFIX)

    def snapshot(self) -> dict:
        return {
            "code": self.code,
            "theme": self.theme,
            "plateau": self.plateau,
            "label": self.label,
            "is_active": self.is_active,
        }


#: Codes of the municipality's own blocks: L1, L2, ... (national codes start with a digit).
LOCAL_BLOCK_PREFIX = "L"


class LocalKaderBlockRevision(Revision):
    """One version of a local block: who, when, why, and its full content after the change."""

    block = models.ForeignKey(LocalKaderBlock, on_delete=models.PROTECT, related_name="revisions")
    row_field = "block"

    class Meta:
        verbose_name = _("versie van een lokale bouwsteen")
        verbose_name_plural = _("versies van lokale bouwstenen")
        ordering = ["block", "-revision"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["block", "revision"], name="local_kader_block_revision_unique")]

    def __str__(self) -> str:
        return f"{self.block_id} v{self.revision}"
