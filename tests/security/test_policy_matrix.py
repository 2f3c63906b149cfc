"""A permission matrix per registered access policy (the idea of Wagtail's
assertUserPermissionMatrix): for every actor and every action, who may act at all
(`user_may`), on which rows (`rows_for`), and whom the policy names for a row (`users_for`).

The matrix is generated from `registered_policies()`: a new policy without an entry here fails
`test_every_registered_policy_has_a_matrix`. Models are imported inside functions, so that a
refactoring of one app (the Kennisbank) does not break the collection of this file.
"""

import datetime as dt
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser

from baken.core.access import registered_policies
from baken.core.confidentiality import Confidentiality
from baken.testing.factories import OrganisationFactory, RegionFactory, UserFactory
from baken.testing.signals import make_signal

ROLE_CODES = (
    "signaleerder",
    "aandachtsfunctionaris",
    "zorgcoordinator",
    "toezichthouder",
    "handhavingsjurist",
    "beleidsmaker",
    "functioneel_beheerder",
    "privacy_officer",
)
#: A regional zorgcoördinator: an account with a region and no municipality.
REGIONAL = "regional"
#: An aandachtsfunctionaris whose clearance (intern) is below a signal's (vertrouwelijk).
LOW_CLEARANCE = "af_low_clearance"
#: An aandachtsfunctionaris with full clearance whose account is switched off.
INACTIVE = "inactive"
ANONYMOUS = "anonymous"
#: Installatiebeheerders (docs/adr/0011): one of the own region, one national (no region).
INSTALLATION_REGIONAL = "installation_regional"
INSTALLATION_NATIONAL = "installation_national"
INSTALLERS = frozenset({INSTALLATION_REGIONAL, INSTALLATION_NATIONAL})
ACTORS = (*ROLE_CODES, REGIONAL, LOW_CLEARANCE, INACTIVE, ANONYMOUS, *sorted(INSTALLERS))

ACTIVE = frozenset(ROLE_CODES) | {REGIONAL, LOW_CLEARANCE} | INSTALLERS
MUNICIPAL = ACTIVE - {REGIONAL} - INSTALLERS
TRIAGERS = frozenset({"aandachtsfunctionaris", LOW_CLEARANCE})
REPORTERS = frozenset(
    {"signaleerder", "aandachtsfunctionaris", "zorgcoordinator", "toezichthouder", "handhavingsjurist", "beleidsmaker"}
)
BEHEERDER = frozenset({"functioneel_beheerder"})
SIGNAL_TRIAGE_ROWS = frozenset({"aandachtsfunctionaris"})
POLICY = frozenset({"beleidsmaker"})
CARE_READERS = frozenset({"zorgcoordinator", REGIONAL})
ENFORCERS = frozenset({"toezichthouder", "handhavingsjurist"})
INSPECTORS = frozenset({"toezichthouder"})


def rule(may, rows):
    """`may`: actors for whom user_may(action) holds; `rows`: actors whose rows_for(action)
    contains the row of their own municipality."""
    return (frozenset(may), frozenset(rows))


#: model label -> action -> (may, rows). Every action of the policy must be listed.
MATRIX = {
    "core.organisation": {
        "view": rule(ACTIVE, ACTIVE),
        "manage_huisstijl": rule(BEHEERDER, BEHEERDER),
        "administer": rule(INSTALLERS, INSTALLERS),
    },
    "core.auditevent": {"view": rule({"privacy_officer"}, {"privacy_officer"})},
    # The own row is a notification for the signaleerder.
    "core.notification": {"view": rule(ACTIVE, {"signaleerder"})},
    # The own row is the signaleerder's account.
    "accounts.user": {"view": rule(BEHEERDER, BEHEERDER), "change": rule(BEHEERDER, BEHEERDER)},
    # The own row is a waiting request about the signaleerder, asked by someone other than the
    # beheerder under test: the beheerder may decide it, not withdraw it; the privacy officer reads it.
    # Voorbeeld has a beheerder who can decide it, so it is not the installatiebeheerders' to see.
    "accounts.accessrequest": {
        "view": rule(BEHEERDER | {"privacy_officer"} | INSTALLERS, BEHEERDER | {"privacy_officer"}),
        "decide": rule(BEHEERDER | INSTALLERS, BEHEERDER),
        "withdraw": rule(BEHEERDER, set()),
        "review": rule({"privacy_officer"}, {"privacy_officer"}),
    },
    # The own row is not shared in the region, so the regional account does not see it.
    "partners.partner": {"view": rule(ACTIVE, MUNICIPAL), "change": rule(BEHEERDER, BEHEERDER)},
    # The own row was reported by the signaleerder and is vertrouwelijk.
    "signalling.signal": {
        "view": rule(ACTIVE, {"signaleerder", "aandachtsfunctionaris"}),
        "view_own": rule(ACTIVE, {"signaleerder"}),
        "report": rule(REPORTERS | {LOW_CLEARANCE}, {"signaleerder"}),
        "triage": rule(TRIAGERS, SIGNAL_TRIAGE_ROWS),
    },
    "signalling.signalattachment": {"view": rule(ACTIVE, {"signaleerder", "aandachtsfunctionaris"})},
    # The own row is the signaleerder's draft: nobody else sees it, triage and beheer included.
    "signalling.intakedraft": {"view": rule(REPORTERS | {LOW_CLEARANCE}, {"signaleerder"})},
    # The own row is a local indicator of the municipality.
    "signalling.indicator": {"view": rule(ACTIVE, MUNICIPAL), "change": rule(BEHEERDER, BEHEERDER)},
    "coordination.escalation": {
        "view": rule(ACTIVE, SIGNAL_TRIAGE_ROWS),
        "change": rule(TRIAGERS, SIGNAL_TRIAGE_ROWS),
    },
    "coordination.signallink": {"view": rule(ACTIVE, SIGNAL_TRIAGE_ROWS)},
    "knowledge.localpage": {"view": rule(ACTIVE, MUNICIPAL), "change": rule(BEHEERDER, BEHEERDER)},
    "knowledge.barrierstatus": {"view": rule(ACTIVE, MUNICIPAL), "change": rule(BEHEERDER, BEHEERDER)},
    "knowledge.localpagerevision": {"view": rule(BEHEERDER, BEHEERDER)},
    "knowledge.barrierstatusrevision": {"view": rule(BEHEERDER, BEHEERDER)},
    "knowledge.searchsynonym": {"view": rule(ACTIVE, MUNICIPAL), "change": rule(BEHEERDER, BEHEERDER)},
    # The own row is an activity of the municipality; only the beleidsmaker keeps them.
    "prevention.preventionactivity": {"view": rule(POLICY, POLICY), "change": rule(POLICY, POLICY)},
    "prevention.training": {"view": rule(POLICY, POLICY), "change": rule(POLICY, POLICY)},
    "prevention.staffcount": {"view": rule(POLICY, POLICY), "change": rule(POLICY, POLICY)},
    # The materials library and its versions (read-only history) follow the activities.
    "prevention.preventionmaterial": {"view": rule(POLICY, POLICY), "change": rule(POLICY, POLICY)},
    "prevention.preventionmaterialrevision": {"view": rule(POLICY, POLICY)},
    # Beleid & regie: the own municipality's rows, only for the beleidsmaker (a regional
    # beleidsmaker reads the region's: src/baken/policy/tests/test_policies.py).
    "policy.kaderassessment": {"view": rule(POLICY, POLICY), "change": rule(POLICY, POLICY)},
    "policy.actionplan": {"view": rule(POLICY, POLICY), "change": rule(POLICY, POLICY)},
    "policy.planaction": {"view": rule(POLICY, POLICY), "change": rule(POLICY, POLICY)},
    "policy.plangoal": {"view": rule(POLICY, POLICY), "change": rule(POLICY, POLICY)},
    "policy.riskpicture": {"view": rule(POLICY, POLICY), "change": rule(POLICY, POLICY)},
    "policy.riskformrow": {"view": rule(POLICY, POLICY), "change": rule(POLICY, POLICY)},
    # The municipality's own Kader blocks: kept by the functioneel beheerder, read by the beleidsmaker.
    "policy.localkaderblock": {
        "view": rule(POLICY | BEHEERDER, POLICY | BEHEERDER),
        "change": rule(BEHEERDER, BEHEERDER),
    },
    "policy.localkaderblockrevision": {"view": rule(POLICY | BEHEERDER, POLICY | BEHEERDER)},
    # The annual report: the own municipality's versions, only for the beleidsmaker.
    "reporting.annualreport": {"view": rule(POLICY, POLICY), "change": rule(POLICY, POLICY)},
    # The own row is a care case (confidentieel) handed over from the signaleerder's signal; the
    # zorgcoördinator holds the role's clearance (confidentieel), the regional one geheim. The
    # aandachtsfunctionaris who may triage the signal sees the phase only; the low-clearance one
    # may not triage it (vertrouwelijk), so not even that.
    "care.carecase": {
        "view": rule(ACTIVE, CARE_READERS),
        "manage": rule(CARE_READERS, CARE_READERS),
        "view_shelter_address": rule({REGIONAL}, {REGIONAL}),
        "view_phase": rule(CARE_READERS | TRIAGERS, CARE_READERS | SIGNAL_TRIAGE_ROWS),
    },
    # The region's provider directory: read by every zorgcoördinator of the region, kept by the
    # regional one. A row of the region, not of one municipality (see REGION_ROWS).
    "care.careprovider": {"view": rule(ACTIVE, CARE_READERS), "change": rule({REGIONAL}, {REGIONAL})},
    # Retention: the own municipality's terms and legal holds for its functioneel beheerder; the
    # deletion log (identifiers and dates only) also for its privacy officer.
    "retention.retentionoverride": {"view": rule(BEHEERDER, BEHEERDER), "change": rule(BEHEERDER, BEHEERDER)},
    "retention.legalhold": {"view": rule(BEHEERDER, BEHEERDER), "change": rule(BEHEERDER, BEHEERDER)},
    "retention.deletionlog": {"view": rule(BEHEERDER | {"privacy_officer"}, BEHEERDER | {"privacy_officer"})},
    "retention.subjectrequest": {
        "view": rule({"privacy_officer"}, {"privacy_officer"}),
        "change": rule({"privacy_officer"}, {"privacy_officer"}),
    },
    "retention.subjectrequestnote": {"view": rule({"privacy_officer"}, {"privacy_officer"})},
    "retention.subjectsearch": {"view": rule({"privacy_officer"}, {"privacy_officer"})},
    # Casusoverleg: run by the zorgcoördinator (clearance confidentieel, the aanmelding's level) and
    # the regional one. An attendee's view of a meeting is in src/baken/meetings/tests/test_access.py.
    **{
        f"meetings.{name}": {"view": rule(ACTIVE, CARE_READERS), "manage": rule(CARE_READERS, CARE_READERS)}
        for name in ("casereferral", "meeting", "attendee", "agendaitem", "sharinglogentry")
    },
    # An action's owner (a Baken user who attends) reports on it too: meetings/tests/test_analysis_and_report.py.
    "meetings.meetingaction": {
        "view": rule(ACTIVE, CARE_READERS),
        "manage": rule(CARE_READERS, CARE_READERS),
        "report": rule(ACTIVE, CARE_READERS),
    },
    # What the chair sent to external attendees: the runners only (attendees: meetings/tests).
    "meetings.documentdispatch": {"view": rule(ACTIVE, CARE_READERS), "manage": rule(CARE_READERS, CARE_READERS)},
    "enforcement.location": {"view": rule(ENFORCERS, ENFORCERS), "change": rule(ENFORCERS, ENFORCERS)},
    # The own row is zaakvertrouwelijk; the aandachtsfunctionaris sees only that it exists and
    # its phase, whatever its level (the low-clearance one too).
    "enforcement.enforcementcase": {
        "view": rule(ENFORCERS, ENFORCERS),
        "inspect": rule(INSPECTORS, INSPECTORS),
        "measure": rule(ENFORCERS, ENFORCERS),
        "see_phase": rule(ENFORCERS | TRIAGERS, ENFORCERS | TRIAGERS),
    },
    "enforcement.inspection": {"view": rule(ENFORCERS, ENFORCERS), "change": rule(INSPECTORS, INSPECTORS)},
    "enforcement.measure": {"view": rule(ENFORCERS, ENFORCERS), "change": rule(ENFORCERS, ENFORCERS)},
    # Photos follow their inspection; an inspection's draft is its owner's (the toezichthouder's).
    "enforcement.inspectionphoto": {"view": rule(ENFORCERS, ENFORCERS), "change": rule(INSPECTORS, INSPECTORS)},
    "enforcement.inspectiondraft": {"view": rule(INSPECTORS, INSPECTORS)},
    "enforcement.bibobtest": {"view": rule(ENFORCERS, ENFORCERS), "change": rule(ENFORCERS, ENFORCERS)},
    "enforcement.barrierlink": {"view": rule(ENFORCERS, ENFORCERS), "change": rule(ENFORCERS, ENFORCERS)},
    "enforcement.lettertemplate": {"view": rule(BEHEERDER, BEHEERDER), "change": rule(BEHEERDER, BEHEERDER)},
}


# --- rows: one factory per model, given a municipality and its people --------------------


def _signal(people, **overrides):
    return make_signal(people["signaleerder"], **overrides)


def _partner(people):
    from baken.partners.models import Partner

    return Partner.objects.create(organisation=people.organisation, name="Politie", partner_type="politie")


def _notification(people):
    from baken.core.models import Notification

    return Notification.objects.create(
        recipient=people["signaleerder"], organisation=people.organisation, message="Testbericht"
    )


def _access_request(people):
    from baken.accounts.models import AccessRequest

    return AccessRequest.objects.create(
        organisation=people.organisation,
        subject=people["signaleerder"],
        kind="grant",
        roles=["toezichthouder"],
        requested_by=people["beleidsmaker"],
    )


def _audit_event(people):
    from baken.core.services import audit_record

    return audit_record(actor=people["signaleerder"], action="login")


def _indicator(people):
    from baken.signalling.models import Indicator, IndicatorGroup

    return Indicator.objects.create(
        organisation=people.organisation,
        code=f"LOK-{people.organisation.cbs_code}-{uuid.uuid4().hex[:6]}",
        label="Eigen signaal",
        explanation="Toelichting",
        group=IndicatorGroup.objects.order_by("pk").first(),
    )


def _intake_draft(people):
    from baken.signalling.models import IntakeDraft

    return IntakeDraft.objects.create(
        organisation=people.organisation, owner=people["signaleerder"], data={"description": ["Half getypt"]}
    )


def _triage_note(people):
    from baken.coordination.models import TriageNote

    return TriageNote.objects.create(signal=_signal(people), author=people["aandachtsfunctionaris"], text="Notitie")


def _triage_reminder(people):
    from baken.coordination.models import TriageReminder

    return TriageReminder.objects.create(signal=_signal(people), sent_on=dt.date(2026, 11, 2))


def _escalation(people):
    from baken.coordination.models import Escalation

    return Escalation.objects.create(
        organisation=people.organisation,
        signal=_signal(people),
        partner=_partner(people),
        channel="telefoon",
        purpose="Doel",
        legal_ground="wettelijke_taak",
        shared_fields=["description"],
        shared_on=dt.date(2026, 11, 2),
        created_by=people["aandachtsfunctionaris"],
    )


def _signal_link(people):
    from baken.coordination.models import SignalLink

    first, second = sorted([_signal(people), _signal(people)], key=lambda s: s.pk)
    return SignalLink.objects.create(first=first, second=second, created_by=people["aandachtsfunctionaris"])


def _local_page(people):
    from baken.knowledge.models import LocalPage

    return LocalPage.objects.create(
        organisation=people.organisation,
        slug=f"eigen-{uuid.uuid4().hex[:6]}",
        title="Eigen pagina",
        section="aanpak",
        body="Tekst",
    )


def _barrier_status(people):
    from baken.knowledge.models import BarrierStatus

    return BarrierStatus.objects.create(
        organisation=people.organisation,
        model_code="arbeid",
        step_code="werving",
        barrier_key=f"eigen-{uuid.uuid4().hex[:6]}",
        label="Eigen barrière",
        state="in_place",
    )


def _retention_override(people):
    from baken.retention.models import RetentionOverride

    return RetentionOverride.objects.create(
        organisation=people.organisation, record_type="meeting", term=24, note="Convenant"
    )


def _legal_hold(people):
    from baken.retention.models import LegalHold

    return LegalHold.objects.create(
        organisation=people.organisation,
        record_type="signal_closed",
        object_id=_signal(people).pk,
        reason="Rechtszaak",
        placed_by=people["functioneel_beheerder"],
    )


def _deletion_log(people):
    from baken.testing.retention import make_deletion_log

    return make_deletion_log(people.organisation)


def _subject_request(people):
    from baken.retention.subject_services import subject_request_create

    return subject_request_create(
        actor=people["privacy_officer"], kind="inzage", received_on=dt.date(2026, 11, 30), reference="AVG-1"
    )


def _subject_note(people):
    from baken.retention.subject_services import subject_note_add

    return subject_note_add(
        actor=people["privacy_officer"], request=_subject_request(people), kind="beperking", text="Beperkt"
    )


def _subject_search(people):
    from baken.retention.subject_services import subject_search_run

    return subject_search_run(actor=people["privacy_officer"], request=_subject_request(people), bsn="111222333")


def _search_synonym(people):
    from baken.knowledge.models import SearchSynonym

    return SearchSynonym.objects.create(
        organisation=people.organisation, term=f"woord{uuid.uuid4().hex[:6]}", means="bedenktijd"
    )


def _revision(parent_factory, revision_model_name):
    def make(people):
        from django.apps import apps

        from baken.core.versioning import append_revision

        revision_model = apps.get_model("knowledge", revision_model_name)
        return append_revision(
            parent_factory(people), revision_model, actor=people["functioneel_beheerder"], action="aangemaakt"
        )

    return make


def _activity(people):
    from baken.testing.prevention import make_activity

    return make_activity(people["beleidsmaker"])


def _material(people):
    from baken.testing.prevention import make_material

    return make_material(people["beleidsmaker"])


def _training(people):
    from baken.testing.prevention import make_training

    return make_training(people["beleidsmaker"])


def _staff_count(people):
    from baken.prevention.services import staff_counts_set

    return staff_counts_set(actor=people["beleidsmaker"], counts={"balie": 20})[0]


def _policy_row(people, maker: str):
    from baken.testing import policy

    return getattr(policy, maker)(people["beleidsmaker"])


def _local_block(people):
    from baken.policy.services import local_block_create

    return local_block_create(
        actor=people["functioneel_beheerder"],
        code="2B1",
        values={"label": "Er zijn twee aandachtsfunctionarissen aangesteld."},
    )


def _annual_report(people):
    from baken.reporting.services import annual_report_request

    return annual_report_request(actor=people["beleidsmaker"], year=2025, narrative="")


def _care_case(people):
    from baken.care.models import CareCase

    coordinator = people["zorgcoordinator"]
    coordinator.clearance = Confidentiality.CONFIDENTIEEL  # the role's default clearance
    coordinator.save(update_fields=["clearance"])
    return CareCase.objects.create(
        organisation=people.organisation,
        reference=f"ZT-{uuid.uuid4().hex[:8]}",
        pseudonym="Linde 14",
        source="gemeente",
        signal=_signal(people),
        registered_on=dt.date(2026, 11, 2),
        created_by=coordinator,
    )


def _care_provider(people):
    from baken.care.models import CareProvider

    # Made directly (as _care_case is): a keeper made here would be a user outside the world.
    return CareProvider.objects.create(
        region=people.organisation.region,
        name=f"Opvang {uuid.uuid4().hex[:6]}",
        shelter_types=["cosm"],
        changed_by=people["zorgcoordinator"],
    )


def _enforcement_case(people):
    from baken.enforcement.models import EnforcementCase, Location

    location = Location.objects.create(
        organisation=people.organisation,
        street="Kadeweg",
        house_number=str(Location.objects.count() + 1),
        postcode="9901 AB",
        city="Voorbeeld",
        object_type="logies",
        created_by=people["toezichthouder"],
    )
    return EnforcementCase.objects.create(
        organisation=people.organisation,
        location=location,
        reference=f"HH-{uuid.uuid4().hex[:12]}",
        theme="mensenhandel",
        reason="eigen_onderzoek",
        opened_on=dt.date(2026, 11, 2),
        created_by=people["toezichthouder"],
    )


def _inspection(people):
    from baken.enforcement.models import Inspection

    case = _enforcement_case(people)
    return Inspection.objects.create(
        organisation=people.organisation,
        case=case,
        planned_for=dt.datetime(2026, 11, 3, 9, tzinfo=dt.UTC),
        created_by=people["toezichthouder"],
    )


def _inspection_photo(people):
    from baken.enforcement.models import InspectionPhoto

    return InspectionPhoto.objects.create(
        inspection=_inspection(people),
        file="inspections/x.png",
        original_name="foto.png",
        content_type="image/png",
        size=1,
        sha256="0" * 64,
        uploaded_by=people["toezichthouder"],
    )


def _inspection_draft(people):
    from baken.enforcement.models import InspectionDraft

    inspection = _inspection(people)
    return InspectionDraft.objects.create(
        organisation=people.organisation,
        owner=people["toezichthouder"],
        inspection=inspection,
        confidentiality=inspection.case.confidentiality,
        data={"notes": ["Half getypt"]},
    )


def _measure(people):
    from baken.enforcement.models import Measure

    case = _enforcement_case(people)
    return Measure.objects.create(
        organisation=people.organisation,
        case=case,
        intent_type="voornemen_lod",
        addressees="Verhuurder",
        sent_on=dt.date(2026, 11, 2),
        view_due_on=dt.date(2026, 11, 16),
        catalogue_version="test",
        created_by=people["toezichthouder"],
    )


def _barrier_link(people):
    from baken.enforcement.models import BarrierLink

    measure = _measure(people)
    return BarrierLink.objects.create(
        organisation=people.organisation,
        case=measure.case,
        measure=measure,
        model_code="arbeidsmigranten",
        step_code="werk",
        barrier_key="x",
        barrier_text="X",
        raised_on=dt.date(2026, 11, 2),
        created_by=people["toezichthouder"],
    )


def _letter_template(people):
    from baken.enforcement.models import LetterTemplate

    return LetterTemplate.objects.create(organisation=people.organisation, kind="voornemen", title="T", body="B")


def _bibob_test(people):
    from baken.enforcement.models import BibobTest

    case = _enforcement_case(people)
    return BibobTest.objects.create(
        organisation=people.organisation,
        case=case,
        subject="Exploitatievergunning",
        trigger="signaal",
        started_on=dt.date(2026, 11, 2),
        catalogue_version="test",
        created_by=people["toezichthouder"],
    )


def _meetings_row(kind: str):
    def make(people):
        from baken.testing import meetings

        coordinator = people["zorgcoordinator"]
        coordinator.clearance = Confidentiality.CONFIDENTIEEL  # the role's default clearance
        coordinator.save(update_fields=["clearance"])
        organisation = people.organisation
        if kind == "casereferral":
            return meetings.make_referral(coordinator, organisation)
        if kind == "meeting":
            return meetings.make_meeting(coordinator, organisation)
        if kind == "documentdispatch":
            from baken.meetings.services import dispatch_record

            meeting = meetings.make_meeting(coordinator, organisation)
            attendee = meetings.make_attendee(coordinator, meeting)
            return dispatch_record(actor=coordinator, meeting=meeting, attendee=attendee, document="verslag")
        if kind == "attendee":
            return meetings.make_attendee(coordinator, meetings.make_meeting(coordinator, organisation))
        item = meetings.make_item(coordinator, organisation)
        if kind == "agendaitem":
            return item
        if kind == "meetingaction":
            return meetings.make_action(coordinator, item)
        return meetings.make_sharing(coordinator, item, meetings.make_attendee(coordinator, item.meeting))

    return make


ROWS = {
    **{
        f"meetings.{kind}": _meetings_row(kind)
        for kind in (
            "casereferral",
            "meeting",
            "attendee",
            "agendaitem",
            "sharinglogentry",
            "meetingaction",
            "documentdispatch",
        )
    },
    "enforcement.barrierlink": lambda people: _barrier_link(people),
    "enforcement.lettertemplate": lambda people: _letter_template(people),
    "enforcement.bibobtest": _bibob_test,
    "enforcement.location": lambda people: _enforcement_case(people).location,
    "enforcement.enforcementcase": _enforcement_case,
    "enforcement.inspection": _inspection,
    "enforcement.inspectionphoto": _inspection_photo,
    "enforcement.inspectiondraft": _inspection_draft,
    "enforcement.measure": _measure,
    "core.organisation": lambda people: people.organisation,
    "core.auditevent": _audit_event,
    "core.notification": _notification,
    "accounts.user": lambda people: people["signaleerder"],
    "accounts.accessrequest": _access_request,
    "partners.partner": _partner,
    "signalling.signal": _signal,
    "signalling.signalattachment": lambda people: _signal(people, with_attachment=True).attachments.get(),
    "signalling.indicator": _indicator,
    "signalling.intakedraft": _intake_draft,
    "coordination.escalation": _escalation,
    "coordination.signallink": _signal_link,
    "knowledge.localpage": _local_page,
    "knowledge.barrierstatus": _barrier_status,
    "knowledge.localpagerevision": _revision(_local_page, "LocalPageRevision"),
    "knowledge.barrierstatusrevision": _revision(_barrier_status, "BarrierStatusRevision"),
    "knowledge.searchsynonym": _search_synonym,
    "prevention.preventionactivity": _activity,
    "prevention.training": _training,
    "prevention.staffcount": _staff_count,
    "prevention.preventionmaterial": _material,
    "prevention.preventionmaterialrevision": lambda people: _material(people).revisions.get(),
    "policy.kaderassessment": lambda people: _policy_row(people, "make_assessment"),
    "policy.actionplan": lambda people: _policy_row(people, "make_plan"),
    "policy.planaction": lambda people: _policy_row(people, "make_action"),
    "policy.plangoal": lambda people: _policy_row(people, "make_goal"),
    "policy.riskpicture": lambda people: _policy_row(people, "make_risk_picture"),
    "policy.riskformrow": lambda people: _policy_row(people, "make_risk_picture").rows.first(),
    "policy.localkaderblock": _local_block,
    "policy.localkaderblockrevision": lambda people: _local_block(people).revisions.get(),
    "reporting.annualreport": lambda people: _annual_report(people),
    "care.carecase": _care_case,
    "care.careprovider": _care_provider,
    "retention.retentionoverride": _retention_override,
    "retention.legalhold": _legal_hold,
    "retention.deletionlog": _deletion_log,
    "retention.subjectrequest": _subject_request,
    "retention.subjectrequestnote": _subject_note,
    "retention.subjectsearch": _subject_search,
}
#: Rows that belong to a region, not to one municipality: the neighbouring municipality (same
#: region) shares them by design; another region's stay out of reach.
REGION_ROWS = frozenset({"care.careprovider"})


class People(dict):
    """The people of one municipality, by actor name."""

    def __init__(self, organisation, **people):
        super().__init__(**people)
        self.organisation = organisation


def _people_of(organisation, *, full: bool) -> People:
    slug = organisation.slug
    high = Confidentiality.VERTROUWELIJK
    people = People(organisation)
    for code in ROLE_CODES:
        people[code] = UserFactory(username=f"{slug}-{code}", roles=[code], organisation=organisation, clearance=high)
    if full:
        people[LOW_CLEARANCE] = UserFactory(
            username=f"{slug}-laag",
            roles=["aandachtsfunctionaris"],
            organisation=organisation,
            clearance=Confidentiality.INTERN,
        )
        people[INACTIVE] = UserFactory(
            username=f"{slug}-inactief",
            roles=["aandachtsfunctionaris", "functioneel_beheerder", "privacy_officer"],
            organisation=organisation,
            clearance=Confidentiality.GEHEIM,
            is_active=False,
        )
    return people


@pytest.fixture
def world(region, voorbeeld, zuiderhaven):
    """Voorbeeld (whose actors are tested), Zuiderhaven in the same region and Overzee in
    another region, each with one account per role."""
    overzee = OrganisationFactory(name="Gemeente Overzee", slug="overzee", cbs_code="GM9903", region=RegionFactory())
    own = _people_of(voorbeeld, full=True)
    own[REGIONAL] = UserFactory(
        username="regio-zorgcoordinator",
        roles=["zorgcoordinator"],
        organisation=None,
        region=region,
        clearance=Confidentiality.GEHEIM,
    )
    own[ANONYMOUS] = AnonymousUser()
    own[INSTALLATION_REGIONAL] = UserFactory(
        username="installatie-regio", roles=["installatiebeheerder"], organisation=None, region=region
    )
    own[INSTALLATION_NATIONAL] = UserFactory(
        username="installatie-landelijk", roles=["installatiebeheerder"], organisation=None, region=None
    )
    return {"own": own, "neighbour": _people_of(zuiderhaven, full=False), "overseas": _people_of(overzee, full=False)}


def _label(model) -> str:
    return model._meta.label_lower


def _all_test_users(world):
    return [user for people in world.values() for user in people.values() if user.is_authenticated]


def test_every_registered_policy_has_a_matrix():
    labels = {_label(model) for model in registered_policies()}
    assert labels == set(MATRIX), "every registered policy needs a matrix entry (and nothing else)"
    assert labels == set(ROWS)
    for model, policy in registered_policies().items():
        assert set(policy.actions) == set(MATRIX[_label(model)]), _label(model)


def _policies():
    # Collected at test time; the labels are stable even if the classes are refactored.
    return sorted(MATRIX)


def _setting(label, world):
    from django.apps import apps

    policy = registered_policies()[apps.get_model(label)]
    rows = {place: ROWS[label](world[place]) for place in ("own", "neighbour", "overseas")}
    return policy, rows


@pytest.mark.parametrize("label", _policies())
def test_policy_matrix(label, world):
    policy, rows = _setting(label, world)
    own = world["own"]
    for action, (may, on_own_row) in MATRIX[label].items():
        for name in ACTORS:
            actor = own[name]
            where = f"{label} {action!r} as {name}"
            assert policy.user_may(actor, action) == (name in may), where
            assert policy.rows_for(actor, action).filter(pk=rows["own"].pk).exists() == (name in on_own_row), where
            assert policy.allows(actor, action, rows["own"]) == (name in on_own_row), where
            # Another region's row: never, for nobody here; only a national installatiebeheerder
            # sees every municipality itself (its name, code and region).
            if not (name == INSTALLATION_NATIONAL and label == "core.organisation"):
                assert not policy.visible(actor).filter(pk=rows["overseas"].pk).exists(), where
                assert not policy.rows_for(actor, action).filter(pk=rows["overseas"].pk).exists(), where
            # The neighbouring municipality's row: never for a municipal account.
            # An installatiebeheerder sees the municipalities themselves, none of their rows.
            if (
                name != REGIONAL
                and label not in REGION_ROWS
                and not (name in INSTALLERS and label == "core.organisation")
            ):
                assert not policy.visible(actor).filter(pk=rows["neighbour"].pk).exists(), where
                assert not policy.rows_for(actor, action).filter(pk=rows["neighbour"].pk).exists(), where


USERS_FOR_CASES = list(_policies())


@pytest.mark.parametrize("label", USERS_FOR_CASES)
def test_users_for_names_exactly_who_is_allowed(label, world):
    """Notifications, reminders and assignee lists name nobody who would get 404, and leave
    out nobody who may act."""
    policy, rows = _setting(label, world)
    test_users = _all_test_users(world)
    own = world["own"]
    for action, (_may, on_own_row) in MATRIX[label].items():
        for place, row in rows.items():
            expected = {user.pk for user in test_users if policy.allows(user, action, row)}
            named = set(policy.users_for(row, action).values_list("pk", flat=True))
            assert named == expected, f"users_for({label} of {place}, {action!r})"
        named_own = set(policy.users_for(rows["own"], action).values_list("pk", flat=True))
        assert {name for name in ACTORS if getattr(own[name], "pk", None) in named_own} == set(on_own_row), (
            f"users_for({label}, {action!r}) in the own municipality"
        )


def test_clearance_below_the_signal_keeps_an_aandachtsfunctionaris_out(world):
    from baken.signalling.models import Signal

    policy = registered_policies()[Signal]
    own = world["own"]
    signal = _signal(own)
    low = own[LOW_CLEARANCE]
    assert signal.confidentiality > low.clearance
    assert policy.user_may(low, "triage")
    assert not policy.rows_for(low, "triage").filter(pk=signal.pk).exists()
    assert low not in policy.users_for(signal, "triage")
    assert own["aandachtsfunctionaris"] in policy.users_for(signal, "triage")

    # Lowered to their clearance, the same signal is theirs again: the rule is the comparison.
    Signal.objects.filter(pk=signal.pk).update(confidentiality=Confidentiality.INTERN)
    signal.refresh_from_db()
    assert policy.rows_for(low, "triage").filter(pk=signal.pk).exists()
    assert low in policy.users_for(signal, "triage")
