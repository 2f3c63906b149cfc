"""The intake's draft on the web: the autosave endpoint, "Concept verwijderen", the CSRF keeper,
and IntakeDraftContext, through which the intake view restores a draft, keeps what a failed
submit carried (text and files), attaches pending uploads on submit and deletes the draft after.
Kept apart from views.py so that the intake view only gains a few calls."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from baken.core.access import policy_for
from baken.core.background import is_background
from baken.signalling import drafts
from baken.signalling.forms import SignalIntakeForm
from baken.signalling.models import Signal
from baken.signalling.services import SignalInput

INTAKE_FIELDS = frozenset(SignalIntakeForm.base_fields)


def _require_reporter(request: HttpRequest) -> None:
    if not policy_for(Signal).user_may(request.user, "report"):
        raise Http404


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit() and len(value) <= 18]


def _saved_at(draft) -> str:
    return timezone.localtime(draft.updated_at).strftime("%H:%M")


def saved_text(time: str) -> str:
    return _(
        "Concept bewaard om %(time)s. Alleen u ziet het; na %(days)s dagen zonder wijziging wordt het verwijderd."
    ) % {"time": time, "days": settings.BAKEN_DRAFT_DAYS}


class IntakeDraftContext:
    """One intake request's view of the user's draft."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.user = request.user
        self.draft = drafts.draft_for(user=request.user)
        self.restored = request.method == "GET" and self.draft is not None
        self.kept = drafts.KeptUploads()
        self._opened: list = []
        if self.restored:
            drafts.draft_restored(actor=self.user, draft=self.draft)

    def _data(self) -> QueryDict:
        data = QueryDict(mutable=True)
        for name, values in self.draft.data.items():
            data.setlist(name, values)
        return data

    def query(self, fallback: QueryDict) -> QueryDict:
        """What the intake's indicator list and acute panel are drawn from."""
        return self._data() if self.restored else fallback

    def fill(self, form: SignalIntakeForm) -> None:
        """Show the restored draft in the (unbound) form, as its initial values."""
        if not self.restored:
            return
        data = self._data()
        form.initial = {
            name: field.widget.value_from_datadict(data, {}, form.add_prefix(name))
            for name, field in form.fields.items()
            if name in self.draft.data and name not in drafts.NOT_KEPT
        }

    def _removed(self) -> list[int]:
        return _ids(self.request.POST.getlist("remove_upload"))

    def with_pending(self, data: SignalInput) -> SignalInput:
        """The signal's input plus the pending uploads the user did not remove."""
        self.close()
        self._opened = drafts.draft_open_uploads(actor=self.user, exclude=self._removed())
        data.attachments = [*data.attachments, *self._opened]
        return data

    def close(self) -> None:
        for opened in self._opened:
            opened.close()
        self._opened = []

    def submitted(self, signal: Signal) -> None:
        self.close()
        reason = _("concept verwijderd: melding %(reference)s verstuurd") % {"reference": signal.reference}
        drafts.draft_delete(actor=self.user, reason=reason)

    def keep(self, form: SignalIntakeForm) -> None:
        """A submit that did not send the signal: keep its text and its files in the draft, and
        say on the page which files were refused or must be added again."""
        self.close()
        drafts.draft_remove_uploads(actor=self.user, pks=self._removed())
        try:
            data = drafts.clean_draft_data(self.request.POST, set(INTAKE_FIELDS))
        except ValidationError:  # the form says what is too long; the draft keeps its last good state
            data = self.draft.data if self.draft else {}
        self.draft, _created = drafts.draft_save(actor=self.user, data=data)
        if self.draft is None:
            return
        self.kept = drafts.draft_keep_uploads(
            actor=self.user, draft=self.draft, uploads=self.request.FILES.getlist("attachments")
        )
        shown = form.errors.get("attachments", [])
        for message in self.kept.refused:
            if message not in shown:
                form.add_error("attachments", message)

    def context(self) -> dict:
        return {
            "draft": self.draft,
            "draft_saved_text": saved_text(_saved_at(self.draft)) if self.draft else "",
            "draft_restored": self.restored,
            "draft_uploads": drafts.draft_uploads(user=self.user),
            "files_not_kept": self.kept.not_kept,
        }


@require_POST
def intake_draft(request: HttpRequest) -> HttpResponse:
    """Autosave: the intake form as it is now (files are not sent here), debounced by
    baken/intake-draft.js and sent once more when the page is hidden."""
    _require_reporter(request)
    try:
        data = drafts.clean_draft_data(request.POST, set(INTAKE_FIELDS))
    except ValidationError as error:
        if is_background(request):
            return HttpResponse(error.messages[0], status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, error.messages[0])
        return redirect("signalling:intake")
    draft, _created = drafts.draft_save(actor=request.user, data=data)
    if is_background(request):
        if draft is None:
            return HttpResponse(status=204)
        return JsonResponse({"text": saved_text(_saved_at(draft))})
    messages.success(request, _("Uw concept is bewaard."))
    return redirect("signalling:intake")


@require_POST
def intake_draft_delete(request: HttpRequest) -> HttpResponse:
    """ "Concept verwijderen": the draft and its pending uploads are gone; the intake starts empty."""
    _require_reporter(request)
    if drafts.draft_delete(actor=request.user, reason=_("concept verwijderd door de melder")):
        messages.success(request, _("Het concept is verwijderd."))
    return redirect("signalling:intake")


def keep_intake_after_csrf_failure(request: HttpRequest) -> dict[str, str] | None:
    """CSRF keeper of the intake and its autosave: a stale token loses nothing, the text is
    kept as the draft (files too, when the intake itself was sent)."""
    if not policy_for(Signal).user_may(request.user, "report"):
        return None
    try:
        data = drafts.clean_draft_data(request.POST, set(INTAKE_FIELDS))
    except ValidationError:
        return None
    draft, _created = drafts.draft_save(actor=request.user, data=data)
    if draft is None:
        return None
    drafts.draft_keep_uploads(actor=request.user, draft=draft, uploads=request.FILES.getlist("attachments"))
    return {
        "url": reverse("signalling:intake"),
        "message": _(
            "Wat u invulde, is niet verloren: het is als concept bewaard. Open het meldformulier opnieuw, "
            "controleer uw melding en verstuur hem dan."
        ),
        "link_label": _("Terug naar uw melding"),
    }
