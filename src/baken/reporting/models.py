import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.core.models import Organisation


class Statistics(models.Model):
    """Holds the reporting permission only: the figures are computed from the task apps, not stored
    here (no table)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_statistics", _("Mag de cijfers van de eigen organisatie zien (afgeschermd onder 11)"))]
        verbose_name = _("cijfers")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class ReportStatus(models.TextChoices):
    QUEUED = "wachtrij", _("In de wachtrij")
    RUNNING = "bezig", _("Wordt gemaakt")
    DONE = "klaar", _("Klaar")
    FAILED = "mislukt", _("Mislukt")


#: A version still being made after this long is taken for broken off (AnnualReport.stalled).
STALLED_AFTER = dt.timedelta(minutes=30)


class AnnualReport(models.Model):
    """One version of a municipality's annual report (jaarrapportage) for one year: the
    beleidsmaker's narrative and, once the background task has made it, the PDF. A new request
    is a new version; earlier versions stay as they were."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("jaar"))
    version = models.PositiveIntegerField(_("versie"))
    narrative = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("voortgang"), default=0)
    step = models.CharField(_("stap"), max_length=100, blank=True)
    error = models.CharField(_("foutmelding"), max_length=300, blank=True)
    pdf = models.BinaryField(_("PDF"), null=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("jaarrapportage")
        verbose_name_plural = _("jaarrapportages")
        ordering = ["-year", "-version"]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "version"], name="annual_report_version_once")
        ]

    def __str__(self) -> str:
        return f"Jaarrapportage {self.year} v{self.version}"

    @property
    def open(self) -> bool:
        """Waiting for the task worker or being made by it: the page keeps refreshing."""
        return self.status == ReportStatus.QUEUED or (self.status == ReportStatus.RUNNING and not self.stalled)

    @property
    def stalled(self) -> bool:
        """Still "being made" long after any run takes (seconds): the task worker stopped during
        the run, and a run once started is never taken up again. Shown as broken off, so that
        the page stops waiting and the beleidsmaker asks again."""
        return self.status == ReportStatus.RUNNING and self.created_at < timezone.now() - STALLED_AFTER
