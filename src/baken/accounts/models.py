"""Users: every account belongs to one municipality, or (for regional roles) to one region."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from baken.accounts.roles import ROLES_BY_CODE
from baken.core.append_only import AppendOnlyModel
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


class AccessRequestKind(models.TextChoices):
    GRANT = "grant", _("rol of niveau toekennen")
    SECOND_FACTOR_RESET = "second_factor_reset", _("tweede factor opnieuw instellen")


class AccessRequestStatus(models.TextChoices):
    PENDING = "pending", _("wacht op goedkeuring")
    APPROVED = "approved", _("goedgekeurd")
    REJECTED = "rejected", _("afgewezen")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class AccessRequest(models.Model):
    """A change of access that takes effect only after a second person approves it (four eyes):
    granting a case role or another four-eyes role, raising a clearance, or resetting someone
    else's second factor. At most one request per account waits at a time."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.PROTECT, related_name="access_requests"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=AccessRequestKind.choices)
    roles = models.JSONField(_("rollen erbij"), default=list, blank=True)
    clearance = models.PositiveSmallIntegerField(
        _("nieuw vertrouwelijkheidsniveau"), choices=Confidentiality.choices, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AccessRequestStatus.choices, default=AccessRequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("aangevraagd door"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User, verbose_name=_("besloten door"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    #: The privacy officer marks a request as reviewed once they have looked at it.
    reviewed_by = models.ForeignKey(
        User, verbose_name=_("beoordeeld door"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("toegangsverzoek")
        verbose_name_plural = _("toegangsverzoeken")
        ordering = ["-requested_at", "-id"]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["subject"],
                condition=Q(status="pending"),
                name="access_request_one_pending_per_account",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.subject_id}"

    @property
    def role_names(self) -> list[str]:
        return [str(ROLES_BY_CODE[code].name) for code in self.roles if code in ROLES_BY_CODE]


class AccessRequestStatusChange(AppendOnlyModel):
    """History of an access request; the actor is empty when the installation's administrator
    decided (from the command line, without an account in a municipality)."""

    access_request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=AccessRequestStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=AccessRequestStatus.choices)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["access_request", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"
