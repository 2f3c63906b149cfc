"""Loads the national indicator catalogue (indicators.toml) into the database.

Idempotent: unchanged rows stay as they are; a changed indicator gets a new revision with its
full content in IndicatorRevision. Signals keep their own snapshot, so nothing they recorded
changes.
"""

import functools
import tomllib
from pathlib import Path

from django.db import transaction

from baken.signalling.models import (
    ExploitationForm,
    IloIndicator,
    Indicator,
    IndicatorGroup,
    IndicatorRevision,
    OmCluster,
)

CATALOGUE_FILE = Path(__file__).with_name("indicators.toml")


def read_catalogue(path: Path = CATALOGUE_FILE) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def catalogue_version() -> str:
    """The version of the catalogue file shipped with this release (read once per process: the
    file changes only with a deploy, and every new signal records it)."""
    return read_catalogue()["version"] if CATALOGUE_FILE.exists() else "leeg"


def indicator_content(indicator) -> dict:
    return {
        "label": indicator.label,
        "explanation": indicator.explanation,
        "group": indicator.group.code,
        "forms": sorted(form.code for form in indicator.forms.all()),
        "critical": indicator.critical,
        "ilo": indicator.ilo_indicator.code if indicator.ilo_indicator_id else "",
        "om_cluster": indicator.om_cluster.code if indicator.om_cluster_id else "",
        "order": indicator.order,
        "active": indicator.active,
    }


@transaction.atomic
def load_catalogue(path: Path = CATALOGUE_FILE, *, actor=None) -> dict[str, int]:
    if not path.exists():
        return {"created": 0, "changed": 0}
    data = read_catalogue(path)
    forms = {}
    for row in data.get("forms", []):
        forms[row["code"]], _ = ExploitationForm.objects.update_or_create(
            code=row["code"],
            defaults={"label": row["label"], "description": row.get("description", ""), "order": row["order"]},
        )
    ilo = {}
    for row in data.get("ilo", []):
        ilo[row["code"]], _ = IloIndicator.objects.update_or_create(
            code=row["code"], defaults={"label": row["label"], "order": row["order"]}
        )
    clusters = {}
    for row in data.get("om_clusters", []):
        clusters[row["code"]], _ = OmCluster.objects.update_or_create(
            code=row["code"], defaults={"label": row["label"], "order": row["order"]}
        )
    groups = {}
    for row in data.get("groups", []):
        groups[row["code"]], _ = IndicatorGroup.objects.update_or_create(
            code=row["code"], defaults={"label": row["label"], "catalogue_list": row["list"], "order": row["order"]}
        )

    existing = {
        i.code: i
        for i in Indicator.objects.prefetch_related("forms")
        .select_related("group", "ilo_indicator", "om_cluster")
        .filter(organisation__isnull=True)
    }
    created = changed = 0
    for row in data.get("indicators", []):
        wanted = {
            "label": row["label"],
            "explanation": row["explanation"].strip(),
            "group": row["group"],
            "forms": sorted(row["forms"]),
            "critical": bool(row["critical"]),
            "ilo": row.get("ilo", ""),
            "om_cluster": row.get("om_cluster", ""),
            "order": row["order"],
            "active": row.get("active", True),
        }
        indicator = existing.get(row["code"])
        if indicator is not None and indicator_content(indicator) == wanted:
            continue
        if indicator is None:
            indicator = Indicator(code=row["code"], revision=1)
            created += 1
        else:
            indicator.revision += 1
            changed += 1
        indicator.label = wanted["label"]
        indicator.explanation = wanted["explanation"]
        indicator.group = groups[wanted["group"]]
        indicator.critical = wanted["critical"]
        indicator.ilo_indicator = ilo.get(wanted["ilo"]) if wanted["ilo"] else None
        indicator.om_cluster = clusters.get(wanted["om_cluster"]) if wanted["om_cluster"] else None
        indicator.order = wanted["order"]
        indicator.active = wanted["active"]
        indicator.save()
        indicator.forms.set([forms[code] for code in wanted["forms"]])
        IndicatorRevision.objects.create(
            indicator=indicator, revision=indicator.revision, changed_by=actor, content=wanted
        )
    return {"created": created, "changed": changed}


def load_catalogue_after_migrate(sender, **kwargs) -> None:
    if sender.label == "signalling":
        load_catalogue()
