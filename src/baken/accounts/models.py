"""Users: every account belongs to one municipality, or (for regional roles) to one region."""

import base64
import secrets
import time
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.oath import TOTP

from baken.accounts.roles import ROLES_BY_CODE
from baken.core import crypto
from baken.core.append_only import AppendOnlyModel
from baken.core.confidentiality import Confidentiality
from baken.core.crypto import CiphertextField, KeyedDigestField
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
    phone = models.CharField(
        _("telefoonnummer"),
        max_length=40,
        blank=True,
        help_text=_("Zakelijk nummer; staat op overdrachten aan partners."),
    )
    email_on_report_updates = models.BooleanField(
        _("e-mail bij nieuws over mijn meldingen"),
        default=False,
        help_text=_("U krijgt een e-mail zonder inhoud: alleen dat er een bericht over uw melding is."),
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
    #: A role that needs no second pair of eyes (signaleerder, beleidsmaker, ...): granted at
    #: once, and recorded here so that the privacy officer reviews it like any other change.
    GRANTED = "granted", _("toegekend (geen goedkeuring nodig)")


class AccessRequest(models.Model):
    """A change of access that takes effect only after a second person approves it (four eyes):
    granting a case role or another four-eyes role, raising a clearance, or resetting someone
    else's second factor. At most one request per account waits at a time. A grant that needs
    no approval is recorded too, as already granted, for the privacy officer's review."""

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
    #: Empty when the installation's administrator granted from the command line.
    requested_by = models.ForeignKey(
        User, verbose_name=_("aangevraagd door"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
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
        permissions = [
            (
                "decide_as_installation",
                _(
                    "Mag als installatiebeheerder besluiten over verzoeken van een gemeente met één "
                    "functioneel beheerder"
                ),
            )
        ]
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


# --- second factor -----------------------------------------------------------------------
# Baken's own django-otp devices, so that no secret is stored in clear (docs/adr/0005): the TOTP
# key is encrypted with a key from the environment, backup codes are kept as keyed digests.
# django-otp finds them like its own devices (user_has_device, otp_login, OTPMiddleware).

#: Purpose of the keyed digests of backup codes (baken.core.crypto).
BACKUP_CODE_DIGEST_PURPOSE = "backup-code"


def _new_totp_key() -> str:
    return crypto.encrypt(secrets.token_bytes(20))


class AuthenticatorDevice(TimestampMixin, ThrottlingMixin, Device):
    """A TOTP authenticator app. Works as django-otp's TOTPDevice does, with the same defaults
    (30-second steps, six digits, one step of tolerance, no code accepted twice), but the key is
    stored only encrypted."""

    encrypted_key = CiphertextField(_("versleutelde sleutel"), default=_new_totp_key)
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    #: The time step of the last accepted code: only a later step is accepted next.
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = _("authenticator-app")
        verbose_name_plural = _("authenticator-apps")

    @property
    def bin_key(self) -> bytes:
        """The secret key (decrypted on every use, never kept on the model)."""
        return crypto.decrypt(self.encrypted_key)

    def set_key(self, key: bytes) -> None:
        self.encrypted_key = crypto.encrypt(key)

    def verify_token(self, token) -> bool:
        verify_allowed, _data = self.verify_is_allowed()
        if not verify_allowed:
            return False
        try:
            code = int(token)
        except (TypeError, ValueError):
            verified = False
        else:
            totp = TOTP(self.bin_key, self.step, self.t0, self.digits, self.drift)
            totp.time = time.time()
            verified = totp.verify(code, self.tolerance, self.last_t + 1)
            if verified:
                self.last_t = totp.t()
                if getattr(settings, "OTP_TOTP_SYNC", True):
                    self.drift = totp.drift
                self.throttle_reset(commit=False)
                self.set_last_used_timestamp(commit=False)
                self.save()
        if not verified:
            self.throttle_increment(commit=True)
        return verified

    def get_throttle_factor(self) -> int:
        return settings.OTP_TOTP_THROTTLE_FACTOR

    @property
    def config_url(self) -> str:
        """The otpauth:// address for the QR code (Key Uri Format, as django-otp's TOTPDevice)."""
        issuer = settings.OTP_TOTP_ISSUER.replace(":", "")
        label = f"{issuer}:{self.user.get_username()}"
        params = urlencode(
            {"secret": base64.b32encode(self.bin_key), "algorithm": "SHA1", "digits": self.digits, "period": self.step}
        )
        return f"otpauth://totp/{quote(label)}?{params}&issuer={quote(issuer)}"


class BackupCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """The user's one-time backup codes. Each code is kept as a keyed digest and works once."""

    class Meta(Device.Meta):
        verbose_name = _("back-upcodes")
        verbose_name_plural = _("back-upcodes")

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def verify_token(self, token) -> bool:
        verify_allowed, _data = self.verify_is_allowed()
        if not verify_allowed:
            return False
        code = backup_code_digest_input(user_id=self.user_id, code=str(token))
        # Every stored digest is compared (in constant time), not only until the first match.
        matches = [
            stored.pk
            for stored in self.codes.all()
            if crypto.keyed_digest_matches(BackupCode.DIGEST_PURPOSE, code, stored.digest)
        ]
        if matches:
            self.codes.filter(pk=matches[0]).delete()
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment(commit=True)
        return False


def backup_code_digest_input(*, user_id: int, code: str) -> str:
    return f"{user_id}:{code}"


class BackupCode(models.Model):
    DIGEST_PURPOSE = BACKUP_CODE_DIGEST_PURPOSE

    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes")
    #: keyed digest of "<user id>:<code>": the same code of two users gives different digests.
    digest = KeyedDigestField(_("kenmerk"))

    class Meta:
        verbose_name = _("back-upcode")
        verbose_name_plural = _("back-upcodes")

    def __str__(self) -> str:
        return f"{self.device} #{self.pk}"


class PasswordResetRequest(models.Model):
    """A request for a password-reset e-mail, kept for an hour so that requests can be limited per
    e-mail address and per client address. The address entered is kept only as a keyed digest."""

    DIGEST_PURPOSE = "password-reset-email"

    email_digest = KeyedDigestField(_("kenmerk e-mailadres"), db_index=True)
    client_ip = models.GenericIPAddressField(_("IP-adres"), null=True, db_index=True)
    #: Empty for a request that was let through (these are counted). A refusal is stored once per
    #: window and limit ("account" or "address"), so that its audit row is written once.
    refused_for = models.CharField(_("geweigerd wegens"), max_length=8, blank=True, default="")
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("aanvraag wachtwoordherstel")
        verbose_name_plural = _("aanvragen wachtwoordherstel")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.client_ip or '-'}"
