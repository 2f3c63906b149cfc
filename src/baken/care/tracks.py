"""The legal track and income and insurance of a victim, each a small lifecycle of its own
(domain-care-enforcement-policy.md §1.2, §1.4, §1.5), as data for the engine in core.workflow:

    bedenktijd        aangeboden → lopend → beëindigd; aangeboden | lopend → afgezien (reason)
    aangifte          in overweging → aangifte gedaan | andere medewerking | vrijgesteld (reason) | afgezien (reason)
    B8/3 vergunning   aangevraagd (or: as a Dublin claimant) → verleend → verlengd (→ verlengd) →
                      beëindigd (reason); aangevraagd → afgewezen (reason)
    voortgezet verblijf  aangevraagd → verleend | afgewezen (reason)
    strafzaak         opsporing → sepot | zitting → veroordeling | vrijspraak (as a partner reports it);
                      a conviction makes continued stay possible at once (alongside the three-year wait)
    Rvb               recht ontstaan → aangevraagd → toegekend → beëindigd; aangevraagd → afgewezen (reason)
    Participatiewet   aangevraagd → toegekend → beëindigd; aangevraagd → afgewezen (reason)
    zorgverzekering   aangevraagd → verzekerd → beëindigd; aangevraagd → afgewezen (reason)

Each state may say what entering it does to the deadlines on the timeline: open a catalogue
deadline from the step's date, move it to the step's "valid until" date, or close it. The terms
themselves (three months, two weeks, eight weeks ahead) live in the catalogue (care.toml).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from baken.care.models import CareTrack, CareTrackChange
from baken.care.models import TrackKind as K
from baken.care.models import TrackStatus as S
from baken.core.workflow import State, Transition, Workflow

OPEN, MOVE, CLOSE = "open", "move", "close"
REQUIRED, OPTIONAL = "required", "optional"
LEGAL, INCOME = "juridisch", "inkomen"


@dataclass(frozen=True)
class DeadlineEffect:
    #: A deadline code of the catalogue (care.toml [[deadlines]]).
    deadline: str
    #: OPEN: start it from the step's date, its end computed by the rule; MOVE: set its end to
    #: the step's "valid until" (opening it when none runs); CLOSE: mark it done on the step's date.
    effect: str
    #: OPEN only: a "valid until" given with the step ends it earlier than the rule (never later).
    until: bool = False


@dataclass(frozen=True)
class TrackSpec:
    kind: str
    group: str
    workflow: Workflow
    #: state -> what entering it does to the timeline's deadlines
    effects: dict[str, tuple[DeadlineEffect, ...]] = field(default_factory=dict)
    #: state -> whether a "valid until" date is REQUIRED or OPTIONAL on entering it (else refused)
    valid_until: dict[str, str] = field(default_factory=dict)
    #: states that are a decision: entering one records the decision date
    decisions: frozenset[str] = frozenset()
    #: what the free-text detail means for this kind (a label for the form and the page)
    detail_label: str = ""


def _workflow(states, transitions) -> Workflow:
    return Workflow(
        model=CareTrack, history_model=CareTrackChange, history_fk="track", states=states, transitions=transitions
    )


def _step(code, label, source, target, *, reason=False) -> Transition:
    return Transition(code, label, source, target, reason_required=reason)


SPECS: dict[str, TrackSpec] = {
    K.REFLECTION: TrackSpec(
        kind=K.REFLECTION,
        group=LEGAL,
        workflow=_workflow(
            (
                State(S.OFFERED, initial=True),
                State(S.RUNNING, initial=True),
                State(S.DECLINED, open=False),
                State(S.ENDED, open=False),
            ),
            (
                _step("accept", _("Geaccepteerd: bedenktijd loopt"), S.OFFERED, S.RUNNING),
                _step("decline", _("Afgezien van bedenktijd"), S.OFFERED, S.DECLINED, reason=True),
                _step("decline_running", _("Voortijdig afgezien"), S.RUNNING, S.DECLINED, reason=True),
                _step("end", _("Bedenktijd beëindigd"), S.RUNNING, S.ENDED),
            ),
        ),
        effects={
            S.RUNNING: (DeadlineEffect("bedenktijd", OPEN, until=True),),
            S.DECLINED: (DeadlineEffect("bedenktijd", CLOSE),),
            S.ENDED: (DeadlineEffect("bedenktijd", CLOSE),),
        },
        valid_until={S.RUNNING: OPTIONAL},
        detail_label=_("Aangeboden door (politie-eenheid of KMar)"),
    ),
    K.COOPERATION: TrackSpec(
        kind=K.COOPERATION,
        group=LEGAL,
        workflow=_workflow(
            (
                State(S.CONSIDERING, initial=True),
                State(S.REPORTED, initial=True, open=False),
                State(S.COOPERATING, initial=True, open=False),
                State(S.EXEMPT, open=False),
                State(S.DECLINED, open=False),
            ),
            (
                _step("report", _("Aangifte gedaan"), S.CONSIDERING, S.REPORTED),
                _step("cooperate", _("Andere medewerking"), S.CONSIDERING, S.COOPERATING),
                _step("exempt", _("Vrijgesteld"), S.CONSIDERING, S.EXEMPT, reason=True),
                _step("decline", _("Geen aangifte"), S.CONSIDERING, S.DECLINED, reason=True),
            ),
        ),
        detail_label=_("Politie-eenheid of KMar, of de grond van de vrijstelling"),
    ),
    K.PERMIT: TrackSpec(
        kind=K.PERMIT,
        group=LEGAL,
        workflow=_workflow(
            (
                State(S.APPLIED, initial=True),
                State(S.APPLIED_DUBLIN, initial=True),
                State(S.GRANTED, initial=True),
                State(S.EXTENDED),
                State(S.REFUSED, open=False),
                State(S.ENDED, open=False),
            ),
            (
                _step("grant", _("Verleend door de IND"), S.APPLIED, S.GRANTED),
                _step("refuse", _("Afgewezen door de IND"), S.APPLIED, S.REFUSED, reason=True),
                _step("grant_dublin", _("Verleend door de IND"), S.APPLIED_DUBLIN, S.GRANTED),
                _step("refuse_dublin", _("Afgewezen door de IND"), S.APPLIED_DUBLIN, S.REFUSED, reason=True),
                _step("extend", _("Verlengd"), S.GRANTED, S.EXTENDED),
                _step("extend_again", _("Opnieuw verlengd"), S.EXTENDED, S.EXTENDED),
                _step("end", _("Beëindigd (onderzoek of vervolging afgerond, sepot)"), S.GRANTED, S.ENDED, reason=True),
                _step(
                    "end_extended",
                    _("Beëindigd (onderzoek of vervolging afgerond, sepot)"),
                    S.EXTENDED,
                    S.ENDED,
                    reason=True,
                ),
            ),
        ),
        effects={
            # A Dublin claimant: the aangifte is assessed within the catalogue's working weeks.
            S.APPLIED_DUBLIN: (DeadlineEffect("dublin_beoordeling", OPEN),),
            S.GRANTED: (
                DeadlineEffect("b8_vergunning", MOVE),
                DeadlineEffect("voortgezet_verblijf", OPEN),
                DeadlineEffect("dublin_beoordeling", CLOSE),
            ),
            S.REFUSED: (DeadlineEffect("dublin_beoordeling", CLOSE),),
            S.EXTENDED: (DeadlineEffect("b8_vergunning", MOVE),),
            S.ENDED: (DeadlineEffect("b8_vergunning", CLOSE), DeadlineEffect("voortgezet_verblijf", CLOSE)),
        },
        valid_until={S.GRANTED: REQUIRED, S.EXTENDED: REQUIRED},
        decisions=frozenset({S.GRANTED, S.EXTENDED, S.REFUSED}),
        detail_label=_("Toelichting"),
    ),
    K.CONTINUED_STAY: TrackSpec(
        kind=K.CONTINUED_STAY,
        group=LEGAL,
        workflow=_workflow(
            (State(S.APPLIED, initial=True), State(S.GRANTED, open=False), State(S.REFUSED, open=False)),
            (
                _step("grant", _("Verleend door de IND"), S.APPLIED, S.GRANTED),
                _step("refuse", _("Afgewezen door de IND"), S.APPLIED, S.REFUSED, reason=True),
            ),
        ),
        # Applying ends the wait for eligibility (three years after the B8/3 grant, or a conviction).
        effects={
            S.APPLIED: (
                DeadlineEffect("voortgezet_verblijf", CLOSE),
                DeadlineEffect("voortgezet_verblijf_veroordeling", CLOSE),
            )
        },
        decisions=frozenset({S.GRANTED, S.REFUSED}),
        detail_label=_("Grond: na een veroordeling, of na drie jaar met de B8/3-vergunning"),
    ),
    K.PROSECUTION: TrackSpec(
        kind=K.PROSECUTION,
        group=LEGAL,
        workflow=_workflow(
            (
                State(S.INVESTIGATION, initial=True),
                State(S.TRIAL, initial=True),
                State(S.DISMISSED, open=False),
                State(S.CONVICTED, open=False),
                State(S.ACQUITTED, open=False),
            ),
            (
                _step("dismiss", _("Geseponeerd"), S.INVESTIGATION, S.DISMISSED),
                _step("trial", _("Zaak bij de rechter"), S.INVESTIGATION, S.TRIAL),
                _step("convict", _("Veroordeling"), S.TRIAL, S.CONVICTED),
                _step("acquit", _("Vrijspraak"), S.TRIAL, S.ACQUITTED),
            ),
        ),
        # A conviction: continued stay may be applied for from that day (care.toml); the permit's
        # three-year wait keeps running beside it, and applying ends both.
        effects={S.CONVICTED: (DeadlineEffect("voortgezet_verblijf_veroordeling", OPEN),)},
        decisions=frozenset({S.DISMISSED, S.CONVICTED, S.ACQUITTED}),
        detail_label=_("Gemeld door (bijvoorbeeld politie, OM of advocaat)"),
    ),
    K.RVB: TrackSpec(
        kind=K.RVB,
        group=INCOME,
        workflow=_workflow(
            (
                State(S.ENTITLED, initial=True),
                State(S.APPLIED, initial=True),
                State(S.AWARDED),
                State(S.REFUSED, open=False),
                State(S.ENDED, open=False),
            ),
            (
                _step("apply", _("Aangevraagd bij het COA"), S.ENTITLED, S.APPLIED),
                _step("award", _("Toegekend"), S.APPLIED, S.AWARDED),
                _step("refuse", _("Afgewezen"), S.APPLIED, S.REFUSED, reason=True),
                _step("end", _("Beëindigd"), S.AWARDED, S.ENDED, reason=True),
            ),
        ),
        # The right arises (bedenktijd, aangifte): apply within the catalogue's term.
        effects={
            S.ENTITLED: (DeadlineEffect("rvb_aanvraag", OPEN),),
            S.APPLIED: (DeadlineEffect("rvb_aanvraag", CLOSE),),
        },
        decisions=frozenset({S.AWARDED, S.REFUSED}),
        detail_label=_("Toelichting (bijvoorbeeld het bedrag per maand)"),
    ),
    K.BENEFIT: TrackSpec(
        kind=K.BENEFIT,
        group=INCOME,
        workflow=_workflow(
            (
                State(S.APPLIED, initial=True),
                State(S.AWARDED),
                State(S.REFUSED, open=False),
                State(S.ENDED, open=False),
            ),
            (
                _step("award", _("Toegekend"), S.APPLIED, S.AWARDED),
                _step("refuse", _("Afgewezen"), S.APPLIED, S.REFUSED, reason=True),
                _step("end", _("Beëindigd"), S.AWARDED, S.ENDED, reason=True),
            ),
        ),
        effects={
            S.APPLIED: (DeadlineEffect("participatiewet_besluit", OPEN),),
            S.AWARDED: (DeadlineEffect("participatiewet_besluit", CLOSE),),
            S.REFUSED: (DeadlineEffect("participatiewet_besluit", CLOSE),),
        },
        decisions=frozenset({S.AWARDED, S.REFUSED}),
        detail_label=_("Gemeente en toelichting"),
    ),
    K.INSURANCE: TrackSpec(
        kind=K.INSURANCE,
        group=INCOME,
        workflow=_workflow(
            (
                State(S.APPLIED, initial=True),
                State(S.INSURED, initial=True),
                State(S.REFUSED, open=False),
                State(S.ENDED, open=False),
            ),
            (
                _step("insure", _("Verzekerd"), S.APPLIED, S.INSURED),
                _step("refuse", _("Afgewezen"), S.APPLIED, S.REFUSED, reason=True),
                _step("end", _("Beëindigd"), S.INSURED, S.ENDED, reason=True),
            ),
        ),
        decisions=frozenset({S.INSURED, S.REFUSED}),
        detail_label=_("Verzekeraar of regeling (bijvoorbeeld via de Rvb)"),
    ),
}


def track_deadlines() -> frozenset[str]:
    """The catalogue deadlines that a track's steps put on the timeline: recorded through the
    track, never as a free procedure."""
    return frozenset(effect.deadline for spec in SPECS.values() for rows in spec.effects.values() for effect in rows)


#: The planned end of a stay in shelter is kept on its placement (and reminded of from there),
#: never entered as a free procedure.
SHELTER_END = "opvang_einde"


def recorded_elsewhere() -> frozenset[str]:
    """The catalogue deadlines that the free "procedure" form refuses: those a track's steps put
    on the timeline, and the planned end of a shelter stay (its placement)."""
    return track_deadlines() | {SHELTER_END}


#: Waits for eligibility that do not open again once what they wait for was applied for or
#: granted: a conviction reported after the continued-stay application leaves the timeline alone
#: (a refusal does not count: a new ground may be a reason to apply again).
ELIGIBILITY_SETTLED_BY: dict[str, tuple[str, frozenset[str]]] = {
    "voortgezet_verblijf": (K.CONTINUED_STAY, frozenset({S.APPLIED, S.GRANTED})),
    "voortgezet_verblijf_veroordeling": (K.CONTINUED_STAY, frozenset({S.APPLIED, S.GRANTED})),
}


def spec_for(kind: str) -> TrackSpec:
    return SPECS[kind]


def start_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """What a user can put on the case: each kind in each of its initial states, grouped (legal;
    income and insurance), as "kind:state" codes."""
    labels = dict(S.choices)
    groups = {LEGAL: [], INCOME: []}
    for spec in SPECS.values():
        for state in spec.workflow.initial_states():
            groups[spec.group].append((f"{spec.kind}:{state}", f"{K(spec.kind).label} — {labels[state]}"))
    return [(_("Juridisch spoor"), groups[LEGAL]), (_("Inkomen en verzekering"), groups[INCOME])]
