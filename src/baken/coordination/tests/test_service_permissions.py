"""Every write of Verbinden refuses an actor who may not triage the signal (or manage its
escalations) with NotPermitted, and then has changed nothing: no row, no audit line."""

import datetime as dt

import pytest

from baken.coordination import services
from baken.coordination.models import Escalation
from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.testing.actors import Actor
from baken.testing.signals import make_signal
from baken.testing.snapshots import database_state

TODAY = dt.date(2026, 11, 2)


def _escalation_values(partner):
    return {
        "partner": partner,
        "channel": "telefoon",
        "purpose": "Controle afstemmen",
        "legal_ground": "wettelijke_taak",
        "shared_fields": ["reference", "address"],
        "shared_on": TODAY,
    }


#: Each service called with the actor under test; `ctx` holds the rows it acts on.
SERVICES = {
    "signal_transition": lambda actor, ctx: services.signal_transition(
        actor=actor, signal=ctx["signal"], target="in_behandeling"
    ),
    "triage_note_add": lambda actor, ctx: services.triage_note_add(actor=actor, signal=ctx["signal"], text="Notitie"),
    "signal_assign": lambda actor, ctx: services.signal_assign(
        actor=actor, signal=ctx["signal"], assignee=ctx["triager"]
    ),
    "signal_share_message": lambda actor, ctx: services.signal_share_message(
        actor=actor, signal=ctx["signal"], message="We zijn ermee bezig."
    ),
    "signal_link": lambda actor, ctx: services.signal_link(actor=actor, signal=ctx["signal"], other=ctx["other"]),
    "signal_merge": lambda actor, ctx: services.signal_merge(actor=actor, duplicate=ctx["other"], into=ctx["signal"]),
    "escalation_create": lambda actor, ctx: services.escalation_create(
        actor=actor, signal=ctx["signal"], **_escalation_values(ctx["partner"])
    ),
    "escalation_update": lambda actor, ctx: services.escalation_update(
        actor=actor, escalation=ctx["escalation"], status="verzonden"
    ),
}

#: Who may not: the wrong role here, the right role elsewhere, too low a clearance, switched off.
REFUSED = {
    "signaleerder": Actor("signaleerder"),
    "zorgcoordinator": Actor("zorgcoordinator"),
    "functioneel_beheerder": Actor("functioneel_beheerder"),
    "privacy_officer": Actor("privacy_officer"),
    "af_other_municipality": Actor("aandachtsfunctionaris", "other", Confidentiality.GEHEIM),
    "af_clearance_below_signal": Actor("aandachtsfunctionaris", clearance=Confidentiality.ZAAKVERTROUWELIJK),
    "af_inactive": Actor("aandachtsfunctionaris", clearance=Confidentiality.GEHEIM, extra={"is_active": False}),
    "regional_zorgcoordinator": Actor("zorgcoordinator", "region"),
}


@pytest.fixture
def ctx(triager, reporter, signal, police):
    other = make_signal(reporter, description="Zelfde loods, ander busje")
    escalation = services.escalation_create(actor=triager, signal=signal, **_escalation_values(police))
    return {"triager": triager, "signal": signal, "other": other, "partner": police, "escalation": escalation}


@pytest.mark.parametrize("who", sorted(REFUSED))
@pytest.mark.parametrize("service", sorted(SERVICES))
def test_service_refuses_and_changes_nothing(service, who, ctx, make_user, voorbeeld, zuiderhaven):
    actor = REFUSED[who].make(voorbeeld, zuiderhaven)
    before = database_state()
    with pytest.raises(NotPermitted):
        SERVICES[service](actor, ctx)
    assert database_state() == before


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_the_triager_may(service, ctx):
    """The same calls succeed for the aandachtsfunctionaris: the refusals above are about the
    actor, not about the call."""
    before = database_state()
    SERVICES[service](ctx["triager"], ctx)
    assert database_state() != before


def test_triager_of_one_signal_may_not_link_or_merge_it_with_a_foreign_one(ctx, make_user, zuiderhaven):
    foreign = make_signal(make_user("signaleerder", zuiderhaven))
    before = database_state()
    with pytest.raises(NotPermitted):
        services.signal_link(actor=ctx["triager"], signal=ctx["signal"], other=foreign)
    with pytest.raises(NotPermitted):
        services.signal_merge(actor=ctx["triager"], duplicate=foreign, into=ctx["signal"])
    with pytest.raises(NotPermitted):
        services.signal_merge(actor=ctx["triager"], duplicate=ctx["signal"], into=foreign)
    assert database_state() == before


def test_escalation_of_a_signal_above_the_actors_clearance_is_refused(ctx, make_user, voorbeeld):
    from baken.signalling.models import Signal

    Signal.objects.filter(pk=ctx["signal"].pk).update(confidentiality=Confidentiality.GEHEIM)
    ctx["signal"].refresh_from_db()
    escalation = Escalation.objects.get(pk=ctx["escalation"].pk)
    before = database_state()
    with pytest.raises(NotPermitted):
        services.escalation_update(actor=ctx["triager"], escalation=escalation, status="verzonden")
    with pytest.raises(NotPermitted):
        services.escalation_create(actor=ctx["triager"], signal=ctx["signal"], **_escalation_values(ctx["partner"]))
    assert database_state() == before


def test_assignee_with_clearance_below_the_signal_is_refused(ctx, make_user, voorbeeld):
    from django.core.exceptions import ValidationError

    low = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    assert ctx["signal"].confidentiality > low.clearance
    before = database_state()
    with pytest.raises(ValidationError) as refused:
        services.signal_assign(actor=ctx["triager"], signal=ctx["signal"], assignee=low)
    assert "assignee" in refused.value.message_dict
    assert database_state() == before


def test_assignee_list_leaves_out_a_colleague_below_the_signals_level(
    ctx, make_user, voorbeeld, zuiderhaven, client_for
):
    from baken.coordination.selectors import colleagues_who_may_triage

    low = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    equal = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.VERTROUWELIJK)
    make_user("aandachtsfunctionaris", zuiderhaven, clearance=Confidentiality.GEHEIM)
    make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.GEHEIM, is_active=False)
    make_user("signaleerder", voorbeeld, clearance=Confidentiality.GEHEIM)
    listed = list(colleagues_who_may_triage(signal=ctx["signal"]))
    assert listed == sorted([ctx["triager"], equal], key=lambda user: user.username)
    assert low not in listed
    # The triage page offers that same list.
    from django.urls import reverse

    response = client_for(ctx["triager"]).get(reverse("coordination:signal", args=[ctx["signal"].pk]))
    assert response.status_code == 200
    offered = set(response.context["assign_form"].fields["assignee"].queryset)
    assert offered == {ctx["triager"], equal}


def test_triage_without_the_escalation_permission_may_not_escalate(make_user, voorbeeld, triager, signal, police):
    """Triage alone is not enough to hand a signal over: that takes coordination.manage_escalation."""
    from django.contrib.auth.models import Permission

    from baken.core.access import policy_for

    only_triage = make_user(None, voorbeeld, clearance=Confidentiality.GEHEIM)
    only_triage.user_permissions.add(Permission.objects.get(codename="triage_signal"))
    assert policy_for(type(signal)).allows(only_triage, "triage", signal)
    before = database_state()
    with pytest.raises(NotPermitted):
        services.escalation_create(
            actor=only_triage,
            signal=signal,
            partner=police,
            channel="telefoon",
            purpose="Doel",
            legal_ground="wettelijke_taak",
            shared_fields=["reference"],
            shared_on=signal.observed_on,
        )
    assert database_state() == before
