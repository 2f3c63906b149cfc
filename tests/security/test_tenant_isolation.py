"""A user of Voorbeeld gets 404 for every organisation-owned object of Zuiderhaven, through
every view that takes an id, and a denied request changes nothing."""

import pytest
from django.urls import reverse

from baken.accounts.roles import ROLES
from baken.core.confidentiality import Confidentiality
from tests.security.urls import all_routes, sample_path


# For each route that takes an argument: how to make the Zuiderhaven object it points to.
# A new route with an argument must be added here, or test_every_route_with_an_id_is_covered fails.
def _foreign_signal(ctx):
    from baken.testing.signals import make_signal

    signal = make_signal(ctx["make_user"]("signaleerder", ctx["zuiderhaven"]), with_attachment=True)
    return signal


def _foreign_escalation(ctx):
    import datetime as dt

    from baken.coordination.services import escalation_create
    from baken.partners.models import Partner

    signal = _foreign_signal(ctx)
    partner = Partner.objects.create(organisation=ctx["zuiderhaven"], name="Politie Zuid", partner_type="politie")
    triager = ctx["make_user"]("aandachtsfunctionaris", ctx["zuiderhaven"], clearance=8)
    escalation = escalation_create(
        actor=triager,
        signal=signal,
        partner=partner,
        channel="telefoon",
        purpose="Onderzoek",
        legal_ground="wettelijke_taak",
        shared_fields=["reference"],
        shared_on=dt.date(2026, 11, 1),
    )
    return {"pk": signal.pk, "escalation_pk": escalation.pk}


def _foreign_local_indicator(ctx):
    from baken.signalling.models import Indicator, IndicatorGroup

    return Indicator.objects.create(
        organisation=ctx["zuiderhaven"],
        code="LOK-GM9902-001",
        label="Lokaal",
        explanation="x",
        group=IndicatorGroup.objects.first(),
    ).pk


def _foreign_partner(ctx):
    from baken.partners.models import Partner

    return {"pk": Partner.objects.create(organisation=ctx["zuiderhaven"], name="Lokaal", partner_type="anders").pk}


# knowledge
def _foreign_local_page(ctx):
    from baken.knowledge.services import PageContent, local_page_save

    page = local_page_save(
        actor=ctx["make_user"]("functioneel_beheerder", ctx["zuiderhaven"]),
        slug=None,
        content=PageContent(title="Havenprotocol", summary="", section="lokaal", roles=(), body="Alleen Zuiderhaven"),
        base_revision=0,
    )
    return {"slug": page.slug}


def _foreign_barrier_revision(ctx):
    from baken.knowledge.content import barrier_models
    from baken.knowledge.services import BarrierChange, barrier_step_save

    key = barrier_models()["arbeidsmigranten"].step("werk").barriers[0][0]
    (status,) = barrier_step_save(
        actor=ctx["make_user"]("functioneel_beheerder", ctx["zuiderhaven"]),
        model_code="arbeidsmigranten",
        step_code="werk",
        changes=[BarrierChange(barrier_key=key, state="aanwezig", owner="Team Zuid")],
    )
    return {"code": "arbeidsmigranten", "pk": status.revisions.get().pk}


_SIGNAL_PK = {
    name: (lambda ctx: {"pk": _foreign_signal(ctx).pk})
    for name in (
        "coordination:signal",
        "coordination:note_add",
        "coordination:assign",
        "coordination:transition",
        "coordination:share_message",
        "coordination:link",
        "coordination:link_lookup",
        "coordination:merge",
        "coordination:escalation_new",
    )
}


def _foreign_access_request(ctx) -> int:
    from baken.accounts.services import second_factor_reset_request

    beheerder = ctx["make_user"]("functioneel_beheerder", ctx["zuiderhaven"])
    subject = ctx["make_user"]("signaleerder", ctx["zuiderhaven"])
    return second_factor_reset_request(actor=beheerder, user=subject).pk


def _foreign_synonym(ctx):
    from baken.knowledge.services import search_synonym_add

    beheerder = ctx["make_user"]("functioneel_beheerder", ctx["zuiderhaven"])
    return {"pk": search_synonym_add(actor=beheerder, term="havenwacht", means="bedenktijd").pk}


FOREIGN_OBJECT = {
    # coordination
    **_SIGNAL_PK,
    "coordination:escalation": _foreign_escalation,
    "coordination:escalation_pdf": _foreign_escalation,
    "partners:edit": _foreign_partner,
    # signalling
    "signalling:indicator_edit": lambda ctx: {"pk": _foreign_local_indicator(ctx)},
    "signalling:detail": lambda ctx: {"pk": _foreign_signal(ctx).pk},
    "signalling:submitted": lambda ctx: {"pk": _foreign_signal(ctx).pk},
    "signalling:attachment": lambda ctx: (
        lambda signal: {"pk": signal.pk, "attachment_pk": signal.attachments.get().pk}
    )(_foreign_signal(ctx)),
    "accounts:user_edit": lambda ctx: {"pk": ctx["make_user"]("signaleerder", ctx["zuiderhaven"]).pk},
    "accounts:second_factor_reset": lambda ctx: {"pk": ctx["make_user"]("signaleerder", ctx["zuiderhaven"]).pk},
    "accounts:user_resend_link": lambda ctx: {"pk": ctx["make_user"]("signaleerder", ctx["zuiderhaven"]).pk},
    "accounts:access_request_detail": lambda ctx: {"pk": _foreign_access_request(ctx)},
    "accounts:access_request_decide": lambda ctx: {"pk": _foreign_access_request(ctx)},
    "accounts:access_request_review": lambda ctx: {"pk": _foreign_access_request(ctx)},
    "core:organisation_logo": lambda ctx: {"slug": ctx["zuiderhaven"].slug},
    # knowledge: a page of Zuiderhaven's own, and a version of one of its barrier statuses
    **{
        name: _foreign_local_page
        for name in (
            "knowledge:page",
            "knowledge:page_pdf",
            "knowledge:page_edit",
            "knowledge:page_withdraw",
            "knowledge:page_history",
        )
    },
    "knowledge:page_restore": lambda ctx: {**_foreign_local_page(ctx), "number": 1},
    "knowledge:barrier_restore": _foreign_barrier_revision,
    "knowledge:synonym_remove": _foreign_synonym,
}
NOT_TENANT_OBJECTS = {"accounts:password_reset_confirm"}  # token links, no organisation data
# knowledge: these codes name national content (an indicator list, a barrier model and its
# steps) that every signed-in user reads; the rows a municipality keeps under them (local
# indicators, barrier statuses, their versions) are always those of the user's own organisation.
NOT_TENANT_OBJECTS |= {
    "knowledge:signals",
    "knowledge:signals_pdf",
    "knowledge:barrier_model",
    "knowledge:barrier_pdf",
    "knowledge:barrier_history",
    "knowledge:barrier_edit",
}

ROUTES_WITH_ID = [r for r in all_routes() if r.converters and r.name not in NOT_TENANT_OBJECTS]


def test_every_route_with_an_id_is_covered():
    assert {r.name for r in ROUTES_WITH_ID} == set(FOREIGN_OBJECT)


@pytest.mark.parametrize("route", ROUTES_WITH_ID, ids=lambda r: r.name)
def test_other_municipality_gets_404(client_for, make_user, voorbeeld, zuiderhaven, route):
    from baken.accounts.models import User
    from baken.core.models import Organisation
    from baken.signalling.models import Signal

    zuiderhaven.logo = "logos/zuiderhaven.png"
    zuiderhaven.save()
    kwargs = FOREIGN_OBJECT[route.name]({"make_user": make_user, "zuiderhaven": zuiderhaven})
    everything = [role.code for role in ROLES]
    intruder = make_user(everything, voorbeeld, clearance=Confidentiality.ZEER_GEHEIM)
    client = client_for(intruder)

    def snapshot():
        return (list(Organisation.objects.values()), list(User.objects.values()), list(Signal.objects.values()))

    before = snapshot()
    path = sample_path(route, **kwargs)
    answers = {
        "get": client.get(path).status_code,
        "post": client.post(
            path,
            {
                "email": "x@x.nl",
                "roles": ["beleidsmaker"],
                "text": "x",
                "target": "afgesloten",
                "message": "x",
                "status": "mislukt",
            },
        ).status_code,
    }
    # 405 only where the view takes no such method at all: decided before any row is looked up.
    assert set(answers.values()) <= {404, 405}, answers
    assert 404 in answers.values(), answers
    assert snapshot() == before


def test_other_municipality_user_is_unchanged_after_denied_post(client_for, make_user, voorbeeld, zuiderhaven):
    target = make_user("signaleerder", zuiderhaven)
    client = client_for(make_user("functioneel_beheerder", voorbeeld))
    response = client.post(
        reverse("accounts:user_edit", args=[target.pk]),
        {"email": "overgenomen@x.nl", "roles": ["aandachtsfunctionaris"], "clearance": 8},
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.email != "overgenomen@x.nl" and target.is_active
    assert list(target.groups.values_list("name", flat=True)) == ["signaleerder"]
