"""The security matrix as data: who may open which route, how to build the row a route with an
id points to, a valid POST body per route, and a snapshot of every domain table.

tests/security/test_matrix.py turns these tables into a test per allowed (route, principal) and a
test per route for all principals it refuses. A route that appears in the resolver but in none of
these tables fails test_every_route_is_classified.

Model classes are imported inside the helper functions, so that moving a module (the partner
directory is moving to its own app) needs a one-line edit here and nothing else.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count, cycle

# --- principals -------------------------------------------------------------------------------

#: The seven roles of accounts/roles.py, each a user of the own municipality (Voorbeeld) at the
#: highest clearance, so that what they are refused is refused because of their role.
ROLE_PRINCIPALS = (
    "signaleerder",
    "aandachtsfunctionaris",
    "zorgcoordinator",
    "toezichthouder",
    "handhavingsjurist",
    "beleidsmaker",
    "functioneel_beheerder",
    "privacy_officer",
    # An account of the region, not of Voorbeeld (conftest): an installation role has no municipality.
    "installatiebeheerder",
)
#: A zorgcoordinator of the region: organisation None, region set (conftest's regional account).
REGIONAL = "regionaal"
#: A privacy officer of the region (organisation None, region set): the audit log of the region.
REGIONAL_PRIVACY = "privacy_regionaal"
#: The signaleerder who reported the own-municipality signals: the only one who sees them as a reporter.
REPORTER = "melder"
#: A national installatiebeheerder: neither organisation nor region (docs/adr/0011).
INSTALLATION_NATIONAL = "installatiebeheerder_landelijk"
PRINCIPALS = (*ROLE_PRINCIPALS, REGIONAL, REGIONAL_PRIVACY, REPORTER, INSTALLATION_NATIONAL)
#: Principals of a region (or the whole country): their "other municipality" lies outside the region.
REGIONAL_PRINCIPALS = (REGIONAL, REGIONAL_PRIVACY, "installatiebeheerder")
#: For the cross-tenant cases: one Voorbeeld user holding every role at the highest clearance.
EVERY_ROLE = "alle_rollen"

# --- routes that the matrix does not test -----------------------------------------------------

#: Reachable without login (PUBLIC_VIEWS) or before the second factor (SECOND_FACTOR_VIEWS):
#: test_login_gate.py pins both lists; they hold no organisation data.
NOT_IN_MATRIX = {
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "core:health",
    # Reachable without login from the monitoring network only (core/tests/test_metrics.py).
    "core:metrics",
    "set_language",
    "accounts:otp_verify",
    "accounts:otp_enrol",
    "accounts:backup_codes",
    "accounts:logout",
}

# --- the table: per principal, the routes it may open -----------------------------------------

#: Every signed-in account, regional ones included: the national knowledge base, the partner
#: directory (names and phone numbers of partner organisations, no case content), the own
#: notifications, and the logo of an organisation the account belongs to.
EVERYONE = {
    "home:index",
    "core:notifications",
    "core:session_keepalive",
    "accounts:own_settings",
    "core:organisation_logo",
    "partners:list",
    "knowledge:index",
    "knowledge:search",
    "knowledge:signals_index",
    "knowledge:signals",
    "knowledge:signals_pdf",
    "knowledge:barrier_index",
    "knowledge:barrier_model",
    "knowledge:barrier_pdf",
    # The meetings the account attends (empty for most): agenda items and own actions behind it.
    "meetings:attending",
}
#: Users of a municipality also read its own knowledge pages (the row is a Voorbeeld page);
#: a regional account reads the national base only (knowledge/policies.py).
MUNICIPAL_READER = EVERYONE | {"knowledge:page", "knowledge:page_pdf"}
#: signalling.report_signal plus an organisation.
REPORTING = {
    "signalling:intake",
    "signalling:intake_indicators",
    "signalling:intake_acute",
    "signalling:intake_address",
    "signalling:intake_draft",
    "signalling:intake_draft_delete",
    "signalling:mine",
}
#: The reporter's own view of a signal they sent.
OWN_SIGNAL = {"signalling:detail", "signalling:submitted", "signalling:attachment", "signalling:add_information"}
#: A notification is its recipient's only; the matrix's row is one for the reporter.
OWN_NOTIFICATION = {"core:notification_read"}
#: signalling.triage_signal (+ coordination.manage_escalation) in the own municipality, at or
#: above the signal's confidentiality. The triage user is sent from the reporter's view of a
#: signal to the triage page, and downloads attachments; the "sent" confirmation page is the
#: reporter's only.
TRIAGE = {
    "coordination:inbox",
    "coordination:signal",
    "coordination:note_add",
    "coordination:assign",
    "coordination:transition",
    "coordination:share_message",
    "coordination:link",
    "coordination:link_lookup",
    "coordination:merge",
    "coordination:bulk",
    "coordination:inbox_export",
    "coordination:escalation_new",
    "coordination:escalation",
    "coordination:escalation_pdf",
    "coordination:escalations",
    "coordination:signal_print",
    "signalling:detail",
    "signalling:attachment",
}
#: The functioneel beheerder: accounts, huisstijl, catalogue, partners, local knowledge. No case content.
MANAGEMENT = {
    "accounts:user_list",
    "accounts:user_create",
    "accounts:user_edit",
    "accounts:second_factor_reset",
    "accounts:user_resend_link",
    "accounts:inactive_users",
    "accounts:access_request_list",
    "accounts:access_request_detail",
    "accounts:access_request_decide",
    "core:huisstijl",
    "core:organisation_settings",
    "signalling:catalogue",
    "signalling:indicator_create",
    "signalling:indicator_edit",
    "partners:create",
    "partners:edit",
    "knowledge:page_new",
    "knowledge:page_edit",
    "knowledge:page_withdraw",
    "knowledge:page_history",
    "knowledge:page_restore",
    "knowledge:barrier_edit",
    "knowledge:barrier_history",
    "knowledge:barrier_restore",
    "knowledge:synonyms",
    "knowledge:synonym_remove",
    "enforcement:letter_templates",
    "enforcement:letter_template_edit",
    "enforcement:letter_template_restore",
    "policy:kader_catalogue",
    "policy:local_block_new",
    "policy:local_block",
    "policy:local_block_withdraw",
}
#: care.manage_carecase: the zorgcoördinator of the municipality, and the regional zorgcoördinator
#: of its region, at or above the case's confidentiality (at least confidentieel; the shelter
#: address needs geheim). The aandachtsfunctionaris sees only a care case's phase, on the signal page.
CARE = {
    "care:index",
    "care:case_new",
    "care:handover",
    "care:case",
    "care:transition",
    "care:reveal",
    "care:person",
    "care:shelter_address",
    "care:procedure_add",
    "care:procedure_done",
    "care:referral_add",
    "care:referral_update",
    "care:shelter_costs",
    "care:shelter_add",
    "care:shelter_end",
    "care:contact_add",
    "care:comensha",
    "care:comensha_export",
    "care:closure_decide",
    "care:goal_add",
    "care:goal_close",
    "care:plan_action_add",
    "care:plan_action_done",
    "care:summary",
    "care:providers",
    "care:track_add",
    "care:track_step",
    "care:methods",
}
#: meetings.run_meetings: Casusoverleg, run by the zorgcoördinator of the municipality and the
#: regional zorgcoördinator of its region (rows about a person at or below their clearance).
#: An attendee who is a Baken user reads a meeting's page and its items: src/baken/meetings/tests.
MEETINGS = {
    "meetings:index",
    "meetings:referrals",
    "meetings:referral_new",
    "meetings:referral",
    "meetings:referral_transition",
    "meetings:referral_triage",
    "meetings:referral_close",
    "meetings:referral_link",
    "meetings:subject_export",
    "meetings:meeting_new",
    "meetings:meeting",
    "meetings:agenda_pdf",
    "meetings:minutes_pdf",
    "meetings:dispatch_add",
    "meetings:attendee_add",
    "meetings:agenda_add",
    "meetings:item",
    "meetings:item_discussed",
    "meetings:item_analysis",
    "meetings:sharing_add",
    "meetings:action_add",
    "meetings:action_update",
}
#: What a region agreed for its care trajectories, and its directory of shelter and care
#: providers: kept by the regional zorgcoördinator only.
REGIONAL_CARE = {"care:region_settings", "care:provider_new", "care:provider_edit"}
#: enforcement.manage_inspection or enforcement.manage_measure in the own municipality: the
#: location register, enforcement cases at or below the clearance, and the administrative track.
ENFORCEMENT = {
    "enforcement:index",
    "enforcement:deadlines",
    "enforcement:planning",
    "enforcement:priorities",
    "enforcement:priorities_export",
    "enforcement:location_create",
    "enforcement:location",
    "enforcement:location_edit",
    "enforcement:party_add",
    "enforcement:licence_add",
    "enforcement:case_new",
    "enforcement:case",
    "enforcement:case_transition",
    "enforcement:inspection",
    "enforcement:measure_new",
    "enforcement:measure",
    "enforcement:bibob_new",
    "enforcement:bibob",
    "enforcement:appeal_add",
    "enforcement:appeal_decide",
    "enforcement:letter_pdf",
    "enforcement:inspection_barrier",
    "enforcement:measure_barrier",
    "enforcement:inspection_photo",
}
#: enforcement.manage_inspection: planning and recording inspections (not the jurist's).
INSPECTING = {
    "enforcement:inspection_new",
    "enforcement:inspection_record",
    "enforcement:finding_add",
    "enforcement:hand_over",
    "enforcement:inspection_draft",
    "enforcement:inspection_draft_delete",
    "enforcement:inspection_photo_add",
}
#: The privacy officer: the audit log of the own organisation (or, on a regional account, of the
#: own region). No case content.
AUDIT = {"core:audit_log", "core:audit_log_csv", "core:audit_log_pdf"}
#: A municipality's privacy officer also handles requests of data subjects (retention): records
#: the request, searches for the person (metadata only), exports the inzage, notes rectification.
DATA_SUBJECT = {
    "retention:subject_requests",
    "retention:subject_request",
    "retention:subject_search",
    "retention:subject_note",
    "retention:subject_result",
    "retention:subject_export",
}
#: A municipality's privacy officer also reads the access requests (four eyes), never decides them,
#: and marks each as reviewed.
ACCESS_REVIEW = {"accounts:access_request_list", "accounts:access_request_detail", "accounts:access_request_review"}
#: Figures of the own municipality: in full over the signals one may triage (aandachtsfunctionaris),
#: suppressed below 11 for reporting.view_statistics (beleidsmaker). "Cijfers" redirects to them.
#: Both also see the care and enforcement figures, suppressed (reporting/access.py).
FIGURES = {"reporting:index", "reporting:signals", "reporting:care", "reporting:enforcement"}
#: The zorgcoördinator's figures: in full over the trajectories they may see (municipal or
#: regional), and their anonymised CTDC export; "Cijfers" redirects to them.
CARE_FIGURES = {"reporting:index", "reporting:care", "reporting:care_ctdc"}
#: The beleidsmaker's overview (reporting.view_statistics in a municipality): headline figures,
#: prevention reach and training coverage.
POLICY_FIGURES = {"reporting:policy"}
#: The annual report (jaarrapportage) of the own municipality: the same role asks for a version
#: and downloads it (reporting/policies.py); a regional beleidsmaker has none.
ANNUAL_REPORT = {"reporting:annual_reports", "reporting:annual_report_pdf"}
#: The toezichthouder's and handhavingsjurist's figures: in full over the inspections and measures
#: they may see; "Cijfers" redirects to them.
ENFORCEMENT_FIGURES = {"reporting:index", "reporting:enforcement"}

#: The installatiebeheerder: municipalities and their first beheerder; the access requests of a
#: municipality with one functioneel beheerder (the row is such a request). No case content, no audit log.
INSTALLATION = {
    "accounts:municipality_list",
    "accounts:municipality_create",
    "accounts:access_request_list",
    "accounts:access_request_detail",
    "accounts:access_request_decide",
}

#: prevention.manage_prevention in the own municipality (the beleidsmaker): activities and the
#: calendar; no personal data.
PREVENTION = {
    "prevention:index",
    "prevention:activity_new",
    "prevention:calendar",
    "prevention:activity",
    "prevention:activity_edit",
    "prevention:activity_transition",
    "prevention:capacity",
    "prevention:training_new",
    "prevention:staff_counts",
    "prevention:material_list",
    "prevention:material_new",
    "prevention:material",
    "prevention:material_edit",
}

#: policy.manage_policy in the own municipality (the beleidsmaker): the Kader self-assessment,
#: its versions, the action plan and its PDF. A regional beleidsmaker reads the region's rows
#: (src/baken/policy/tests); the matrix's regional principals hold no policy permission.
POLICY = {
    "policy:index",
    # The Kader's blocks with the municipality's own texts, read-only (the beheerder keeps them).
    "policy:kader_catalogue",
    "policy:assessment_new",
    "policy:assessment",
    "policy:assessment_adopt",
    "policy:assessment_compare",
    "policy:item",
    "policy:item_action",
    "policy:plan_new",
    "policy:plan",
    "policy:plan_edit",
    "policy:plan_pdf",
    "policy:action_new",
    "policy:action",
    "policy:action_progress",
    "policy:goal_new",
    "policy:goal",
    "policy:risk_index",
    "policy:risk",
    "policy:risk_intelligence",
    "reporting:risk_picture_pdf",
    "policy:risk_row",
}

ALLOWED: dict[str, set[str]] = {
    "signaleerder": MUNICIPAL_READER | REPORTING,
    "aandachtsfunctionaris": MUNICIPAL_READER | REPORTING | TRIAGE | FIGURES,
    "zorgcoordinator": MUNICIPAL_READER | REPORTING | CARE | CARE_FIGURES | MEETINGS,
    "toezichthouder": MUNICIPAL_READER | REPORTING | ENFORCEMENT | INSPECTING | ENFORCEMENT_FIGURES,
    "handhavingsjurist": MUNICIPAL_READER | REPORTING | ENFORCEMENT | ENFORCEMENT_FIGURES,
    "beleidsmaker": MUNICIPAL_READER | REPORTING | PREVENTION | POLICY | FIGURES | POLICY_FIGURES | ANNUAL_REPORT,
    "functioneel_beheerder": MUNICIPAL_READER | MANAGEMENT,
    "privacy_officer": MUNICIPAL_READER | AUDIT | ACCESS_REVIEW | DATA_SUBJECT,
    # Reports nothing (no organisation to report in) and sees no municipality's own rows.
    REGIONAL: EVERYONE | CARE | REGIONAL_CARE | CARE_FIGURES | MEETINGS,
    REGIONAL_PRIVACY: EVERYONE | AUDIT,
    REPORTER: MUNICIPAL_READER | REPORTING | OWN_SIGNAL | OWN_NOTIFICATION,
    "installatiebeheerder": EVERYONE | INSTALLATION,
    INSTALLATION_NATIONAL: EVERYONE | INSTALLATION,
}
#: Routes that no principal may open. Empty today; a route that should stay shut for every
#: role (a feature switched off, say) goes here rather than being left unclassified.
#: reporting:region is a regional beleidsmaker's (reporting.view_statistics on an account of a
#: region), which none of the principals is: src/baken/reporting/tests/test_region.py covers it.
NOBODY: set[str] = {"reporting:region"}

#: An allowed GET that answers with the view's own redirect instead of a page: (route, principal) -> target.
REDIRECTS = {
    ("signalling:detail", "aandachtsfunctionaris"): "coordination:signal",
    ("reporting:index", "aandachtsfunctionaris"): "reporting:signals",
    ("reporting:index", "beleidsmaker"): "reporting:signals",
    ("reporting:index", "zorgcoordinator"): "reporting:care",
    ("reporting:index", REGIONAL): "reporting:care",
    ("reporting:index", "toezichthouder"): "reporting:enforcement",
    ("reporting:index", "handhavingsjurist"): "reporting:enforcement",
}

#: Cases where the current behaviour is judged wrong: (route, principal) -> reason. The test
#: is written to the right expectation and marked xfail(strict=True), so fixing the view
#: turns it into an XPASS failure that asks for this entry to be removed.
KNOWN_WRONG: dict[tuple[str, str], str] = {}

# --- methods and valid POST bodies --------------------------------------------------------------

#: Views that take POST only (require_POST): GET answers 405 before anything is looked up.
POST_ONLY = {
    "accounts:second_factor_reset",
    "accounts:user_resend_link",
    "accounts:access_request_decide",
    "accounts:access_request_review",
    "coordination:note_add",
    "coordination:assign",
    "coordination:transition",
    "coordination:share_message",
    "coordination:link",
    "coordination:merge",
    "signalling:intake_draft",
    "signalling:intake_draft_delete",
    "core:session_keepalive",
    "core:notification_read",
    "signalling:add_information",
    "prevention:activity_transition",
    "policy:assessment_adopt",
    "policy:item_action",
    "policy:action_progress",
    "care:transition",
    "care:reveal",
    "care:shelter_address",
    "care:procedure_add",
    "care:procedure_done",
    "care:referral_add",
    "care:referral_update",
    "care:shelter_add",
    "care:shelter_end",
    "care:contact_add",
    "care:comensha",
    "care:closure_decide",
    "care:goal_add",
    "care:goal_close",
    "care:plan_action_add",
    "care:plan_action_done",
    "care:track_add",
    "care:track_step",
    "care:methods",
    "enforcement:party_add",
    "enforcement:licence_add",
    "enforcement:case_transition",
    "enforcement:inspection_record",
    "enforcement:finding_add",
    "enforcement:hand_over",
    "enforcement:appeal_add",
    "enforcement:appeal_decide",
    "enforcement:inspection_barrier",
    "enforcement:measure_barrier",
    "enforcement:letter_template_restore",
    "enforcement:inspection_draft",
    "enforcement:inspection_draft_delete",
    "enforcement:inspection_photo_add",
    "coordination:bulk",
    "meetings:referral_transition",
    "meetings:referral_triage",
    "meetings:referral_close",
    "meetings:referral_link",
    "meetings:attendee_add",
    "meetings:dispatch_add",
    "meetings:agenda_add",
    "meetings:item_discussed",
    "meetings:item_analysis",
    "meetings:sharing_add",
    "meetings:action_add",
    "meetings:action_update",
    "retention:subject_search",
    "retention:subject_note",
    "policy:local_block_withdraw",
}


@dataclass
class Row:
    """What a route with ids points to: the URL kwargs, plus values a valid POST body needs."""

    kwargs: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)


def _intake_body(row: Row) -> dict:
    from baken.signalling.models import Indicator

    # A plain (not critical) indicator, no minor, no acute danger: one submit saves the signal.
    indicator = Indicator.objects.filter(organisation__isnull=True, critical=False, active=True).order_by("code")[0]
    return {
        "submission_key": "5b0c1a6e-8d1e-4f3b-9a43-000000000001",
        "exploitation_forms": ["arbeid"],
        "minor_involved": "onbekend",
        "indicators": [str(indicator.pk)],
        "postcode": "9901 AB",
        "house_number": "14",
        "observed_on": "2026-11-20",
        "channel": "controle",
        "description": "Matrassen in de loods.",
    }


def _indicator_body(row: Row) -> dict:
    from baken.signalling.models import ExploitationForm, IndicatorGroup

    return {
        "label": "Bewoners van een vakantiepark werken bij één teler",
        "explanation": "Lokaal patroon.",
        "group": IndicatorGroup.objects.get(code="arbeid-wonen").pk,
        "forms": [ExploitationForm.objects.get(code="arbeid").pk],
        "active": "on",
    }


def _user_body(row: Row) -> dict:
    return {
        "username": "matrix.nieuw",
        "email": "overgenomen@matrix.invalid",
        "first_name": "Over",
        "last_name": "Genomen",
        "roles": ["aandachtsfunctionaris"],
        "clearance": 8,
        "is_active": "on",
    }


PARTNER_BODY = {
    "name": "Politie basisteam",
    "partner_type": "politie",
    "phone": "0900-8844",
    "order": 4,
    "active": "on",
    "acute_route": "on",
    "acute_instruction": "Bij direct gevaar",
}


def _barrier_edit_body(row: Row) -> dict:
    from baken.knowledge.content import barrier_models

    barriers = barrier_models()[BARRIER_MODEL].step(BARRIER_STEP).barriers
    data = {"note": ""}
    for index, _barrier in enumerate(barriers):
        state = "aanwezig" if index == 0 else "onbekend"
        data |= {f"b{index}-state": state, f"b{index}-owner": "", f"b{index}-note": "", f"b{index}-base_revision": 0}
    return data | {
        "nieuw-label": "",
        "nieuw-state": "onbekend",
        "nieuw-owner": "",
        "nieuw-note": "",
        "nieuw-base_revision": 0,
    }


#: route -> POST body that the view accepts from a principal who may use it (test_matrix checks
#: that: the allowed principal's POST must answer with the view's success redirect). A POST that
#: wrongly succeeds for a denied principal therefore changes data, and the snapshot sees it.
#: A route that is not here must answer POST with 405.
BODIES: dict[str, Callable[[Row], dict]] = {
    "retention:subject_requests": lambda row: {"kind": "inzage", "received_on": _today(), "reference": "AVG-1"},
    "retention:subject_search": lambda row: {"bsn": "111222333"},
    "retention:subject_note": lambda row: {"kind": "beperking", "text": "Gebruik beperkt tot de zorg"},
    "core:huisstijl": lambda row: {
        "primary_colour": "#00416a",
        "primary_text_colour": "#ffffff",
        "link_colour": "#00416a",
    },
    "core:notifications": lambda row: {},
    "core:notification_read": lambda row: {},
    "accounts:own_settings": lambda row: {"phone": "010 555 0101", "email_on_report_updates": "on"},
    "signalling:add_information": lambda row: {"text": "Later zag ik er nog een busje."},
    "core:organisation_settings": lambda row: {"triage_working_days": "4", "reply_email": "melders@matrix.invalid"},
    "accounts:user_create": _user_body,
    "accounts:user_edit": _user_body,
    "accounts:second_factor_reset": lambda row: {},
    "accounts:user_resend_link": lambda row: {},
    "accounts:inactive_users": lambda row: {"accounts": [row.data["account"]]},
    "accounts:access_request_decide": lambda row: {"decision": "approve", "reason": "Nodig voor het werk"},
    "accounts:access_request_review": lambda row: {},
    "accounts:municipality_create": lambda row: {
        "name": "Gemeente Matrixstad",
        "cbs_code": "GM9960",
        "region": row.data["region"],
        "username": "beheer.matrixstad",
        "email": "beheer@matrixstad.invalid",
    },
    "signalling:intake": _intake_body,
    # Autosave of the intake: the own draft is made (or replaced) from the form as it is.
    "signalling:intake_draft": lambda row: {"description": "Half getypt", "postcode": "9901"},
    "signalling:intake_draft_delete": lambda row: {},
    "enforcement:inspection_draft_delete": lambda row: {},
    "core:session_keepalive": lambda row: {"next": "/"},
    "signalling:indicator_create": _indicator_body,
    "signalling:indicator_edit": _indicator_body,
    "coordination:note_add": lambda row: {"text": "Gebeld met de wijkagent"},
    "coordination:assign": lambda row: {"assignee": row.data["assignee"]},
    "coordination:transition": lambda row: {"target": "in_behandeling", "reason": "Opgepakt"},
    "coordination:share_message": lambda row: {"message": "Opgepakt, dank!"},
    "coordination:link": lambda row: {"link-reference": row.data["other_reference"], "link-reason": "Zelfde adres"},
    "coordination:merge": lambda row: {"merge-reference": row.data["other_reference"], "merge-reason": "Dubbel"},
    "coordination:bulk": lambda row: {
        "action": "toewijzen",
        "signals": [row.data["signal"]],
        "assignee": row.data["assignee"],
    },
    "coordination:escalation_new": lambda row: {
        "partner": row.data["partner"],
        "channel": "telefoon",
        "purpose": "Strafrechtelijk onderzoek",
        "legal_ground": "wettelijke_taak",
        "shared_fields": ["reference", "description"],
        "shared_on": "2026-11-02",
        "status": "verzonden",
    },
    "coordination:escalation": lambda row: {"status": "teruggekoppeld", "feedback": "In onderzoek genomen"},
    "partners:create": lambda row: PARTNER_BODY,
    "partners:edit": lambda row: PARTNER_BODY,
    "knowledge:page_new": lambda row: {
        "title": "Telefoonlijst",
        "summary": "Wie u belt.",
        "section": "lokaal",
        "body": "Bel 0599-000000.",
        "base_revision": 0,
        "action": "opslaan",
    },
    "knowledge:page_edit": lambda row: {
        "title": "Havenprotocol",
        "summary": "Gewijzigd",
        "section": "lokaal",
        "body": "Nieuwe tekst",
        "base_revision": row.data["revision"],
        "action": "opslaan",
    },
    "knowledge:page_withdraw": lambda row: {"base_revision": row.data["revision"]},
    "knowledge:page_restore": lambda row: {"base_revision": row.data["revision"]},
    "knowledge:barrier_edit": _barrier_edit_body,
    "knowledge:synonyms": lambda row: {"term": "havenwacht", "means": "bedenktijd"},
    "knowledge:synonym_remove": lambda row: {},
    "knowledge:barrier_restore": lambda row: {"base_revision": row.data["revision"]},
    "care:case_new": lambda row: {
        "organisation": row.data["organisation"],
        "source": "politie",
        "registered_on": "2026-11-20",
        "pseudonym": "Berk 12",
    },
    "care:handover": lambda row: {"decision": "aannemen", "pseudonym": "Eik 20"},
    "care:transition": lambda row: {"target": "in_traject"},
    "meetings:referral_new": lambda row: {
        "organisation": row.data["organisation"],
        "pseudonym": "Wilg 31",
        "referrer_name": "Wijkagent",
        "referrer_organisation": "Politie",
        "reason": "Werkt en slaapt in de salon",
        "goal": "Plan voor opvang",
        "criteria": ["mensenhandel_tafel"],
        "person_informed": "on",
        "urgency": "normaal",
    },
    "meetings:referral_transition": lambda row: {"target": "in_triage"},
    "meetings:referral_triage": lambda row: {"decision": "afgewezen", "rationale": "Geen casus voor de tafel"},
    "meetings:referral_close": lambda row: {
        "target": "afgesloten",
        "outcome": "doel_bereikt",
        "reason": "Advies gegeven",
    },
    "meetings:dispatch_add": lambda row: {"attendee": row.data["attendee"], "document": "verslag"},
    "meetings:referral_link": lambda row: {"kind": "care_case", "reference": row.data["reference"]},
    "meetings:subject_export": lambda row: {"full_name": "Anna de Vries", "request_reference": "AVG-2026-7"},
    "meetings:meeting_new": lambda row: {
        "organisation": row.data["organisation"],
        "meeting_type": "zorgtafel",
        "starts_at": "2031-01-07T10:00",
        "chair": row.data["chair"],
    },
    "meetings:attendee_add": lambda row: {
        "name": "Agent Bakker",
        "organisation_name": "Politie",
        "capacity": "Wijkagent",
        "legal_basis": "wgs",
    },
    "meetings:agenda_add": lambda row: {"referral": row.data["referral"], "person_invited": "on"},
    "meetings:item_discussed": lambda row: {"summary": "Plan afgesproken", "person_attended": "on"},
    "meetings:item_analysis": lambda row: {
        "problem_domains": ["wonen"],
        "hypothesis": "mogelijk",
        "safety_level": "geen_zorgen",
    },
    "meetings:sharing_add": lambda row: {
        "attendee": row.data["attendee"],
        "categories": ["wonen"],
        "legal_basis": "wgs",
    },
    "meetings:action_add": lambda row: {
        "description": "Opvang regelen",
        "owner_organisation": "Gemeente",
        "owner_person": "Zorgcoördinator",
        "due_on": _today(7),
    },
    "meetings:action_update": lambda row: {
        f"a{row.data['action']}-status": "gereed",
        f"a{row.data['action']}-result": "Plek gevonden",
    },
    "care:closure_decide": lambda row: {"decision": "goedkeuren"},
    "care:goal_add": lambda row: {"doel-domain": "huisvesting", "doel-description": "Een eigen kamer"},
    "care:goal_close": lambda row: {
        f"g{row.data['goal']}-status": "bereikt",
        f"g{row.data['goal']}-closed_on": _today(),
    },
    "care:plan_action_add": lambda row: {
        f"a{row.data['goal']}-description": "Inschrijven bij de corporatie",
        f"a{row.data['goal']}-owner": "de persoon",
        f"a{row.data['goal']}-due_on": _today(days=14),
    },
    "care:plan_action_done": lambda row: {f"d{row.data['action']}-done_on": _today()},
    "care:person": lambda row: {"full_name": "Maria Ionescu", "residence_status": "eu", "accompanying_children": "0"},
    "care:region_settings": lambda row: {},
    "care:provider_new": lambda row: {"name": "Opvang De Haven", "shelter_types": ["cosm"], "phone_24h": "0800 1234"},
    "care:provider_edit": lambda row: {"name": "Opvang Het Anker", "shelter_types": ["cosm"], "places": "6"},
    "care:reveal": lambda row: {"naam-reason": "Aanvraag Rvb invullen"},
    "care:shelter_address": lambda row: {"address": "Opvanglaan 1, 9901 AA Voorbeeld"},
    "care:procedure_add": lambda row: {"kind": "plan_evaluatie", "started_on": "2026-11-20"},
    "care:contact_add": lambda row: {"contact_on": "2026-11-20", "kind": "gesprek", "next_contact_by": "2026-12-20"},
    "care:procedure_done": lambda row: {f"p{row.data['procedure']}-done_on": "2026-11-25"},
    "care:referral_add": lambda row: {
        "verwijzing-service_type": "medisch",
        "verwijzing-partner": row.data["partner"],
        "verwijzing-requested_on": "2026-11-20",
        "verwijzing-shared": "Naam en hulpvraag",
        "verwijzing-legal_basis": "publieke_taak",
    },
    "care:referral_update": lambda row: {
        f"v{row.data['referral']}-implemented_on": "2026-11-25",
        f"v{row.data['referral']}-outcome": "Intake gepland",
    },
    "care:shelter_add": lambda row: {
        "opvang-shelter_type": "cosm",
        "opvang-provider": row.data["partner"],
        "opvang-started_on": "2026-11-20",
        "opvang-cost_per_day": "95.00",
    },
    "care:shelter_end": lambda row: {
        f"o{row.data['placement']}-ended_on": "2026-11-25",
        f"o{row.data['placement']}-reason": "Eigen woning",
    },
    "care:track_add": lambda row: {"spoor-start": "bedenktijd:aangeboden", "spoor-on": "2026-11-20"},
    "care:track_step": lambda row: {f"s{row.data['track']}-target": "lopend", f"s{row.data['track']}-on": "2026-11-22"},
    "care:methods": lambda row: {"methoden-control_methods": ["schuld"], "methoden-recruitment_methods": ["online"]},
    "care:comensha": lambda row: {
        "comensha-reported_on": "2026-11-25",
        "comensha-legal_basis": "publieke_taak",
        "comensha-dossier_type": "registratie",
        "comensha-exploitation_form": "arbeid",
        "comensha-sector": "landbouw",
    },
}


def _action_body() -> dict:
    return {"title": "Signalenkaart voor de balie", "kader_theme": "signalering", "owner": "Team Publiekszaken"}


def _activity_body(row: Row) -> dict:
    return {
        "title": "Ouderavond loverboys",
        "activity_type": "ouderavond",
        "target_groups": ["ouders"],
        "languages": ["nl", "pl"],
        "starts_on": "2026-11-12",
        "location_kind": "wijk",
        "location_name": "Havenkwartier",
        "kader_theme": "bewustwording",
    }


def _material_body(row: Row) -> dict:
    return {
        "title": "Folder voor ouders",
        "audiences": ["ouders"],
        "languages": ["nl", "tr"],
        "form": "folder",
        "evidence_level": "niet_beoordeeld",
        "url": "https://materialen.example.nl/folder-ouders",
        "base_revision": str(row.data.get("revision", 0)),
    }


def _goal_body(row: Row) -> dict:
    return {"title": "Arbeidsmigranten kennen hun rechten", "local_pillar": "Arbeidsmigranten in de haven"}


BODIES |= {
    "prevention:material_new": _material_body,
    "prevention:material_edit": _material_body,
    "policy:goal_new": _goal_body,
    "policy:goal": _goal_body,
    "prevention:activity_new": _activity_body,
    "prevention:activity_edit": _activity_body,
    "prevention:activity_transition": lambda row: {"target": "bevestigd"},
    "prevention:training_new": lambda row: {
        "department": "toezicht",
        "level": "signaleren",
        "trained_on": "2026-09-01",
        "participants": "8",
    },
    "prevention:staff_counts": lambda row: {"toezicht": "20", "balie": "14"},
    "policy:assessment_new": lambda row: {"year": "2031"},
    "policy:assessment_adopt": lambda row: {"adopted_by": "College van B en W", "adopted_on": "2026-11-02"},
    "policy:item": lambda row: {"status": "niet", "owner": "Team OOV"},
    "policy:item_action": lambda row: {},
    "policy:plan_new": lambda row: {"title": "Uitvoeringsplan 2027", "first_year": "2027", "last_year": "2028"},
    "policy:local_block_new": lambda row: {
        "label": "Er is een lokaal meldpunt voor arbeidsmigranten.",
        "theme": "signalering",
        "plateau": "verdieping",
        "base_revision": "0",
    },
    "policy:local_block": lambda row: {
        "label": "Een eigen tekst, versie twee.",
        "theme": "beleid",
        "plateau": "basis",
        "base_revision": row.data["revision"],
    },
    "policy:local_block_withdraw": lambda row: {"base_revision": row.data["revision"]},
    "policy:plan_edit": lambda row: {
        "title": "Uitvoeringsplan 2026-2028",
        "first_year": "2026",
        "last_year": "2028",
        "adopted_by": "College van B en W",
        "adopted_on": "2026-02-03",
    },
    "policy:action_new": lambda row: _action_body(),
    "policy:action": lambda row: _action_body() | {"status": "lopend"},
    "policy:risk_index": lambda row: {"year": "2031"},
    "policy:action_progress": lambda row: {"year": "2026", "quarter": "4", "note": "Twee trainingen gegeven."},
    "policy:risk_intelligence": lambda row: {"partner_intelligence": "Politie ziet arbeidsmigranten in de haven."},
    "reporting:annual_reports": lambda row: {"year": "2025", "narrative": "Meer meldingen uit de haven."},
    "policy:risk_row": lambda row: {
        "sectors": "Haven en distributiecentra",
        "level": "midden",
        "rationale": "RIEC-beeld",
    },
    "enforcement:location_create": lambda row: LOCATION_BODY,
    "enforcement:location_edit": lambda row: LOCATION_BODY,
    "enforcement:party_add": lambda row: {"betrokkene-role": "verhuurder", "betrokkene-name": "Flexwonen Noord B.V."},
    "enforcement:licence_add": lambda row: {"vergunning-kind": "snf_keurmerk", "vergunning-number": "SNF-123"},
    "enforcement:case_new": lambda row: {"theme": "huisvesting_arbeidsmigranten", "reason": "eigen_onderzoek"},
    "enforcement:case_transition": lambda row: {"target": "afgesloten", "closure": "geen_overtreding"},
    "enforcement:inspection_new": lambda row: {"planned_for": "2027-01-12T09:30", "team": "T. Visser (gemeente)"},
    "enforcement:inspection_record": lambda row: {
        "performed_at": "2026-11-02T10:15",
        "situation": "toegang_verleend",
        "observed_residents": "9",
        "outcome": "overtreding",
    },
    "enforcement:finding_add": lambda row: {"bevinding-description": "Twaalf bedden in drie kamers"},
    "enforcement:inspection_draft": lambda row: {"notes": "Zes matrassen in de schuur", "observed_residents": "9"},
    "enforcement:inspection_photo_add": lambda row: {"foto-photo": _png_upload()},
    "enforcement:hand_over": lambda row: {
        "doorzetten-description": "Bewoners zonder eigen paspoort",
        "doorzetten-submission_key": "7f0c2c1e-5b1a-4c59-9d0e-2f4a1b3c4d5e",
    },
    "enforcement:measure_new": lambda row: {
        "intent_type": "voornemen_lod",
        "addressees": "Verhuurder",
        "sent_on": "2026-11-03",
    },
    "enforcement:measure": lambda row: {"target": "zienswijze", "view_summary": "Verhuurder belooft verbetering"},
    "enforcement:bibob_new": lambda row: {
        "subject": "Exploitatievergunning",
        "trigger": "signaal",
        "started_on": "2026-11-03",
    },
    "enforcement:letter_template_edit": lambda row: {
        "title": "Voornemen",
        "body": "Aan: {{ geadresseerden }}",
        "base_revision": "0",
    },
    "enforcement:inspection_barrier": lambda row: {"barriere-barrier": _first_barrier()},
    "enforcement:letter_template_restore": lambda row: {"base_revision": row.data["base_revision"]},
    "enforcement:measure_barrier": lambda row: {"barriere-barrier": _first_barrier()},
    "enforcement:appeal_add": lambda row: {
        "rechtsmiddel-kind": "bezwaar",
        "rechtsmiddel-lodged_on": "2026-11-20",
        "rechtsmiddel-lodged_by": "Verhuurder",
    },
    "enforcement:appeal_decide": lambda row: {
        f"uitspraak-{row.kwargs['appeal_pk']}-outcome": "ongegrond",
        f"uitspraak-{row.kwargs['appeal_pk']}-decided_on": "2026-11-25",
    },
    "enforcement:bibob": lambda row: {"questionnaire_sent_on": "2026-11-03", "own_findings": "KvK-gegevens bekeken"},
}


def _first_barrier() -> str:
    """A barrier of the national barrier model, as Handhaven's form names it."""
    from baken.knowledge.selectors import national_barrier_models

    step = national_barrier_models()[BARRIER_MODEL].step(BARRIER_STEP)
    return f"{BARRIER_MODEL}/{BARRIER_STEP}/{step.barriers[0][0]}"


LOCATION_BODY = {
    "street": "Havenweg",
    "house_number": "21",
    "postcode": "9901 AC",
    "city": "Voorbeeld",
    "object_type": "logies",
    "kvk_number": "12345678",
}

# --- rows for routes with ids -------------------------------------------------------------------


class World:
    """Builds rows in a given organisation, with the colleagues those rows need (a reporter,
    a triage user, a beheerder), made once per organisation and test."""

    def __init__(self, make_user, reporter=None):
        self.make_user = make_user
        self._people: dict[tuple[str, int], object] = {}
        if reporter is not None:
            self._people["reporter", reporter.organisation_id] = reporter

    def _person(self, kind: str, role: str, organisation, **kwargs):
        from baken.core.confidentiality import Confidentiality

        key = (kind, organisation.pk)
        if key not in self._people:
            self._people[key] = self.make_user(role, organisation, clearance=Confidentiality.ZEER_GEHEIM, **kwargs)
        return self._people[key]

    def reporter(self, organisation):
        return self._person("reporter", "signaleerder", organisation)

    def triager(self, organisation):
        return self._person("triager", "aandachtsfunctionaris", organisation)

    def beheerder(self, organisation):
        return self._person("beheerder", "functioneel_beheerder", organisation)

    def policy_maker(self, organisation):
        return self._person("beleidsmaker", "beleidsmaker", organisation)

    def inspector(self, organisation):
        return self._person("inspector", "toezichthouder", organisation)


def _signal(world: World, organisation, **overrides):
    from baken.testing.signals import make_signal

    return make_signal(world.reporter(organisation), with_attachment=True, **overrides)


def _partner(world: World, organisation, *, shared_in_region: bool = False):
    from baken.partners.services import partner_save

    values = {
        "name": "Politie basisteam",
        "partner_type": "politie",
        "phone": "0900-8844",
        "active": True,
        "shared_in_region": shared_in_region,
    }
    return partner_save(actor=world.beheerder(organisation), partner=None, values=values)


def signal_row(world: World, organisation) -> Row:
    return Row({"pk": _signal(world, organisation).pk})


def attachment_row(world: World, organisation) -> Row:
    signal = _signal(world, organisation)
    return Row({"pk": signal.pk, "attachment_pk": signal.attachments.get().pk})


def assign_row(world: World, organisation) -> Row:
    return Row({"pk": _signal(world, organisation).pk}, {"assignee": world.triager(organisation).pk})


def linkable_row(world: World, organisation) -> Row:
    other = _signal(world, organisation, description="Tweede signaal")
    return Row({"pk": _signal(world, organisation).pk}, {"other_reference": other.reference})


def bulk_row(world: World, organisation) -> Row:
    """A signal selected in the inbox (in the POST body), and a colleague to assign it to."""
    return Row({}, {"signal": _signal(world, organisation).pk, "assignee": world.triager(organisation).pk})


def escalation_new_row(world: World, organisation) -> Row:
    return Row({"pk": _signal(world, organisation).pk}, {"partner": _partner(world, organisation).pk})


def escalation_row(world: World, organisation) -> Row:
    from baken.coordination.services import escalation_create

    signal = _signal(world, organisation)
    escalation = escalation_create(
        actor=world.triager(organisation),
        signal=signal,
        partner=_partner(world, organisation),
        channel="telefoon",
        purpose="Onderzoek",
        legal_ground="wettelijke_taak",
        shared_fields=["reference"],
        shared_on=dt.date(2026, 11, 1),
        status="verzonden",
    )
    return Row({"pk": signal.pk, "escalation_pk": escalation.pk})


def notification_row(world: World, organisation) -> Row:
    from baken.core.notify import notify

    (reporter,) = notify(
        recipients=[world.reporter(organisation)], organisation_id=organisation.pk, message="Nieuws", url="/"
    )
    return Row({"pk": reporter.notifications.get().pk})


def partner_row(world: World, organisation) -> Row:
    # Shared in the region: another municipality of the region sees it in the directory, so
    # the cross-tenant case tests "visible but not yours to change", the harder half.
    return Row({"pk": _partner(world, organisation, shared_in_region=True).pk})


def indicator_row(world: World, organisation) -> Row:
    from baken.signalling.models import ExploitationForm, IndicatorGroup
    from baken.signalling.services import indicator_save

    values = {
        "label": "Lokaal signaal",
        "explanation": "Alleen hier",
        "group": IndicatorGroup.objects.get(code="arbeid-wonen"),
        "forms": [ExploitationForm.objects.get(code="arbeid")],
        "active": True,
    }
    return Row({"pk": indicator_save(actor=world.beheerder(organisation), indicator=None, values=values).pk})


def user_row(world: World, organisation) -> Row:
    return Row({"pk": world.make_user("signaleerder", organisation).pk})


def access_request_row(world: World, organisation) -> Row:
    """A second-factor reset asked by the municipality's beheerder, waiting for a second one."""
    from baken.accounts.services import second_factor_reset_request

    subject = world.make_user("signaleerder", organisation)
    return Row({"pk": second_factor_reset_request(actor=world.beheerder(organisation), user=subject).pk})


def inactive_user_row(world: World, organisation) -> Row:
    """An account of the organisation that has not logged in for half a year (in the POST body)."""
    import datetime as dt

    from django.utils import timezone

    account = world.make_user("signaleerder", organisation)
    type(account).objects.filter(pk=account.pk).update(last_login=timezone.now() - dt.timedelta(days=180))
    return Row({}, {"account": account.pk})


def logo_row(world: World, organisation) -> Row:
    from baken.core.services import organisation_update_huisstijl
    from baken.testing.signals import png_file

    organisation_update_huisstijl(
        actor=world.beheerder(organisation), organisation=organisation, changes={"logo": png_file("logo.png")}
    )
    return Row({"slug": organisation.slug})


def local_page_row(world: World, organisation, versions: int = 1) -> Row:
    from baken.knowledge.services import PageContent, local_page_save

    page = None
    for number in range(1, versions + 1):
        content = PageContent(
            title="Havenprotocol", summary="", section="lokaal", roles=(), body=f"Alleen hier, versie {number}"
        )
        page = local_page_save(
            actor=world.beheerder(organisation),
            slug=page.slug if page else None,
            content=content,
            base_revision=page.revision if page else 0,
        )
    return Row({"slug": page.slug}, {"revision": page.revision})


def page_restore_row(world: World, organisation) -> Row:
    # Two versions, so that restoring the first one is a real change.
    row = local_page_row(world, organisation, versions=2)
    return Row({**row.kwargs, "number": 1}, row.data)


def synonym_row(world: World, organisation) -> Row:
    from baken.knowledge.services import search_synonym_add

    synonym = search_synonym_add(actor=world.beheerder(organisation), term="kadewacht", means="bedenktijd")
    return Row({"pk": synonym.pk})


BARRIER_MODEL = "arbeidsmigranten"
BARRIER_STEP = "werk"


def barrier_revision_row(world: World, organisation) -> Row:
    from baken.knowledge.content import barrier_models
    from baken.knowledge.services import BarrierChange, barrier_step_save

    key = barrier_models()[BARRIER_MODEL].step(BARRIER_STEP).barriers[0][0]
    actor = world.beheerder(organisation)
    (status,) = barrier_step_save(
        actor=actor,
        model_code=BARRIER_MODEL,
        step_code=BARRIER_STEP,
        changes=[BarrierChange(barrier_key=key, state="aanwezig", owner="Team Haven")],
    )
    barrier_step_save(
        actor=actor,
        model_code=BARRIER_MODEL,
        step_code=BARRIER_STEP,
        changes=[BarrierChange(barrier_key=key, state="ontbreekt", base_revision=1)],
    )
    first = status.revisions.order_by("revision").first()
    return Row({"code": BARRIER_MODEL, "pk": first.pk}, {"revision": 2})


def activity_row(world: World, organisation) -> Row:
    from baken.testing.prevention import make_activity

    return Row({"pk": make_activity(world.policy_maker(organisation)).pk})


def material_row(world: World, organisation) -> Row:
    from baken.testing.prevention import make_material

    material = make_material(world.policy_maker(organisation))
    return Row({"pk": material.pk}, {"revision": material.revision})


def goal_row(world: World, organisation) -> Row:
    from baken.testing.policy import make_goal

    return Row({"pk": make_goal(world.policy_maker(organisation)).pk})


def assessment_row(world: World, organisation) -> Row:
    from baken.testing.policy import make_assessment

    return Row({"pk": make_assessment(world.policy_maker(organisation), year=next(_YEARS)).pk})


def adoptable_row(world: World, organisation) -> Row:
    """A self-assessment with every block assessed, adopted once (so there is a version)."""
    import datetime as dt

    from baken.policy.services import assessment_adopt, assessment_item_update
    from baken.testing.policy import make_assessment

    actor = world.policy_maker(organisation)
    assessment = make_assessment(actor, year=next(_YEARS))
    for item in assessment.items.all():
        assessment_item_update(actor=actor, item=item, values={"status": "nvt"})
    assessment_adopt(actor=actor, assessment=assessment, adopted_by="College", adopted_on=dt.date(2026, 3, 1))
    return Row({"pk": assessment.pk})


def gap_row(world: World, organisation) -> Row:
    from baken.policy.services import assessment_item_update
    from baken.testing.policy import make_assessment

    actor = world.policy_maker(organisation)
    item = make_assessment(actor, year=next(_YEARS)).items.first()
    assessment_item_update(actor=actor, item=item, values={"status": "niet"})
    return Row({"pk": item.pk})


def local_block_row(world: World, organisation) -> Row:
    """A block of the municipality's own in its version of the Kader catalogue."""
    from baken.policy.services import local_block_create

    block = local_block_create(
        actor=world.beheerder(organisation),
        code=None,
        values={"label": "Een eigen bouwsteen.", "theme": "beleid", "plateau": "basis"},
    )
    return Row({"pk": block.pk}, {"revision": block.revision})


def plan_row(world: World, organisation) -> Row:
    from baken.testing.policy import make_plan

    return Row({"pk": make_plan(world.policy_maker(organisation)).pk})


def risk_picture_row(world: World, organisation) -> Row:
    from baken.testing.policy import make_risk_picture

    return Row({"pk": make_risk_picture(world.policy_maker(organisation), year=next(_YEARS)).pk})


def risk_form_row(world: World, organisation) -> Row:
    from baken.testing.policy import make_risk_picture

    return Row({"pk": make_risk_picture(world.policy_maker(organisation), year=next(_YEARS)).rows.first().pk})


def action_row(world: World, organisation) -> Row:
    from baken.testing.policy import make_action

    return Row({"pk": make_action(world.policy_maker(organisation)).pk})


def annual_report_row(world: World, organisation) -> Row:
    """A version of the annual report whose PDF is made (the task run here, not after commit)."""
    from baken.reporting.annual_report import generate
    from baken.reporting.services import annual_report_request

    report = annual_report_request(actor=world.policy_maker(organisation), year=2025, narrative="Toelichting")
    generate(report.pk)
    return Row({"pk": report.pk})


def care_handover_row(world: World, organisation) -> Row:
    """A signal handed over to zorgcoördinatie: an aanmelding waiting for the zorgcoördinator."""
    from baken.coordination.services import escalation_create
    from baken.partners.services import partner_save

    partner = partner_save(
        actor=world.beheerder(organisation),
        partner=None,
        values={"name": "Zorgcoördinatie regio", "partner_type": "zorgcoordinator", "active": True},
    )
    escalation = escalation_create(
        actor=world.triager(organisation),
        signal=_signal(world, organisation),
        partner=partner,
        channel="beveiligde_mail",
        purpose="Opvang en begeleiding",
        legal_ground="wettelijke_taak",
        shared_fields=["reference", "people", "description"],
        shared_on=dt.date(2026, 11, 1),
        status="verzonden",
    )
    return Row({"pk": escalation.pk})


def _care_coordinator(world: World, organisation):
    return world._person("zorgcoordinator", "zorgcoordinator", organisation)


def care_case_row(world: World, organisation) -> Row:
    """A care case started from a hand-over, in intake, linked to the signal."""
    from baken.care.services import care_case_from_handover
    from baken.coordination.models import Escalation

    handover = Escalation.objects.get(pk=care_handover_row(world, organisation).kwargs["pk"])
    case = care_case_from_handover(
        actor=_care_coordinator(world, organisation), handover=handover, accept=True, pseudonym="Linde 14"
    )
    return Row({"pk": case.pk})


def care_procedure_row(world: World, organisation) -> Row:
    from baken.care.models import CareCase
    from baken.care.services import procedure_start

    case = CareCase.objects.get(pk=care_case_row(world, organisation).kwargs["pk"])
    procedure = procedure_start(
        actor=_care_coordinator(world, organisation), case=case, kind="plan_evaluatie", started_on=dt.date(2026, 11, 20)
    )
    return Row({"pk": case.pk, "procedure_pk": procedure.pk}, {"procedure": procedure.pk})


def care_referral_case_row(world: World, organisation) -> Row:
    """A care case and a partner of the region (the regional zorgcoördinator sees shared ones)."""
    row = care_case_row(world, organisation)
    return Row(row.kwargs, {"partner": _partner(world, organisation, shared_in_region=True).pk})


def care_referral_row(world: World, organisation) -> Row:
    from baken.care.models import CareCase
    from baken.care.services import referral_create
    from baken.partners.models import Partner

    row = care_referral_case_row(world, organisation)
    referral = referral_create(
        actor=_care_coordinator(world, organisation),
        case=CareCase.objects.get(pk=row.kwargs["pk"]),
        service_type="medisch",
        partner=Partner.objects.get(pk=row.data["partner"]),
        requested_on=dt.date(2026, 11, 20),
        shared="Naam en hulpvraag",
        legal_basis="publieke_taak",
    )
    return Row({**row.kwargs, "referral_pk": referral.pk}, {"referral": referral.pk})


def care_shelter_row(world: World, organisation) -> Row:
    from baken.care.models import CareCase
    from baken.care.services import shelter_place
    from baken.partners.models import Partner

    row = care_referral_case_row(world, organisation)
    placement = shelter_place(
        actor=_care_coordinator(world, organisation),
        case=CareCase.objects.get(pk=row.kwargs["pk"]),
        shelter_type="cosm",
        provider=Partner.objects.get(pk=row.data["partner"]),
        started_on=dt.date(2026, 11, 20),
    )
    return Row({**row.kwargs, "placement_pk": placement.pk}, {"placement": placement.pk})


def care_comensha_row(world: World, organisation) -> Row:
    """A care case registered with CoMensha, and the export's format."""
    from baken.care.models import CareCase
    from baken.care.services import comensha_register

    row = care_case_row(world, organisation)
    comensha_register(
        actor=_care_coordinator(world, organisation),
        case=CareCase.objects.get(pk=row.kwargs["pk"]),
        reported_on=dt.date(2026, 11, 25),
        legal_basis="publieke_taak",
        dossier_type="registratie",
        exploitation_form="arbeid",
        sector="landbouw",
    )
    return Row({**row.kwargs, "fmt": "csv"})


def _today(days: int = 0) -> str:
    from django.utils import timezone

    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def care_goal_row(world: World, organisation) -> Row:
    """A care case with a goal in its plan."""
    from baken.care.models import CareCase
    from baken.care.services import plan_goal_add

    row = care_case_row(world, organisation)
    goal = plan_goal_add(
        actor=_care_coordinator(world, organisation),
        case=CareCase.objects.get(pk=row.kwargs["pk"]),
        domain="huisvesting",
        description="Een eigen kamer",
    )
    return Row({**row.kwargs, "goal_pk": goal.pk}, {"goal": goal.pk})


def care_plan_action_row(world: World, organisation) -> Row:
    """A care case with a goal and an agreed action not yet done."""
    from baken.care.models import CareCase, CarePlanGoal
    from baken.care.services import plan_action_add

    row = care_goal_row(world, organisation)
    action = plan_action_add(
        actor=_care_coordinator(world, organisation),
        case=CareCase.objects.get(pk=row.kwargs["pk"]),
        goal=CarePlanGoal.objects.get(pk=row.data["goal"]),
        description="Inschrijven bij de corporatie",
        owner="de persoon",
        due_on=dt.date.today() + dt.timedelta(days=14),
    )
    return Row({"pk": row.kwargs["pk"], "action_pk": action.pk}, {"action": action.pk})


def care_provider_row(world: World, organisation) -> Row:
    """A provider in the directory of the municipality's region, kept by its regional zorgcoördinator."""
    from baken.care.services import provider_save

    keeper = world.make_user("zorgcoordinator", None, region=organisation.region)
    provider = provider_save(
        actor=keeper, provider=None, values={"name": "Opvang Het Anker", "shelter_types": ["cosm"], "places": 4}
    )
    return Row({"pk": provider.pk})


def care_person_row(world: World, organisation) -> Row:
    """A care case whose name every user who may manage it has just revealed (with a reason):
    the person page's form is only there after a reveal."""
    from baken.care.models import CareCase
    from baken.care.services import care_name_reveal
    from baken.core.access import policy_for

    row = care_case_row(world, organisation)
    case = CareCase.objects.get(pk=row.kwargs["pk"])
    for user in policy_for(CareCase).users_for(case, "manage"):
        care_name_reveal(actor=user, case=case, reason="Persoonsgegevens vastleggen")
    return row


def care_closure_row(world: World, organisation) -> Row:
    """A case in nazorg that the municipality's zorgcoördinator proposed to close: another
    zorgcoördinator approves it."""
    from baken.care.models import CareCase
    from baken.care.services import care_case_transition, care_closure_propose

    row = care_case_row(world, organisation)
    coordinator = _care_coordinator(world, organisation)
    case = CareCase.objects.get(pk=row.kwargs["pk"])
    for target in ("in_traject", "nazorg"):
        case = care_case_transition(actor=coordinator, case=case, target=target)
    request = care_closure_propose(
        actor=coordinator, case=case, closure_reason="overgedragen_wijkteam", reason="Doelen bereikt"
    )
    return Row({"pk": case.pk, "request_pk": request.pk})


def care_track_row(world: World, organisation) -> Row:
    """A care case with a bedenktijd offered by the police, not yet accepted."""
    from baken.care.models import CareCase
    from baken.care.services import track_start

    row = care_case_row(world, organisation)
    track = track_start(
        actor=_care_coordinator(world, organisation),
        case=CareCase.objects.get(pk=row.kwargs["pk"]),
        kind="bedenktijd",
        status="aangeboden",
        on=dt.date(2026, 11, 20),
    )
    return Row({"pk": row.kwargs["pk"], "track_pk": track.pk}, {"track": track.pk})


def meetings_new_row(world: World, organisation) -> Row:
    """The municipality a meeting is planned for, and a chair who may run its meetings."""
    return Row({}, {"organisation": organisation.pk, "chair": _care_coordinator(world, organisation).pk})


def meetings_referral_row(world: World, organisation) -> Row:
    """An aanmelding for a case meeting, just registered."""
    from baken.testing.meetings import make_referral

    return Row({"pk": make_referral(_care_coordinator(world, organisation), organisation).pk})


def meetings_triage_row(world: World, organisation) -> Row:
    """An aanmelding in triage, waiting for the decision."""
    from baken.meetings.services import referral_transition
    from baken.testing.meetings import make_referral

    coordinator = _care_coordinator(world, organisation)
    referral = make_referral(coordinator, organisation)
    return Row({"pk": referral_transition(actor=coordinator, referral=referral, target="in_triage").pk})


def meetings_advice_row(world: World, organisation) -> Row:
    """An aanmelding the triage answered with advice only: it can be closed."""
    from baken.meetings.services import referral_transition, triage_decide
    from baken.testing.meetings import make_referral

    coordinator = _care_coordinator(world, organisation)
    referral = referral_transition(
        actor=coordinator, referral=make_referral(coordinator, organisation), target="in_triage"
    )
    triage_decide(
        actor=coordinator, referral=referral, decision="advies", rationale="Advies", process_director=coordinator
    )
    return Row({"pk": referral.pk})


def meetings_link_row(world: World, organisation) -> Row:
    """An aanmelding, and a care case of the same municipality to link it to (by kenmerk)."""
    from baken.care.services import care_case_register
    from baken.testing.meetings import make_referral

    coordinator = _care_coordinator(world, organisation)
    case = care_case_register(
        actor=coordinator,
        organisation=organisation,
        source="politie",
        registered_on=dt.date.fromisoformat(_today()),
        pseudonym="Es 3",
    )
    return Row({"pk": make_referral(coordinator, organisation).pk}, {"reference": case.reference})


def meetings_meeting_row(world: World, organisation) -> Row:
    """A planned Zorgtafel, and a planned aanmelding not yet on its agenda."""
    from baken.testing.meetings import make_meeting, make_scheduled

    coordinator = _care_coordinator(world, organisation)
    meeting = make_meeting(coordinator, organisation)
    return Row({"pk": meeting.pk}, {"referral": make_scheduled(coordinator, organisation).pk})


def meetings_item_row(world: World, organisation) -> Row:
    """A meeting with an attendee (police, on the WGS) and an aanmelding on its agenda."""
    from baken.testing.meetings import make_attendee, make_item

    coordinator = _care_coordinator(world, organisation)
    item = make_item(coordinator, organisation)
    seat = make_attendee(coordinator, item.meeting)
    return Row({"pk": item.meeting_id, "item_pk": item.pk}, {"attendee": seat.pk})


def meetings_action_row(world: World, organisation) -> Row:
    """An agenda item with an open action."""
    from baken.meetings.models import AgendaItem
    from baken.testing.meetings import make_action

    row = meetings_item_row(world, organisation)
    action = make_action(_care_coordinator(world, organisation), AgendaItem.objects.get(pk=row.kwargs["item_pk"]))
    return Row({**row.kwargs, "action_pk": action.pk}, {"action": action.pk})


def care_organisation_row(world: World, organisation) -> Row:
    """The municipality an aanmelding from outside Baken is registered for (in the POST body)."""
    return Row({}, {"organisation": organisation.pk})


#: House numbers for the locations the row makers register: a test that makes several rows in one
#: municipality (the fuzz test's refused routes) needs a new address each time.
_HOUSE_NUMBERS = count(100)
#: Years for self-assessments and risk pictures (one of each per municipality and year), for the
#: same reason; the bodies' year 2031 is never reached.
_YEARS = cycle(range(2015, 2031))


def _enforcement_case(world: World, organisation):
    from baken.enforcement.services import LocationInput, case_open, location_save

    inspector = world.inspector(organisation)
    location = location_save(
        actor=inspector,
        location=None,
        data=LocationInput(
            street="Kadeweg",
            house_number=str(next(_HOUSE_NUMBERS)),
            postcode="9901 AB",
            city="Voorbeeld",
            object_type="logies",
        ),
    )
    return inspector, case_open(actor=inspector, location=location, theme="mensenhandel", reason="eigen_onderzoek")


def location_row(world: World, organisation) -> Row:
    _inspector, case = _enforcement_case(world, organisation)
    return Row({"pk": case.location_id})


def case_row(world: World, organisation) -> Row:
    return Row({"pk": _enforcement_case(world, organisation)[1].pk})


def inspection_row(world: World, organisation) -> Row:
    import datetime as dt

    from django.utils import timezone

    from baken.enforcement.services import inspection_plan

    inspector, case = _enforcement_case(world, organisation)
    inspection = inspection_plan(actor=inspector, case=case, planned_for=timezone.now() + dt.timedelta(days=3))
    return Row({"pk": case.pk, "inspection_pk": inspection.pk})


def _png_upload():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "#336699").save(buffer, format="PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def inspection_photo_row(world: World, organisation) -> Row:
    from baken.enforcement.models import Inspection
    from baken.enforcement.services import inspection_photo_add

    row = inspection_row(world, organisation)
    inspection = Inspection.objects.select_related("created_by").get(pk=row.kwargs["inspection_pk"])
    photo = inspection_photo_add(actor=inspection.created_by, inspection=inspection, upload=_png_upload())
    return Row(row.kwargs | {"photo_pk": photo.pk})


def recorded_inspection_row(world: World, organisation) -> Row:
    from django.utils import timezone

    from baken.enforcement.models import Inspection
    from baken.enforcement.services import InspectionRecord, inspection_record

    row = inspection_row(world, organisation)
    inspection = Inspection.objects.select_related("created_by").get(pk=row.kwargs["inspection_pk"])
    record = InspectionRecord(performed_at=timezone.now(), situation="toegang_verleend", outcome="overtreding")
    inspection_record(actor=inspection.created_by, inspection=inspection, data=record)
    return row


def measure_row(world: World, organisation) -> Row:
    from baken.enforcement.services import measure_start

    inspector, case = _enforcement_case(world, organisation)
    measure = measure_start(
        actor=inspector, case=case, intent_type="voornemen_lod", addressees="Verhuurder", sent_on=dt.date(2026, 11, 2)
    )
    return Row({"pk": case.pk, "measure_pk": measure.pk})


def decided_measure_row(world: World, organisation) -> Row:
    from decimal import Decimal

    from baken.enforcement.models import Measure
    from baken.enforcement.services import MeasureStep, measure_step

    row = measure_row(world, organisation)
    measure = Measure.objects.select_related("created_by").get(pk=row.kwargs["measure_pk"])
    step = MeasureStep(
        target="besluit",
        decision_type="lod",
        decided_on=dt.date(2026, 11, 16),
        compliance_due_on=dt.date(2026, 12, 14),
        amount_per_unit=Decimal("500"),
        amount_unit="per week",
        amount_maximum=Decimal("5000"),
    )
    measure_step(actor=measure.created_by, measure=measure, data=step)
    return row


def appeal_row(world: World, organisation) -> Row:
    from baken.enforcement.models import Measure
    from baken.enforcement.services import appeal_add

    row = decided_measure_row(world, organisation)
    measure = Measure.objects.select_related("created_by").get(pk=row.kwargs["measure_pk"])
    appeal = appeal_add(
        actor=measure.created_by, measure=measure, kind="bezwaar", lodged_on=dt.date(2026, 11, 18), lodged_by="X"
    )
    return Row(row.kwargs | {"appeal_pk": appeal.pk})


def letter_revision_row(world: World, organisation) -> Row:
    from baken.enforcement.services import letter_template_save

    beheerder = world.beheerder(organisation)
    template = letter_template_save(actor=beheerder, kind="hercontrole", title="Eerst", body="A", base_revision=0)
    template = letter_template_save(actor=beheerder, kind="hercontrole", title="Later", body="B", base_revision=1)
    first = template.revisions.get(revision=1)
    return Row({"kind": "hercontrole", "revision_pk": first.pk}, {"base_revision": str(template.revision)})


def letter_row(world: World, organisation) -> Row:
    row = measure_row(world, organisation)
    return Row(row.kwargs | {"kind": "voornemen"})


def bibob_row(world: World, organisation) -> Row:
    from baken.enforcement.services import bibob_start

    inspector, case = _enforcement_case(world, organisation)
    test = bibob_start(
        actor=inspector, case=case, subject="Exploitatievergunning", trigger="signaal", started_on=dt.date(2026, 11, 2)
    )
    return Row({"pk": case.pk, "bibob_pk": test.pk})


def subject_request_row(world: World, organisation) -> Row:
    """A data-subject request recorded by the municipality's privacy officer."""
    from baken.retention.subject_services import subject_request_create

    officer = world._person("privacy", "privacy_officer", organisation)
    request = subject_request_create(actor=officer, kind="inzage", received_on=dt.date(2026, 11, 30), reference="AVG-0")
    return Row({"pk": request.pk})


def subject_search_row(world: World, organisation) -> Row:
    """A search run for such a request (nothing found)."""
    from baken.retention.models import SubjectRequest
    from baken.retention.subject_services import subject_search_run

    officer = world._person("privacy", "privacy_officer", organisation)
    request = SubjectRequest.objects.get(pk=subject_request_row(world, organisation).kwargs["pk"])
    return Row({"pk": subject_search_run(actor=officer, request=request, bsn="111222333").pk})


@dataclass(frozen=True)
class Maker:
    build: Callable[[World, object], Row]
    #: The row carries a confidentiality level (a signal, or a row that hangs off one).
    confidential: bool = False


def _signal_maker(build=signal_row) -> Maker:
    return Maker(build, confidential=True)


#: route -> how to build, in a given organisation, the row its ids point to. The matrix uses a
#: Voorbeeld row; the cross-tenant cases a row of another municipality.
ROW_MAKERS: dict[str, Maker] = {
    "signalling:detail": _signal_maker(),
    "signalling:submitted": _signal_maker(),
    "signalling:attachment": _signal_maker(attachment_row),
    "coordination:signal": _signal_maker(),
    "coordination:signal_print": _signal_maker(),
    "signalling:add_information": _signal_maker(),
    "core:notification_read": Maker(notification_row),
    "coordination:note_add": _signal_maker(),
    "coordination:assign": _signal_maker(assign_row),
    "coordination:transition": _signal_maker(),
    "coordination:share_message": _signal_maker(),
    "coordination:link": _signal_maker(linkable_row),
    "coordination:link_lookup": _signal_maker(),
    "coordination:merge": _signal_maker(linkable_row),
    "coordination:escalation_new": _signal_maker(escalation_new_row),
    "coordination:escalation": _signal_maker(escalation_row),
    "coordination:escalation_pdf": _signal_maker(escalation_row),
    "signalling:indicator_edit": Maker(indicator_row),
    "partners:edit": Maker(partner_row),
    "accounts:user_edit": Maker(user_row),
    "accounts:second_factor_reset": Maker(user_row),
    "accounts:user_resend_link": Maker(user_row),
    "accounts:access_request_detail": Maker(access_request_row),
    "accounts:access_request_decide": Maker(access_request_row),
    "accounts:access_request_review": Maker(access_request_row),
    "core:organisation_logo": Maker(logo_row),
    "knowledge:page": Maker(local_page_row),
    "knowledge:page_pdf": Maker(local_page_row),
    "knowledge:page_edit": Maker(local_page_row),
    "knowledge:page_withdraw": Maker(local_page_row),
    "knowledge:page_history": Maker(local_page_row),
    "knowledge:page_restore": Maker(page_restore_row),
    "knowledge:barrier_restore": Maker(barrier_revision_row),
    "knowledge:synonym_remove": Maker(synonym_row),
    "prevention:activity": Maker(activity_row),
    "prevention:activity_edit": Maker(activity_row),
    "prevention:activity_transition": Maker(activity_row),
    "prevention:material": Maker(material_row),
    "prevention:material_edit": Maker(material_row),
    "policy:goal_new": Maker(plan_row),
    "policy:goal": Maker(goal_row),
    "policy:assessment": Maker(assessment_row),
    "policy:assessment_adopt": Maker(adoptable_row),
    "policy:assessment_compare": Maker(adoptable_row),
    "policy:item": Maker(gap_row),
    "policy:item_action": Maker(gap_row),
    "policy:plan": Maker(plan_row),
    "policy:plan_edit": Maker(plan_row),
    "policy:local_block": Maker(local_block_row),
    "policy:local_block_withdraw": Maker(local_block_row),
    "policy:plan_pdf": Maker(plan_row),
    "policy:action_new": Maker(plan_row),
    "policy:action": Maker(action_row),
    "policy:action_progress": Maker(action_row),
    "policy:risk": Maker(risk_picture_row),
    "policy:risk_intelligence": Maker(risk_picture_row),
    "reporting:risk_picture_pdf": Maker(risk_picture_row),
    "policy:risk_row": Maker(risk_form_row),
    "reporting:annual_report_pdf": Maker(annual_report_row),
    "care:handover": Maker(care_handover_row),
    "care:case": Maker(care_case_row),
    "care:transition": Maker(care_case_row),
    "care:reveal": Maker(care_case_row),
    "care:shelter_address": Maker(care_case_row),
    "care:procedure_add": Maker(care_case_row),
    "care:contact_add": Maker(care_case_row),
    "care:procedure_done": Maker(care_procedure_row),
    "care:referral_add": Maker(care_referral_case_row),
    "care:referral_update": Maker(care_referral_row),
    "care:shelter_add": Maker(care_referral_case_row),
    "care:shelter_end": Maker(care_shelter_row),
    "care:comensha": Maker(care_case_row),
    "care:comensha_export": Maker(care_comensha_row),
    "care:closure_decide": Maker(care_closure_row),
    "care:person": Maker(care_person_row),
    "care:summary": Maker(care_goal_row),
    "care:provider_edit": Maker(care_provider_row),
    "care:goal_add": Maker(care_case_row),
    "care:goal_close": Maker(care_goal_row),
    "care:plan_action_add": Maker(care_goal_row),
    "care:plan_action_done": Maker(care_plan_action_row),
    "care:track_add": Maker(care_case_row),
    "care:track_step": Maker(care_track_row),
    "care:methods": Maker(care_case_row),
    "meetings:referral": Maker(meetings_referral_row),
    "meetings:referral_transition": Maker(meetings_referral_row),
    "meetings:referral_triage": Maker(meetings_triage_row),
    "meetings:referral_close": Maker(meetings_advice_row),
    "meetings:referral_link": Maker(meetings_link_row),
    "meetings:meeting": Maker(meetings_meeting_row),
    "meetings:agenda_pdf": Maker(meetings_meeting_row),
    "meetings:minutes_pdf": Maker(meetings_meeting_row),
    "meetings:dispatch_add": Maker(meetings_item_row),
    "meetings:attendee_add": Maker(meetings_meeting_row),
    "meetings:agenda_add": Maker(meetings_meeting_row),
    "meetings:item": Maker(meetings_item_row),
    "meetings:item_discussed": Maker(meetings_item_row),
    "meetings:item_analysis": Maker(meetings_item_row),
    "meetings:sharing_add": Maker(meetings_item_row),
    "meetings:action_add": Maker(meetings_item_row),
    "meetings:action_update": Maker(meetings_action_row),
    "enforcement:location": Maker(location_row),
    "enforcement:location_edit": Maker(location_row),
    "enforcement:party_add": Maker(location_row),
    "enforcement:licence_add": Maker(location_row),
    "enforcement:case_new": Maker(location_row),
    "enforcement:case": Maker(case_row),
    "enforcement:case_transition": Maker(case_row),
    "enforcement:inspection_new": Maker(case_row),
    "enforcement:measure_new": Maker(case_row),
    "enforcement:inspection": Maker(inspection_row),
    "enforcement:inspection_record": Maker(inspection_row),
    "enforcement:finding_add": Maker(inspection_row),
    "enforcement:hand_over": Maker(recorded_inspection_row),
    "enforcement:inspection_draft": Maker(inspection_row),
    "enforcement:inspection_draft_delete": Maker(inspection_row),
    "enforcement:inspection_photo_add": Maker(inspection_row),
    "enforcement:inspection_photo": Maker(inspection_photo_row),
    "enforcement:measure": Maker(measure_row),
    "enforcement:bibob_new": Maker(case_row),
    "enforcement:bibob": Maker(bibob_row),
    "enforcement:appeal_add": Maker(decided_measure_row),
    "enforcement:appeal_decide": Maker(appeal_row),
    "enforcement:letter_pdf": Maker(lambda world, organisation: letter_row(world, organisation)),
    "enforcement:inspection_barrier": Maker(recorded_inspection_row),
    "enforcement:letter_template_restore": Maker(letter_revision_row),
    "enforcement:measure_barrier": Maker(measure_row),
    "retention:subject_request": Maker(subject_request_row),
    "retention:subject_search": Maker(subject_request_row),
    "retention:subject_note": Maker(subject_request_row),
    "retention:subject_result": Maker(subject_search_row),
    "retention:subject_export": Maker(subject_search_row),
}

#: Routes without ids in their URL whose valid POST body names a row: route -> how to build it.
#: (Another municipality's row in such a body is refused by the form; its own tests show that.)
BODY_ROWS: dict[str, Callable[[World, object], Row]] = {
    "accounts:inactive_users": inactive_user_row,
    "accounts:municipality_create": lambda world, organisation: Row({}, {"region": organisation.region_id}),
    "care:case_new": care_organisation_row,
    "meetings:referral_new": care_organisation_row,
    "meetings:meeting_new": meetings_new_row,
    "coordination:bulk": bulk_row,
}

#: Routes whose ids name national content, the same for every municipality: no tenant row to
#: build, so no cross-tenant case. What a municipality keeps under these codes (barrier
#: statuses and their versions) is always read and written for the user's own organisation.
#: route -> (URL kwargs, reason)
NATIONAL_ARGS: dict[str, tuple[dict, str]] = {
    "knowledge:signals": ({"code": "balie"}, "a national indicator list"),
    "enforcement:letter_template_edit": ({"kind": "voornemen"}, "a kind of letter; the text is the own organisation's"),
    "knowledge:signals_pdf": ({"code": "balie"}, "a national indicator list"),
    "knowledge:barrier_model": ({"code": BARRIER_MODEL}, "a national barrier model"),
    "knowledge:barrier_pdf": ({"code": BARRIER_MODEL}, "a national barrier model"),
    "knowledge:barrier_history": ({"code": BARRIER_MODEL}, "a national barrier model; the versions shown are the own"),
    "knowledge:barrier_edit": (
        {"code": BARRIER_MODEL, "step": BARRIER_STEP},
        "a step of a national barrier model; the statuses edited are the own",
    ),
}

# --- "a denied request changes nothing" ---------------------------------------------------------

#: Append-only tables that a refused request may legitimately add to: compared on the rows that
#: existed before, which must be unchanged. The audit log may record a refusal (it is the
#: record of what was tried), but never loses or rewrites a row.
APPEND_ONLY = {"core.auditevent"}


def snapshot() -> dict:
    """All rows of the domain tables, ordered by pk, plus the outgoing mail."""
    from django.core import mail

    from baken.testing.snapshots import database_state, domain_models

    rows = database_state(domain_models())
    rows["mail.outbox"] = [(message.subject, message.to) for message in getattr(mail, "outbox", [])]
    return rows


def changes(before: dict, after: dict) -> dict:
    """What differs between two snapshots, per table (empty: nothing changed)."""
    differences = {}
    for table, rows in before.items():
        now = after[table]
        if table in APPEND_ONLY:
            if now[: len(rows)] != rows:
                differences[table] = "existing rows changed"
        elif now != rows:
            gone = [row for row in rows if row not in now]
            added = [row for row in now if row not in rows]
            differences[table] = {"removed or changed": gone[:3], "added or changed": added[:3]}
    return differences
