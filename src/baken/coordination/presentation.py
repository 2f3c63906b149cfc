"""How a signal is named in lists: where it was (address, else business, else the place as
described) and a one-line excerpt. Shared by the inbox, the link lookup and the CSV export."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import Truncator

from baken.signalling.models import MinorInvolved, Signal

EXCERPT_LENGTH = 90


def place(signal: Signal) -> str:
    """`Havenstraat 4, Voorbeeld`, else `9901 AB 4`, else the business, else the description
    of the location; empty when the reporter gave none."""
    if signal.street:
        address = " ".join(part for part in (signal.street, signal.house_number) if part)
        return f"{address}, {signal.city}" if signal.city else address
    if signal.postcode:
        return " ".join(part for part in (signal.postcode, signal.house_number) if part)
    return signal.business_name or signal.location_description


def business(signal: Signal) -> str:
    """The business, when the place shown is an address (so that both appear)."""
    return signal.business_name if (signal.street or signal.postcode) else ""


def excerpt(signal: Signal) -> str:
    """The narrative on one line, cut at a word."""
    return Truncator(" ".join(signal.description.split())).chars(EXCERPT_LENGTH)


def minor(signal: Signal) -> bool:
    return signal.minor_involved == MinorInvolved.YES


@dataclass(frozen=True)
class InboxRow:
    """One line of the inbox, worked out once in Python: the template only prints it (a row has
    ten cells; filters and lookups per cell made the rows most of the page's rendering time)."""

    signal: Signal
    url: str
    place: str
    business: str
    forms: str
    minor: bool
    overdue: bool
    assignee: str
    excerpt: str


def inbox_rows(signals) -> list[InboxRow]:
    rows = []
    for signal in signals:
        assignee = signal.assigned_to
        rows.append(
            InboxRow(
                signal=signal,
                url=reverse("coordination:signal", args=[signal.pk]),
                place=place(signal),
                business=business(signal),
                forms=", ".join(str(form.label) for form in signal.forms.all()),
                minor=minor(signal),
                overdue=signal.triage_overdue,
                assignee=(assignee.get_full_name() or assignee.username) if assignee else "",
                excerpt=excerpt(signal),
            )
        )
    return rows
