"""The hand-over document of an escalation: exactly the fields the aandachtsfunctionaris chose."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from baken.coordination.models import SHAREABLE_FIELDS, Escalation


def shared_values(escalation: Escalation) -> list[tuple[str, str]]:
    """(label, value) for each chosen field, in a fixed order; nothing else of the signal."""
    signal = escalation.signal
    people = ", ".join(
        part
        for part in (
            ngettext("%(count)d persoon", "%(count)d personen", signal.people_count) % {"count": signal.people_count}
            if signal.people_count
            else "",
            signal.get_estimated_age_display() if signal.estimated_age else "",
            signal.get_sex_display() if signal.sex else "",
            signal.languages,
        )
        if part
    )
    address = " ".join(p for p in (signal.street, signal.house_number, signal.postcode, signal.city) if p)
    values = {
        "reference": signal.reference,
        "submitted_at": date_format(signal.submitted_at, "j F Y"),
        "observed_on": date_format(signal.observed_on, "j F Y"),
        "forms": ", ".join(form.label for form in signal.forms.all()) or _("onbekend"),
        "indicators": "; ".join(item.label for item in signal.indicators.all()) or "-",
        "acute_danger": _("ja") if signal.acute_danger else _("nee"),
        "minor_involved": signal.get_minor_involved_display(),
        "address": address or "-",
        "location_description": signal.location_description or "-",
        "business_name": signal.business_name or "-",
        "neighbourhood": signal.neighbourhood or "-",
        "people": people or "-",
        "identifying_details": signal.identifying_details or "-",
        "description": signal.description,
    }
    return [(str(SHAREABLE_FIELDS[name]), values[name]) for name in escalation.shared_fields if name in values]
