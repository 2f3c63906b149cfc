"""What Baken itself holds as evidence beside a building block of the Kader: figures from the
apps that own them, read through their selectors (and so their access policies) as counts,
never rows. The block's `evidence` key in kader.toml says which; the user still decides the
status. Case data (signals triaged in time, trajectories, inspections) will come from the
suppressed aggregates of the reporting app, not from here."""

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from baken.partners.selectors import acute_contacts, handover_partners
from baken.policy.catalogue.loader import kader
from baken.prevention import selectors as prevention


def _training(user) -> list[str]:
    summary = prevention.capacity_summary(user=user, today=timezone.localdate())
    if not summary.staff:
        return [_("Preventie: nog geen aantallen medewerkers per afdeling ingevuld.")]
    return [
        _("Preventie: %(trained)s van %(staff)s medewerkers getraind (%(share)s%%) in %(departments)s afdelingen.")
        % {
            "trained": summary.trained,
            "staff": summary.staff,
            "share": summary.share,
            "departments": summary.departments_counted,
        }
    ]


def _refreshers(user) -> list[str]:
    rows = prevention.capacity_by_department(user=user, today=timezone.localdate())
    overdue = sum(row.overdue for row in rows)
    due_soon = sum(row.due_soon for row in rows)
    return [
        _("Preventie: %(overdue)s deelnemers met een verlopen opfriscursus, %(soon)s binnenkort.")
        % {"overdue": overdue, "soon": due_soon}
    ]


def _meldroute(user) -> list[str]:
    acute = acute_contacts(user=user).count()
    return [
        ngettext(
            "Partners: %(n)s contact in de acute meldroute.", "Partners: %(n)s contacten in de acute meldroute.", acute
        )
        % {"n": acute}
    ]


def _partners(user) -> list[str]:
    count = handover_partners(user=user).count()
    return [
        ngettext(
            "Partners: %(n)s partner om signalen aan door te zetten.",
            "Partners: %(n)s partners om signalen aan door te zetten.",
            count,
        )
        % {"n": count}
    ]


SOURCES: dict[str, Callable[[object], list[str]]] = {
    "training": _training,
    "refreshers": _refreshers,
    "meldroute": _meldroute,
    "partners": _partners,
}


def evidence_for(*, user, block_code: str) -> list[str]:
    """The lines Baken shows beside one block, for this user; empty when it holds nothing."""
    block = kader().block(block_code)
    source = SOURCES.get(block.evidence) if block else None
    return source(user) if source else []
