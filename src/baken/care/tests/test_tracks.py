"""The legal track and income and insurance: each kind's lifecycle table edge by edge, and what
the steps do to the deadlines on the timeline (bedenktijd at most three months, the permit's
expiry reminded eight weeks ahead and moved by an extension, the Rvb application within two
weeks). Bad input changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from baken.care.catalogue.loader import catalogue
from baken.care.models import CareProcedure, CareReminder, CareTrack, CareTrackChange, TrackKind, TrackStatus
from baken.care.reminders import send_deadline_reminders
from baken.care.services import add_months, track_start, track_step
from baken.care.tracks import SPECS
from baken.core.models import AuditEvent
from baken.core.workflow import Transition

S = TrackStatus
TODAY = timezone.localdate


def _days_ago(days: int) -> dt.date:
    return TODAY() - dt.timedelta(days=days)


def _edges():
    for kind, spec in SPECS.items():
        states = list(spec.workflow.states)
        for source in states:
            for target in states:
                yield kind, source, target, spec.workflow.find(source, target)


ALLOWED = [(kind, t.source, t.target, t) for kind, spec in SPECS.items() for t in spec.workflow.transitions]
FORBIDDEN = [(kind, source, target) for kind, source, target, found in _edges() if found is None]


def _valid_until_for(kind: str, target: str, on: dt.date) -> dt.date | None:
    from baken.care.tracks import REQUIRED

    return on + dt.timedelta(days=400) if SPECS[kind].valid_until.get(target) == REQUIRED else None


def _track_in(coordinator, case, kind: str, status: str) -> CareTrack:
    """A track of this kind brought into `status` along the table, starting far enough back."""
    spec = SPECS[kind]
    on = _days_ago(60)
    initial = spec.workflow.initial_states()
    if status in initial:
        return track_start(
            actor=coordinator,
            case=case,
            kind=kind,
            status=status,
            on=on,
            valid_until=_valid_until_for(kind, status, on),
        )
    # Breadth-first from an initial state to `status`.
    paths = {state: [] for state in initial}
    queue = list(initial)
    while queue:
        state = queue.pop(0)
        for transition in spec.workflow.user_transitions_from(state):
            if transition.target not in paths:
                paths[transition.target] = [*paths[state], transition]
                queue.append(transition.target)
    first = paths[status][0].source if paths[status] else status
    track = track_start(
        actor=coordinator, case=case, kind=kind, status=first, on=on, valid_until=_valid_until_for(kind, first, on)
    )
    for index, transition in enumerate(paths[status], start=1):
        step_on = on + dt.timedelta(days=index)
        track = track_step(
            actor=coordinator,
            case=case,
            track=track,
            target=transition.target,
            on=step_on,
            valid_until=_valid_until_for(kind, transition.target, step_on) and (on + dt.timedelta(days=400 + index)),
            reason="Test",
        )
    return track


@pytest.mark.parametrize(("kind", "source", "target", "transition"), ALLOWED, ids=lambda v: getattr(v, "code", v))
def test_every_allowed_step(coordinator, case, kind, source, target, transition: Transition):
    track = _track_in(coordinator, case, kind, source)
    on = track.status_on + dt.timedelta(days=1)
    if transition.reason_required:
        with pytest.raises(ValidationError) as error:
            track_step(
                actor=coordinator,
                case=case,
                track=track,
                target=target,
                on=on,
                valid_until=_valid_until_for(kind, target, on) and track.started_on + dt.timedelta(days=900),
            )
        assert "reason" in error.value.message_dict
        track.refresh_from_db()
        assert track.status == source
    track_step(
        actor=coordinator,
        case=case,
        track=track,
        target=target,
        on=on,
        valid_until=_valid_until_for(kind, target, on) and track.started_on + dt.timedelta(days=900),
        reason="Zo gemeld door de advocaat",
    )
    track.refresh_from_db()
    assert (track.status, track.status_on) == (target, on)
    last = CareTrackChange.objects.filter(track=track).last()
    assert (last.from_status, last.to_status, last.actor) == (source, target, coordinator)
    assert (track.decided_on == on) == (target in SPECS[kind].decisions)


@pytest.mark.parametrize(("kind", "source", "target"), FORBIDDEN)
def test_every_forbidden_step_is_refused_and_changes_nothing(coordinator, case, kind, source, target):
    track = _track_in(coordinator, case, kind, source)
    changes = CareTrackChange.objects.count()
    with pytest.raises(ValidationError):
        track_step(actor=coordinator, case=case, track=track, target=target, on=TODAY(), reason="Test")
    track.refresh_from_db()
    assert track.status == source
    assert CareTrackChange.objects.count() == changes


def test_the_tables_name_catalogue_deadlines_and_ask_for_the_dates_they_use():
    from baken.care.tracks import CLOSE, MOVE, REQUIRED

    deadlines = catalogue().deadlines
    for kind, spec in SPECS.items():
        assert spec.workflow.initial_states(), kind
        for state, effects in spec.effects.items():
            assert state in spec.workflow.states, (kind, state)
            for effect in effects:
                assert effect.deadline in deadlines, (kind, effect.deadline)
                if effect.effect == MOVE:  # moved to the decision's date: it must be asked for
                    assert spec.valid_until.get(state) == REQUIRED, (kind, state)
                if effect.until:
                    assert state in spec.valid_until and not deadlines[effect.deadline].needs_date
                if effect.effect != CLOSE and not effect.until and effect.effect != MOVE:
                    assert not deadlines[effect.deadline].needs_date, (kind, effect.deadline)
        assert set(spec.valid_until) <= set(spec.workflow.states) and spec.decisions <= set(spec.workflow.states)


def test_a_track_starts_only_in_an_initial_state_and_once_while_it_runs(coordinator, case):
    with pytest.raises(ValidationError) as error:
        track_start(actor=coordinator, case=case, kind=TrackKind.PERMIT, status=S.EXTENDED, on=TODAY())
    assert "kind" in error.value.message_dict
    track_start(actor=coordinator, case=case, kind=TrackKind.REFLECTION, status=S.OFFERED, on=TODAY())
    with pytest.raises(ValidationError, match="loopt al"):
        track_start(actor=coordinator, case=case, kind=TrackKind.REFLECTION, status=S.OFFERED, on=TODAY())
    assert CareTrack.objects.filter(case=case).count() == 1


# --- bedenktijd ---------------------------------------------------------------------------------


def test_accepting_bedenktijd_puts_its_end_three_months_later_on_the_timeline(coordinator, case):
    offered = track_start(
        actor=coordinator, case=case, kind=TrackKind.REFLECTION, status=S.OFFERED, on=_days_ago(10), detail="Politie"
    )
    assert not CareProcedure.objects.filter(case=case).exists()  # offered: no deadline yet
    start = _days_ago(8)
    track_step(actor=coordinator, case=case, track=offered, target=S.RUNNING, on=start)
    deadline = CareProcedure.objects.get(case=case, track=offered)
    rule = catalogue().deadlines["bedenktijd"]
    assert (deadline.kind, deadline.started_on, deadline.due_on) == ("bedenktijd", start, add_months(start, 3))
    assert deadline.remind_on == deadline.due_on - dt.timedelta(days=rule.reminder_days)


def test_bedenktijd_may_end_earlier_never_later_than_three_months(coordinator, case):
    start = _days_ago(5)
    with pytest.raises(ValidationError) as error:
        track_start(
            actor=coordinator,
            case=case,
            kind=TrackKind.REFLECTION,
            status=S.RUNNING,
            on=start,
            valid_until=add_months(start, 3) + dt.timedelta(days=1),
        )
    assert "uiterlijk" in error.value.message_dict["valid_until"][0]
    assert not CareTrack.objects.exists() and not CareProcedure.objects.exists()
    earlier = add_months(start, 2)
    track = track_start(
        actor=coordinator, case=case, kind=TrackKind.REFLECTION, status=S.RUNNING, on=start, valid_until=earlier
    )
    assert CareProcedure.objects.get(track=track).due_on == earlier


def test_declining_bedenktijd_closes_its_deadline(coordinator, case):
    track = track_start(actor=coordinator, case=case, kind=TrackKind.REFLECTION, status=S.RUNNING, on=_days_ago(20))
    track_step(actor=coordinator, case=case, track=track, target=S.DECLINED, on=_days_ago(2), reason="Wil terug")
    deadline = CareProcedure.objects.get(track=track)
    assert deadline.done_on == _days_ago(2)
    assert deadline.outcome == str(S.DECLINED.label)
    # A closed deadline is not reminded of.
    CareProcedure.objects.filter(pk=deadline.pk).update(remind_on=_days_ago(1))
    assert send_deadline_reminders(today=TODAY()) == 0


# --- the B8/3 permit ----------------------------------------------------------------------------


def test_a_granted_permit_puts_its_expiry_and_continued_stay_on_the_timeline(coordinator, case):
    track = track_start(actor=coordinator, case=case, kind=TrackKind.PERMIT, status=S.APPLIED, on=_days_ago(30))
    granted_on, valid_until = _days_ago(3), TODAY() + dt.timedelta(days=365)
    with pytest.raises(ValidationError) as error:  # granted without a date until which it is valid
        track_step(actor=coordinator, case=case, track=track, target=S.GRANTED, on=granted_on)
    assert "valid_until" in error.value.message_dict
    assert not CareProcedure.objects.exists()
    track_step(actor=coordinator, case=case, track=track, target=S.GRANTED, on=granted_on, valid_until=valid_until)
    expiry = CareProcedure.objects.get(track=track, kind="b8_vergunning")
    assert expiry.due_on == valid_until
    assert expiry.remind_on == valid_until - dt.timedelta(weeks=8)  # the catalogue's 56 days
    continued = CareProcedure.objects.get(track=track, kind="voortgezet_verblijf")
    assert (continued.started_on, continued.due_on) == (granted_on, add_months(granted_on, 36))
    track.refresh_from_db()
    assert (track.decided_on, track.valid_until) == (granted_on, valid_until)


def test_a_dublin_claimants_aangifte_is_assessed_within_four_working_weeks(coordinator, case):
    from baken.core.calendar import add_working_days

    applied_on = dt.date(2026, 11, 27)  # a Friday
    track = track_start(actor=coordinator, case=case, kind=TrackKind.PERMIT, status=S.APPLIED_DUBLIN, on=applied_on)
    assessment = CareProcedure.objects.get(track=track, kind="dublin_beoordeling")
    assert assessment.due_on == add_working_days(applied_on, 20) == dt.date(2026, 12, 25)
    track_step(actor=coordinator, case=case, track=track, target=S.REFUSED, on=TODAY(), reason="Niet nodig")
    assessment.refresh_from_db()
    assert assessment.done_on == TODAY()
    assert not CareProcedure.objects.filter(track=track, kind="b8_vergunning").exists()


def test_an_extension_moves_the_expiry_and_reminds_again(coordinator, case):
    valid_until = TODAY() + dt.timedelta(days=30)
    track = track_start(
        actor=coordinator,
        case=case,
        kind=TrackKind.PERMIT,
        status=S.GRANTED,
        on=_days_ago(300),
        valid_until=valid_until,
    )
    expiry = CareProcedure.objects.get(track=track, kind="b8_vergunning")
    assert send_deadline_reminders(today=TODAY()) == 1  # within eight weeks
    assert CareReminder.objects.filter(procedure=expiry).exists()
    with pytest.raises(ValidationError, match="langer"):
        track_step(actor=coordinator, case=case, track=track, target=S.EXTENDED, on=TODAY(), valid_until=valid_until)
    extended = TODAY() + dt.timedelta(days=60)
    track_step(actor=coordinator, case=case, track=track, target=S.EXTENDED, on=TODAY(), valid_until=extended)
    expiry.refresh_from_db()
    assert (expiry.due_on, expiry.remind_on) == (extended, extended - dt.timedelta(days=56))
    assert CareProcedure.objects.filter(track=track, kind="b8_vergunning").count() == 1  # moved, not added
    assert not CareReminder.objects.filter(procedure=expiry).exists()
    assert send_deadline_reminders(today=TODAY()) == 0  # the new date is not near yet
    assert send_deadline_reminders(today=expiry.remind_on) == 1  # then once more
    assert AuditEvent.objects.filter(object_id=str(expiry.pk), reason__contains="verschoven").exists()


def test_an_ended_permit_closes_its_deadlines(coordinator, case):
    track = track_start(
        actor=coordinator,
        case=case,
        kind=TrackKind.PERMIT,
        status=S.GRANTED,
        on=_days_ago(100),
        valid_until=TODAY() + dt.timedelta(days=200),
    )
    track_step(actor=coordinator, case=case, track=track, target=S.ENDED, on=TODAY(), reason="Sepot")
    assert not CareProcedure.objects.filter(track=track, done_on__isnull=True).exists()


def test_applying_for_continued_stay_ends_the_wait_for_it(coordinator, case):
    permit = track_start(
        actor=coordinator,
        case=case,
        kind=TrackKind.PERMIT,
        status=S.GRANTED,
        on=_days_ago(1100),
        valid_until=TODAY() + dt.timedelta(days=100),
    )
    waiting = CareProcedure.objects.get(track=permit, kind="voortgezet_verblijf")
    assert waiting.done_on is None
    track_start(
        actor=coordinator,
        case=case,
        kind=TrackKind.CONTINUED_STAY,
        status=S.APPLIED,
        on=TODAY(),
        detail="Na drie jaar",
    )
    waiting.refresh_from_db()
    assert (waiting.done_on, waiting.outcome) == (TODAY(), str(S.APPLIED.label))


def _convicted(coordinator, case, on: dt.date) -> CareTrack:
    """A prosecution reported at trial, then a conviction on `on`."""
    track = track_start(
        actor=coordinator, case=case, kind=TrackKind.PROSECUTION, status=S.TRIAL, on=on - dt.timedelta(days=30)
    )
    return track_step(actor=coordinator, case=case, track=track, target=S.CONVICTED, on=on)


def test_a_conviction_makes_continued_stay_possible_at_once(coordinator, case, client_for):
    from django.urls import reverse

    from baken.care import selectors

    convicted_on = _days_ago(2)
    track = _convicted(coordinator, case, convicted_on)
    eligible = CareProcedure.objects.get(case=case, kind="voortgezet_verblijf_veroordeling", done_on__isnull=True)
    assert (eligible.track, eligible.started_on, eligible.due_on) == (track, convicted_on, convicted_on)
    rule = catalogue().deadlines[eligible.kind]
    assert rule.eligibility and rule.source and rule.to_verify  # [K]: the exact moment is to be verified
    # A date from which it is possible: reached, it is "nu aan te vragen", not "verlopen".
    item = next(row for row in selectors.timeline(selectors.case_for(user=coordinator, pk=case.pk)))
    assert item.available and not item.overdue
    text = client_for(coordinator).get(reverse("care:case", args=[case.pk])).text
    assert rule.due_label in text and rule.source in text and "nu aan te vragen" in text
    panel = selectors.home_panel(user=coordinator)
    assert [(row["item"].kind, row["overdue"]) for row in panel["deadlines"]] == [(eligible.kind, False)]
    # The zorgcoördinator is reminded once.
    assert send_deadline_reminders(today=TODAY()) == 1
    assert send_deadline_reminders(today=TODAY()) == 0


def test_a_conviction_comes_before_the_three_year_wait_and_applying_ends_both(coordinator, case):
    permit = track_start(
        actor=coordinator,
        case=case,
        kind=TrackKind.PERMIT,
        status=S.GRANTED,
        on=_days_ago(200),
        valid_until=TODAY() + dt.timedelta(days=100),
    )
    waiting = CareProcedure.objects.get(track=permit, kind="voortgezet_verblijf")
    _convicted(coordinator, case, _days_ago(1))
    assert set(CareProcedure.objects.filter(case=case, done_on__isnull=True).values_list("kind", flat=True)) == {
        "b8_vergunning",
        "voortgezet_verblijf",
        "voortgezet_verblijf_veroordeling",
    }
    # The permit ending (the prosecution is over) does not take the chance away.
    track_step(actor=coordinator, case=case, track=permit, target=S.ENDED, on=TODAY(), reason="Vervolging afgerond")
    assert CareProcedure.objects.filter(kind="voortgezet_verblijf_veroordeling", done_on__isnull=True).exists()
    waiting.refresh_from_db()
    assert waiting.done_on == TODAY()
    track_start(actor=coordinator, case=case, kind=TrackKind.CONTINUED_STAY, status=S.APPLIED, on=TODAY())
    assert not CareProcedure.objects.filter(case=case, done_on__isnull=True).exists()


@pytest.mark.parametrize("target", [S.ACQUITTED, S.DISMISSED])
def test_no_continued_stay_without_a_conviction(coordinator, case, target):
    source = S.TRIAL if target == S.ACQUITTED else S.INVESTIGATION
    track = track_start(actor=coordinator, case=case, kind=TrackKind.PROSECUTION, status=source, on=_days_ago(9))
    track_step(actor=coordinator, case=case, track=track, target=target, on=TODAY())
    assert not CareProcedure.objects.filter(case=case).exists()


# --- income and insurance -------------------------------------------------------------------------


def test_rvb_must_be_applied_for_within_two_weeks_of_the_right(coordinator, case):
    entitled_on = _days_ago(4)
    track = track_start(actor=coordinator, case=case, kind=TrackKind.RVB, status=S.ENTITLED, on=entitled_on)
    deadline = CareProcedure.objects.get(track=track)
    assert (deadline.kind, deadline.due_on) == ("rvb_aanvraag", entitled_on + dt.timedelta(days=14))
    track_step(actor=coordinator, case=case, track=track, target=S.APPLIED, on=_days_ago(1))
    deadline.refresh_from_db()
    assert deadline.done_on == _days_ago(1)
    track_step(actor=coordinator, case=case, track=track, target=S.AWARDED, on=TODAY(), reason="")
    track.refresh_from_db()
    assert (track.status, track.decided_on) == (S.AWARDED, TODAY())


def test_a_benefit_decision_is_expected_within_the_catalogue_term(coordinator, case):
    rule = catalogue().deadlines["participatiewet_besluit"]
    assert rule.to_verify  # [K]: a term not in the domain brief's sources
    track = track_start(actor=coordinator, case=case, kind=TrackKind.BENEFIT, status=S.APPLIED, on=_days_ago(10))
    deadline = CareProcedure.objects.get(track=track)
    assert deadline.due_on == _days_ago(10) + dt.timedelta(days=rule.amount)
    track_step(actor=coordinator, case=case, track=track, target=S.REFUSED, on=TODAY(), reason="Eigen vermogen")
    deadline.refresh_from_db()
    assert deadline.done_on == TODAY()


def test_bad_input_changes_nothing(coordinator, case):
    with pytest.raises(ValidationError) as error:
        track_start(
            actor=coordinator,
            case=case,
            kind=TrackKind.INSURANCE,
            status=S.INSURED,
            on=TODAY() + dt.timedelta(days=1),
            valid_until=TODAY() + dt.timedelta(days=30),
            detail="x" * 201,
        )
    assert set(error.value.message_dict) == {"on", "valid_until", "detail"}
    with pytest.raises(ValidationError):
        track_start(actor=coordinator, case=case, kind="paspoort", status=S.APPLIED, on=TODAY())
    track = track_start(actor=coordinator, case=case, kind=TrackKind.INSURANCE, status=S.APPLIED, on=_days_ago(3))
    with pytest.raises(ValidationError) as error:
        track_step(actor=coordinator, case=case, track=track, target=S.INSURED, on=_days_ago(4))
    assert "vorige stap" in error.value.message_dict["on"][0]
    track.refresh_from_db()
    assert track.status == S.APPLIED
    assert CareTrack.objects.count() == 1 and CareTrackChange.objects.count() == 1


# --- the pages ------------------------------------------------------------------------------------


def test_the_case_page_records_a_track_and_its_steps(client_for, coordinator, case, django_assert_max_num_queries):
    from django.urls import reverse

    client = client_for(coordinator)
    page = reverse("care:case", args=[case.pk])
    assert "Nog niets vastgelegd over bedenktijd" in client.get(page).text
    refused = client.post(
        reverse("care:track_add", args=[case.pk]),
        {"spoor-start": "b8_vergunning:verleend", "spoor-on": _days_ago(5).isoformat()},
    )
    assert refused.status_code == 400 and "Vul in tot wanneer het besluit geldt." in refused.text
    assert not CareTrack.objects.exists()
    valid_until = TODAY() + dt.timedelta(days=40)
    added = client.post(
        reverse("care:track_add", args=[case.pk]),
        {
            "spoor-start": "b8_vergunning:verleend",
            "spoor-on": _days_ago(5).isoformat(),
            "spoor-valid_until": valid_until.isoformat(),
            "spoor-detail": "Dublinclaimant",
        },
    )
    assert added.status_code == 302
    track = CareTrack.objects.get(case=case)
    text = client.get(page).text
    assert "Verblijfsvergunning B8/3: Verleend" in text and "Hoort bij: Verblijfsvergunning B8/3" in text
    step = reverse("care:track_step", args=[case.pk, track.pk])
    wrong = client.post(step, {f"s{track.pk}-target": "afgewezen", f"s{track.pk}-on": TODAY().isoformat()})
    assert wrong.status_code == 400  # not a step from 'verleend'
    ended = client.post(step, {f"s{track.pk}-target": "beeindigd", f"s{track.pk}-on": TODAY().isoformat()})
    assert ended.status_code == 400 and "Geef een reden voor deze stap." in ended.text
    track.refresh_from_db()
    assert track.status == S.GRANTED
    done = client.post(
        step,
        {
            f"s{track.pk}-target": "verlengd",
            f"s{track.pk}-on": TODAY().isoformat(),
            f"s{track.pk}-valid_until": (valid_until + dt.timedelta(days=365)).isoformat(),
        },
    )
    assert done.status_code == 302
    assert CareProcedure.objects.get(track=track, kind="b8_vergunning").due_on == valid_until + dt.timedelta(days=365)
    assert AuditEvent.objects.filter(object_type="care.caretrack", object_id=str(track.pk), action="update").exists()
    for kind in ("rvb:recht_ontstaan", "zorgverzekering:aangevraagd", "vervolging:opsporing"):
        client.post(reverse("care:track_add", args=[case.pk]), {"spoor-start": kind, "spoor-on": TODAY().isoformat()})
    with django_assert_max_num_queries(60):
        response = client.get(page)
    assert "Rvb (COA): Recht ontstaan, nog aanvragen" in response.text


def test_a_track_of_another_case_answers_404(client_for, coordinator, case, voorbeeld):
    from django.urls import reverse

    from baken.care.services import care_case_register

    other = care_case_register(
        actor=coordinator, organisation=voorbeeld, source="politie", registered_on=TODAY(), pseudonym="Es 3"
    )
    track = track_start(actor=coordinator, case=other, kind=TrackKind.REFLECTION, status=S.OFFERED, on=TODAY())
    response = client_for(coordinator).post(
        reverse("care:track_step", args=[case.pk, track.pk]),
        {f"s{track.pk}-target": "lopend", f"s{track.pk}-on": TODAY().isoformat()},
    )
    assert response.status_code == 404
    track.refresh_from_db()
    assert track.status == S.OFFERED


def test_the_summary_holds_the_tracks_only_when_chosen(coordinator, case):
    from baken.care import selectors

    track_start(actor=coordinator, case=case, kind=TrackKind.RVB, status=S.APPLIED, on=TODAY())
    loaded = selectors.case_for(user=coordinator, pk=case.pk)
    assert "tracks" not in selectors.summary_context(loaded, sections=["plan"])
    assert [row.kind for row in selectors.summary_context(loaded, sections=["sporen"])["tracks"]] == ["rvb"]


def test_the_case_page_queries_do_not_grow_with_the_tracks(client_for, coordinator, case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = client_for(coordinator)
    page = reverse("care:case", args=[case.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page).status_code == 200
        return len(captured)

    track_start(actor=coordinator, case=case, kind=TrackKind.REFLECTION, status=S.RUNNING, on=_days_ago(3))
    one = queries()
    track_start(actor=coordinator, case=case, kind=TrackKind.RVB, status=S.ENTITLED, on=_days_ago(3))
    permit = track_start(
        actor=coordinator,
        case=case,
        kind=TrackKind.PERMIT,
        status=S.GRANTED,
        on=_days_ago(3),
        valid_until=TODAY() + dt.timedelta(days=300),
    )
    track_step(
        actor=coordinator,
        case=case,
        track=permit,
        target=S.EXTENDED,
        on=TODAY(),
        valid_until=TODAY() + dt.timedelta(days=600),
    )
    assert queries() == one


def test_a_date_until_where_the_step_has_none_and_overlong_text_are_refused(coordinator, case):
    track = track_start(actor=coordinator, case=case, kind=TrackKind.REFLECTION, status=S.OFFERED, on=_days_ago(3))
    with pytest.raises(ValidationError) as error:
        track_step(
            actor=coordinator,
            case=case,
            track=track,
            target=S.DECLINED,
            on=TODAY(),
            valid_until=TODAY() + dt.timedelta(days=30),
            reason="x" * 2001,
        )
    assert "geen datum 'geldig tot'" in str(error.value.message_dict["valid_until"])
    assert "hoogstens 2000 tekens" in str(error.value.message_dict["reason"])
    track.refresh_from_db()
    assert track.status == S.OFFERED
    assert not CareTrackChange.objects.filter(track=track, to_status=S.DECLINED).exists()


def test_a_permit_valid_until_the_day_it_is_granted_is_refused(coordinator, case):
    track = track_start(actor=coordinator, case=case, kind=TrackKind.PERMIT, status=S.APPLIED, on=_days_ago(30))
    with pytest.raises(ValidationError) as error:
        track_step(actor=coordinator, case=case, track=track, target=S.GRANTED, on=TODAY(), valid_until=TODAY())
    assert "ligt na de datum van de stap" in str(error.value.message_dict["valid_until"])
    track.refresh_from_db()
    assert track.status == S.APPLIED


# --- the free procedure form does not overlap the tracks ------------------------------------------


def test_the_free_form_offers_only_what_no_track_covers(client_for, coordinator, case):
    from django.urls import reverse

    from baken.care.forms import ProcedureForm
    from baken.care.services import procedure_start
    from baken.care.tracks import track_deadlines

    covered = track_deadlines()
    assert {"bedenktijd", "b8_vergunning", "rvb_aanvraag", "voortgezet_verblijf", "dublin_beoordeling"} <= covered
    offered = {code for code, _label in ProcedureForm().fields["kind"].choices if code}
    assert offered and not offered & covered and "opvang_einde" not in offered
    assert offered == set(catalogue().deadlines) - covered - {"opvang_einde"}
    client = client_for(coordinator)
    refused = client.post(
        reverse("care:procedure_add", args=[case.pk]), {"kind": "bedenktijd", "started_on": "2026-11-02"}
    )
    assert refused.status_code == 400
    with pytest.raises(ValidationError) as error:
        procedure_start(actor=coordinator, case=case, kind="rvb_aanvraag", started_on=TODAY())
    assert "Inkomen en verzekering" in error.value.message_dict["kind"][0]
    assert not CareProcedure.objects.exists()
    # The form says where those are recorded now.
    page = client.get(reverse("care:case", args=[case.pk])).text
    assert "legt u vast onder &#x27;Juridisch spoor&#x27; of &#x27;Inkomen en verzekering&#x27;" in page
    # Rows from before the tracks keep showing on the timeline.
    CareProcedure.objects.create(
        case=case,
        kind="bedenktijd",
        started_on=_days_ago(5),
        due_on=add_months(_days_ago(5), 3),
        remind_on=TODAY(),
        catalogue_version="2026.1",
        created_by=coordinator,
    )
    assert "Einde bedenktijd" in client.get(reverse("care:case", args=[case.pk])).text


def test_the_free_form_refuses_the_planned_end_of_shelter(client_for, coordinator, case):
    """The planned end of a stay lives on its shelter placement (and is reminded of from there)."""
    from django.urls import reverse

    from baken.care.services import procedure_start

    with pytest.raises(ValidationError) as error:
        procedure_start(
            actor=coordinator,
            case=case,
            kind="opvang_einde",
            started_on=_days_ago(3),
            due_on=TODAY() + dt.timedelta(days=30),
        )
    assert "bij de opvang zelf" in error.value.message_dict["kind"][0]
    refused = client_for(coordinator).post(
        reverse("care:procedure_add", args=[case.pk]),
        {"kind": "opvang_einde", "started_on": _days_ago(3).isoformat(), "due_on": "2027-01-15"},
    )
    assert refused.status_code == 400
    assert not CareProcedure.objects.exists()
    # What the form still offers is accepted.
    procedure_start(actor=coordinator, case=case, kind="plan_evaluatie", started_on=TODAY())
    assert CareProcedure.objects.filter(kind="plan_evaluatie").count() == 1


@pytest.mark.parametrize("application", [S.APPLIED, S.GRANTED])
def test_a_conviction_after_the_continued_stay_application_opens_no_wait(coordinator, case, application):
    stay = track_start(actor=coordinator, case=case, kind=TrackKind.CONTINUED_STAY, status=S.APPLIED, on=_days_ago(20))
    if application == S.GRANTED:
        track_step(actor=coordinator, case=case, track=stay, target=S.GRANTED, on=_days_ago(10))
    convicted = _convicted(coordinator, case, _days_ago(2))
    assert convicted.status == S.CONVICTED
    assert not CareProcedure.objects.filter(case=case, kind="voortgezet_verblijf_veroordeling").exists()
    assert not CareProcedure.objects.filter(case=case, done_on__isnull=True).exists()
    assert send_deadline_reminders(today=TODAY()) == 0


def test_a_conviction_after_a_refused_application_opens_the_wait_again(coordinator, case):
    """A refusal settles nothing: the conviction is a new ground to apply on."""
    stay = track_start(actor=coordinator, case=case, kind=TrackKind.CONTINUED_STAY, status=S.APPLIED, on=_days_ago(20))
    track_step(actor=coordinator, case=case, track=stay, target=S.REFUSED, on=_days_ago(10), reason="Te vroeg")
    _convicted(coordinator, case, _days_ago(2))
    assert CareProcedure.objects.filter(
        case=case, kind="voortgezet_verblijf_veroordeling", done_on__isnull=True
    ).exists()


def test_a_permit_granted_after_the_continued_stay_application_opens_no_wait(coordinator, case):
    track_start(actor=coordinator, case=case, kind=TrackKind.CONTINUED_STAY, status=S.APPLIED, on=_days_ago(20))
    permit = track_start(
        actor=coordinator,
        case=case,
        kind=TrackKind.PERMIT,
        status=S.GRANTED,
        on=_days_ago(5),
        valid_until=TODAY() + dt.timedelta(days=300),
    )
    assert list(CareProcedure.objects.filter(track=permit).values_list("kind", flat=True)) == ["b8_vergunning"]


# --- the audit log: one line per step -------------------------------------------------------------


@pytest.mark.parametrize("who", ["coordinator", "regional_coordinator"])
def test_a_track_step_writes_one_audit_line_with_who_what_which_case(request, case, who):
    actor = request.getfixturevalue(who)
    track = track_start(actor=actor, case=case, kind=TrackKind.RVB, status=S.APPLIED, on=_days_ago(3))
    before = AuditEvent.objects.count()
    track_step(actor=actor, case=case, track=track, target=S.AWARDED, on=TODAY())
    lines = list(AuditEvent.objects.order_by("id")[before:])
    assert len(lines) == 1  # no deadline changes on this step: the step's own line only
    line = lines[0]
    assert (line.actor, line.action, line.object_type, line.object_id) == (
        actor,
        "update",
        "care.caretrack",
        str(track.pk),
    )
    # The municipality's privacy officer reads it, also when a regional account took the step.
    assert line.organisation_id == case.organisation_id
    assert case.reference in line.reason and "rvb" in line.reason
    assert f"{S.APPLIED} → {S.AWARDED}" in line.reason
