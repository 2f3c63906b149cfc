"""Writes of the Kennisbank: local pages, barrier statuses and the municipality's search words.

Each write asks the access policy whether the actor may change the row (and raises
NotPermitted when not), validates, saves in one transaction with the row locked, appends a full
snapshot to the revision table and records the change in the audit log. A form carries the
version it started from, so two beheerders editing at once cannot silently overwrite each other.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from baken.accounts.models import User
from baken.accounts.roles import ROLES_BY_CODE
from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction
from baken.core.services import audit_record
from baken.core.versioning import (
    RevisionAction,
    append_revision,
    require_base_revision,
    restore_fields,
    stale_version_error,
)
from baken.knowledge.content import SECTIONS, barrier_models, national_pages, national_synonyms
from baken.knowledge.models import (
    BarrierState,
    BarrierStatus,
    BarrierStatusRevision,
    LocalPage,
    LocalPageRevision,
    PageMode,
    SearchSynonym,
)
from baken.knowledge.search import normalise

#: Path segments under /kennisbank/ that are views, so no page may take them as its slug.
RESERVED_SLUGS = frozenset(
    {"zoeken", "zoekwoorden", "signalen", "barrieremodellen", "nieuw", "pdf", "bewerken", "versies"}
)
MAX_BODY_LENGTH = 50_000


@dataclass(frozen=True)
class PageContent:
    title: str
    summary: str
    section: str
    roles: tuple[str, ...]
    body: str
    mode: str = PageMode.ADDITION


#: What a restore puts back from an earlier version.
PAGE_RESTORED_FIELDS = ("title", "summary", "section", "roles", "body", "mode", "is_active")
BARRIER_RESTORED_FIELDS = ("label", "state", "owner", "note", "is_active")


def _require_manager(actor: User, model) -> None:
    if not policy_for(model).user_may(actor, "change"):
        raise NotPermitted


def _locked_for_change(actor: User, model, **lookup):
    """The row the actor may change, locked for the rest of the transaction, or None."""
    return policy_for(model).rows_for(actor, "change").select_for_update().filter(**lookup).first()


def _validate_page(content: PageContent) -> PageContent:
    errors = {}
    title, summary, body = content.title.strip(), content.summary.strip(), content.body.strip()
    if not title:
        errors["title"] = _("Geef de pagina een titel.")
    elif len(title) > 160:
        errors["title"] = _("De titel mag hoogstens 160 tekens lang zijn.")
    if len(summary) > 300:
        errors["summary"] = _("De samenvatting mag hoogstens 300 tekens lang zijn.")
    if not body:
        errors["body"] = _("De tekst mag niet leeg zijn.")
    elif len(body) > MAX_BODY_LENGTH:
        errors["body"] = _("De tekst is te lang (hoogstens 50.000 tekens).")
    if content.section not in SECTIONS:
        errors["section"] = _("Kies een onderdeel uit de lijst.")
    if set(content.roles) - set(ROLES_BY_CODE):
        errors["roles"] = _("Kies rollen uit de lijst.")
    if content.mode not in PageMode.values:
        errors["mode"] = _("Kies een soort aanpassing uit de lijst.")
    if errors:
        raise ValidationError(errors)
    roles = tuple(code for code in ROLES_BY_CODE if code in set(content.roles))
    return PageContent(title=title, summary=summary, section=content.section, roles=roles, body=body, mode=content.mode)


def _new_slug(organisation_id: int, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "pagina"
    taken = set(national_pages()) | RESERVED_SLUGS
    taken |= set(
        LocalPage.objects.filter(organisation_id=organisation_id, slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic(durable=True)
def local_page_save(
    *,
    actor: User,
    slug: str | None,
    content: PageContent,
    base_revision: int,
    note: str = "",
) -> LocalPage:
    """Create a local page (slug None), adapt the national page `slug`, or change a local page.

    An adaptation keeps the national title, summary, section and roles; only its text and
    whether it adds to or replaces the national text are local.
    """
    _require_manager(actor, LocalPage)
    organisation_id = actor.organisation_id
    national = national_pages().get(slug) if slug else None
    if national is not None:
        content = PageContent(
            title=national.title,
            summary=national.summary,
            section=national.section,
            roles=national.roles,
            body=content.body,
            mode=content.mode,
        )
    content = _validate_page(content)

    page = None
    if slug is not None:
        page = _locked_for_change(actor, LocalPage, slug=slug)
        if page is None and national is None:
            raise NotPermitted  # a slug that is neither national nor the organisation's own
    require_base_revision(page, base_revision)
    created = page is None
    if created:
        page = LocalPage(organisation_id=organisation_id, slug=slug or _new_slug(organisation_id, content.title))
    wanted = _content_fields(content)
    if not created and page.is_active and all(getattr(page, name) == value for name, value in wanted.items()):
        return page  # nothing changed: no new version

    for name, value in wanted.items():
        setattr(page, name, value)
    page.is_active = True
    try:
        with transaction.atomic():
            append_revision(
                page,
                LocalPageRevision,
                actor=actor,
                action=RevisionAction.CREATE if created else RevisionAction.UPDATE,
                note=note,
            )
    except IntegrityError as exc:  # the same page was created at the same moment
        raise stale_version_error() from exc
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=page,
        reason=f"kennisbank: {page.slug} versie {page.revision}",
    )
    return page


def _content_fields(content: PageContent) -> dict:
    return {
        "title": content.title,
        "summary": content.summary,
        "section": content.section,
        "roles": list(content.roles),
        "body": content.body,
        "mode": content.mode,
    }


@transaction.atomic(durable=True)
def local_page_withdraw(*, actor: User, page: LocalPage, base_revision: int, note: str = "") -> LocalPage:
    """Withdraw a local page or adaptation: readers see the national text (or nothing) again."""
    _require_manager(actor, LocalPage)
    page = _locked_for_change(actor, LocalPage, pk=page.pk)
    if page is None:
        raise NotPermitted
    require_base_revision(page, base_revision)
    if not page.is_active:
        return page
    page.is_active = False
    append_revision(page, LocalPageRevision, actor=actor, action=RevisionAction.WITHDRAW, note=note)
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=page,
        reason=f"kennisbank: {page.slug} ingetrokken (versie {page.revision})",
    )
    return page


@transaction.atomic(durable=True)
def local_page_restore(*, actor: User, page: LocalPage, revision: LocalPageRevision, base_revision: int) -> LocalPage:
    """Make an earlier version current again, as a new version (history is never rewritten)."""
    _require_manager(actor, LocalPage)
    page = _locked_for_change(actor, LocalPage, pk=page.pk)
    if page is None:
        raise NotPermitted
    revision = policy_for(LocalPageRevision).visible(actor).filter(pk=revision.pk, page=page).first()
    if revision is None:
        raise NotPermitted
    require_base_revision(page, base_revision)
    restore_fields(page, revision, PAGE_RESTORED_FIELDS)
    append_revision(
        page,
        LocalPageRevision,
        actor=actor,
        action=RevisionAction.RESTORE,
        note=_("versie %(number)s teruggezet") % {"number": revision.revision},
        restored_from=revision.revision,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=page,
        reason=f"kennisbank: {page.slug} versie {revision.revision} teruggezet als versie {page.revision}",
    )
    return page


# ---------------------------------------------------------------------------------------
# Barrier models
# ---------------------------------------------------------------------------------------

LOCAL_BARRIER_PREFIX = "lokaal-"


@dataclass(frozen=True)
class BarrierChange:
    """The wanted state of one barrier of a step. `barrier_key` is empty for a new local one."""

    barrier_key: str
    state: str
    owner: str = ""
    note: str = ""
    label: str = ""
    remove: bool = False
    base_revision: int = 0


def _validate_barrier(change: BarrierChange, *, is_local: bool) -> dict:
    errors = {}
    label, owner, note = change.label.strip(), change.owner.strip(), change.note.strip()
    if change.state not in BarrierState.values:
        errors["state"] = _("Kies een stand van zaken uit de lijst.")
    if is_local and not label:
        errors["label"] = _("Beschrijf de eigen barrière.")
    if len(label) > 300:
        errors["label"] = _("De omschrijving mag hoogstens 300 tekens lang zijn.")
    if len(owner) > 160:
        errors["owner"] = _("De eigenaar mag hoogstens 160 tekens lang zijn.")
    if len(note) > 500:
        errors["note"] = _("De toelichting mag hoogstens 500 tekens lang zijn.")
    if errors:
        raise ValidationError(errors)
    return {"label": label if is_local else "", "state": change.state, "owner": owner, "note": note}


def _local_key(organisation_id: int, model_code: str, step_code: str, label: str) -> str:
    base = LOCAL_BARRIER_PREFIX + (slugify(label)[:90].strip("-") or "barriere")
    taken = set(
        BarrierStatus.objects.filter(
            organisation_id=organisation_id, model_code=model_code, step_code=step_code, barrier_key__startswith=base
        ).values_list("barrier_key", flat=True)
    )
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


@transaction.atomic(durable=True)
def barrier_step_save(
    *, actor: User, model_code: str, step_code: str, changes: list[BarrierChange], note: str = ""
) -> list[BarrierStatus]:
    """Record per barrier of one step whether it is in place and who owns it.

    Only barriers that actually change get a new version. Returns the changed rows.
    """
    _require_manager(actor, BarrierStatus)
    model = barrier_models().get(model_code)
    step = model.step(step_code) if model else None
    if step is None:
        raise NotPermitted  # no such barrier model or step: answered like a row that does not exist
    organisation_id = actor.organisation_id
    national_keys = {key for key, _text in step.barriers}
    rows = {
        row.barrier_key: row
        for row in policy_for(BarrierStatus)
        .rows_for(actor, "change")
        .select_for_update()
        .filter(model_code=model_code, step_code=step_code)
    }
    changed: list[BarrierStatus] = []
    errors: list[str] = []
    for change in changes:
        is_new_local = not change.barrier_key
        row = rows.get(change.barrier_key)
        if not is_new_local and change.barrier_key not in national_keys and (row is None or not row.is_local):
            raise NotPermitted  # a barrier of another step, or another municipality's own
        require_base_revision(row, change.base_revision)
        is_local = is_new_local or (row is not None and row.is_local)
        if is_new_local and not change.label.strip():
            continue  # the empty "add your own" row
        remove = change.remove and is_local  # national barriers stay; they can be marked missing
        try:
            wanted = _validate_barrier(change, is_local=is_local)
        except ValidationError as error:
            name = change.label.strip() or dict(step.barriers).get(change.barrier_key, change.barrier_key)
            errors.extend(f"{name}: {message}" for message in error.messages)
            continue
        wanted["is_active"] = not remove
        if row is None:
            if not is_local and wanted["state"] == BarrierState.UNKNOWN and not wanted["owner"] and not wanted["note"]:
                continue  # "not assessed" needs no row
            row = BarrierStatus(
                organisation_id=organisation_id,
                model_code=model_code,
                step_code=step_code,
                barrier_key=_local_key(organisation_id, model_code, step_code, wanted["label"])
                if is_new_local
                else change.barrier_key,
            )
            action = RevisionAction.CREATE
        elif row.snapshot() == wanted:
            continue
        else:
            action = RevisionAction.WITHDRAW if row.is_active and remove else RevisionAction.UPDATE
        for name, value in wanted.items():
            setattr(row, name, value)
        append_revision(row, BarrierStatusRevision, actor=actor, action=action, note=note)
        changed.append(row)
    if errors:
        raise ValidationError(errors)
    for row in changed:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if row.revision == 1 else AuditAction.UPDATE,
            obj=row,
            reason=f"barrièremodel {model_code}/{step_code}: {row.barrier_key} versie {row.revision}",
        )
    return changed


@transaction.atomic(durable=True)
def barrier_status_restore(*, actor: User, revision: BarrierStatusRevision, base_revision: int) -> BarrierStatus:
    """Make an earlier version of one barrier's status current again, as a new version."""
    _require_manager(actor, BarrierStatus)
    revision = policy_for(BarrierStatusRevision).visible(actor).filter(pk=revision.pk).first()
    if revision is None:
        raise NotPermitted
    # The revision's policy shows only the history of rows this beheerder may change.
    status = policy_for(BarrierStatus).rows_for(actor, "change").select_for_update().get(pk=revision.status_id)
    require_base_revision(status, base_revision)
    restore_fields(status, revision, BARRIER_RESTORED_FIELDS)
    append_revision(
        status,
        BarrierStatusRevision,
        actor=actor,
        action=RevisionAction.RESTORE,
        note=_("versie %(number)s teruggezet") % {"number": revision.revision},
        restored_from=revision.revision,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=status,
        reason=f"barrièremodel {status.model_code}/{status.step_code}: versie {revision.revision} teruggezet",
    )
    return status


# ---------------------------------------------------------------------------------------
# Search words (synonyms) of the municipality
# ---------------------------------------------------------------------------------------

MAX_SYNONYM_TERM_LENGTH = 40
MAX_SYNONYM_MEANS_LENGTH = 80
#: Enough for any municipality's jargon, and keeps every search cheap.
MAX_SYNONYMS_PER_ORGANISATION = 500


def _validate_synonym(organisation_id: int, term: str, means: str) -> tuple[str, str]:
    term, means = normalise(term), normalise(means)
    errors = {}
    if not term:
        errors["term"] = _("Vul het zoekwoord in.")
    elif " " in term:
        errors["term"] = _("Het zoekwoord moet één woord zijn, zonder spaties.")
    elif len(term) < 2 or len(term) > MAX_SYNONYM_TERM_LENGTH:
        errors["term"] = _("Het zoekwoord moet 2 tot 40 tekens lang zijn.")
    if not means:
        errors["means"] = _("Vul in waar het zoekwoord voor staat.")
    elif len(means) > MAX_SYNONYM_MEANS_LENGTH:
        errors["means"] = _("De betekenis mag hoogstens 80 tekens lang zijn.")
    elif means == term:
        errors["means"] = _("De betekenis moet iets anders zijn dan het zoekwoord.")
    if errors:
        raise ValidationError(errors)
    if any(synonym.term == term and synonym.means == means for synonym in national_synonyms()):
        raise ValidationError(_("Dit zoekwoord staat al in de landelijke lijst."))
    own = SearchSynonym.objects.filter(organisation_id=organisation_id)
    if own.filter(term=term, means=means).exists():
        raise ValidationError(_("Dit zoekwoord met deze betekenis bestaat al."))
    if own.count() >= MAX_SYNONYMS_PER_ORGANISATION:
        raise ValidationError(
            _("Er zijn al %(count)s eigen zoekwoorden. Verwijder eerst zoekwoorden die niet meer nodig zijn.")
            % {"count": MAX_SYNONYMS_PER_ORGANISATION}
        )
    return term, means


@transaction.atomic(durable=True)
def search_synonym_add(*, actor: User, term: str, means: str) -> SearchSynonym:
    """Add a search word of the actor's municipality: searching `term` also finds `means`."""
    _require_manager(actor, SearchSynonym)
    # Lock the organisation's rows so two beheerders cannot add the same pair or pass the cap at once.
    list(policy_for(SearchSynonym).rows_for(actor, "change").select_for_update().values_list("pk", flat=True))
    term, means = _validate_synonym(actor.organisation_id, term, means)
    try:
        with transaction.atomic():
            synonym = SearchSynonym.objects.create(
                organisation_id=actor.organisation_id, term=term, means=means, created_by=actor
            )
    except IntegrityError as exc:  # the same pair added at the same moment
        raise ValidationError(_("Dit zoekwoord met deze betekenis bestaat al.")) from exc
    audit_record(actor=actor, action=AuditAction.CREATE, obj=synonym, reason=f"zoekwoord: {term} -> {means}")
    return synonym


@transaction.atomic(durable=True)
def search_synonym_remove(*, actor: User, synonym: SearchSynonym) -> None:
    """Remove a search word of the actor's municipality; the audit log keeps what it was."""
    _require_manager(actor, SearchSynonym)
    row = _locked_for_change(actor, SearchSynonym, pk=synonym.pk)
    if row is None:
        raise NotPermitted
    audit_record(
        actor=actor, action=AuditAction.DELETE, obj=row, reason=f"zoekwoord verwijderd: {row.term} -> {row.means}"
    )
    row.delete()
