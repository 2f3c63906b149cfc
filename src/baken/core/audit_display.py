"""The audit log as a privacy officer reads it: the object's reference number or name instead of
`signalling.signal 15`, Dutch labels for fields and roles, the actor's name and roles.

Core cannot import the apps above it, so objects are found through the app registry by the
label the audit row stores, and only within the reader's own organisation (or region); codes
such as role codes get their Dutch names from a vocabulary the apps register
(`register_audit_terms`, accounts registers its roles)."""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

#: Rows that are no model: what they mean.
PSEUDO_TYPES = {"core.auditlog": "auditlog"}
#: Fields that name a row, in order of preference (never free text).
NAME_FIELDS = ("reference", "username", "name", "title", "code", "slug")

_TERMS: dict[str, str] = {}


def register_audit_terms(terms: dict[str, str]) -> None:
    """Dutch names for codes that appear in audit reasons (e.g. role codes)."""
    _TERMS.update(terms)


def audit_terms() -> dict[str, str]:
    return dict(_TERMS)


@dataclass(frozen=True)
class AuditRow:
    event: object
    actor_name: str
    actor_roles: str
    type_label: str
    object_label: str
    reason: str


def _model(label: str) -> type[models.Model] | None:
    if not label or "." not in label:
        return None
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if model.__module__.startswith("baken.") else None


def type_label(label: str) -> str:
    if label in PSEUDO_TYPES:
        return PSEUDO_TYPES[label]
    model = _model(label)
    return str(model._meta.verbose_name) if model is not None else label


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def in_reach(model, user) -> Q | None:
    """Rows of `model` that belong to the reader's organisation (or region); None when the model
    has no owner to check, so that nothing of it is named."""
    organisation_id, region_id = user.organisation_id, user.region_id
    if model._meta.label_lower == "core.organisation":
        return Q(pk=organisation_id) if organisation_id else Q(region_id=region_id)
    if model is get_user_model():
        return Q(organisation_id=organisation_id) if organisation_id else Q(region_id=region_id)
    for path, regional in (
        ("organisation", "organisation__region_id"),
        ("signal__organisation", "signal__organisation__region_id"),
        ("user__organisation", "user__region_id"),
    ):
        if _has_field(model, path.split("__")[0]):
            return Q(**{f"{path}_id": organisation_id}) if organisation_id else Q(**{regional: region_id})
    return None


def _name_of(row) -> str:
    for field in NAME_FIELDS:
        value = getattr(row, field, None)
        if value:
            if field == "username":
                full = row.get_full_name() if hasattr(row, "get_full_name") else ""
                return f"{value} ({full})" if full else value
            return str(value)
    signal = getattr(row, "signal", None)
    if signal is not None and getattr(signal, "reference", ""):
        return signal.reference
    user = getattr(row, "user", None)
    if user is not None:
        return user.get_username()
    return ""


def object_names(events, user) -> dict[tuple[str, str], str]:
    """(object_type, object_id) -> the name a person understands, for the rows on one page: one
    query per object type on the page, however many rows."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.object_type and event.object_id:
            wanted[event.object_type].add(event.object_id)
    names = {}
    for label, ids in wanted.items():
        model = _model(label)
        reach = in_reach(model, user) if model is not None else None
        if reach is None:
            continue
        if isinstance(model._meta.pk, models.AutoField | models.BigAutoField):
            ids = {value for value in ids if value.isdigit() and len(value) <= 18}
        rows = model._default_manager.filter(reach, pk__in=ids)
        related = [name for name in ("signal", "user") if _has_field(model, name)]
        if related:
            rows = rows.select_related(*related)
        for row in rows:
            name = _name_of(row)
            if name:
                names[label, str(row.pk)] = name
    return names


_WORD = re.compile(r"\b[a-z][a-z_]*[a-z]\b")


def readable_reason(reason: str, label: str) -> str:
    """The reason with field names of the object's model and registered codes in Dutch."""
    if not reason:
        return ""
    model = _model(label)
    fields = {}
    if model is not None:
        fields = {
            field.name: str(field.verbose_name)
            for field in model._meta.get_fields()
            if hasattr(field, "verbose_name") and "_" in field.name
        }

    def replace(match) -> str:
        word = match.group(0)
        return str(fields.get(word) or _TERMS.get(word) or word)

    return _WORD.sub(replace, reason)


def present(events, user) -> list[AuditRow]:
    """The rows of one page, readable. Expects the actor and its groups to be loaded with the page."""
    names = object_names(events, user)
    rows = []
    for event in events:
        actor = event.actor
        if actor is not None:
            full = actor.get_full_name()
            actor_name = f"{full} ({event.actor_username})" if full else event.actor_username
            roles = ", ".join(str(_TERMS[group.name]) for group in actor.groups.all() if group.name in _TERMS)
        else:
            actor_name, roles = event.actor_username, ""
        rows.append(
            AuditRow(
                event=event,
                actor_name=actor_name,
                actor_roles=roles,
                type_label=type_label(event.object_type) if event.object_type else "",
                object_label=names.get((event.object_type, event.object_id), ""),
                reason=readable_reason(event.reason, event.object_type),
            )
        )
    return rows


def reference_query(value: str, user) -> Q:
    """Audit rows about the object with this reference number (a signal, say) or about rows that
    hang off it (its attachments, escalations), within the reader's reach; and rows whose reason
    names it."""
    query = Q(reason__icontains=value)
    for model in apps.get_models():
        if not model.__module__.startswith("baken."):
            continue
        if _has_field(model, "reference"):
            lookup = Q(reference__iexact=value)
        elif _has_field(model, "signal") and _has_field(model._meta.get_field("signal").related_model, "reference"):
            lookup = Q(signal__reference__iexact=value)
        else:
            continue
        reach = in_reach(model, user)
        if reach is None:
            continue
        ids = [str(pk) for pk in model._default_manager.filter(reach, lookup).values_list("pk", flat=True)[:500]]
        if ids:
            query |= Q(object_type=model._meta.label_lower, object_id__in=ids)
    return query


def person_query(value: str) -> Q:
    """Rows by the person: every word must match their username, first or last name."""
    query = Q()
    for word in value.split()[:5]:
        query &= (
            Q(actor_username__icontains=word)
            | Q(actor__first_name__icontains=word)
            | Q(actor__last_name__icontains=word)
        )
    return query
