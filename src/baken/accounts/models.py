"""Users: every account belongs to one municipality, or (for regional roles) to one region."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from baken.accounts.roles import ROLES_BY_CODE
from baken.core.confidentiality import Confidentiality
from baken.core.models import Organisation, Region


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Alleen voor regionale functies, zoals de zorgcoördinator."),
    )
    clearance = models.PositiveSmallIntegerField(
        _("vertrouwelijkheidsniveau"),
        choices=Confidentiality.choices,
        default=Confidentiality.INTERN,
        help_text=_("De gebruiker ziet alleen gegevens tot en met dit niveau."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["username"]
        permissions = [("manage_users", _("Mag gebruikers van de eigen organisatie beheren"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(organisation__isnull=False, region__isnull=False),
                name="user_belongs_to_organisation_or_region",
            )
        ]

    @property
    def role_names(self) -> list[str]:
        """Names of the user's roles; uses prefetched groups when available."""
        return [str(ROLES_BY_CODE[g.name].name) for g in self.groups.all() if g.name in ROLES_BY_CODE]

    @property
    def home_label(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        if self.region_id:
            return self.region.name
        return ""
