"""What Baken itself holds as evidence beside a building block of the Kader: figures from the
apps that own them, read through their selectors (and so their access policies) as counts,
never rows. The block's `evidence` keys in kader.toml say which; the user still decides the
status.

Case data (signals picked up in time, trajectories, inspections and measures) does not come from
here: Beleid & regie may not read it. The reporting app, which may, registers those sources at
start-up (`register_source`, reporting/kader_evidence.py) and answers with the same suppressed
figures its dashboards show."""

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from baken.accounts.selectors import active_role_holders
from baken.core.dates import short_date
from baken.partners.selectors import acute_contacts, handover_partners
from baken.policy import selectors as policy
from baken.policy.catalogue.loader import kader
from baken.prevention import selectors as prevention

#: A source: the lines for one user (of a municipality) and the assessment's year.
Source = Callable[[object, int], list[str]]


def _training(user, year: int) -> list[str]:
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


def _refreshers(user, year: int) -> list[str]:
    rows = prevention.capacity_by_department(user=user, today=timezone.localdate())
    overdue = sum(row.overdue for row in rows)
    due_soon = sum(row.due_soon for row in rows)
    return [
        _("Preventie: %(overdue)s deelnemers met een verlopen opfriscursus, %(soon)s binnenkort.")
        % {"overdue": overdue, "soon": due_soon}
    ]


def _meldroute(user, year: int) -> list[str]:
    acute = acute_contacts(user=user).count()
    return [
        ngettext(
            "Partners: %(n)s contact in de acute meldroute.", "Partners: %(n)s contacten in de acute meldroute.", acute
        )
        % {"n": acute}
    ]


def _partners(user, year: int) -> list[str]:
    count = handover_partners(user=user).count()
    return [
        ngettext(
            "Partners: %(n)s partner om meldingen aan door te zetten.",
            "Partners: %(n)s partners om meldingen aan door te zetten.",
            count,
        )
        % {"n": count}
    ]


def _officers(user, year: int) -> list[str]:
    count = active_role_holders(organisation_id=user.organisation_id, role_code="aandachtsfunctionaris")
    if not count:
        return [_("Accounts: er is geen actief account met de rol aandachtsfunctionaris.")]
    return [
        ngettext(
            "Accounts: %(n)s actief account met de rol aandachtsfunctionaris.",
            "Accounts: %(n)s actieve accounts met de rol aandachtsfunctionaris.",
            count,
        )
        % {"n": count}
    ]


def _action_plan(user, year: int) -> list[str]:
    plans = list(policy.plans(user=user).filter(first_year__lte=year, last_year__gte=year))
    if not plans:
        return [_("Beleid & regie: geen uitvoeringsplan dat %(year)s omvat.") % {"year": year}]
    lines = []
    for plan in plans:
        values = {"title": plan.title, "first": plan.first_year, "last": plan.last_year}
        if plan.adopted_on:
            text = _("Beleid & regie: uitvoeringsplan “%(title)s” (%(first)s–%(last)s), vastgesteld op %(day)s.")
            lines.append(text % (values | {"day": short_date(plan.adopted_on)}))
        else:
            lines.append(
                _("Beleid & regie: uitvoeringsplan “%(title)s” (%(first)s–%(last)s), nog niet vastgesteld.") % values
            )
    return lines


def _risk_picture(user, year: int) -> list[str]:
    picture = policy.risk_pictures(user=user).filter(year=year).first()
    if picture is None:
        return [_("Beleid & regie: nog geen lokaal risicobeeld voor %(year)s.") % {"year": year}]
    summary = policy.risk_summary(user=user, picture=picture)
    assessed = len(summary.rows) - summary.open_count
    return [
        _("Beleid & regie: lokaal risicobeeld %(year)s, %(assessed)s van %(forms)s vormen ingeschat.")
        % {"year": year, "assessed": assessed, "forms": len(summary.rows)}
    ]


SOURCES: dict[str, Source] = {
    "action_plan": _action_plan,
    "risk_picture": _risk_picture,
    "aandachtsfunctionaris": _officers,
    "training": _training,
    "refreshers": _refreshers,
    "meldroute": _meldroute,
    "partners": _partners,
}


def register_source(key: str, source: Source) -> None:
    """Add a source of an app above this one (reporting's case figures); a key is taken once."""
    if SOURCES.get(key, source) is not source:
        raise ValueError(f"Kader evidence source {key!r} is already registered.")
    SOURCES[key] = source


def evidence_for(*, user, block_code: str, year: int) -> list[str]:
    """The lines Baken shows beside one block for an assessment of `year`, from the user's own
    municipality; empty when it holds nothing, or for an account without a municipality."""
    block = kader().block(block_code)
    if block is None or not user.organisation_id:
        return []
    return [line for key in block.evidence for line in SOURCES[key](user, year)]
