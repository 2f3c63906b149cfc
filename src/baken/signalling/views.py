"""Signaleren: intake, confirmation, "Mijn meldingen", signal page and attachments."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number
from baken.core.models import AuditAction
from baken.core.services import audit_record, list_view_reason
from baken.partners.selectors import acute_numbers
from baken.signalling import selectors
from baken.signalling.draft_views import IntakeDraftContext
from baken.signalling.forms import (
    AdditionForm,
    AddressForm,
    IndicatorForm,
    IntakeChoicesForm,
    SignalIntakeForm,
    usual_channel,
)
from baken.signalling.models import Indicator, MinorInvolved, Signal
from baken.signalling.services import indicator_save, signal_add_information, signal_is_urgent, signal_submit
from baken.signalling.status import coarse_status
from baken.signalling.workflow import SIGNAL_WORKFLOW

MY_SIGNALS_PAGE_SIZE = 25


def _require_reporter(request: HttpRequest) -> None:
    if not policy_for(Signal).user_may(request.user, "report"):
        raise Http404


def _acute_context(request: HttpRequest, choices: IntakeChoicesForm, indicators: list[Indicator]) -> dict:
    """Is the situation acute, whom to call, and what the reporter chose so far: shown before
    the signal is sent, directly under what made it acute."""
    selected = choices.selected()
    chosen = [i for i in indicators if i.pk in selected]
    minor = choices.cleaned_data.get("minor_involved", "") == MinorInvolved.YES
    acute = signal_is_urgent(
        acute_danger=choices.cleaned_data.get("acute_danger", False),
        minor_involved=choices.cleaned_data.get("minor_involved", ""),
        indicators=chosen,
    )
    return {
        "acute": acute,
        "acute_numbers": acute_numbers(user=request.user, minor=minor) if acute else None,
        "acute_minor": minor,
        "acute_call": choices.cleaned_data.get("acute_call", ""),
        "acute_no_call_reason": choices.cleaned_data.get("acute_no_call_reason", ""),
        "critical_chosen": [i for i in chosen if i.critical],
    }


def _indicator_context(request: HttpRequest, form_codes: list[str], selected: set[int], indicators=None) -> dict:
    """Indicator groups for the chosen forms, opened, with below them what was ticked for another
    form (never hidden), and then, folded away, the other forms' indicators. Without a chosen form
    every group is listed, closed unless something in it is ticked, so the list stays short to scan."""
    every = indicators if indicators is not None else selectors.intake_indicators(user=request.user)
    shown = selectors.intake_indicators(user=request.user, form_codes=form_codes) if form_codes else every
    shown_pks = {indicator.pk for indicator in shown}
    groups = selectors.group_indicators(shown)
    open_groups = {
        group.code for group in groups if form_codes or any(indicator.pk in selected for indicator in group.indicators)
    }
    ticked_elsewhere = [i for i in every if i.pk in selected and i.pk not in shown_pks]
    # The chosen forms' indicators come first; the others follow, folded away, never left out.
    others = [i for i in every if i.pk not in shown_pks and i.pk not in selected] if form_codes else []
    return {
        "indicator_groups": groups,
        "ticked_elsewhere": ticked_elsewhere,
        "other_groups": selectors.group_indicators(others),
        "other_count": len(others),
        "selected_indicators": selected,
        "open_groups": open_groups,
    }


@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    _require_reporter(request)
    indicator_choices = selectors.intake_indicators(user=request.user)
    draft = IntakeDraftContext(request)
    form = SignalIntakeForm(
        request.POST or None,
        request.FILES or None,
        indicator_choices=indicator_choices,
        initial={"channel": usual_channel(request.user)},
    )
    draft.fill(form)
    choices = IntakeChoicesForm(
        request.POST if request.method == "POST" else draft.query(request.GET), indicators=indicator_choices
    )
    acute = _acute_context(request, choices, indicator_choices)
    if request.method == "POST" and form.is_valid():
        try:
            signal, _created = signal_submit(
                reporter=request.user,
                data=draft.with_pending(form.to_input()),
                submission_key=form.cleaned_data["submission_key"],
            )
            draft.submitted(signal)
            return redirect("signalling:submitted", pk=signal.pk)
        except ValidationError as error:
            add_service_errors(form, error, field_names={"forms": "exploitation_forms"})
    if request.method == "POST":
        # Not sent: the text and the files stay in the draft (files as pending uploads).
        draft.keep(form)
        acute["files_dropped"] = bool(draft.kept.not_kept)
    indicator_context = _indicator_context(request, choices.chosen_forms(), choices.selected(), indicator_choices)
    context = {
        "form": form,
        "address_lookup": bool(settings.BAKEN_ADDRESS_LOOKUP_URL),
        **acute,
        **indicator_context,
        **draft.context(),
    }
    return render(request, "signalling/intake.html", context, status=200)


@require_GET
def intake_address(request: HttpRequest) -> HttpResponse:
    """htmx, while typing: street and town from postcode + house number when a lookup is
    configured and neither was typed yet. Nothing to fill in (no lookup, an invalid or unknown
    address, street or town already typed): an empty answer that htmx does not swap in
    (HX-Reswap: none), and the page keeps what is there."""
    _require_reporter(request)
    form = AddressForm(request.GET)
    found = form.lookup() if form.is_valid() else None
    if found is None:
        response = HttpResponse(b"")
        response["HX-Reswap"] = "none"
        return response
    filled = AddressForm(initial={"street": found[0], "city": found[1]})
    return render(request, "signalling/_address_street_city.html", {"form": filled, "filled": True})


@require_GET
def intake_indicators(request: HttpRequest) -> HttpResponse:
    """htmx: the indicator list for the chosen forms, keeping what was ticked."""
    _require_reporter(request)
    choices = IntakeChoicesForm(request.GET, indicators=selectors.intake_indicators(user=request.user))
    context = _indicator_context(request, choices.chosen_forms(), choices.selected())
    return render(request, "signalling/_indicators.html", context)


@require_GET
def intake_acute(request: HttpRequest) -> HttpResponse:
    """htmx: the 'what to do now' panel, shown as soon as the situation looks acute."""
    _require_reporter(request)
    indicators = selectors.intake_indicators(user=request.user)
    choices = IntakeChoicesForm(request.GET, indicators=indicators)
    return render(request, "signalling/_acute_panel.html", _acute_context(request, choices, indicators))


@require_GET
def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    signal = selectors.signal_own(user=request.user, pk=pk)
    minor = signal.minor_involved == MinorInvolved.YES
    numbers = acute_numbers(user=request.user, minor=minor) if signal.is_urgent else None
    return render(request, "signalling/submitted.html", {"signal": signal, "acute_numbers": numbers})


@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    _require_reporter(request)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=Signal._meta.label_lower,
        reason=list_view_reason(_("mijn meldingen")),
    )
    page = Paginator(selectors.my_signal_rows(user=request.user), MY_SIGNALS_PAGE_SIZE).get_page(
        page_number(request.GET)
    )
    rows = [{"signal": signal, "status": coarse_status(signal.status)} for signal in page.object_list]
    return render(request, "signalling/mine.html", {"page": page, "rows": rows})


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The reporter's view of their own signal: what they reported, the coarse status and the
    message shared with them. Triage staff work on the triage page instead."""
    signal, may_triage = selectors.signal_detail(user=request.user, pk=pk)
    if may_triage:
        return redirect("coordination:signal", pk=signal.pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=signal, reason=_("eigen melding bekeken"))
    return _reporter_page(request, signal, AdditionForm())


def _reporter_page(request: HttpRequest, signal: Signal, form: AdditionForm, status: int = 200) -> HttpResponse:
    context = {
        "signal": signal,
        "coarse_status": coarse_status(signal.status),
        "additions": selectors.own_signal_additions(signal=signal),
        "may_add": signal.reporter_id == request.user.pk and SIGNAL_WORKFLOW.is_open(signal.status),
        "addition_form": form,
    }
    return render(request, "signalling/detail.html", context, status=status)


@require_POST
def add_information(request: HttpRequest, pk: int) -> HttpResponse:
    """The reporter adds information to their own open signal; anyone else's answers 404."""
    signal = selectors.signal_own(user=request.user, pk=pk)
    form = AdditionForm(request.POST)
    if form.is_valid():
        try:
            signal_add_information(reporter=request.user, signal=signal, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Uw aanvulling is toegevoegd. De aandachtsfunctionaris ziet hem bij uw melding.")
            )
            return redirect("signalling:detail", pk=signal.pk)
    signal, _may_triage = selectors.signal_detail(user=request.user, pk=pk)
    return _reporter_page(request, signal, form, status=400)


@require_GET
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    item = selectors.signal_attachment(user=request.user, signal_pk=pk, pk=attachment_pk)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=item.signal,
        object_type="signalling.signalattachment",
        object_id=item.pk,
        reason=_("bijlage gedownload"),
    )
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- catalogue management by the functioneel beheerder ---------------------------------------


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    if not policy_for(Indicator).user_may(request.user, "change"):
        raise Http404
    rows = list(selectors.catalogue(user=request.user))
    return render(
        request, "signalling/catalogue.html", {"groups": selectors.group_indicators(rows), "count": len(rows)}
    )


@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not policy_for(Indicator).user_may(request.user, "change"):
        raise Http404
    indicator = selectors.indicator_for_change(user=request.user, pk=pk) if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            saved = indicator_save(actor=request.user, indicator=indicator, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Signaal %(code)s is opgeslagen.") % {"code": saved.code})
            return redirect("signalling:catalogue")
    revisions = selectors.indicator_revisions(indicator=indicator) if indicator else []
    return render(
        request, "signalling/indicator_form.html", {"form": form, "indicator": indicator, "revisions": revisions}
    )
