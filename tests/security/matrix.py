"""The security matrix as data: who may open which route, how to build the row a route with an
id points to, a valid POST body per route, and a snapshot of every domain table.

tests/security/test_matrix.py turns these tables into one test per (route, principal). A route
that appears in the resolver but in none of these tables fails test_every_route_is_classified.

Model classes are imported inside the helper functions, so that moving a module (the partner
directory is moving to its own app) needs a one-line edit here and nothing else.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

# --- principals -------------------------------------------------------------------------------

#: The seven roles of accounts/roles.py, each a user of the own municipality (Voorbeeld) at the
#: highest clearance, so that what they are refused is refused because of their role.
ROLE_PRINCIPALS = (
    "signaleerder",
    "aandachtsfunctionaris",
    "zorgcoordinator",
    "toezichthouder",
    "beleidsmaker",
    "functioneel_beheerder",
    "privacy_officer",
)
#: A zorgcoordinator of the region: organisation None, region set (conftest's regional account).
REGIONAL = "regionaal"
#: A privacy officer of the region (organisation None, region set): the audit log of the region.
REGIONAL_PRIVACY = "privacy_regionaal"
#: The signaleerder who reported the own-municipality signals: the only one who sees them as a reporter.
REPORTER = "melder"
PRINCIPALS = (*ROLE_PRINCIPALS, REGIONAL, REGIONAL_PRIVACY, REPORTER)
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
}
#: Users of a municipality also read its own knowledge pages (the row is a Voorbeeld page);
#: a regional account reads the national base only (knowledge/policies.py).
MUNICIPAL_READER = EVERYONE | {"knowledge:page", "knowledge:page_pdf"}
#: signalling.report_signal plus an organisation.
REPORTING = {"signalling:intake", "signalling:intake_indicators", "signalling:intake_acute", "signalling:mine"}
#: The reporter's own view of a signal they sent.
OWN_SIGNAL = {"signalling:detail", "signalling:submitted", "signalling:attachment"}
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
    "coordination:escalation_new",
    "coordination:escalation",
    "coordination:escalation_pdf",
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
}
#: The privacy officer: the audit log of the own organisation (or, on a regional account, of the
#: own region). No case content.
AUDIT = {"core:audit_log"}
#: A municipality's privacy officer also reads the access requests (four eyes), never decides them,
#: and marks each as reviewed.
ACCESS_REVIEW = {"accounts:access_request_list", "accounts:access_request_detail", "accounts:access_request_review"}

ALLOWED: dict[str, set[str]] = {
    "signaleerder": MUNICIPAL_READER | REPORTING,
    "aandachtsfunctionaris": MUNICIPAL_READER | REPORTING | TRIAGE,
    # care.manage_carecase, enforcement.manage_inspection, policy.manage_policy and
    # reporting.view_statistics belong to apps not built yet: today these roles only report.
    "zorgcoordinator": MUNICIPAL_READER | REPORTING,
    "toezichthouder": MUNICIPAL_READER | REPORTING,
    "beleidsmaker": MUNICIPAL_READER | REPORTING,
    "functioneel_beheerder": MUNICIPAL_READER | MANAGEMENT,
    "privacy_officer": MUNICIPAL_READER | AUDIT | ACCESS_REVIEW,
    # Reports nothing (no organisation to report in) and sees no municipality's own rows.
    REGIONAL: set(EVERYONE),
    REGIONAL_PRIVACY: EVERYONE | AUDIT,
    REPORTER: MUNICIPAL_READER | REPORTING | OWN_SIGNAL,
}
#: Routes that no principal may open. Empty today; a route that should stay shut for every
#: role (a feature switched off, say) goes here rather than being left unclassified.
NOBODY: set[str] = set()

#: An allowed GET that answers with the view's own redirect instead of a page: (route, principal) -> target.
REDIRECTS = {("signalling:detail", "aandachtsfunctionaris"): "coordination:signal"}

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
    "coordination:bulk",
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
    "core:huisstijl": lambda row: {
        "primary_colour": "#00416a",
        "primary_text_colour": "#ffffff",
        "link_colour": "#00416a",
    },
    "core:notifications": lambda row: {},
    "core:organisation_settings": lambda row: {"triage_working_days": "4", "reply_email": "melders@matrix.invalid"},
    "accounts:user_create": _user_body,
    "accounts:user_edit": _user_body,
    "accounts:second_factor_reset": lambda row: {},
    "accounts:user_resend_link": lambda row: {},
    "accounts:inactive_users": lambda row: {"accounts": [row.data["account"]]},
    "accounts:access_request_decide": lambda row: {"decision": "approve", "reason": "Nodig voor het werk"},
    "accounts:access_request_review": lambda row: {},
    "signalling:intake": _intake_body,
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
}

#: Routes without ids in their URL whose valid POST body names a row: route -> how to build it.
#: (Another municipality's row in such a body is refused by the form; its own tests show that.)
BODY_ROWS: dict[str, Callable[[World, object], Row]] = {
    "accounts:inactive_users": inactive_user_row,
    "coordination:bulk": bulk_row,
}

#: Routes whose ids name national content, the same for every municipality: no tenant row to
#: build, so no cross-tenant case. What a municipality keeps under these codes (barrier
#: statuses and their versions) is always read and written for the user's own organisation.
#: route -> (URL kwargs, reason)
NATIONAL_ARGS: dict[str, tuple[dict, str]] = {
    "knowledge:signals": ({"code": "balie"}, "a national indicator list"),
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
