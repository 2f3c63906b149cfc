"""One workflow engine for every record with a lifecycle (signals, escalations, and later care
cases, enforcement cases and meetings).

Each app declares its lifecycle as data: a `Workflow` with its states, its initial states and
the allowed transitions (some only for the system, some needing a reason). The engine is the
only code that changes a status: `record_start` and `record_transition` check the edge, write the
status, append a row to the record's history table and a line to the audit log, in the caller's
transaction. Who may ask for a transition is the caller's access policy's business, not the
engine's.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from baken.core.models import AuditAction
from baken.core.services import audit_record


@dataclass(frozen=True)
class State:
    code: str
    #: An open record still needs work; a closed one is finished.
    open: bool = True
    #: A record may be created in this state (by a user, or with system=True by the system).
    initial: bool = False
    system_initial: bool = False


@dataclass(frozen=True)
class Transition:
    code: str
    label: str
    source: str
    target: str
    system_only: bool = False
    reason_required: bool = False


class Workflow:
    """The lifecycle of one model: `history_model` has a foreign key `history_fk` to it and the
    fields from_status, to_status, actor and reason."""

    def __init__(
        self,
        *,
        model: type[models.Model],
        history_model: type[models.Model],
        history_fk: str,
        states: Iterable[State],
        transitions: Iterable[Transition],
        status_field: str = "status",
        left_at: dict[str, str] | None = None,
        entered_at: dict[str, str] | None = None,
    ):
        """`left_at` and `entered_at` name fields of the model that keep the moment of a step
        (status code → field): when the record first left that status, and when it last entered
        it. Copies of the history's own times, so that figures over many records read them from
        the record instead of aggregating the history."""
        self.model = model
        self.history_model = history_model
        self.history_fk = history_fk
        self.status_field = status_field
        self.states = {state.code: state for state in states}
        self.transitions = tuple(transitions)
        self.left_at = dict(left_at or {})
        self.entered_at = dict(entered_at or {})
        self._by_edge = {(t.source, t.target, t.system_only): t for t in self.transitions}
        unknown = {code for t in self.transitions for code in (t.source, t.target)} | set(self.left_at)
        unknown = (unknown | set(self.entered_at)) - set(self.states)
        if unknown:
            raise ValueError(f"{model.__name__} workflow names unknown states: {sorted(unknown)}")
        if len(self._by_edge) != len(self.transitions):
            raise ValueError(f"{model.__name__} workflow has an edge twice")

    # --- questions about the table ---------------------------------------------------------

    def find(self, source: str, target: str, *, system: bool = False) -> Transition | None:
        """The transition a user (or, with system=True, the system) may make, or None."""
        return self._by_edge.get((source, target, system))

    def require(self, source: str, target: str, *, system: bool = False) -> Transition:
        """The transition from `source` to `target`, or a Dutch ValidationError saying it is none."""
        transition = self.find(source, target, system=system)
        if transition is None:
            raise ValidationError(
                _("Van '%(source)s' naar '%(target)s' is geen toegestane stap.")
                % {"source": self.label(source), "target": self.label(target)}
            )
        return transition

    def user_transitions_from(self, source: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == source and not t.system_only]

    def initial_states(self, *, system: bool = False) -> list[str]:
        return [s.code for s in self.states.values() if (s.system_initial if system else s.initial)]

    def is_open(self, status: str) -> bool:
        return self.states[status].open

    def label(self, status: str) -> str:
        return str(dict(self.model._meta.get_field(self.status_field).flatchoices).get(status, status))

    # --- the only writes of a status -------------------------------------------------------

    def record_start(self, obj: models.Model, *, actor, reason: str = "", system: bool = False) -> models.Model:
        """Append the first history row of a record just saved in its initial status."""
        status = getattr(obj, self.status_field)
        if status not in self.initial_states(system=system):
            raise ValidationError({self.status_field: _("Een nieuw dossier kan niet in deze status beginnen.")})
        # The service that creates the record writes its audit line ("created"), so none here.
        return self._append(obj, "", status, actor, reason, audit=False)

    def record_transition(
        self,
        obj: models.Model,
        target: str,
        *,
        actor,
        reason: str = "",
        system: bool = False,
        changes: dict | None = None,
        audit: bool = True,
    ) -> Transition:
        """Move `obj` (already locked by the caller) to `target` along an allowed edge, with the
        other field `changes` that belong to the step; append history and audit. With
        audit=False the caller writes the step's one audit line itself, with what the engine does
        not know (the case it belongs to, the organisation whose privacy officer reads it)."""
        source = getattr(obj, self.status_field)
        transition = self.require(source, target, system=system)
        reason = reason.strip()
        if transition.reason_required and not reason:
            raise ValidationError({"reason": _("Geef een reden voor deze stap.")})
        setattr(obj, self.status_field, target)
        for field, value in (changes or {}).items():
            setattr(obj, field, value)
        row = self._append(obj, source, target, actor, reason, audit=audit)
        stamped = self._stamp(obj, source, target, row.changed_at)
        obj.save(update_fields=[self.status_field, *(changes or {}), *stamped])
        return transition

    def _stamp(self, obj, source: str, target: str, moment) -> list[str]:
        """Set the moment fields that this step fills; return their names."""
        stamped = []
        field = self.left_at.get(source)
        if field and getattr(obj, field) is None:
            setattr(obj, field, moment)
            stamped.append(field)
        field = self.entered_at.get(target)
        if field:
            setattr(obj, field, moment)
            stamped.append(field)
        return stamped

    def _append(self, obj, source: str, target: str, actor, reason: str, *, audit: bool = True):
        row = self.history_model.objects.create(
            **{self.history_fk: obj}, from_status=source, to_status=target, actor=actor, reason=reason
        )
        if audit:
            audit_record(actor=actor, action=AuditAction.UPDATE, obj=obj, reason=f"status: {source} → {target}")
        return row
