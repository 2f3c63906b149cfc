"""What every server-side form draft shares (the intake's, an inspection's): how long a draft is
kept, how often its autosaves are audited, and which posted values may be kept at all.

Drafts are kept on the server, never in the browser's storage (desks and phones are shared), per
user, and deleted when the form is sent or BAKEN_DRAFT_DAYS after their last change. The browser
side is baken/server-draft.js: it saves a second after the last change, once more when the page
is hidden, and (where the form asks for it) holds a submit made without a connection until the
connection returns.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError

#: Autosaves are not logged one by one: one "bijgewerkt" line per this interval at most.
AUDIT_SAVE_EVERY = dt.timedelta(minutes=15)
#: The largest value of any draft field: a longer one is no form input.
MAX_VALUE_LENGTH = 10_000
#: More values for one field than any form takes is no form input either.
MAX_VALUES_PER_FIELD = 500
#: Never kept in a draft, whatever the form.
NEVER_KEPT = frozenset({"csrfmiddlewaretoken"})


def draft_max_age() -> dt.timedelta:
    return dt.timedelta(days=settings.BAKEN_DRAFT_DAYS)


def clean_form_data(
    data, field_names: Iterable[str], *, not_kept: Iterable[str] = (), too_long: str
) -> dict[str, list[str]]:
    """The form's fields out of a QueryDict (or a dict of lists): unknown names are dropped; a
    value longer than any field, or more values than any field takes, is refused whole with the
    message `too_long`."""
    cleaned: dict[str, list[str]] = {}
    for name in set(field_names) - set(not_kept) - NEVER_KEPT:
        values = data.getlist(name) if hasattr(data, "getlist") else list(data.get(name, []))
        if not values:
            continue
        if len(values) > MAX_VALUES_PER_FIELD or any(len(str(value)) > MAX_VALUE_LENGTH for value in values):
            raise ValidationError(too_long, code="too_long")
        cleaned[name] = [str(value) for value in values]
    return cleaned


def audit_due(audited_at: dt.datetime, now: dt.datetime) -> bool:
    """Whether an autosave at `now` gets its own "bijgewerkt" line in the audit log."""
    return now - audited_at >= AUDIT_SAVE_EVERY
