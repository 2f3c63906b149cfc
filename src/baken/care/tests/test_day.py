"""The zorgcoördinator's day (start page panel and /zorg/): own trajectories per phase with
links, everything overdue in one list, deadlines in the next 14 days, referrals without an
answer. Only the cases the user may see (the policy), only open ones."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from baken.care import selectors, services
from baken.care.models import CareCase, CarePhase, CarePlanAction, CareProcedure
from baken.core.confidentiality import Confidentiality
from baken.testing.care import move_to, place, refer

TODAY = timezone.localdate


def _days(n: int) -> dt.date:
    return TODAY() + dt.timedelta(days=n)


def _register(actor, organisation, pseudonym: str) -> CareCase:
    return services.care_case_register(
        actor=actor, organisation=organisation, source="zelf", registered_on=_days(-5), pseudonym=pseudonym
    )


def _overdue_everything(actor, case, partner):
    """One of each kind past its date, plus things that are not overdue."""
    review = services.procedure_start(actor=actor, case=case, kind="plan_evaluatie", started_on=_days(-120))
    assert review.due_on < TODAY()
    refer(actor, case, partner, service_type="medisch", requested_on=_days(-10))  # answer due 3 days ago
    refer(actor, case, partner, service_type="ggz_trauma", requested_on=_days(-1))  # due in 27 days
    goal = services.plan_goal_add(actor=actor, case=case, domain="huisvesting", description="Een eigen kamer")
    action = services.plan_action_add(
        actor=actor, case=case, goal=goal, description="Huurtoeslag aanvragen", owner="de persoon", due_on=_days(1)
    )
    CarePlanAction.objects.filter(pk=action.pk).update(due_on=_days(-2))  # test set-up: the date passed
    place(actor, case, partner, started_on=_days(-30), planned_end_on=_days(-1))
    place(actor, case, partner, shelter_type="ambulant", started_on=_days(-3), planned_end_on=_days(10))


def test_overdue_items_of_every_kind_in_one_list_by_date(coordinator, case, care_partner):
    _overdue_everything(coordinator, case, care_partner)
    # A date from which continued stay is possible is reached, never overdue.
    track = services.track_start(actor=coordinator, case=case, kind="vervolging", status="zitting", on=_days(-9))
    services.track_step(actor=coordinator, case=case, track=track, target="veroordeling", on=_days(-4))
    rows, total = selectors.overdue_items(user=coordinator)
    assert total == 4
    assert {row.anchor for row in rows} == {"timeline", "referrals", "plan", "shelter"}
    assert all(row.due_on < TODAY() and row.pseudonym == "Linde 14" for row in rows)
    assert [row.due_on for row in rows] == sorted(row.due_on for row in rows)
    labels = " | ".join(row.label for row in rows)
    assert "Evaluatie trajectplan" in labels and "Antwoord op verwijzing: Medische zorg" in labels
    assert "Afspraak: Huurtoeslag aanvragen" in labels and "Gepland einde opvang: COSM" in labels
    assert "voortgezet" not in labels.lower()
    # The first rows and the total when there are more than the limit.
    first, total = selectors.overdue_items(user=coordinator, limit=2)
    assert len(first) == 2 and total == 4 and first == rows[:2]
    panel = selectors.home_panel(user=coordinator)
    # Not overdue: the reached date, the stay ending in 10 days; all referrals without an answer.
    assert [row["item"].kind for row in panel["deadlines"]] == ["voortgezet_verblijf_veroordeling"]
    assert [row["label"] for row in panel["shelter"]] == ["Ambulant / eigen woning"]
    assert [(row["label"], row["overdue"]) for row in panel["referrals"]] == [
        ("Medische zorg", True),
        ("GGZ / traumazorg", False),
    ]
    assert panel["plan_actions"] == []


def test_the_next_14_days_hold_nothing_overdue_and_nothing_later(coordinator, case):
    soon = services.procedure_start(actor=coordinator, case=case, kind="plan_evaluatie", started_on=_days(-80))
    later = services.procedure_start(actor=coordinator, case=case, kind="plan_evaluatie", started_on=_days(-60))
    assert 0 <= (soon.due_on - TODAY()).days <= 14 < (later.due_on - TODAY()).days
    assert list(selectors.upcoming_deadlines(user=coordinator)) == [soon]
    CareProcedure.objects.filter(pk=soon.pk).update(due_on=_days(-1))
    assert list(selectors.upcoming_deadlines(user=coordinator)) == []
    assert list(selectors.overdue_deadlines(user=coordinator)) == [CareProcedure.objects.get(pk=soon.pk)]


def test_my_trajectories_per_phase_with_links(client_for, coordinator, regional_coordinator, case, voorbeeld):
    _register(coordinator, voorbeeld, "Eik 2")  # aangemeld, on zoe's name
    _register(regional_coordinator, voorbeeld, "Wilg 3")  # on ruben's name: not "mine" for zoe
    mine = selectors.my_phase_counts(user=coordinator)
    assert mine == [(CarePhase.REGISTERED, CarePhase.REGISTERED.label, 1), (CarePhase.INTAKE, "Intake", 1)]
    assert selectors.home_panel(user=coordinator)["mine"] == 2
    assert [code for code, _label, count in selectors.phase_counts(user=coordinator) if count] == [
        CarePhase.REGISTERED,
        CarePhase.INTAKE,
    ]
    client = client_for(coordinator)
    home = client.get(reverse("home:index")).text
    assert "Mijn trajecten per fase" in home and f"?mijn=on&amp;fase={CarePhase.REGISTERED}" in home
    listed = client.get(reverse("care:index"), {"mijn": "on", "fase": CarePhase.REGISTERED}).text
    assert "Eik 2" in listed and "Wilg 3" not in listed and "1 zorgtraject<" in listed
    all_registered = client.get(reverse("care:index"), {"fase": CarePhase.REGISTERED}).text
    assert "Eik 2" in all_registered and "Wilg 3" in all_registered


def test_another_municipality_and_closed_cases_are_not_on_the_list(
    make_user, coordinator, case, care_partner, zuiderhaven, closing_alone
):
    from baken.partners.models import Partner

    neighbour = make_user("zorgcoordinator", zuiderhaven, clearance=Confidentiality.CONFIDENTIEEL, username="nina")
    their_partner = Partner.objects.create(organisation=zuiderhaven, name="GGD Zuid", partner_type="zorgcoordinator")
    other = _register(neighbour, zuiderhaven, "Berk 9")
    _overdue_everything(neighbour, other, their_partner)
    panel = selectors.home_panel(user=coordinator)
    assert panel["overdue"] == [] and panel["overdue_total"] == 0
    assert (
        panel["referrals"] == [] and panel["shelter"] == [] and panel["my_phases"] == [(CarePhase.INTAKE, "Intake", 1)]
    )
    assert selectors.overdue_items(user=neighbour)[1] == 4
    # A closed case: nothing of it is to be done any more.
    move_to(neighbour, other, CarePhase.INTAKE, CarePhase.ADVICE_ONLY, CarePhase.CLOSED)
    neighbours = selectors.home_panel(user=neighbour)
    assert neighbours["overdue_total"] == 0 and neighbours["referrals"] == [] and neighbours["mine"] == 0


def test_the_day_on_the_start_page_and_on_zorg(client_for, coordinator, case, care_partner, triager):
    _overdue_everything(coordinator, case, care_partner)
    client = client_for(coordinator)
    for url in (reverse("home:index"), reverse("care:index")):
        page = client.get(url)
        assert page.status_code == 200
        text = page.text
        for heading in (
            "Mijn trajecten per fase",
            "Verlopen",
            "Termijnen in de komende 14 dagen",
            "Verwijzingen zonder antwoord",
            "Opvang die binnenkort eindigt",
        ):
            assert heading in text, (url, heading)
        case_url = reverse("care:case", args=[case.pk])
        for anchor in ("timeline", "referrals", "plan", "shelter"):
            assert f'href="{case_url}#{anchor}"' in text
        assert "Antwoord op verwijzing: Medische zorg (Zorgcoördinatie regio)" in text
        assert "Naam en hulpvraag" not in text  # what was shared stays on the case page
    assert "Mijn trajecten per fase" not in client_for(triager).get(reverse("home:index")).text


def test_an_empty_day(client_for, regional_coordinator):
    text = client_for(regional_coordinator).get(reverse("care:index")).text
    assert "Er staan geen trajecten op uw naam." in text and "Niets verlopen." in text
    assert "Geen verwijzingen die op antwoord wachten." in text


def test_the_day_queries_do_not_grow_with_the_rows(
    client_for, coordinator, case, care_partner, voorbeeld, django_assert_max_num_queries
):
    client = client_for(coordinator)
    _overdue_everything(coordinator, case, care_partner)
    client.get(reverse("home:index"))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("home:index"))
    for number in range(4):
        other = _register(coordinator, voorbeeld, f"Es {number}")
        _overdue_everything(coordinator, other, care_partner)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("home:index")).status_code == 200


def test_the_overdue_list_counts_past_its_limit_in_the_same_queries(
    coordinator, case, care_partner, voorbeeld, django_assert_num_queries
):
    # Each kind's first rows and its total come from one query, also when there are more rows
    # than the list shows (a count query only then would grow the start page's queries).
    _overdue_everything(coordinator, case, care_partner)
    with CaptureQueriesContext(connection) as few:
        rows, total = selectors.overdue_items(user=coordinator, limit=2)
    assert total == 4 and len(rows) == 2
    for number in range(4):
        _overdue_everything(coordinator, _register(coordinator, voorbeeld, f"Es {number}"), care_partner)
    with django_assert_num_queries(len(few.captured_queries)):
        rows, total = selectors.overdue_items(user=coordinator, limit=2)
    assert total == 20 and len(rows) == 2
