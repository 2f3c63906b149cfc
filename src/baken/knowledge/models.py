"""Kennisbank: what a municipality lays over the national knowledge base.

The national pages and barrier models are files shipped with the app (see content.py).
A functioneel beheerder adds local pages, adapts national pages (an addition above the
national text, or a replacement of it) and records per barrier whether it is in place and
who owns it. Every change appends a full snapshot to a revision table, so each version can be
read back and restored; revisions are never changed or removed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from baken.core.models import Organisation
from baken.core.versioning import Revision


class PageMode(models.TextChoices):
    ADDITION = "aanvulling", _("Aanvulling: de lokale tekst staat boven de landelijke tekst")
    REPLACEMENT = "vervanging", _("Vervanging: de lokale tekst vervangt de landelijke tekst")


class LocalPage(models.Model):
    """A municipality's own page, or its adaptation of the national page with the same slug."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    slug = models.SlugField(_("adres"), max_length=80)
    title = models.CharField(_("titel"), max_length=160)
    summary = models.CharField(_("samenvatting"), max_length=300, blank=True)
    section = models.CharField(_("onderdeel"), max_length=20)
    roles = models.JSONField(_("rollen"), default=list, blank=True)
    body = models.TextField(_("tekst (Markdown)"))
    mode = models.CharField(_("soort aanpassing"), max_length=20, choices=PageMode.choices, default=PageMode.ADDITION)
    is_active = models.BooleanField(_("actief"), default=True)
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
        verbose_name = _("lokale kennisbankpagina")
        verbose_name_plural = _("lokale kennisbankpagina's")
        ordering = ["organisation", "slug"]
        default_permissions = ()
        permissions = [
            ("manage_knowledge", _("Mag de kennisbank en de barrièremodellen van de eigen organisatie aanpassen"))
        ]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="local_page_slug_unique")]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.slug}"

    def snapshot(self) -> dict:
        return {
            "title": self.title,
            "summary": self.summary,
            "section": self.section,
            "roles": list(self.roles),
            "body": self.body,
            "mode": self.mode,
            "is_active": self.is_active,
        }


class LocalPageRevision(Revision):
    """One version of a local page: who, when, why, and the full content after the change."""

    page = models.ForeignKey(LocalPage, on_delete=models.PROTECT, related_name="revisions")
    row_field = "page"

    class Meta:
        verbose_name = _("versie van een kennisbankpagina")
        verbose_name_plural = _("versies van kennisbankpagina's")
        ordering = ["page", "-revision"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["page", "revision"], name="local_page_revision_unique")]

    def __str__(self) -> str:
        return f"{self.page_id} v{self.revision}"


class BarrierState(models.TextChoices):
    UNKNOWN = "onbekend", _("Niet beoordeeld")
    IN_PLACE = "aanwezig", _("Aanwezig")
    IN_PROGRESS = "in_voorbereiding", _("In voorbereiding")
    MISSING = "ontbreekt", _("Ontbreekt")


class BarrierStatus(models.Model):
    """Whether one barrier of a barrier model is in place in a municipality, and who owns it.

    National barriers are identified by model, step and the key from content.barrier_key;
    a municipality's own barriers carry their text in `label`.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    model_code = models.SlugField(_("barrièremodel"), max_length=60)
    step_code = models.SlugField(_("stap"), max_length=40)
    barrier_key = models.SlugField(_("barrière"), max_length=110)
    label = models.CharField(_("eigen barrière"), max_length=300, blank=True)
    state = models.CharField(_("stand van zaken"), max_length=20, choices=BarrierState.choices)
    owner = models.CharField(_("eigenaar"), max_length=160, blank=True)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
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
        verbose_name = _("barrière van de gemeente")
        verbose_name_plural = _("barrières van de gemeente")
        ordering = ["organisation", "model_code", "step_code", "id"]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "model_code", "step_code", "barrier_key"], name="barrier_status_unique"
            )
        ]
        indexes = [models.Index(fields=["organisation", "model_code"], name="barrier_status_model_idx")]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.model_code}/{self.step_code}/{self.barrier_key}"

    @property
    def is_local(self) -> bool:
        return bool(self.label)

    def snapshot(self) -> dict:
        return {
            "label": self.label,
            "state": self.state,
            "owner": self.owner,
            "note": self.note,
            "is_active": self.is_active,
        }


class BarrierStatusRevision(Revision):
    status = models.ForeignKey(BarrierStatus, on_delete=models.PROTECT, related_name="revisions")
    row_field = "status"

    class Meta:
        verbose_name = _("versie van een barrière")
        verbose_name_plural = _("versies van barrières")
        ordering = ["status", "-revision"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["status", "revision"], name="barrier_status_revision_unique")]

    def __str__(self) -> str:
        return f"{self.status_id} v{self.revision}"


class SearchSynonym(models.Model):
    """A municipality's own search word: searching `term` also finds documents with `means`.

    Both are stored normalised (lowercase, no accents or punctuation), as the search compares
    them. They come on top of the national synonyms in content/synonyms.toml.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    term = models.CharField(_("zoekwoord"), max_length=40)
    means = models.CharField(_("betekent"), max_length=80)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("eigen zoekwoord")
        verbose_name_plural = _("eigen zoekwoorden")
        ordering = ["organisation", "term", "means"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["organisation", "term", "means"], name="search_synonym_unique")]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.term}->{self.means}"
