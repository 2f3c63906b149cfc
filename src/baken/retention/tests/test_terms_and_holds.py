"""A municipality's own terms stay within the catalogue's legal bounds (Dutch error, nothing
saved); legal holds need a reason, a record of the own municipality and a manager; the catalogue
file is checked when it is read."""

import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.retention.catalogue.loader import add_months, catalogue, parse
from baken.retention.models import LegalHold, RetentionOverride, RetentionOverrideRevision
from baken.retention.services import legal_hold_lift, legal_hold_place, retention_term_set

from .conftest import LONG_AGO


def test_an_out_of_bounds_term_is_refused_in_dutch(beheerder):
    with pytest.raises(ValidationError) as error:
        retention_term_set(actor=beheerder, record_type="care_case", term=120, note="Korter")
    assert error.value.messages == ["De bewaartermijn voor zorgtraject moet tussen 180 maanden en 240 maanden liggen."]
    with pytest.raises(ValidationError) as error:
        retention_term_set(actor=beheerder, record_type="intake_draft", term=31, note="Langer")
    assert "tussen 1 dagen en 30 dagen" in error.value.messages[0]
    assert not RetentionOverride.objects.exists()


def test_a_term_needs_a_known_purged_kind_and_a_note(beheerder):
    for code in ("attachment", "onbekend"):
        with pytest.raises(ValidationError, match="geen bewaartermijn"):
            retention_term_set(actor=beheerder, record_type=code, term=12, note="x")
    with pytest.raises(ValidationError, match="hele installatie"):  # test_audit_purge.py
        retention_term_set(actor=beheerder, record_type="audit_log", term=72, note="x")
    with pytest.raises(ValidationError, match="toelichting"):
        retention_term_set(actor=beheerder, record_type="signal_closed", term=12, note="  ")
    assert not RetentionOverride.objects.exists()


def test_a_term_within_bounds_is_versioned_and_audited(beheerder):
    first = retention_term_set(actor=beheerder, record_type="meeting", term=24, note="Convenant ZVH")
    second = retention_term_set(actor=beheerder, record_type="meeting", term=36, note="Nieuw convenant")
    assert first.pk == second.pk and second.term == 36 and second.revision == 2
    assert str(second) == "meeting: 36"
    revisions = RetentionOverrideRevision.objects.filter(override=second).order_by("revision")
    assert [(r.action, r.content["term"]) for r in revisions] == [("aangemaakt", 24), ("gewijzigd", 36)]
    assert list(
        AuditEvent.objects.filter(object_type="retention.retentionoverride").values_list("action", flat=True)
    ) == ["update", "create"]


def test_only_a_manager_sets_terms_and_holds(make_user, voorbeeld, triager, closed_signal, beheerder):
    signal = closed_signal(LONG_AGO)
    for actor in (triager, make_user("functioneel_beheerder", None, username="zonder")):
        with pytest.raises(NotPermitted):
            retention_term_set(actor=actor, record_type="meeting", term=24, note="x")
        with pytest.raises(NotPermitted):
            legal_hold_place(actor=actor, record_type="signal_closed", object_id=signal.pk, reason="x")
    hold = legal_hold_place(actor=beheerder, record_type="signal_closed", object_id=signal.pk, reason="Rechtszaak")
    with pytest.raises(NotPermitted):
        legal_hold_lift(actor=triager, hold=hold, reason="x")


def test_a_hold_needs_a_reason_and_a_record_of_the_own_municipality(beheerder, beheerder_zuiderhaven, closed_signal):
    signal = closed_signal(LONG_AGO)
    with pytest.raises(ValidationError, match="reden"):
        legal_hold_place(actor=beheerder, record_type="signal_closed", object_id=signal.pk, reason=" ")
    with pytest.raises(ValidationError, match="bestaat niet"):
        legal_hold_place(actor=beheerder_zuiderhaven, record_type="signal_closed", object_id=signal.pk, reason="x")
    with pytest.raises(ValidationError, match="bestaat niet"):
        legal_hold_place(actor=beheerder, record_type="signal_closed", object_id=signal.pk + 999, reason="x")
    with pytest.raises(ValidationError, match="geen bewaarplicht per regel"):
        legal_hold_place(actor=beheerder, record_type="audit_log", object_id=1, reason="x")
    with pytest.raises(ValidationError, match="geen bewaartermijn"):
        legal_hold_place(actor=beheerder, record_type="attachment", object_id=1, reason="x")
    assert not LegalHold.objects.exists()

    legal_hold_place(actor=beheerder, record_type="signal_closed", object_id=signal.pk, reason="Rechtszaak")
    with pytest.raises(ValidationError, match="al een bewaarplicht"):
        legal_hold_place(actor=beheerder, record_type="signal_closed", object_id=signal.pk, reason="Nog een")
    assert AuditEvent.objects.filter(object_type="retention.legalhold", action="create").count() == 1


def test_lifting_a_hold(beheerder, beheerder_zuiderhaven, closed_signal):
    signal = closed_signal(LONG_AGO)
    hold = legal_hold_place(actor=beheerder, record_type="signal_closed", object_id=signal.pk, reason="Rechtszaak")
    with pytest.raises(NotPermitted):
        legal_hold_lift(actor=beheerder_zuiderhaven, hold=hold, reason="x")
    with pytest.raises(ValidationError, match="reden"):
        legal_hold_lift(actor=beheerder, hold=hold, reason="")
    lifted = legal_hold_lift(actor=beheerder, hold=hold, reason="Uitspraak")
    assert lifted.lifted_by == beheerder and lifted.lifted_at is not None and lifted.lift_reason == "Uitspraak"
    with pytest.raises(ValidationError, match="al opgeheven"):
        legal_hold_lift(actor=beheerder, hold=hold, reason="Nog eens")
    # Lifted, a new hold may be placed on the same record.
    legal_hold_place(actor=beheerder, record_type="signal_closed", object_id=signal.pk, reason="Nieuw bezwaar")
    assert LegalHold.objects.filter(lifted_at__isnull=True).count() == 1


# --- the catalogue -------------------------------------------------------------------------------


def test_the_catalogue_covers_every_kind_of_record_with_source_and_archive_rule():
    entries = catalogue().record_types
    assert set(entries) == {
        "signal_closed",
        "signal_handed_over",
        "care_case",
        "enforcement_case",
        "case_referral",
        "meeting",
        "audit_log",
        "intake_draft",
        "inspection_draft",
        "attachment",
    }
    for entry in entries.values():
        assert entry.source and entry.archiefnominatie == "vernietigen" and entry.start_label
        assert entry.to_verify or entry.basis != "K"
    assert entries["care_case"].term == 180 and entries["care_case"].basis == "S"
    assert entries["audit_log"].purge and entries["attachment"].afleidingswijze == "hoofdzaak"
    assert not entries["attachment"].purge


def _row(**changes) -> dict:
    row = dataclasses.asdict(catalogue().record_types["signal_closed"])
    return row | changes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unit": "weeks"}, "unknown unit"),
        ({"afleidingswijze": "zomaar"}, "unknown afleidingswijze"),
        ({"archiefnominatie": "bewaren"}, "unknown archiefnominatie"),
        ({"basis": "X"}, "unknown basis"),
        ({"basis": "K", "to_verify": False}, "must be marked to_verify"),
        ({"archiefnominatie": "blijvend_bewaren"}, "never purged"),
        ({"term": 30}, "outside"),
        ({"term": 0, "minimum": 0}, "at least 1"),
    ],
)
def test_a_wrong_catalogue_is_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        parse({"version": "x", "record_types": [_row(**changes)]})


def test_a_duplicate_code_is_refused():
    with pytest.raises(ValueError, match="duplicate"):
        parse({"version": "x", "record_types": [_row(), _row(order=11)]})


def test_months_are_calendar_months():
    entry = catalogue().record_types["signal_closed"]
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 3, 31), -13) == dt.date(2024, 2, 29)
    assert entry.expires_on(dt.date(2025, 6, 15)) == dt.date(2026, 6, 15)
    assert entry.latest_start(dt.date(2026, 6, 15)) == dt.date(2025, 6, 15)
    draft = catalogue().record_types["intake_draft"]
    assert draft.expires_on(dt.date(2026, 6, 15)) == dt.date(2026, 6, 22)
    assert draft.latest_start(dt.date(2026, 6, 22), 3) == dt.date(2026, 6, 19)


def test_the_deletion_log_is_read_by_the_own_beheerder_and_privacy_officer(make_user, voorbeeld, zuiderhaven):
    from baken.core.access import policy_for
    from baken.retention.models import DeletionLog
    from baken.testing.retention import make_deletion_log

    own, other = make_deletion_log(voorbeeld), make_deletion_log(zuiderhaven)
    policy = policy_for(DeletionLog)
    for role in ("functioneel_beheerder", "privacy_officer"):
        assert list(policy.rows_for(make_user(role, voorbeeld), "view")) == [own]
    assert not policy.rows_for(make_user("aandachtsfunctionaris", voorbeeld), "view").exists()
    assert not policy.visible(make_user("zorgcoordinator", None, region=voorbeeld.region)).exists()
    assert other not in policy.visible(make_user("privacy_officer", voorbeeld))
