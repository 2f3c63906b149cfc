"""The hand-over document of an escalation: exactly the fields the aandachtsfunctionaris chose."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from baken.coordination.models import SHAREABLE_FIELDS, Escalation
from baken.core.dates import short_date
from baken.partners.models import PartnerType

#: What a hand-over usually holds, per kind of partner: a starting point the aandachtsfunctionaris
#: adjusts, never a rule. Data minimisation: care partners get the person, enforcement partners
#: the place; identifying details only where a partner acts on a person.
_BASE = ["reference", "submitted_at", "observed_on", "forms", "indicators", "acute_danger", "minor_involved"]
DEFAULT_SHARED_FIELDS: dict[str, list[str]] = {
    PartnerType.POLICE: [
        *_BASE,
        "address",
        "location_description",
        "business_name",
        "people",
        "identifying_details",
        "description",
    ],
    PartnerType.KMAR: [*_BASE, "address", "location_description", "people", "identifying_details", "description"],
    PartnerType.VEILIG_THUIS: [*_BASE, "address", "people", "identifying_details", "description"],
    PartnerType.LABOUR_INSPECTORATE: [
        *_BASE,
        "address",
        "location_description",
        "business_name",
        "people",
        "description",
    ],
    PartnerType.RIEC: [*_BASE, "address", "location_description", "business_name", "neighbourhood", "description"],
    PartnerType.ZVH: [*_BASE, "address", "people", "identifying_details", "description"],
    PartnerType.CARE_COORDINATOR: [*_BASE, "people", "identifying_details", "description"],
    PartnerType.COMENSHA: [*_BASE, "people", "description"],
    PartnerType.SHELTER: [*_BASE, "people", "identifying_details"],
}


def default_shared_fields(partner_type: str) -> list[str]:
    return DEFAULT_SHARED_FIELDS.get(partner_type, list(_BASE))


def shared_values(escalation: Escalation) -> list[tuple[str, str | list[str]]]:
    """(label, value) for each chosen field, in a fixed order; nothing else of the signal. The
    indicators are a list (one line each), the rest text."""
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
        "submitted_at": short_date(signal.submitted_at),
        "observed_on": short_date(signal.observed_on),
        "forms": ", ".join(form.label for form in signal.forms.all()) or _("onbekend"),
        "indicators": [item.label for item in signal.indicators.all()] or "-",
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


def shared_rows(escalation: Escalation) -> list[dict]:
    """shared_values for templates: each row a label and either a text or a list of items."""
    return [
        {"label": label, "items": value, "text": ""}
        if isinstance(value, list)
        else {"label": label, "items": [], "text": value}
        for label, value in shared_values(escalation)
    ]
