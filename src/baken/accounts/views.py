"""Login with mandatory second factor, enrolment, logout, password reset and user management."""

import base64

import segno
from django.conf import settings
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
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import user_has_device

from baken.accounts import selectors, services
from baken.accounts.forms import (
    AccessDecisionForm,
    EnrolForm,
    InactiveUsersForm,
    LoginForm,
    MunicipalityForm,
    NextForm,
    OwnSettingsForm,
    TokenForm,
    UserCreateForm,
    UserEditForm,
    UserSearchForm,
)
from baken.accounts.models import AccessRequest, AuthenticatorDevice, User
from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number, valid_query
from baken.core.models import AuditAction, Organisation
from baken.core.request_context import current_client_ip
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
    """A failed login for an existing account is written for that account's municipality, or for
    its region when it is a regional account, so their privacy officer sees it; an unknown
    username stays without either: the installation's national scope."""
    account = User.objects.filter(username=username).select_related("organisation", "region").first()
    audit_record(
        actor=None,
        username=username,
        organisation=account.organisation if account is not None else None,
        region=account.region if account is not None else None,
        action=AuditAction.LOGIN_FAILED,
        reason=reason,
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
    """The enrolment QR code as an SVG data URI. A standalone SVG (with its XML namespace, which
    segno's inline variant leaves out): an <img> shows nothing without it."""
    return segno.make(config_url, error="m").svg_data_uri(scale=5, dark="#000000", light="#ffffff")


@never_cache
@require_http_methods(["GET", "POST"])
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Forced enrolment of an authenticator app for an account without a confirmed device."""
    if user_has_device(request.user, confirmed=True):
        return redirect("home:index" if request.user.is_verified() else "accounts:otp_verify")
    device = AuthenticatorDevice.objects.filter(
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

    def form_valid(self, form):
        allowed = services.password_reset_request(email=form.cleaned_data["email"], client_ip=current_client_ip.get())
        if not allowed:
            # The same answer as when the e-mail goes out: a limit reveals no account.
            return redirect(self.get_success_url())
        return super().form_valid(form)


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
            waiting = selectors.waiting_access_request(user=request.user, subject=user)
            if waiting is not None:
                _say_waiting(request, waiting)
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
        "phone": account.phone,
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
            waiting = services.user_update(
                actor=request.user,
                user=account,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role_codes=data["roles"],
                clearance=data["clearance"],
                is_active=data["is_active"],
                phone=data["phone"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("De wijzigingen voor %(username)s zijn opgeslagen.") % {"username": account.username}
            )
            if waiting is not None:
                _say_waiting(request, waiting)
            return redirect("accounts:user_list")
    context = {
        "form": form,
        "account": account,
        "creating": False,
        "waiting": selectors.waiting_access_request(user=request.user, subject=account),
    }
    return render(request, "accounts/user_form.html", context)


def _say_waiting(request: HttpRequest, access_request) -> None:
    if selectors.second_approvers(user=request.user):
        text = _(
            "Toegangsverzoek #%(id)s wacht op goedkeuring door een tweede functioneel beheerder; tot dan gaat "
            "de wijziging niet in."
        )
    else:
        text = _(
            "Toegangsverzoek #%(id)s wacht op goedkeuring. U bent de enige functioneel beheerder, dus keurt de "
            "beheerder van de Baken-installatie het goed; geef hun het nummer #%(id)s."
        )
    messages.warning(request, text % {"id": access_request.pk})


@require_POST
def user_resend_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a colleague a new link to choose their password."""
    _require_user_management(request)
    account = selectors.user_for_change(user=request.user, pk=pk)
    try:
        services.user_resend_password_link(actor=request.user, user=account)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Er is een nieuwe link verstuurd naar het e-mailadres van %(username)s.")
            % {"username": account.username},
        )
    return redirect("accounts:user_edit", pk=account.pk)


@require_http_methods(["GET", "POST"])
def inactive_users(request: HttpRequest) -> HttpResponse:
    """Accounts without a login for a long time, to deactivate in one go."""
    _require_user_management(request)
    days = settings.BAKEN_INACTIVE_ACCOUNT_DAYS
    rows = selectors.inactive_users(user=request.user, days=days)
    form = InactiveUsersForm(request.POST if request.method == "POST" else None, accounts=rows)
    if request.method == "POST" and form.is_valid():
        count = services.users_deactivate(actor=request.user, user_ids=[u.pk for u in form.cleaned_data["accounts"]])
        messages.success(
            request,
            ngettext("%(count)s account is gedeactiveerd.", "%(count)s accounts zijn gedeactiveerd.", count)
            % {"count": count},
        )
        return redirect("accounts:inactive_users")
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            object_type=User._meta.label_lower,
            reason=_("lijst: lang niet ingelogd"),
        )
    return render(request, "accounts/inactive_users.html", {"form": form, "days": days, "count": rows.count()})


@require_POST
def second_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask to reset a colleague's second factor; a second functioneel beheerder approves."""
    _require_user_management(request)
    account = selectors.user_for_change(user=request.user, pk=pk)
    try:
        waiting = services.second_factor_reset_request(actor=request.user, user=account)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _say_waiting(request, waiting)
    return redirect("accounts:user_edit", pk=account.pk)


# --- four eyes ----------------------------------------------------------------------------


@require_GET
def access_request_list(request: HttpRequest) -> HttpResponse:
    if not policy_for(AccessRequest).user_may(request.user, "view"):
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=AccessRequest._meta.label_lower,
        reason=list_view_reason(_("toegangsverzoeken")),
    )
    page = Paginator(selectors.access_requests(user=request.user), USERS_PAGE_SIZE).get_page(page_number(request.GET))
    context = {
        "page": page,
        "to_decide": policy_for(AccessRequest).rows_for(request.user, "decide").count(),
        "manages_users": policy_for(User).user_may(request.user, "change"),
        "installation": policy_for(Organisation).user_may(request.user, "administer"),
        "second_approvers": selectors.second_approvers(user=request.user),
    }
    return render(request, "accounts/access_request_list.html", context)


@require_GET
def access_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access_request = selectors.access_request_visible(user=request.user, pk=pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=access_request)
    return _access_request_page(request, access_request, AccessDecisionForm())


@require_POST
def access_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject (a second functioneel beheerder), or withdraw (whoever asked)."""
    access_request = selectors.access_request_visible(user=request.user, pk=pk)
    if not (
        selectors.may_decide(user=request.user, access_request=access_request)
        or selectors.may_withdraw(user=request.user, access_request=access_request)
    ):
        raise Http404  # seen but not yours to decide: refused before the form is read
    form = AccessDecisionForm(request.POST)
    if form.is_valid():
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == "approve":
                services.access_request_approve(actor=request.user, access_request=access_request, reason=reason)
            elif decision == "reject":
                services.access_request_reject(actor=request.user, access_request=access_request, reason=reason)
            else:
                services.access_request_withdraw(actor=request.user, access_request=access_request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Toegangsverzoek #%(id)s is afgehandeld.") % {"id": access_request.pk})
            return redirect("accounts:access_request_list")
    return _access_request_page(request, access_request, form)


@require_POST
def access_request_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The privacy officer marks a change of access as reviewed."""
    access_request = selectors.access_request_visible(user=request.user, pk=pk)
    services.access_request_mark_reviewed(actor=request.user, access_request=access_request)
    messages.success(request, _("Toegangsverzoek #%(id)s is gemarkeerd als beoordeeld.") % {"id": access_request.pk})
    return redirect("home:index")


def _access_request_page(request: HttpRequest, access_request, form) -> HttpResponse:
    context = {
        "access_request": access_request,
        "form": form,
        "history": access_request.status_changes.select_related("actor"),
        "may_decide": selectors.may_decide(user=request.user, access_request=access_request),
        "may_withdraw": selectors.may_withdraw(user=request.user, access_request=access_request),
        "may_review": selectors.may_review(user=request.user, access_request=access_request),
    }
    return render(request, "accounts/access_request_detail.html", context)


# --- the installatiebeheerder ---------------------------------------------------------------


def _require_installation(request: HttpRequest) -> None:
    if not policy_for(Organisation).user_may(request.user, "administer"):
        raise Http404


@require_GET
def municipality_list(request: HttpRequest) -> HttpResponse:
    """The municipalities the installatiebeheerder administers, and the requests it may decide."""
    _require_installation(request)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=Organisation._meta.label_lower,
        reason=_("gemeentelijst (installatiebeheer)"),
    )
    page = Paginator(selectors.municipalities(user=request.user), USERS_PAGE_SIZE).get_page(page_number(request.GET))
    context = {"page": page, "to_decide": policy_for(AccessRequest).rows_for(request.user, "decide").count()}
    return render(request, "accounts/municipality_list.html", context)


@require_http_methods(["GET", "POST"])
def municipality_create(request: HttpRequest) -> HttpResponse:
    """A new municipality with its first functioneel beheerder, who gets a link by e-mail."""
    _require_installation(request)
    form = MunicipalityForm(
        request.POST if request.method == "POST" else None,
        regions=selectors.regions_for_installation(user=request.user),
        regional=bool(request.user.region_id),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation, beheerder = services.municipality_create(
                actor=request.user,
                name=data["name"].strip(),
                slug=form.slug,
                cbs_code=data["cbs_code"],
                region=data["region"],
                beheerder=services.FirstBeheerder(
                    username=data["username"],
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is aangemaakt. Functioneel beheerder %(username)s krijgt een e-mail met een link om "
                    "een wachtwoord te kiezen en stelt bij de eerste keer inloggen de tweede factor in."
                )
                % {"name": organisation.name, "username": beheerder.username},
            )
            return redirect("accounts:municipality_list")
    return render(request, "accounts/municipality_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def own_settings(request: HttpRequest) -> HttpResponse:
    """Every user's own settings: work phone and e-mail about their reports."""
    user = request.user
    form = OwnSettingsForm(
        request.POST or None,
        initial={"phone": user.phone, "email_on_report_updates": user.email_on_report_updates},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_own_settings(user=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Uw instellingen zijn opgeslagen."))
            return redirect("accounts:own_settings")
    return render(request, "accounts/own_settings.html", {"form": form}, status=400 if form.errors else 200)
