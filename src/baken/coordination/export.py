"""The CSV export of the signals selected in the inbox: the inbox's columns, nothing more.

Safe to open in a spreadsheet: a cell that a spreadsheet would read as a formula (it starts with
`=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with an apostrophe (OWASP, CSV
injection). Semicolons and a byte-order mark, so that Dutch Excel opens it in columns, accents
intact.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from baken.coordination import presentation
from baken.signalling.models import Signal, SignalStatus

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def signals_csv(signals: Iterable[Signal]) -> str:
    """The CSV of a selection, whole."""
    return "".join(signal_csv_chunks(signals))


#: Rows written per chunk of a streamed export.
CHUNK_ROWS = 500


def signal_csv_chunks(signals: Iterable[Signal]) -> Iterator[str]:
    """The CSV in pieces of CHUNK_ROWS lines, for a response that streams it: a municipality's
    whole inbox is never held in memory (`signals` is an iterator over the rows)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Kenmerk"),
            _("Gemeld op"),
            _("Status"),
            _("Vorm(en)"),
            _("Adres of bedrijf"),
            _("Bedrijf"),
            _("Wijk"),
            _("Spoed"),
            _("Acuut gevaar"),
            _("Minderjarige"),
            _("Toegewezen aan"),
            _("Uiterlijk oppakken"),
            _("Samenvatting"),
        ]
    )
    yes, no = _("ja"), _("nee")
    statuses = {code: str(label) for code, label in SignalStatus.choices}  # translated once, not per row
    for index, signal in enumerate(signals, start=1):
        assignee = signal.assigned_to
        writer.writerow(
            safe_cell(value)
            for value in (
                signal.reference,
                timezone.localtime(signal.submitted_at).strftime("%Y-%m-%d %H:%M"),
                statuses.get(signal.status, signal.status),
                ", ".join(form.label for form in signal.forms.all()) or (_("onbekend") if signal.form_unknown else ""),
                presentation.place(signal),
                presentation.business(signal),
                signal.neighbourhood,
                yes if signal.is_urgent else no,
                yes if signal.acute_danger else no,
                yes if presentation.minor(signal) else no,
                (assignee.get_full_name() or assignee.username) if assignee else "",
                signal.triage_due_on.isoformat() if signal.triage_due_on else "",
                presentation.excerpt(signal),
            )
        )
        if index % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
