"""Login with mandatory second factor, enrolment, logout, password reset and user management."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from baken.accounts import selectors, services
from baken.accounts.forms import (
    EnrolForm,
    LoginForm,
    NextForm,
    TokenForm,
    UserCreateForm,
    UserEditForm,
    UserSearchForm,
)
from baken.accounts.models import User
from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number, valid_query
from baken.core.models import AuditAction
from baken.core.services import audit_record, list_view_reason

NEXT_SESSION_KEY = "baken_next"
ENROL_DEVICE_SESSION_KEY = "baken_enrol_device"
BACKUP_CODES_SESSION_KEY = "baken_backup_codes"
USERS_PAGE_SIZE = 25


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse("home:index")


class LoginView(auth_views.LoginView):
    """Step one: username and password. Step two (the second factor) is always next."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = False

    def form_valid(self, form):
        asked = NextForm({"next": self.request.POST.get("next") or self.request.GET.get("next") or ""})
        next_url = _safe_next(self.request, asked.cleaned_data["next"] if asked.is_valid() else None)
        super().form_valid(form)  # logs the user in for the password step only
        self.request.session[NEXT_SESSION_KEY] = next_url
        user = form.get_user()
        return redirect("accounts:otp_verify" if user_has_device(user, confirmed=True) else "accounts:otp_enrol")

    def form_invalid(self, form):
        username = (self.request.POST.get("username") or "")[:150]
        audit_login_failure(username=username, reason=_("wachtwoord"))
        return super().form_invalid(form)


def audit_login_failure(*, username: str, reason: str) -> None:
    """A failed login for an existing account is written for that account's municipality, so its
    privacy officer sees it; an unknown username stays without one (the installation's scope)."""
    account = User.objects.filter(username=username).select_related("organisation").first()
    organisation = account.organisation if account is not None else None
    audit_record(
        actor=None, username=username, organisation=organisation, action=AuditAction.LOGIN_FAILED, reason=reason
    )


def audit_lockout(sender, request, username, ip_address, **kwargs) -> None:
    """django-axes locked an account (or an account from one address): on the audit log too."""
    audit_login_failure(username=(username or "")[:150], reason=_("account tijdelijk geblokkeerd"))


def _finish_login(request: HttpRequest, device) -> HttpResponse:
    otp_login(request, device)
    request.session.cycle_key()  # a new session id once the second factor is passed
    audit_record(actor=request.user, action=AuditAction.LOGIN, obj=request.user)
    return redirect(_safe_next(request, request.session.pop(NEXT_SESSION_KEY, None)))


@never_cache
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect("home:index")
    if not user_has_device(request.user, confirmed=True):
        return redirect("accounts:otp_enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.second_factor_verify(user=request.user, token=form.cleaned_data["token"])
        if result.device is not None:
            return _finish_login(request, result.device)
        audit_record(actor=request.user, action=AuditAction.LOGIN_FAILED, reason=_("tweede factor"))
        if result.wait_seconds:
            form.add_error(
                "token",
                _(
                    "Er zijn te veel verkeerde codes ingevoerd. Wacht %(seconds)s seconden en probeer het dan "
                    "opnieuw met de nieuwste code."
                )
                % {"seconds": result.wait_seconds},
            )
        else:
            form.add_error("token", _("Deze code is onjuist of verlopen. Probeer het opnieuw met de nieuwste code."))
    return render(request, "accounts/otp_verify.html", {"form": form})


def _qr_data_uri(config_url: str) -> str:
    svg = segno.make(config_url, error="m").svg_inline(scale=5, dark="#000000", light="#ffffff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@never_cache
@require_http_methods(["GET", "POST"])
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Forced enrolment of an authenticator app for an account without a confirmed device."""
    if user_has_device(request.user, confirmed=True):
        return redirect("home:index" if request.user.is_verified() else "accounts:otp_verify")
    device = TOTPDevice.objects.filter(
        pk=request.session.get(ENROL_DEVICE_SESSION_KEY), user=request.user, confirmed=False
    ).first()
    if device is None:
        device = services.totp_device_start(user=request.user)
        request.session[ENROL_DEVICE_SESSION_KEY] = device.pk
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_device_confirm(user=request.user, device=device, token=form.cleaned_data["token"])
        if codes is not None:
            request.session.pop(ENROL_DEVICE_SESSION_KEY, None)
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            otp_login(request, device)
            request.session.cycle_key()  # a new session id once the second factor is passed
            audit_record(actor=request.user, action=AuditAction.LOGIN, obj=request.user)
            return redirect("accounts:backup_codes")
        form.add_error("token", _("Deze code klopt niet. Controleer of de tijd op uw telefoon juist staat."))
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr_code": _qr_data_uri(device.config_url),
        "secret_groups": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "accounts/otp_enrol.html", context)


@never_cache
@require_GET
def backup_codes(request: HttpRequest) -> HttpResponse:
    """Shows the fresh backup codes once, right after enrolment."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("home:index")
    next_url = _safe_next(request, request.session.pop(NEXT_SESSION_KEY, None))
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next_url": next_url})


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_record(actor=request.user, action=AuditAction.LOGOUT, obj=request.user)
    auth_logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("accounts:login")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            actor=form.user,
            action=AuditAction.UPDATE,
            obj=form.user,
            reason=_("wachtwoord ingesteld"),
        )
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# --- user management by the functioneel beheerder ----------------------------------------


def _require_user_management(request: HttpRequest) -> None:
    if not policy_for(User).user_may(request.user, "change"):
        raise Http404


@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    _require_user_management(request)
    form = UserSearchForm(request.GET)
    # A search that is not valid (too long) is not run: the list shows everyone, the form says why.
    search = form.cleaned_data["zoek"] if form.is_valid() else ""
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=User._meta.label_lower,
        reason=list_view_reason(_("gebruikerslijst"), form),
    )
    page = Paginator(selectors.user_list(user=request.user, search=search), USERS_PAGE_SIZE).get_page(
        page_number(request.GET)
    )
    context = {"page": page, "search": search, "form": form, "query": valid_query(form)}
    return render(request, "accounts/user_list.html", context)


@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    _require_user_management(request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                actor=request.user,
                organisation=request.user.organisation,
                username=data["username"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role_codes=data["roles"],
                clearance=data["clearance"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            services.user_send_set_password_link(user=user)
            messages.success(
                request,
                _("Account %(username)s is aangemaakt; de gebruiker krijgt een e-mail.") % {"username": user.username},
            )
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_user_management(request)
    account = selectors.user_for_change(user=request.user, pk=pk)
    initial = {
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "roles": services.user_role_codes(account),
        "clearance": account.clearance,
        "is_active": account.is_active,
    }
    form = UserEditForm(request.POST or None, initial=initial)
    if request.method == "GET":
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=account, reason=_("account bekeken"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(
                actor=request.user,
                user=account,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role_codes=data["roles"],
                clearance=data["clearance"],
                is_active=data["is_active"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("De wijzigingen voor %(username)s zijn opgeslagen.") % {"username": account.username}
            )
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "account": account, "creating": False})
