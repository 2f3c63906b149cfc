"""Barrier models with the municipality's barriers in place and their owners."""

from itertools import groupby

from django.db.models import Count, QuerySet
from django.http import Http404

from baken.core.access import is_active_user, policy_for
from baken.knowledge.content import BarrierModel, barrier_models
from baken.knowledge.models import BarrierState, BarrierStatus, BarrierStatusRevision
from baken.knowledge.presenters import BarrierLine, BarrierModelSummary, BarrierModelView, RevisionView, StepView
from baken.knowledge.selectors.indicators import visible_indicators
from baken.knowledge.selectors.revisions import BARRIER_FIELD_LABELS, revision_views
from baken.partners.selectors import active_partners


def national_barrier_models() -> dict[str, BarrierModel]:
    """The national barrier models (content shipped with the app): what Handhaven links its
    inspection outcomes and measures to."""
    return barrier_models()


def barrier_model_or_404(code: str) -> BarrierModel:
    model = barrier_models().get(code)
    if model is None:
        raise Http404
    return model


def _statuses(user, model_code: str) -> QuerySet[BarrierStatus]:
    return policy_for(BarrierStatus).visible(user).filter(model_code=model_code)


def barrier_model_detail(*, user, code: str) -> BarrierModelView:
    if not is_active_user(user):
        raise Http404
    model = barrier_model_or_404(code)
    statuses = list(_statuses(user, code).filter(is_active=True).order_by("id"))
    by_key = {(s.step_code, s.barrier_key): s for s in statuses}
    codes = {signal for step in model.steps for signal in step.signals}
    indicators = {i.code: i for i in visible_indicators(user).filter(code__in=codes)}
    steps, used = [], set()
    for number, step in enumerate(model.steps, start=1):
        lines = []
        for key, text in step.barriers:
            status = by_key.get((step.code, key))
            used.add((step.code, key))
            lines.append(BarrierLine(key=key, text=text, is_local=False, status=status))
        for status in statuses:
            if status.step_code == step.code and status.is_local:
                used.add((step.code, status.barrier_key))
                lines.append(BarrierLine(key=status.barrier_key, text=status.label, is_local=True, status=status))
        signals = [(signal, indicators.get(signal)) for signal in step.signals]
        steps.append(StepView(step=step, number=number, signals=signals, barriers=lines))
    orphaned = [s for s in statuses if (s.step_code, s.barrier_key) not in used]
    counts = {state: 0 for state in BarrierState.values}
    for step in steps:
        for line in step.barriers:
            counts[line.state] += 1
    return BarrierModelView(model=model, steps=steps, orphaned=orphaned, counts=counts)


def barrier_model_summaries(*, user) -> list[BarrierModelSummary]:
    if not is_active_user(user):
        raise Http404
    in_place = dict(
        policy_for(BarrierStatus)
        .visible(user)
        .filter(is_active=True, state=BarrierState.IN_PLACE)
        .values_list("model_code")
        .annotate(count=Count("id"))
        .order_by()
    )
    local = dict(
        policy_for(BarrierStatus)
        .visible(user)
        .filter(is_active=True)
        .exclude(label="")
        .values_list("model_code")
        .annotate(count=Count("id"))
        .order_by()
    )
    return [
        BarrierModelSummary(
            model=model,
            barriers=sum(len(step.barriers) for step in model.steps) + local.get(code, 0),
            in_place=in_place.get(code, 0),
        )
        for code, model in barrier_models().items()
    ]


def barrier_step_for_edit(*, user, code: str, step_code: str) -> tuple[BarrierModel, StepView]:
    if not policy_for(BarrierStatus).user_may(user, "change"):
        raise Http404
    detail = barrier_model_detail(user=user, code=code)
    step = next((s for s in detail.steps if s.step.code == step_code), None)
    if step is None:
        raise Http404
    return detail.model, step


def partner_names(*, user) -> list[str]:
    """Suggestions for a barrier's owner: the municipality's partner directory."""
    return list(active_partners(user=user).order_by("name").values_list("name", flat=True).distinct())


def barrier_history(*, user, code: str) -> tuple[BarrierModel, list[RevisionView]]:
    if not policy_for(BarrierStatus).user_may(user, "change"):
        raise Http404
    model = barrier_model_or_404(code)
    revisions = list(
        policy_for(BarrierStatusRevision)
        .visible(user)
        .filter(status__model_code=code)
        .select_related("changed_by", "status")
        .order_by("status_id", "revision")
    )
    views = []
    for _status_id, items in groupby(revisions, key=lambda r: r.status_id):
        views.extend(revision_views(list(items), BARRIER_FIELD_LABELS, "note"))
    views.sort(key=lambda v: (v.revision.changed_at, v.revision.pk), reverse=True)
    return model, views


def barrier_text(model: BarrierModel, status: BarrierStatus) -> str:
    if status.label:
        return status.label
    step = model.step(status.step_code)
    return dict(step.barriers).get(status.barrier_key, status.barrier_key) if step else status.barrier_key


def barrier_revision(*, user, code: str, pk: int) -> tuple[BarrierModel, BarrierStatusRevision]:
    if not policy_for(BarrierStatus).user_may(user, "change"):
        raise Http404
    model = barrier_model_or_404(code)
    revision = policy_for(BarrierStatusRevision).get_visible(user, pk=pk, status__model_code=code)
    return model, revision
