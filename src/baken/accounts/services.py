"""Writes for accounts: roles, users, second factor. Each validates, saves in one transaction
and appends to the audit log."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps as django_apps
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
    AccessRequest,
    AccessRequestKind,
    AccessRequestStatus,
    AuthenticatorDevice,
    BackupCode,
    BackupCodeDevice,
    PasswordResetRequest,
    User,
    backup_code_digest_input,
)
from baken.accounts.roles import FOUR_EYES_ROLES, INSTALLATION_ROLES, ROLES, ROLES_BY_CODE, role_conflicts
from baken.accounts.workflow import ACCESS_REQUEST_WORKFLOW
from baken.core import crypto
from baken.core.access import policy_for
from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.locks import serialise_transactions
from baken.core.models import AuditAction, AuditEvent, Organisation, Region
from baken.core.notify import notify
from baken.core.permissions import forget_permissions
from baken.core.services import audit_record, organisation_register

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
    """Once per migrate (and per test-database flush), after the last app's post_migrate: only
    then do the permissions of every app exist. (Run for each of the 22 apps, it was half the
    time of every flush of a transactional test.)"""
    with_models = [config for config in django_apps.get_app_configs() if config.models_module is not None]
    if sender is with_models[-1]:
        roles_sync(using=kwargs.get("using", "default"))


def _role_groups(role_codes) -> list[Group]:
    unknown = set(role_codes) - set(ROLES_BY_CODE)
    if unknown:
        raise ValidationError({"roles": _("Onbekende rol: %(roles)s") % {"roles": ", ".join(sorted(unknown))}})
    return list(Group.objects.filter(name__in=role_codes))


def _check_conflicts(role_codes) -> None:
    """Segregation of duties: some roles exclude others on one account (roles.CONFLICTS)."""
    conflicts = role_conflicts(role_codes)
    if conflicts:
        role, other = conflicts[0]
        raise ValidationError(
            {
                "roles": _(
                    "De rollen %(role)s en %(other)s gaan niet samen op één account: wie het werk controleert, "
                    "doet het niet zelf."
                )
                % {"role": ROLES_BY_CODE[role].name, "other": ROLES_BY_CODE[other].name}
            }
        )


def user_role_codes(user: User) -> list[str]:
    return sorted(group.name for group in user.groups.all() if group.name in ROLES_BY_CODE)


#: The highest clearance a functioneel beheerder gives without a second pair of eyes.
CLEARANCE_WITHOUT_APPROVAL = Confidentiality.INTERN


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
    request. A functioneel beheerder creates accounts in their own municipality only; the
    four-eyes roles and a clearance above `intern` they ask for wait for a second functioneel
    beheerder (an AccessRequest), the rest applies at once.
    Without a password the account gets an unusable one and the user sets it through the
    e-mailed link; every account still has to enrol a second factor at first login.
    """
    if actor is not None and (
        not policy_for(User).user_may(actor, "change")
        or organisation is None
        or organisation.pk != actor.organisation_id
    ):
        raise NotPermitted
    _check_installation_roles(role_codes, by_installation=actor is None, organisation=organisation)
    _check_conflicts(role_codes)
    groups = _role_groups(role_codes)
    held_back = set(role_codes) & FOUR_EYES_ROLES if actor is not None else set()
    raise_to = clearance if actor is not None and clearance > CLEARANCE_WITHOUT_APPROVAL else None
    user = _account_save(
        actor=actor,
        organisation=organisation,
        region=region,
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        groups=[group for group in groups if group.name not in held_back],
        clearance=CLEARANCE_WITHOUT_APPROVAL if raise_to else clearance,
        password=password,
    )
    if held_back or raise_to:
        _access_request_open(actor=actor, subject=user, roles=sorted(held_back), clearance=raise_to)
    return user


def _check_installation_roles(role_codes, *, by_installation: bool, organisation) -> None:
    """An installation role (installatiebeheerder) is granted by the installation's administrator
    only, and only to an account of no municipality: a municipality cannot hand it out."""
    wanted = set(role_codes) & INSTALLATION_ROLES
    if wanted and (not by_installation or organisation is not None):
        raise ValidationError(
            {"roles": _("Onbekende rol: %(roles)s") % {"roles": ", ".join(sorted(wanted))}},
        )


def _account_save(
    *, actor, organisation, region, username, email, first_name, last_name, groups, clearance, password=None
) -> User:
    """Save a new account with the groups it gets at once, audited; tell the privacy officer."""
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
    user.groups.set(groups)
    granted = sorted(group.name for group in groups)
    event = audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=user,
        organisation=organisation,
        reason=_("rollen: %(roles)s") % {"roles": ", ".join(granted) or "-"},
    )
    if granted and organisation is not None:
        _tell_granted(event, user, granted, actor=actor)
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
    phone: str | None = None,
) -> AccessRequest | None:
    """Change an account's details, roles, clearance or status. Never one's own account (the
    policy leaves it out of the rows the actor may change), never another municipality's.

    Taking access away applies at once; adding a four-eyes role or raising the clearance opens an
    AccessRequest for a second functioneel beheerder, which is returned (None when nothing waits).
    """
    if not policy_for(User).allows(actor, "change", user):
        raise NotPermitted
    _check_installation_roles(role_codes, by_installation=False, organisation=user.organisation)
    _check_conflicts(role_codes)
    groups = _role_groups(role_codes)
    user = User.objects.select_for_update().get(pk=user.pk)
    before_roles = user_role_codes(user)
    wanted = set(role_codes)
    held_back = (wanted - set(before_roles)) & FOUR_EYES_ROLES
    raise_to = clearance if clearance > user.clearance else None
    if (held_back or raise_to) and _waiting_request(user) is not None:
        raise ValidationError(
            _(
                "Voor dit account wacht al een wijziging op goedkeuring. Laat die eerst goedkeuren of afwijzen, "
                "of trek hem in."
            )
        )
    before = (user.email, user.first_name, user.last_name, user.clearance, user.is_active, user.phone)
    user.email, user.first_name, user.last_name = email, first_name, last_name
    if phone is not None:
        user.phone = phone.strip()
    user.is_active = is_active
    user.clearance = user.clearance if raise_to else clearance
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set([group for group in groups if group.name not in held_back])
    forget_permissions(user)
    after_roles = sorted(wanted - held_back)
    if after_roles != before_roles:
        event = audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=user,
            reason=_("rollen: %(before)s → %(after)s")
            % {"before": ", ".join(before_roles) or "-", "after": ", ".join(after_roles) or "-"},
        )
        added = sorted(set(after_roles) - set(before_roles))
        if added:
            _tell_granted(event, user, added, actor=actor)
    if before != (user.email, user.first_name, user.last_name, user.clearance, user.is_active, user.phone):
        changed = []
        if before[3] != user.clearance:
            changed.append(_("niveau"))
        if before[4] != user.is_active:
            changed.append(_("actief") if user.is_active else _("gedeactiveerd"))
        if before[:3] != (user.email, user.first_name, user.last_name) or before[5] != user.phone:
            changed.append(_("gegevens"))
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=user, reason=", ".join(changed))
    if held_back or raise_to:
        return _access_request_open(actor=actor, subject=user, roles=sorted(held_back), clearance=raise_to)
    return None


@transaction.atomic(durable=True)
def user_update_own_settings(*, user: User, phone: str, email_on_report_updates: bool) -> User:
    """What every user sets for themself: their work phone (it goes on hand-overs) and whether
    news about their reports also comes by e-mail (without content)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise NotPermitted
    user = User.objects.select_for_update().get(pk=user.pk)
    phone = phone.strip()
    before = (user.phone, user.email_on_report_updates)
    user.phone, user.email_on_report_updates = phone, email_on_report_updates
    user.full_clean(exclude=["password"])
    user.save(update_fields=["phone", "email_on_report_updates"])
    if before != (user.phone, user.email_on_report_updates):
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=user,
            reason=_("eigen instellingen gewijzigd"),
        )
    return user


@transaction.atomic(durable=True)
def user_resend_password_link(*, actor: User, user: User) -> None:
    """The functioneel beheerder sends a colleague a new link to choose a password (a lost or
    expired welcome e-mail). The link goes to the account's own address only."""
    if not policy_for(User).allows(actor, "change", user):
        raise NotPermitted
    if not user.email:
        raise ValidationError(_("Dit account heeft geen e-mailadres; vul dat eerst in."))
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=user, reason=_("wachtwoordlink opnieuw verstuurd"))
    transaction.on_commit(lambda: user_send_set_password_link(user=user))


@transaction.atomic(durable=True)
def users_deactivate(*, actor: User, user_ids) -> int:
    """Deactivate several accounts at once (those without a login for a long time). All or
    nothing: an id the actor may not change refuses the whole request. A deactivated account
    cannot log in, and its open sessions stop working at their next request (the
    authentication backend refuses inactive users)."""
    wanted = set(user_ids)
    users = list(policy_for(User).rows_for(actor, "change").filter(pk__in=wanted).select_for_update())
    if len(users) != len(wanted):
        raise NotPermitted
    for user in users:
        if user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
            audit_record(
                actor=actor, action=AuditAction.UPDATE, obj=user, reason=_("gedeactiveerd (lang niet ingelogd)")
            )
    return len(users)


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


# --- four eyes: access requests ----------------------------------------------------------


def _tell_granted(event: AuditEvent, user: User, role_codes, *, actor: User) -> None:
    """Roles granted at once (none of them needs four eyes): a notification for the privacy
    officer, and an access record already granted, which waits on their start page until they
    mark it as reviewed."""
    roles = ", ".join(str(ROLES_BY_CODE[code].name) for code in role_codes)
    message = _("Rollen toegekend aan %(username)s: %(roles)s") % {"username": user.username, "roles": roles}
    _tell_privacy_officers(event, message[:200])
    granted = AccessRequest.objects.create(
        organisation_id=user.organisation_id,
        subject=user,
        kind=AccessRequestKind.GRANT,
        roles=sorted(role_codes),
        status=AccessRequestStatus.GRANTED,
        requested_by=actor,
    )
    ACCESS_REQUEST_WORKFLOW.record_start(granted, actor=actor)


def _describe(access_request: AccessRequest) -> str:
    if access_request.kind == AccessRequestKind.SECOND_FACTOR_RESET:
        return _("tweede factor opnieuw instellen")
    parts = [", ".join(access_request.role_names)] if access_request.roles else []
    if access_request.clearance:
        parts.append(_("niveau %(level)s") % {"level": Confidentiality(access_request.clearance).label})
    return "; ".join(parts)


def _tell_privacy_officers(event: AuditEvent, message: str) -> None:
    """A change of access is a notification on the privacy officer's page, not only a line in
    the log: every user who may read that audit line gets it, with a link to the account's
    lines in the log."""
    url = reverse("core:audit_log") + f"?object_type={event.object_type}&object_id={event.object_id}"
    recipients = policy_for(AuditEvent).users_for(event, "view")
    notify(recipients=recipients, organisation_id=event.organisation_id, message=message, url=url)


def _waiting_request(user: User) -> AccessRequest | None:
    return AccessRequest.objects.filter(subject=user, status=AccessRequestStatus.PENDING).first()


def _access_request_open(
    *, actor: User, subject: User, kind: str = AccessRequestKind.GRANT, roles=(), clearance=None
) -> AccessRequest:
    access_request = AccessRequest.objects.create(
        organisation_id=subject.organisation_id,
        subject=subject,
        kind=kind,
        roles=list(roles),
        clearance=clearance,
        requested_by=actor,
    )
    ACCESS_REQUEST_WORKFLOW.record_start(access_request, actor=actor)
    summary = _describe(access_request)
    event = audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=subject,
        reason=_("toegangsverzoek #%(id)s: %(change)s (wacht op goedkeuring)")
        % {"id": access_request.pk, "change": summary},
    )
    message = _("Toegangsverzoek #%(id)s voor %(username)s: %(change)s. Wacht op goedkeuring.") % {
        "id": access_request.pk,
        "username": subject.username,
        "change": summary,
    }
    _tell_privacy_officers(event, message[:200])
    notify(
        recipients=policy_for(AccessRequest).users_for(access_request, "decide"),
        organisation_id=access_request.organisation_id,
        message=message[:200],
        url=reverse("accounts:access_request_detail", args=[access_request.pk]),
    )
    return access_request


@transaction.atomic(durable=True)
def second_factor_reset_request(*, actor: User, user: User) -> AccessRequest:
    """Ask to reset someone else's second factor (a lost phone). It happens only after a second
    functioneel beheerder approves; then the user enrols again at their next login."""
    if not policy_for(User).allows(actor, "change", user):
        raise NotPermitted
    if _waiting_request(user) is not None:
        raise ValidationError(
            _("Voor dit account wacht al een wijziging op goedkeuring. Laat die eerst afhandelen of trek hem in.")
        )
    return _access_request_open(actor=actor, subject=user, kind=AccessRequestKind.SECOND_FACTOR_RESET)


def _lock_for(actor: User | None, action: str, access_request: AccessRequest) -> AccessRequest:
    """The request, locked; the installation's administrator (actor None) may decide any
    waiting request, anyone else only as their policy allows."""
    rows = AccessRequest.objects.all() if actor is None else policy_for(AccessRequest).rows_for(actor, action)
    locked = rows.select_for_update().filter(pk=access_request.pk, status=AccessRequestStatus.PENDING).first()
    if locked is None:
        raise NotPermitted
    return locked


def _decided_by(actor: User | None) -> str:
    if actor is None:
        return _("de beheerder van de installatie")
    if actor.organisation_id is None:
        return _("installatiebeheerder %(username)s") % {"username": actor.username}
    return actor.username


@transaction.atomic(durable=True)
def access_request_approve(*, actor: User | None, access_request: AccessRequest, reason: str = "") -> AccessRequest:
    """A second functioneel beheerder (or, with `actor` None, the installation's administrator)
    approves: the roles and clearance are granted, or the second factor is reset."""
    access_request = _lock_for(actor, "decide", access_request)
    subject = User.objects.select_for_update().get(pk=access_request.subject_id)
    if access_request.kind == AccessRequestKind.SECOND_FACTOR_RESET:
        second_factor_remove_all(user=subject)
        change = _("tweede factor verwijderd; opnieuw instellen bij de volgende keer inloggen")
    else:
        before_roles = user_role_codes(subject)
        after_roles = sorted(set(before_roles) | set(access_request.roles))
        _check_conflicts(after_roles)
        subject.groups.set(_role_groups(after_roles))
        if access_request.clearance and access_request.clearance > subject.clearance:
            subject.clearance = access_request.clearance
            subject.save(update_fields=["clearance"])
        forget_permissions(subject)
        change = _("rollen: %(before)s → %(after)s; niveau %(level)s") % {
            "before": ", ".join(before_roles) or "-",
            "after": ", ".join(after_roles) or "-",
            "level": subject.get_clearance_display(),
        }
    ACCESS_REQUEST_WORKFLOW.record_transition(
        access_request,
        AccessRequestStatus.APPROVED,
        actor=actor,
        reason=reason,
        changes={"decided_by": actor, "decided_at": timezone.now()},
    )
    event = audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=subject,
        reason=_("toegangsverzoek #%(id)s goedgekeurd door %(by)s: %(change)s")
        % {"id": access_request.pk, "by": _decided_by(actor), "change": change},
    )
    _tell_decision(access_request, event, _("goedgekeurd"), actor)
    return access_request


@transaction.atomic(durable=True)
def access_request_reject(*, actor: User | None, access_request: AccessRequest, reason: str) -> AccessRequest:
    """A second functioneel beheerder (or the installation's administrator) says no, with a reason."""
    access_request = _lock_for(actor, "decide", access_request)
    ACCESS_REQUEST_WORKFLOW.record_transition(
        access_request,
        AccessRequestStatus.REJECTED,
        actor=actor,
        reason=reason,
        changes={"decided_by": actor, "decided_at": timezone.now()},
    )
    event = audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=access_request.subject,
        reason=_("toegangsverzoek #%(id)s afgewezen door %(by)s: %(reason)s")
        % {"id": access_request.pk, "by": _decided_by(actor), "reason": reason.strip()},
    )
    _tell_decision(access_request, event, _("afgewezen"), actor)
    return access_request


@transaction.atomic(durable=True)
def access_request_withdraw(*, actor: User, access_request: AccessRequest) -> AccessRequest:
    """Whoever asked takes the request back; nothing changes for the account."""
    access_request = _lock_for(actor, "withdraw", access_request)
    ACCESS_REQUEST_WORKFLOW.record_transition(access_request, AccessRequestStatus.WITHDRAWN, actor=actor)
    event = audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=access_request.subject,
        reason=_("toegangsverzoek #%(id)s ingetrokken") % {"id": access_request.pk},
    )
    _tell_decision(access_request, event, _("ingetrokken"), actor)
    return access_request


@transaction.atomic(durable=True)
def access_request_mark_reviewed(*, actor: User, access_request: AccessRequest) -> AccessRequest:
    """The privacy officer has looked at a change of access: it leaves their list to review."""
    access_request = _lock_for_review(actor, access_request)
    access_request.reviewed_by, access_request.reviewed_at = actor, timezone.now()
    access_request.save(update_fields=["reviewed_by", "reviewed_at"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=access_request, reason=_("beoordeeld door privacy officer")
    )
    return access_request


def _lock_for_review(actor: User, access_request: AccessRequest) -> AccessRequest:
    locked = (
        policy_for(AccessRequest).rows_for(actor, "review").select_for_update().filter(pk=access_request.pk).first()
    )
    if locked is None:
        raise NotPermitted
    return locked


def _tell_decision(access_request: AccessRequest, event: AuditEvent, outcome: str, actor: User | None) -> None:
    message = _("Toegangsverzoek #%(id)s voor %(username)s (%(change)s) is %(outcome)s door %(by)s.") % {
        "id": access_request.pk,
        "username": access_request.subject.username,
        "change": _describe(access_request),
        "outcome": outcome,
        "by": _decided_by(actor),
    }
    _tell_privacy_officers(event, message[:200])
    if access_request.requested_by_id != getattr(actor, "pk", None):
        notify(
            recipients=[access_request.requested_by],
            organisation_id=access_request.organisation_id,
            message=message[:200],
            url=reverse("accounts:access_request_detail", args=[access_request.pk]),
        )


# --- the installatiebeheerder: new municipalities ------------------------------------------


@dataclass(frozen=True)
class FirstBeheerder:
    username: str
    email: str
    first_name: str = ""
    last_name: str = ""


@transaction.atomic(durable=True)
def municipality_create(
    *, actor: User, name: str, slug: str, cbs_code: str, region: Region | None, beheerder: FirstBeheerder
) -> tuple[Organisation, User]:
    """The installatiebeheerder registers a municipality and its first functioneel beheerder in one
    go. The beheerder gets the role at once (the installation is the second pair of eyes here, as
    `create_account` is), an e-mail with a link to choose a password, and enrols a second factor at
    the first login like everyone. A regional installatiebeheerder registers in its own region only."""
    if not policy_for(Organisation).user_may(actor, "administer"):
        raise NotPermitted
    if actor.region_id and (region is None or region.pk != actor.region_id):
        raise NotPermitted
    organisation = organisation_register(actor=actor, name=name, slug=slug, cbs_code=cbs_code, region=region)
    user = _account_save(
        actor=actor,
        organisation=organisation,
        region=None,
        username=beheerder.username,
        email=beheerder.email,
        first_name=beheerder.first_name,
        last_name=beheerder.last_name,
        groups=_role_groups(["functioneel_beheerder"]),
        clearance=Confidentiality.INTERN,
    )
    transaction.on_commit(lambda: user_send_set_password_link(user=user))
    return organisation, user
