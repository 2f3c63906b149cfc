"""Every append-only record (audit log, status histories, revisions, triage notes) refuses change
and removal in the ORM and, on PostgreSQL, in the database itself. The list of models comes from
the code, so a new AppendOnlyModel without a row maker here fails a test."""

import datetime as dt

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.utils import DatabaseError

from baken.core.append_only import AppendOnlyError, AppendOnlyModel

pytestmark = pytest.mark.both_databases


def _append_only_models() -> dict[str, type]:
    return {m._meta.label_lower: m for m in apps.get_models() if issubclass(m, AppendOnlyModel)}


def _escalation(ctx):
    from baken.coordination.services import escalation_create

    return escalation_create(
        actor=ctx["triager"],
        signal=ctx["signal"],
        partner=ctx["police"],
        channel="telefoon",
        purpose="Onderzoek",
        legal_ground="wettelijke_taak",
        shared_fields=["reference"],
        shared_on=dt.date.today(),
    )


def _triage_note(ctx):
    from baken.coordination.services import triage_note_add

    triage_note_add(actor=ctx["triager"], signal=ctx["signal"], text="Interne notitie")


def _signal_addition(ctx):
    from baken.signalling.services import signal_add_information

    signal_add_information(reporter=ctx["signal"].reporter, signal=ctx["signal"], text="Later gezien")


def _indicator_revision(ctx):
    from baken.signalling.models import IndicatorGroup
    from baken.signalling.services import indicator_save

    indicator_save(
        actor=ctx["beheerder"],
        indicator=None,
        values={"label": "Lokaal signaal", "explanation": "Uitleg", "group": IndicatorGroup.objects.first()},
    )


def _page_revision(ctx):
    from baken.knowledge.services import PageContent, local_page_save

    content = PageContent(title="Lokale route", summary="", section="lokaal", roles=(), body="Tekst")
    local_page_save(actor=ctx["beheerder"], slug=None, content=content, base_revision=0)


def _barrier_revision(ctx):
    from baken.knowledge.content import barrier_models
    from baken.knowledge.services import BarrierChange, barrier_step_save

    key = barrier_models()["arbeidsmigranten"].step("werk").barriers[0][0]
    barrier_step_save(
        actor=ctx["beheerder"],
        model_code="arbeidsmigranten",
        step_code="werk",
        changes=[BarrierChange(barrier_key=key, state="aanwezig", owner="Team")],
    )


def _access_request_change(ctx):
    from baken.accounts.services import second_factor_reset_request

    second_factor_reset_request(actor=ctx["beheerder"], user=ctx["triager"])


def _policy_maker(ctx):
    from baken.testing.factories import UserFactory

    return UserFactory(roles=["beleidsmaker"], organisation=ctx["beheerder"].organisation)


def _activity_status(ctx):
    from baken.testing.prevention import make_activity

    make_activity(_policy_maker(ctx))  # its start is the first status line


def _assessment_snapshot(ctx):
    from baken.policy.services import assessment_adopt, assessment_item_update
    from baken.testing.policy import make_assessment

    actor = _policy_maker(ctx)
    assessment = make_assessment(actor)
    for item in assessment.items.all():
        assessment_item_update(actor=actor, item=item, values={"status": "nvt"})
    assessment_adopt(actor=actor, assessment=assessment, adopted_by="College", adopted_on=dt.date.today())


def _action_status(ctx):
    from baken.testing.policy import make_action

    make_action(_policy_maker(ctx))


def _progress_note(ctx):
    from baken.policy.services import action_progress_add
    from baken.testing.policy import make_action

    actor = _policy_maker(ctx)
    action_progress_add(actor=actor, action=make_action(actor), year=2026, quarter=4, note="Training gegeven.")


def _enforcement_history(ctx):
    from baken.enforcement.services import LocationInput, case_open, location_save, measure_start
    from baken.testing.factories import UserFactory

    inspector = UserFactory(roles=["toezichthouder"], organisation=ctx["triager"].organisation, clearance=5)
    location = location_save(
        actor=inspector,
        location=None,
        data=LocationInput(
            street="Havenweg", house_number="3", postcode="9901 AB", city="Voorbeeld", object_type="logies"
        ),
    )
    case = case_open(actor=inspector, location=location, theme="huisvesting_arbeidsmigranten", reason="eigen_onderzoek")
    measure_start(
        actor=inspector, case=case, intent_type="voornemen_lod", addressees="Verhuurder", sent_on=dt.date.today()
    )


def _care_case(ctx):
    from baken.care.services import care_case_register
    from baken.core.confidentiality import Confidentiality
    from baken.testing.factories import UserFactory

    coordinator = UserFactory(
        roles=["zorgcoordinator"], organisation=ctx["triager"].organisation, clearance=Confidentiality.ZEER_GEHEIM
    )
    case = care_case_register(
        actor=coordinator,
        organisation=coordinator.organisation,
        source="politie",
        registered_on=dt.date.today(),
        pseudonym="Linde 14",
        full_name="Fictieve Naam",
    )
    return coordinator, case


def _audit_checkpoint(ctx):
    from django.utils import timezone

    from baken.core.models import AuditCheckpoint

    AuditCheckpoint.objects.create(
        chain="national", last_deleted_id=1, last_deleted_hash="0" * 64, rows_deleted=1, cutoff=timezone.now(), run="t"
    )


def _care_name_reveal(ctx):
    from baken.care.services import care_name_reveal

    coordinator, case = _care_case(ctx)
    care_name_reveal(actor=coordinator, case=case, reason="Nodig voor de aanmelding bij de opvang")


def _care_closure_change(ctx):
    from baken.care.services import care_case_transition, care_closure_propose

    coordinator, case = _care_case(ctx)
    for target in ("intake", "advies"):
        case = care_case_transition(actor=coordinator, case=case, target=target)
    # The proposal's start is the first line of its history.
    care_closure_propose(actor=coordinator, case=case, closure_reason="zelfredzaam", reason="Doelen bereikt")


def _care_track_change(ctx):
    from baken.care.services import care_case_transition, track_start

    coordinator, case = _care_case(ctx)
    case = care_case_transition(actor=coordinator, case=case, target="intake")
    # A track's start is the first line of its history.
    track_start(actor=coordinator, case=case, kind="bedenktijd", status="aangeboden", on=dt.date.today())


def _material_revision(ctx):
    from baken.testing.prevention import make_material

    make_material(_policy_maker(ctx))  # version 1 is the first revision


def _kader_block_revision(ctx):
    from baken.policy.services import local_block_create

    # version 1 is the first revision
    local_block_create(
        actor=ctx["beheerder"], code=None, values={"label": "Eigen", "theme": "beleid", "plateau": "basis"}
    )


def _letter_revision(ctx):
    from baken.enforcement.services import letter_template_save

    letter_template_save(actor=ctx["beheerder"], kind="voornemen", title="Voornemen", body="Tekst", base_revision=0)


def _meetings_coordinator(ctx):
    from baken.core.confidentiality import Confidentiality
    from baken.testing.factories import UserFactory

    return UserFactory(
        roles=["zorgcoordinator"], organisation=ctx["triager"].organisation, clearance=Confidentiality.ZEER_GEHEIM
    )


def _meetings_referral(ctx):
    from baken.testing.meetings import make_referral

    coordinator = _meetings_coordinator(ctx)
    make_referral(coordinator, coordinator.organisation)  # its registration is the first status line


def _meetings_sharing(ctx):
    from baken.testing.meetings import make_attendee, make_item, make_sharing

    coordinator = _meetings_coordinator(ctx)
    item = make_item(coordinator, coordinator.organisation)
    make_sharing(coordinator, item, make_attendee(coordinator, item.meeting))


def _meetings_dispatch(ctx):
    from baken.meetings.services import dispatch_record
    from baken.testing.meetings import make_attendee, make_meeting

    coordinator = _meetings_coordinator(ctx)
    meeting = make_meeting(coordinator, coordinator.organisation)
    dispatch_record(actor=coordinator, meeting=meeting, attendee=make_attendee(coordinator, meeting), document="agenda")


def _retention_term(ctx):
    from baken.retention.services import retention_term_set

    retention_term_set(actor=ctx["beheerder"], record_type="meeting", term=24, note="Convenant")


def _deletion_log(ctx):
    from baken.testing.retention import make_deletion_log

    make_deletion_log(ctx["beheerder"].organisation)


def _subject_request(ctx):
    from baken.retention.subject_services import subject_note_add, subject_request_create, subject_search_run
    from baken.testing.factories import UserFactory

    officer = UserFactory(roles=["privacy_officer"], organisation=ctx["beheerder"].organisation)
    request = subject_request_create(actor=officer, kind="inzage", received_on=dt.date(2026, 11, 30), reference="AVG-1")
    subject_note_add(actor=officer, request=request, kind="beperking", text="Beperkt")
    subject_search_run(actor=officer, request=request, bsn="111222333")


ROW_MAKERS = {
    "retention.retentionoverriderevision": _retention_term,
    "retention.deletionlog": _deletion_log,
    "retention.subjectrequestnote": _subject_request,
    "retention.subjectsearch": _subject_request,
    "meetings.casereferralstatuschange": _meetings_referral,
    "meetings.documentdispatch": _meetings_dispatch,
    "meetings.sharinglogentry": _meetings_sharing,
    "enforcement.lettertemplaterevision": _letter_revision,
    "care.careclosurerequestchange": _care_closure_change,
    "prevention.preventionmaterialrevision": _material_revision,
    "care.carecasestatuschange": _care_case,  # its registration is the first status line
    "care.carenamereveal": _care_name_reveal,
    "care.caretrackchange": _care_track_change,
    "enforcement.casestatuschange": _enforcement_history,
    "enforcement.measurestatuschange": _enforcement_history,
    "accounts.accessrequeststatuschange": _access_request_change,
    "core.auditevent": lambda ctx: None,  # every maker below writes audit rows
    "core.auditcheckpoint": _audit_checkpoint,
    "signalling.signalstatuschange": lambda ctx: None,  # the signal's own arrival
    "coordination.escalationstatuschange": _escalation,
    "coordination.triagenote": _triage_note,
    "signalling.signaladdition": _signal_addition,
    "signalling.indicatorrevision": _indicator_revision,
    "knowledge.localpagerevision": _page_revision,
    "knowledge.barrierstatusrevision": _barrier_revision,
    "prevention.activitystatuschange": _activity_status,
    "policy.assessmentsnapshot": _assessment_snapshot,
    "policy.actionstatuschange": _action_status,
    "policy.actionprogressnote": _progress_note,
    "policy.localkaderblockrevision": _kader_block_revision,
}


def test_the_agreed_records_are_append_only():
    assert set(_append_only_models()) == set(ROW_MAKERS)


# On PostgreSQL the trigger is what refuses here; only the owner role has the UPDATE and DELETE
# rights that reach it (the runtime role is refused earlier: test_database_roles.py).
@pytest.mark.owner_role
@pytest.mark.parametrize("label", sorted(ROW_MAKERS))
def test_append_only_in_the_orm_and_on_postgresql(label, triager, signal, police, beheerder):
    model = _append_only_models()[label]
    ROW_MAKERS[label]({"triager": triager, "signal": signal, "police": police, "beheerder": beheerder})
    row = model.objects.order_by("-pk").first()
    assert row is not None, f"the maker made no {label}"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=row.pk).update(pk=row.pk)
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=row.pk).delete()
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        for statement in (f"UPDATE {table} SET id = id WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
                cur.execute(statement, [row.pk])
    assert model.objects.filter(pk=row.pk).exists()
