"""The anonymised export of care trajectories in the shape of the Counter Trafficking Data
Collaborative's global dataset (HTCDS field names, domain brief §7.1–7.2): one line per victim,
k-anonymous with k at least the suppression threshold (11) on the quasi-identifiers (year of
registration, gender, age, citizenship).

How (full-domain generalisation, as CTDC publishes its dataset): the quasi-identifiers are
generalised for every line alike, one step at a time (citizenship to NL / EU-EEA-CH / other, then
age band to minor or adult, then gender left out), until at most a tenth of the lines sit in a
group smaller than k; those lines are dropped. The report says which step was used and how many
lines were generalised and dropped. No date, place, name or free text leaves Baken; the lines are
sorted by their values, so their order says nothing about the order of registration."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from baken.care.selectors import CtdcRecord
from baken.reporting.care_figures import nationality_group

#: CTDC's age bands (ageBroad).
AGE_BANDS = ((0, 8), (9, 17), (18, 20), (21, 23), (24, 26), (27, 29), (30, 38), (39, 47))
#: Share of the lines that may be dropped before the next generalisation step is taken [D].
MAX_DROPPED_SHARE = 0.1
UNKNOWN = "Unknown"
CITIZENSHIP_GROUPS = {"nl": "NL", "eu": "EU/EEA/CH", "other": "Other", "": UNKNOWN}
#: The generalisation steps, from none to the coarsest.
STEPS = ("none", "citizenship_group", "majority_status", "gender_removed")
EXPLOITATION_COLUMNS = ("isSexualExploit", "isForcedLabour", "isForcedCriminalActivity", "isOrganRemoval")
_EXPLOITATION = {
    "SexualExploitation": "isSexualExploit",
    "ForcedLabour": "isForcedLabour",
    "ForcedCriminalActivity": "isForcedCriminalActivity",
    "OrganRemoval": "isOrganRemoval",
}


def age_broad(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}--{high}"
    return "48+"


def majority(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    return "Minor" if age < 18 else "Adult"


def quasi_identifiers(record: CtdcRecord, step: int) -> tuple[str, str, str, str, str]:
    """(year, gender, ageBroad, majorityStatus, citizenship) after `step` generalisations; a
    generalised-away value is empty."""
    citizenship = record.citizenship or UNKNOWN
    if step >= 1:
        citizenship = CITIZENSHIP_GROUPS[nationality_group(record.citizenship)]
    band = age_broad(record.age) if step < 2 else ""
    gender = record.gender if step < 3 else ""
    return (str(record.year), gender, band, majority(record.age), citizenship)


@dataclass(frozen=True)
class AnonymisedExport:
    header: list[str]
    lines: list[list[str]]
    k: int
    step: str
    total: int
    generalised: int
    dropped: int


def anonymise(
    records: Sequence[CtdcRecord], *, k: int, control_columns: Sequence[str], recruitment_columns: Sequence[str]
) -> AnonymisedExport:
    """The records as k-anonymous lines (see the module's docstring)."""
    for step in range(len(STEPS)):
        keys = [quasi_identifiers(record, step) for record in records]
        sizes = Counter(keys)
        kept = [(record, key) for record, key in zip(records, keys, strict=True) if sizes[key] >= k]
        dropped = len(records) - len(kept)
        if dropped <= MAX_DROPPED_SHARE * len(records):
            break
    generalised = sum(1 for record, key in kept if key != quasi_identifiers(record, 0)) if step else 0

    def line(record: CtdcRecord, key: tuple) -> list[str]:
        exploitation = _EXPLOITATION.get(record.exploitation)
        return [
            *key,
            "NL",
            *("1" if column == exploitation else "0" for column in EXPLOITATION_COLUMNS),
            "1" if record.exploitation in ("", "Unknown") else "0",
            *("1" if code in record.control else "0" for code in control_columns),
            *("1" if code in record.recruitment else "0" for code in recruitment_columns),
        ]

    header = [
        "yearOfRegistration",
        "gender",
        "ageBroad",
        "majorityStatus",
        "citizenship",
        "CountryOfExploitation",
        *EXPLOITATION_COLUMNS,
        "isUnknownExploit",
        *control_columns,
        *recruitment_columns,
    ]
    return AnonymisedExport(
        header=header,
        lines=sorted(line(record, key) for record, key in kept),
        k=k,
        step=STEPS[step],
        total=len(records),
        generalised=generalised,
        dropped=dropped,
    )
