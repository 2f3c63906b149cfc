"""Version histories as the beheerder reads them: each version compared with the one before."""

import difflib

from django.utils.translation import gettext_lazy as _

from baken.knowledge.presenters import DiffLine, RevisionView

PAGE_FIELD_LABELS = {
    "title": _("titel"),
    "summary": _("samenvatting"),
    "section": _("onderdeel"),
    "roles": _("rollen"),
    "body": _("tekst"),
    "mode": _("soort aanpassing"),
    "is_active": _("actief"),
}


BARRIER_FIELD_LABELS = {
    "label": _("omschrijving"),
    "state": _("stand van zaken"),
    "owner": _("eigenaar"),
    "note": _("toelichting"),
    "is_active": _("actief"),
}


def _diff(before: str, after: str) -> list[DiffLine]:
    lines = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(DiffLine("gap", "…"))
        elif line.startswith("+"):
            lines.append(DiffLine("added", line[1:]))
        elif line.startswith("-"):
            lines.append(DiffLine("removed", line[1:]))
        else:
            lines.append(DiffLine("context", line[1:]))
    return lines


def revision_views(revisions: list, labels: dict, text_field: str) -> list[RevisionView]:
    """Newest first; each compared with the version before it."""
    chronological = sorted(revisions, key=lambda r: r.revision)
    views, previous = [], {}
    for revision in chronological:
        content = revision.content
        changed = [str(label) for name, label in labels.items() if previous.get(name) != content.get(name)]
        if not previous:
            changed = []
        diff = _diff(str(previous.get(text_field, "")), str(content.get(text_field, "")))
        views.append(RevisionView(revision=revision, changed_fields=changed, diff=diff))
        previous = content
    return list(reversed(views))
