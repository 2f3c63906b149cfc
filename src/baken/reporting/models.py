from django.db import models
from django.utils.translation import gettext_lazy as _


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
