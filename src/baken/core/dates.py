"""One date format in every view, list, PDF and export: "30 nov. 2026" and "30 nov. 2026, 14:05".

Dutch abbreviates months with a full stop except the short ones (mei, juni, juli), after the
Taalunie; the English interface shows "30 Nov 2026". Times are shown in the installation's
time zone (Europe/Amsterdam).
"""

import datetime

from django.utils import timezone
from django.utils.translation import pgettext_lazy

MONTHS = (
    pgettext_lazy("abbreviated month", "jan."),
    pgettext_lazy("abbreviated month", "feb."),
    pgettext_lazy("abbreviated month", "mrt."),
    pgettext_lazy("abbreviated month", "apr."),
    pgettext_lazy("abbreviated month", "mei"),
    pgettext_lazy("abbreviated month", "juni"),
    pgettext_lazy("abbreviated month", "juli"),
    pgettext_lazy("abbreviated month", "aug."),
    pgettext_lazy("abbreviated month", "sep."),
    pgettext_lazy("abbreviated month", "okt."),
    pgettext_lazy("abbreviated month", "nov."),
    pgettext_lazy("abbreviated month", "dec."),
)


def short_date(value: datetime.date | datetime.datetime | None) -> str:
    """'30 nov. 2026'; a moment is first put in the local time zone; None gives ''."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def short_datetime(value: datetime.datetime | None, *, seconds: bool = False) -> str:
    """'30 nov. 2026, 14:05' in the local time zone (with ':07' seconds when asked); None gives ''."""
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime.datetime):
        return short_date(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    clock = value.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{short_date(value)}, {clock}"


def local_days(field: str, start: datetime.date, end: datetime.date) -> dict[str, datetime.datetime]:
    """Filter keyword arguments for "`field` falls on a local day from `start` to `end`, both
    included", as a range of aware datetimes (`field__gte` midnight of `start`, `field__lt`
    midnight after `end`, in the installation's time zone). Unlike `field__date__gte`, which
    makes the database convert every row's timestamp to a date, an index on the field answers it."""
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return {f"{field}__gte": first, f"{field}__lt": after}
