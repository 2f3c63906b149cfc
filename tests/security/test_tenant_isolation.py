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
        "coordination:signal_print",
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


def _foreign_notification(ctx):
    from baken.core.notify import notify

    (user,) = notify(
        recipients=[ctx["make_user"]("signaleerder", ctx["zuiderhaven"])],
        organisation_id=ctx["zuiderhaven"].pk,
        message="Nieuws",
        url="/",
    )
    return {"pk": user.notifications.get().pk}


def _foreign_access_request(ctx) -> int:
    from baken.accounts.services import second_factor_reset_request

    beheerder = ctx["make_user"]("functioneel_beheerder", ctx["zuiderhaven"])
    subject = ctx["make_user"]("signaleerder", ctx["zuiderhaven"])
    return second_factor_reset_request(actor=beheerder, user=subject).pk


def _foreign_synonym(ctx):
    from baken.knowledge.services import search_synonym_add

    beheerder = ctx["make_user"]("functioneel_beheerder", ctx["zuiderhaven"])
    return {"pk": search_synonym_add(actor=beheerder, term="havenwacht", means="bedenktijd").pk}


# care: an aanmelding of Zuiderhaven, and a care case started from one (with a procedure)
def _foreign_care(kind: str):
    def make(ctx):
        from tests.security.matrix import (
            World,
            care_case_row,
            care_closure_row,
            care_comensha_row,
            care_goal_row,
            care_handover_row,
            care_person_row,
            care_plan_action_row,
            care_procedure_row,
            care_provider_row,
            care_referral_row,
            care_shelter_row,
            care_track_row,
        )

        build = {
            "handover": care_handover_row,
            "case": care_case_row,
            "procedure": care_procedure_row,
            "referral": care_referral_row,
            "shelter": care_shelter_row,
            "comensha": care_comensha_row,
            "closure": care_closure_row,
            "person": care_person_row,
            "provider": care_provider_row,
            "goal": care_goal_row,
            "plan_action": care_plan_action_row,
            "track": care_track_row,
        }[kind]
        return build(World(ctx["make_user"]), ctx["zuiderhaven"]).kwargs

    return make


def _foreign_enforcement(ctx, kind: str):
    import datetime as dt

    from django.utils import timezone

    from baken.enforcement.services import LocationInput, case_open, inspection_plan, location_save, measure_start

    inspector = ctx["make_user"]("toezichthouder", ctx["zuiderhaven"], clearance=8)
    location = location_save(
        actor=inspector,
        location=None,
        data=LocationInput(
            street="Zuidkade", house_number="8", postcode="9902 AB", city="Zuiderhaven", object_type="massagesalon"
        ),
    )
    if kind == "location":
        return {"pk": location.pk}
    case = case_open(actor=inspector, location=location, theme="mensenhandel", reason="politie")
    if kind == "case":
        return {"pk": case.pk}
    if kind in ("inspection", "photo"):
        inspection = inspection_plan(actor=inspector, case=case, planned_for=timezone.now())
        if kind == "photo":
            from baken.enforcement.services import inspection_photo_add
            from tests.security.matrix import _png_upload

            photo = inspection_photo_add(actor=inspector, inspection=inspection, upload=_png_upload())
            return {"pk": case.pk, "inspection_pk": inspection.pk, "photo_pk": photo.pk}
        return {"pk": case.pk, "inspection_pk": inspection.pk}
    if kind == "bibob":
        from baken.enforcement.services import bibob_start

        test = bibob_start(
            actor=inspector, case=case, subject="Vergunning", trigger="signaal", started_on=dt.date(2026, 11, 2)
        )
        return {"pk": case.pk, "bibob_pk": test.pk}
    measure = measure_start(
        actor=inspector, case=case, intent_type="voornemen_lod", addressees="Exploitant", sent_on=dt.date(2026, 11, 2)
    )
    if kind == "appeal":
        from decimal import Decimal

        from baken.enforcement.services import MeasureStep, appeal_add, measure_step

        step = MeasureStep(
            target="besluit",
            decision_type="bestuursdwang",
            decided_on=dt.date(2026, 11, 16),
            compliance_due_on=dt.date(2026, 12, 14),
            amount_maximum=Decimal("1"),
        )
        measure = measure_step(actor=inspector, measure=measure, data=step)
        appeal = appeal_add(
            actor=inspector, measure=measure, kind="bezwaar", lodged_on=dt.date(2026, 11, 18), lodged_by="X"
        )
        return {"pk": case.pk, "measure_pk": measure.pk, "appeal_pk": appeal.pk}
    return {"pk": case.pk, "measure_pk": measure.pk}


def _foreign_letter_revision(ctx):
    from baken.enforcement.services import letter_template_save

    beheerder = ctx["make_user"]("functioneel_beheerder", ctx["zuiderhaven"])
    template = letter_template_save(actor=beheerder, kind="voornemen", title="Z", body="Zuid", base_revision=0)
    return {"kind": "voornemen", "revision_pk": template.revisions.get().pk}


def _enforcement_maker(kind: str):
    return lambda ctx: _foreign_enforcement(ctx, kind)


FOREIGN_OBJECT = {
    # enforcement: a location of Zuiderhaven, a case there, its inspection and its measure
    **{
        name: _enforcement_maker("location")
        for name in (
            "enforcement:location",
            "enforcement:location_edit",
            "enforcement:party_add",
            "enforcement:licence_add",
            "enforcement:case_new",
        )
    },
    **{
        name: _enforcement_maker("case")
        for name in (
            "enforcement:case",
            "enforcement:case_transition",
            "enforcement:inspection_new",
            "enforcement:measure_new",
            "enforcement:bibob_new",
        )
    },
    **{
        name: _enforcement_maker("inspection")
        for name in (
            "enforcement:inspection",
            "enforcement:inspection_record",
            "enforcement:finding_add",
            "enforcement:hand_over",
            "enforcement:inspection_barrier",
            "enforcement:inspection_draft",
            "enforcement:inspection_draft_delete",
            "enforcement:inspection_photo_add",
        )
    },
    "enforcement:inspection_photo": _enforcement_maker("photo"),
    "enforcement:measure": _enforcement_maker("measure"),
    "enforcement:bibob": _enforcement_maker("bibob"),
    "enforcement:appeal_add": _enforcement_maker("measure"),
    "enforcement:appeal_decide": _enforcement_maker("appeal"),
    "enforcement:measure_barrier": _enforcement_maker("measure"),
    "enforcement:letter_template_restore": lambda ctx: _foreign_letter_revision(ctx),
    "enforcement:letter_pdf": lambda ctx: _foreign_enforcement(ctx, "measure") | {"kind": "voornemen"},
    # coordination
    **_SIGNAL_PK,
    "coordination:escalation": _foreign_escalation,
    "coordination:escalation_pdf": _foreign_escalation,
    "partners:edit": _foreign_partner,
    # signalling
    "signalling:indicator_edit": lambda ctx: {"pk": _foreign_local_indicator(ctx)},
    "signalling:detail": lambda ctx: {"pk": _foreign_signal(ctx).pk},
    "signalling:add_information": lambda ctx: {"pk": _foreign_signal(ctx).pk},
    "core:notification_read": _foreign_notification,
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
    "care:handover": _foreign_care("handover"),
    **{
        name: _foreign_care("case")
        for name in (
            "care:case",
            "care:transition",
            "care:reveal",
            "care:shelter_address",
            "care:procedure_add",
            "care:referral_add",
            "care:shelter_add",
            "care:contact_add",
            "care:comensha",
            "care:goal_add",
            "care:track_add",
            "care:methods",
        )
    },
    "care:procedure_done": _foreign_care("procedure"),
    "care:referral_update": _foreign_care("referral"),
    "care:shelter_end": _foreign_care("shelter"),
    "care:comensha_export": _foreign_care("comensha"),
    "care:closure_decide": _foreign_care("closure"),
    "care:person": _foreign_care("person"),
    "care:goal_close": _foreign_care("goal"),
    "care:summary": _foreign_care("goal"),
    "care:provider_edit": _foreign_care("provider"),
    "care:plan_action_add": _foreign_care("goal"),
    "care:plan_action_done": _foreign_care("plan_action"),
    "care:track_step": _foreign_care("track"),
}


def _foreign_activity(ctx):
    from baken.testing.prevention import make_activity

    return {"pk": make_activity(ctx["make_user"]("beleidsmaker", ctx["zuiderhaven"])).pk}


FOREIGN_OBJECT |= {
    name: _foreign_activity
    for name in ("prevention:activity", "prevention:activity_edit", "prevention:activity_transition")
}


def _foreign_policy_row(kind):
    def make(ctx):
        from tests.security import matrix

        world = matrix.World(ctx["make_user"])
        return getattr(matrix, f"{kind}_row")(world, ctx["zuiderhaven"]).kwargs

    return make


FOREIGN_OBJECT |= {
    "policy:assessment": _foreign_policy_row("assessment"),
    "policy:assessment_adopt": _foreign_policy_row("adoptable"),
    "policy:assessment_compare": _foreign_policy_row("adoptable"),
    "policy:item": _foreign_policy_row("gap"),
    "policy:item_action": _foreign_policy_row("gap"),
    "policy:plan": _foreign_policy_row("plan"),
    "policy:plan_edit": _foreign_policy_row("plan"),
    "policy:local_block": _foreign_policy_row("local_block"),
    "policy:local_block_withdraw": _foreign_policy_row("local_block"),
    "policy:plan_pdf": _foreign_policy_row("plan"),
    "policy:action_new": _foreign_policy_row("plan"),
    "policy:action": _foreign_policy_row("action"),
    "policy:action_progress": _foreign_policy_row("action"),
    "policy:goal_new": _foreign_policy_row("plan"),
    "policy:goal": _foreign_policy_row("goal"),
    "prevention:material": _foreign_policy_row("material"),
    "prevention:material_edit": _foreign_policy_row("material"),
    "policy:risk": _foreign_policy_row("risk_picture"),
    "policy:risk_intelligence": _foreign_policy_row("risk_picture"),
    "reporting:risk_picture_pdf": _foreign_policy_row("risk_picture"),
    "policy:risk_row": _foreign_policy_row("risk_form"),
    "reporting:annual_report_pdf": _foreign_policy_row("annual_report"),
}
FOREIGN_OBJECT |= {
    "meetings:referral": _foreign_policy_row("meetings_referral"),
    "meetings:referral_transition": _foreign_policy_row("meetings_referral"),
    "meetings:referral_triage": _foreign_policy_row("meetings_triage"),
    "meetings:referral_close": _foreign_policy_row("meetings_advice"),
    "meetings:referral_link": _foreign_policy_row("meetings_link"),
    **{
        name: _foreign_policy_row("meetings_meeting")
        for name in (
            "meetings:meeting",
            "meetings:agenda_pdf",
            "meetings:minutes_pdf",
            "meetings:attendee_add",
            "meetings:agenda_add",
        )
    },
    **{
        name: _foreign_policy_row("meetings_item")
        for name in (
            "meetings:item",
            "meetings:item_discussed",
            "meetings:item_analysis",
            "meetings:sharing_add",
            "meetings:action_add",
            "meetings:dispatch_add",
        )
    },
    "meetings:action_update": _foreign_policy_row("meetings_action"),
}
FOREIGN_OBJECT |= {
    **{
        name: _foreign_policy_row("subject_request")
        for name in ("retention:subject_request", "retention:subject_search", "retention:subject_note")
    },
    "retention:subject_result": _foreign_policy_row("subject_search"),
    "retention:subject_export": _foreign_policy_row("subject_search"),
}
NOT_TENANT_OBJECTS = {"accounts:password_reset_confirm"}  # token links, no organisation data
# A kind of letter (voornemen, besluit, hercontrole): the text edited is always the own organisation's.
NOT_TENANT_OBJECTS |= {"enforcement:letter_template_edit"}
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
