"""Writes for accounts: roles, users, second factor. Each validates, saves in one transaction
and appends to the audit log."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from baken.accounts.models import (
    BACKUP_CODE_DIGEST_PURPOSE,
    AuthenticatorDevice,
    BackupCode,
    BackupCodeDevice,
    PasswordResetRequest,
    User,
    backup_code_digest_input,
)
from baken.accounts.roles import ROLES, ROLES_BY_CODE
from baken.core import crypto
from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.locks import serialise_transactions
from baken.core.models import AuditAction, Organisation
from baken.core.permissions import forget_permissions
from baken.core.services import audit_record

TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"


def roles_sync(*, using: str = "default") -> None:
    """Make the permission groups match the role catalogue (idempotent)."""
    known = {
        f"{app}.{code}": pk
        for pk, app, code in Permission.objects.using(using).values_list("pk", "content_type__app_label", "codename")
    }
    for role in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=role.code)
        group.permissions.set([known[name] for name in role.permissions if name in known])


def sync_roles_after_migrate(sender, **kwargs) -> None:
    # Runs after each app's migrations, so permissions of apps later in the list are picked up.
    roles_sync(using=kwargs.get("using", "default"))


def _role_groups(role_codes: list[str]) -> list[Group]:
    unknown = set(role_codes) - set(ROLES_BY_CODE)
    if unknown:
        raise ValidationError({"roles": _("Onbekende rol: %(roles)s") % {"roles": ", ".join(sorted(unknown))}})
    return list(Group.objects.filter(name__in=role_codes))


def user_role_codes(user: User) -> list[str]:
    return sorted(group.name for group in user.groups.all() if group.name in ROLES_BY_CODE)


@transaction.atomic(durable=True)
def user_create(
    *,
    actor: User | None,
    organisation: Organisation | None,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    role_codes: list[str],
    clearance: int,
    region=None,
    password: str | None = None,
) -> User:
    """Create an account in one municipality (or region) with its roles.

    `actor` None is the installation's administrator (install command, demo data), never a web
    request. A functioneel beheerder creates accounts in their own municipality only.
    Without a password the account gets an unusable one and the user sets it through the
    e-mailed link; every account still has to enrol a second factor at first login.
    """
    if actor is not None and (
        not policy_for(User).user_may(actor, "change")
        or organisation is None
        or organisation.pk != actor.organisation_id
    ):
        raise NotPermitted
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Deze gebruikersnaam is al in gebruik.")})
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        region=region,
        clearance=clearance,
    )
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    groups = _role_groups(role_codes)
    user.groups.set(groups)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=user,
        organisation=organisation,
        reason=_("rollen: %(roles)s") % {"roles": ", ".join(sorted(role_codes)) or "-"},
    )
    return user


@transaction.atomic(durable=True)
def user_update(
    *,
    actor: User,
    user: User,
    email: str,
    first_name: str,
    last_name: str,
    role_codes: list[str],
    clearance: int,
    is_active: bool,
) -> User:
    """Change an account's details, roles, clearance or status. Never one's own account (the
    policy leaves it out of the rows the actor may change), never another municipality's."""
    if not policy_for(User).allows(actor, "change", user):
        raise NotPermitted
    before_roles = user_role_codes(user)
    before = (user.email, user.first_name, user.last_name, user.clearance, user.is_active)
    user.email, user.first_name, user.last_name = email, first_name, last_name
    user.clearance, user.is_active = clearance, is_active
    user.full_clean(exclude=["password"])
    user.save()
    groups = _role_groups(role_codes)
    user.groups.set(groups)
    forget_permissions(user)
    after_roles = sorted(role_codes)
    if after_roles != before_roles:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=user,
            reason=_("rollen: %(before)s → %(after)s")
            % {"before": ", ".join(before_roles) or "-", "after": ", ".join(after_roles) or "-"},
        )
    if before != (user.email, user.first_name, user.last_name, user.clearance, user.is_active):
        changed = []
        if before[3] != user.clearance:
            changed.append(_("niveau"))
        if before[4] != user.is_active:
            changed.append(_("actief") if user.is_active else _("gedeactiveerd"))
        if before[:3] != (user.email, user.first_name, user.last_name):
            changed.append(_("gegevens"))
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=user, reason=", ".join(changed))
    return user


def user_send_set_password_link(*, user: User) -> None:
    """E-mail a one-time link with which a new user chooses their password."""
    if not user.email:
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = settings.BAKEN_BASE_URL.rstrip("/") + reverse("accounts:password_reset_confirm", args=[uid, token])
    body = render_to_string("accounts/email/welcome.txt", {"user": user, "link": link})
    send_mail(_("Uw account voor Baken"), body, None, [user.email])


# --- password reset ----------------------------------------------------------------------

#: The window over which password-reset requests are counted.
PASSWORD_RESET_WINDOW = timedelta(hours=1)


@transaction.atomic(durable=True)
def password_reset_request(*, email: str, client_ip: str | None) -> bool:
    """Record a request for a password-reset e-mail and say whether it may be sent: at most
    BAKEN_PASSWORD_RESET_PER_ACCOUNT per hour for the address entered, and
    BAKEN_PASSWORD_RESET_PER_ADDRESS per hour from one client address. The counts are rows in the
    database, so the limits hold across processes and servers. A refusal is written to the audit
    log once per window and account or client address (so a flood cannot fill the log), for the
    account's municipality when the address belongs to an account. The caller answers as if the
    e-mail was sent either way: nothing reveals whether an account exists."""
    serialise_transactions("baken.password_reset_request")
    now = timezone.now()
    since = now - PASSWORD_RESET_WINDOW
    PasswordResetRequest.objects.filter(created_at__lt=since).delete()
    digest = crypto.keyed_digest(PasswordResetRequest.DIGEST_PURPOSE, email.strip().lower())
    recent = PasswordResetRequest.objects.filter(created_at__gte=since)
    if recent.filter(email_digest=digest, refused_for="").count() >= settings.BAKEN_PASSWORD_RESET_PER_ACCOUNT:
        limit, same = "account", Q(email_digest=digest)
        reason = _("wachtwoordherstel geweigerd: te veel aanvragen voor dit e-mailadres")
    elif (
        client_ip is not None
        and recent.filter(client_ip=client_ip, refused_for="").count() >= settings.BAKEN_PASSWORD_RESET_PER_ADDRESS
    ):
        limit, same = "address", Q(client_ip=client_ip)
        reason = _("wachtwoordherstel geweigerd: te veel aanvragen vanaf dit adres")
    else:
        PasswordResetRequest.objects.create(email_digest=digest, client_ip=client_ip, created_at=now)
        return True
    if not recent.filter(same, refused_for=limit).exists():
        PasswordResetRequest.objects.create(email_digest=digest, client_ip=client_ip, refused_for=limit, created_at=now)
        account = (
            User.objects.filter(email__iexact=email.strip(), is_active=True)
            .select_related("organisation")
            .order_by("pk")
            .first()
        )
        audit_record(
            actor=None,
            username=account.username if account is not None else "",
            organisation=account.organisation if account is not None else None,
            action=AuditAction.LOGIN_FAILED,
            reason=reason,
        )
    return False


# --- second factor -----------------------------------------------------------------------


def totp_device_start(*, user: User) -> AuthenticatorDevice:
    """An unconfirmed authenticator for enrolment, with a new key (stored only encrypted);
    replaces an earlier unconfirmed one."""
    AuthenticatorDevice.objects.filter(user=user, confirmed=False).delete()
    return AuthenticatorDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


@transaction.atomic(durable=True)
def totp_device_confirm(*, user: User, device: AuthenticatorDevice, token: str) -> list[str] | None:
    """Confirm enrolment with a first code. Returns fresh backup codes, or None if the code
    is wrong (nothing changes then)."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    AuthenticatorDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = backup_codes_regenerate(user=user)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=device,
        reason=_("tweede factor ingesteld"),
    )
    return codes


@dataclass(frozen=True)
class SecondFactorResult:
    device: object | None  # the device that accepted the code, or None
    #: Seconds the user must wait before a code is checked again (0: not held back).
    wait_seconds: int = 0


@transaction.atomic(durable=True)
def second_factor_verify(*, user: User, token: str) -> SecondFactorResult:
    """Check a code against the user's confirmed devices (authenticator, then backup codes).
    The device rows stay locked until the check is recorded, so parallel guesses on PostgreSQL
    cannot slip through django-otp's back-off between its read and its write."""
    devices = [
        *AuthenticatorDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk"),
        *BackupCodeDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk"),
    ]
    wait = 0
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed:
            locked_until = (data or {}).get("locked_until")
            if locked_until is not None:
                wait = max(wait, int((locked_until - timezone.now()).total_seconds()) + 1)
            continue
        if device.verify_token(token):
            return SecondFactorResult(device=device)
    return SecondFactorResult(device=None, wait_seconds=wait)


def backup_codes_regenerate(*, user: User) -> list[str]:
    """Replace the user's one-time backup codes. Only keyed digests are stored (HMAC-SHA256 under
    a key derived from the environment's key); the codes themselves are returned to be shown
    once. Each works once."""
    device, _created = BackupCodeDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME)
    device.codes.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(_backup_code_count())]
    BackupCode.objects.bulk_create(
        BackupCode(
            device=device,
            digest=crypto.keyed_digest(
                BACKUP_CODE_DIGEST_PURPOSE, backup_code_digest_input(user_id=user.pk, code=code)
            ),
        )
        for code in codes
    )
    return codes


@transaction.atomic
def second_factor_remove_all(*, user: User) -> int:
    """Delete every second-factor device of the user (authenticator and backup codes, of every
    kind django-otp knows). The user's sessions lose their verification with the device, and the
    next login starts a new enrolment. The caller records why in the audit log. Returns the
    number of devices removed."""
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    return removed


def _backup_code_count() -> int:
    return settings.BAKEN_BACKUP_CODE_COUNT
