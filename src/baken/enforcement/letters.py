"""The enforcement letters (voornemen, besluit, hercontrole): a text with fields between {{ and }}
filled from the case. The standard texts are catalogue data (catalogue/letters.toml); a
municipality's functioneel beheerder may replace them (LetterTemplate, versioned). Only the
fields listed here exist: a text with another field is refused when it is saved, and nothing
in a template can reach the database or the template engine."""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.template.defaultfilters import date as format_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from baken.enforcement.catalogue.loader import catalogue
from baken.enforcement.models import LetterKind, Measure

LETTERS_FILE = Path(__file__).parent / "catalogue" / "letters.toml"
FIELD = re.compile(r"\{\{\s*([A-Za-z_]+)\s*\}\}")

#: The fields a letter may use, with what they hold (shown on the editing page).
FIELDS = {
    "zaaknummer": gettext_lazy("het zaaknummer"),
    "adres": gettext_lazy("het adres van de locatie"),
    "gemeente": gettext_lazy("de naam van de gemeente"),
    "datum": gettext_lazy("de datum van vandaag"),
    "geadresseerden": gettext_lazy("aan wie de brief is gericht"),
    "soort_aanschrijving": gettext_lazy("de soort aanschrijving"),
    "verzonden_op": gettext_lazy("de verzenddatum van het voornemen"),
    "zienswijze_uiterlijk": gettext_lazy("het einde van de zienswijzetermijn"),
    "bevinding": gettext_lazy("de bevinding waarop de maatregel rust"),
    "besluit": gettext_lazy("de soort besluit"),
    "grondslag": gettext_lazy("de wettelijke grondslag van het besluit"),
    "besluit_datum": gettext_lazy("de datum van het besluit"),
    "begunstigingstermijn": gettext_lazy("het einde van de begunstigingstermijn"),
    "dwangsom": gettext_lazy("bedrag, eenheid en maximum van de dwangsom (leeg zonder dwangsom)"),
}


@dataclass(frozen=True)
class LetterText:
    kind: str
    title: str
    body: str
    #: The municipality's version, or 0 for the standard text.
    revision: int = 0


@cache
def standard_letters() -> dict[str, LetterText]:
    with LETTERS_FILE.open("rb") as handle:
        rows = tomllib.load(handle)["letters"]
    return {row["kind"]: LetterText(row["kind"], row["title"], row["body"]) for row in rows}


def unknown_fields(text: str) -> list[str]:
    return sorted({name for name in FIELD.findall(text) if name not in FIELDS})


def available_kinds(measure: Measure) -> list[str]:
    """Which letters fit the measure so far: a besluit and a hercontrole need a decision."""
    kinds = [LetterKind.INTENT.value]
    if measure.decided_on:
        kinds.append(LetterKind.DECISION.value)
    if measure.compliance_due_on:
        kinds.append(LetterKind.RECHECK.value)
    return kinds


def _long_date(value) -> str:
    return format_date(value, "j F Y") if value else ""


def _money(value) -> str:
    number = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {number}"


def letter_values(measure: Measure, *, organisation_name: str, today) -> dict[str, str]:
    table = catalogue()
    intent = table.intent_types.get(measure.intent_type)
    decision = table.decision_types.get(measure.decision_type)
    penalty = ""
    if measure.amount_per_unit and measure.amount_maximum:
        penalty = _(
            "Voldoet u niet op tijd, dan verbeurt u een dwangsom van %(amount)s %(unit)s, "
            "tot een maximum van %(maximum)s."
        ) % {
            "amount": _money(measure.amount_per_unit),
            "unit": measure.amount_unit,
            "maximum": _money(measure.amount_maximum),
        }
    return {
        "zaaknummer": measure.case.reference,
        "adres": measure.case.location.address,
        "gemeente": organisation_name.removeprefix("Gemeente "),
        "datum": _long_date(today),
        "geadresseerden": measure.addressees,
        "soort_aanschrijving": intent.label if intent else measure.intent_type,
        "verzonden_op": _long_date(measure.sent_on),
        "zienswijze_uiterlijk": _long_date(measure.view_due_on),
        "bevinding": measure.finding.description if measure.finding_id else "",
        "besluit": decision.label if decision else "",
        "grondslag": measure.legal_basis,
        "besluit_datum": _long_date(measure.decided_on),
        "begunstigingstermijn": _long_date(measure.compliance_due_on),
        "dwangsom": penalty,
    }


def fill(text: str, values: dict[str, str]) -> str:
    return FIELD.sub(lambda match: values.get(match.group(1), match.group(0)), text)
