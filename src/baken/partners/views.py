"""The partner directory: the list for triage staff, editing for the functioneel beheerder."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number
from baken.core.models import AuditAction
from baken.core.services import audit_record, list_view_reason
from baken.partners import selectors
from baken.partners.forms import PartnerForm
from baken.partners.models import Partner
from baken.partners.services import partner_save

PARTNER_PAGE_SIZE = 50


@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    partners = selectors.partners_visible(user=request.user)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=Partner._meta.label_lower,
        reason=list_view_reason(_("partnerlijst")),
    )
    page = Paginator(partners, PARTNER_PAGE_SIZE).get_page(page_number(request.GET))
    return render(
        request,
        "partners/partner_list.html",
        {"page": page, "may_manage": policy_for(Partner).user_may(request.user, "change")},
    )


@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not policy_for(Partner).user_may(request.user, "change"):
        raise Http404
    partner = selectors.partner_for_change(user=request.user, pk=pk) if pk else None
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            partner_save(actor=request.user, partner=partner, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De partner is opgeslagen."))
            return redirect("partners:list")
    return render(request, "partners/partner_form.html", {"form": form, "partner": partner})
