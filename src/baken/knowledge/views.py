"""Kennisbank: pages, signals, barrier models, search, local edits and PDF cards."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number, valid_query
from baken.core.models import AuditAction
from baken.core.services import audit_record
from baken.enforcement import selectors as enforcement_selectors
from baken.knowledge import selectors, services
from baken.knowledge.cards import render_card
from baken.knowledge.forms import (
    AdaptationForm,
    BarrierForm,
    BarrierNoteForm,
    OwnPageForm,
    RestoreForm,
    SearchForm,
    SynonymForm,
    WithdrawForm,
)
from baken.knowledge.models import BarrierStatus, LocalPage, PageMode
from baken.knowledge.rendering import LOCAL_PREFIX, render_markdown

SEARCH_PAGE_SIZE = 20
HISTORY_PAGE_SIZE = 30


def _pdf_response(request: HttpRequest, pdf: bytes, *, filename: str, object_type: str, object_id: str):
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type=object_type,
        object_id=object_id,
        reason=_("kennisbankkaart gedownload"),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "sections": selectors.index_sections(user=request.user),
        "signal_lists": selectors.signal_lists(user=request.user),
        "barrier_models": selectors.barrier_model_summaries(user=request.user),
        "search_form": SearchForm(),
        "may_manage": policy_for(LocalPage).user_may(request.user, "change"),
        "withdrawn": selectors.withdrawn_own_pages(user=request.user),
    }
    return render(request, "knowledge/index.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    hits = selectors.knowledge_search(user=request.user, query=query) if query else []
    page = Paginator(hits, SEARCH_PAGE_SIZE).get_page(page_number(request.GET))
    context = {"form": form, "query": query, "page": page, "count": len(hits), "params": valid_query(form)}
    return render(request, "knowledge/search.html", context)


@require_GET
def page(request: HttpRequest, slug: str) -> HttpResponse:
    detail = selectors.page_detail(user=request.user, slug=slug)
    context = {
        "detail": detail,
        "view": detail.view,
        "meldroute": selectors.meldroute(user=request.user, full=detail.full_meldroute),
        "may_manage": policy_for(LocalPage).user_may(request.user, "change"),
    }
    return render(request, "knowledge/page.html", context)


@require_GET
def page_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    detail = selectors.page_detail(user=request.user, slug=slug)
    if detail.view.is_withdrawn and detail.view.is_own_page:
        raise Http404
    context = {"detail": detail, "view": detail.view, "meldroute": selectors.meldroute(user=request.user, full=True)}
    pdf = render_card(template="knowledge/cards/page.html", context=context, organisation=request.user.organisation)
    return _pdf_response(request, pdf, filename=f"kennisbank-{slug}.pdf", object_type="knowledge.page", object_id=slug)


def _preview(form):
    """The text as it will look, for a valid form that was sent (preview or failed save)."""
    if not form.is_bound or not form.is_valid():
        return None
    return render_markdown(form.cleaned_data["body"], id_prefix=LOCAL_PREFIX)


def _save_page(request, form, *, slug):
    """Preview or save a page form; returns a redirect when saved, else None."""
    if request.POST.get("action") == "voorbeeld":
        return None
    try:
        page = services.local_page_save(
            actor=request.user,
            slug=slug,
            content=form.to_content(),
            base_revision=form.cleaned_data["base_revision"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, _("De pagina is opgeslagen als versie %(number)s.") % {"number": page.revision})
    return redirect("knowledge:page", slug=page.slug)


@require_http_methods(["GET", "POST"])
def page_edit(request: HttpRequest, slug: str) -> HttpResponse:
    national, local = selectors.page_for_edit(user=request.user, slug=slug)
    current = local if local is not None and local.is_active else None
    base_revision = local.revision if local is not None else 0
    if national is not None:
        initial = {
            "mode": current.mode if current else PageMode.ADDITION,
            "body": current.body if current else "",
            "base_revision": base_revision,
        }
        form = AdaptationForm(request.POST or None, initial=initial, national=national)
    else:
        initial = {
            "title": local.title,
            "summary": local.summary,
            "section": local.section,
            "roles": local.roles,
            "body": local.body,
            "base_revision": base_revision,
        }
        form = OwnPageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save_page(request, form, slug=slug)
        if saved is not None:
            return saved
    preview = _preview(form)
    context = {"form": form, "national": national, "local": local, "preview": preview, "slug": slug}
    return render(request, "knowledge/page_form.html", context)


@require_http_methods(["GET", "POST"])
def page_new(request: HttpRequest) -> HttpResponse:
    selectors.page_for_edit(user=request.user, slug=None)
    form = OwnPageForm(request.POST or None, initial={"base_revision": 0, "section": "lokaal"})
    if request.method == "POST" and form.is_valid():
        saved = _save_page(request, form, slug=None)
        if saved is not None:
            return saved
    preview = _preview(form)
    return render(request, "knowledge/page_form.html", {"form": form, "preview": preview, "creating": True})


@require_http_methods(["GET", "POST"])
def page_withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    national, local = selectors.page_for_edit(user=request.user, slug=slug)
    if local is None or not local.is_active:
        raise Http404
    form = WithdrawForm(request.POST or None, initial={"base_revision": local.revision})
    if request.method == "POST" and form.is_valid():
        try:
            services.local_page_withdraw(
                actor=request.user,
                page=local,
                base_revision=form.cleaned_data["base_revision"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De lokale tekst is ingetrokken. U kunt hem terugzetten via de versies."))
            return redirect("knowledge:page", slug=slug) if national else redirect("knowledge:index")
    return render(request, "knowledge/page_withdraw.html", {"form": form, "national": national, "local": local})


@require_GET
def page_history(request: HttpRequest, slug: str) -> HttpResponse:
    view, local, revisions = selectors.page_history(user=request.user, slug=slug)
    page = Paginator(revisions, HISTORY_PAGE_SIZE).get_page(page_number(request.GET))
    return render(request, "knowledge/page_history.html", {"view": view, "local": local, "page": page})


@require_http_methods(["GET", "POST"])
def page_restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    local, revision = selectors.page_revision(user=request.user, slug=slug, number=number)
    form = RestoreForm(request.POST or None, initial={"base_revision": local.revision})
    if request.method == "POST" and form.is_valid():
        try:
            services.local_page_restore(
                actor=request.user,
                page=local,
                revision=revision,
                base_revision=form.cleaned_data["base_revision"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Versie %(number)s is teruggezet.") % {"number": revision.revision})
            return redirect("knowledge:page_history", slug=slug)
    context = {
        "form": form,
        "local": local,
        "revision": revision,
        "preview": render_markdown(revision.content["body"], id_prefix=LOCAL_PREFIX),
    }
    return render(request, "knowledge/page_restore.html", context)


@require_GET
def signals_index(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/signals_index.html", {"signal_lists": selectors.signal_lists(user=request.user)})


@require_GET
def signals(request: HttpRequest, code: str) -> HttpResponse:
    title, groups = selectors.signal_list(user=request.user, code=code)
    return render(request, "knowledge/signals.html", {"title": title, "groups": groups, "code": code})


@require_GET
def signals_pdf(request: HttpRequest, code: str) -> HttpResponse:
    title, groups = selectors.signal_list(user=request.user, code=code)
    pdf = render_card(
        template="knowledge/cards/signals.html",
        context={"title": title, "groups": groups},
        organisation=request.user.organisation,
    )
    return _pdf_response(
        request, pdf, filename=f"signalen-{code}.pdf", object_type="knowledge.signallist", object_id=code
    )


@require_GET
def barrier_index(request: HttpRequest) -> HttpResponse:
    context = {"summaries": selectors.barrier_model_summaries(user=request.user)}
    return render(request, "knowledge/barrier_index.html", context)


@require_GET
def barrier_model(request: HttpRequest, code: str) -> HttpResponse:
    detail = selectors.barrier_model_detail(user=request.user, code=code)
    context = {
        "detail": detail,
        "may_manage": policy_for(BarrierStatus).user_may(request.user, "change"),
        "raised": enforcement_selectors.barriers_raised(user=request.user, model_code=code),
    }
    return render(request, "knowledge/barrier_model.html", context)


@require_GET
def barrier_pdf(request: HttpRequest, code: str) -> HttpResponse:
    detail = selectors.barrier_model_detail(user=request.user, code=code)
    pdf = render_card(
        template="knowledge/cards/barrier.html",
        context={"detail": detail},
        organisation=request.user.organisation,
        landscape=True,
    )
    return _pdf_response(
        request, pdf, filename=f"barrieremodel-{code}.pdf", object_type="knowledge.barriermodel", object_id=code
    )


def _barrier_forms(data, step) -> list[tuple]:
    forms = []
    for index, line in enumerate(step.barriers):
        initial = {
            "state": line.state,
            "owner": line.owner,
            "note": line.note,
            "label": line.text if line.is_local else "",
            "base_revision": line.revision,
        }
        form = BarrierForm(data, prefix=f"b{index}", initial=initial, text=line.text, is_local=line.is_local)
        forms.append((line.key, form))
    forms.append(("", BarrierForm(data, prefix="nieuw", text="", is_local=True, is_new=True)))
    return forms


@require_http_methods(["GET", "POST"])
def barrier_edit(request: HttpRequest, code: str, step: str) -> HttpResponse:
    model, step_view = selectors.barrier_step_for_edit(user=request.user, code=code, step_code=step)
    data = request.POST if request.method == "POST" else None
    forms = _barrier_forms(data, step_view)
    note_form = BarrierNoteForm(data)
    errors: list[str] = []
    if request.method == "POST" and all(form.is_valid() for _key, form in forms) and note_form.is_valid():
        try:
            changed = services.barrier_step_save(
                actor=request.user,
                model_code=code,
                step_code=step,
                changes=[form.to_change(key) for key, form in forms],
                note=note_form.cleaned_data["note"],
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("%(count)s barrière(s) bijgewerkt.") % {"count": len(changed)})
            return redirect(reverse("knowledge:barrier_model", args=[code]) + f"#stap-{step}")
    context = {
        "model": model,
        "step": step_view,
        "forms": forms,
        "note_form": note_form,
        "errors": errors,
        "partner_names": selectors.partner_names(user=request.user),
    }
    return render(request, "knowledge/barrier_form.html", context)


@require_GET
def barrier_history(request: HttpRequest, code: str) -> HttpResponse:
    model, revisions = selectors.barrier_history(user=request.user, code=code)
    page = Paginator(revisions, HISTORY_PAGE_SIZE).get_page(page_number(request.GET))
    rows = [(view, selectors.barrier_text(model, view.revision.status)) for view in page.object_list]
    return render(request, "knowledge/barrier_history.html", {"model": model, "page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
def barrier_restore(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    model, revision = selectors.barrier_revision(user=request.user, code=code, pk=pk)
    form = RestoreForm(request.POST or None, initial={"base_revision": revision.status.revision})
    if request.method == "POST" and form.is_valid():
        try:
            services.barrier_status_restore(
                actor=request.user, revision=revision, base_revision=form.cleaned_data["base_revision"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Versie %(number)s is teruggezet.") % {"number": revision.revision})
            return redirect("knowledge:barrier_history", code=code)
    context = {
        "form": form,
        "model": model,
        "revision": revision,
        "text": selectors.barrier_text(model, revision.status),
    }
    return render(request, "knowledge/barrier_restore.html", context)


@require_http_methods(["GET", "POST"])
def synonyms(request: HttpRequest) -> HttpResponse:
    """The municipality's own search words (list and add), beside the national ones."""
    national, own = selectors.synonyms_for_management(user=request.user)
    form = SynonymForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            synonym = services.search_synonym_add(
                actor=request.user, term=form.cleaned_data["term"], means=form.cleaned_data["means"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Zoeken op '%(term)s' vindt nu ook '%(means)s'.") % {"term": synonym.term, "means": synonym.means},
            )
            return redirect("knowledge:synonyms")
    return render(request, "knowledge/synonyms.html", {"form": form, "national": national, "own": own})


@require_http_methods(["GET", "POST"])
def synonym_remove(request: HttpRequest, pk: int) -> HttpResponse:
    synonym = selectors.synonym_for_removal(user=request.user, pk=pk)
    if request.method == "POST":
        services.search_synonym_remove(actor=request.user, synonym=synonym)
        messages.success(request, _("Het zoekwoord '%(term)s' is verwijderd.") % {"term": synonym.term})
        return redirect("knowledge:synonyms")
    return render(request, "knowledge/synonym_remove.html", {"synonym": synonym})
