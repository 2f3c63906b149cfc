"""Who sees what: the zorgcoördinator of the municipality (and the regional one) runs it; an
attendee who is a Baken user sees only the agenda items of meetings they attend and the actions
of their organisation; another municipality, a too-low clearance or no seat answers 404."""

import pytest
from django.urls import reverse

from baken.core.access import policy_for
from baken.core.confidentiality import Confidentiality
from baken.meetings.models import AgendaItem, Attendee, CaseReferral, Meeting, MeetingAction, SharingLogEntry
from baken.meetings.policies import runners_of
from baken.testing.meetings import make_action, make_attendee, make_item, make_meeting, make_sharing


def _visible(model, user):
    return set(policy_for(model).visible(user).values_list("pk", flat=True))


def test_an_attendee_sees_the_items_of_their_meeting_and_404_on_another(
    client_for, coordinator, voorbeeld, meeting, item, seat, colleague
):
    other_item = make_item(coordinator, voorbeeld, pseudonym="Iep 40")  # another meeting
    client = client_for(colleague)
    assert client.get(reverse("meetings:meeting", args=[meeting.pk])).status_code == 200
    page = client.get(reverse("meetings:item", args=[meeting.pk, item.pk]))
    assert page.status_code == 200 and item.referral.pseudonym in page.text
    # The other meeting, its item, and its item addressed through the attended meeting: all 404.
    assert client.get(reverse("meetings:meeting", args=[other_item.meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:item", args=[other_item.meeting.pk, other_item.pk])).status_code == 404
    assert client.get(reverse("meetings:item", args=[meeting.pk, other_item.pk])).status_code == 404
    # Never the aanmelding itself, the runner's pages or the sharing log.
    assert client.get(reverse("meetings:referral", args=[item.referral.pk])).status_code == 404
    assert client.get(reverse("meetings:index")).status_code == 404
    assert _visible(AgendaItem, colleague) == {item.pk}
    assert _visible(CaseReferral, colleague) == set()
    assert _visible(Meeting, colleague) == {meeting.pk}
    assert _visible(Attendee, colleague) == {seat.pk}


def test_an_attendee_sees_only_their_organisations_actions(
    coordinator, make_user, voorbeeld, zuiderhaven, meeting, item, seat, colleague, regional_coordinator
):
    make_attendee(coordinator, meeting, user=regional_coordinator, name="Ruben")
    own = make_action(coordinator, item, owner_user=colleague)
    regional = make_action(coordinator, item, owner_user=regional_coordinator)
    external = make_action(coordinator, item)
    assert _visible(MeetingAction, colleague) == {own.pk}
    # The regional coordinator runs the region's meetings: sees all of them.
    assert _visible(MeetingAction, regional_coordinator) == {own.pk, regional.pk, external.pk}
    assert _visible(MeetingAction, coordinator) == {own.pk, regional.pk, external.pk}


def test_the_sharing_log_is_the_runners_only(
    coordinator, regional_coordinator, other_coordinator, item, seat, colleague
):
    entry = make_sharing(coordinator, item, seat)
    assert _visible(SharingLogEntry, coordinator) == {entry.pk}
    assert _visible(SharingLogEntry, regional_coordinator) == {entry.pk}
    assert _visible(SharingLogEntry, colleague) == set()
    assert _visible(SharingLogEntry, other_coordinator) == set()


def test_another_municipality_and_a_low_clearance_get_404(
    client_for, coordinator, other_coordinator, make_user, voorbeeld, meeting, item, seat
):
    low = make_user("zorgcoordinator", voorbeeld, clearance=Confidentiality.VERTROUWELIJK, username="laag")
    for user in (other_coordinator, low):
        client = client_for(user)
        assert client.get(reverse("meetings:referral", args=[item.referral.pk])).status_code == 404
        assert client.get(reverse("meetings:item", args=[meeting.pk, item.pk])).status_code == 404
    # The low-cleared colleague of the own municipality still sees the meeting (no person in it).
    assert client_for(low).get(reverse("meetings:meeting", args=[meeting.pk])).status_code == 200
    assert client_for(other_coordinator).get(reverse("meetings:meeting", args=[meeting.pk])).status_code == 404


def test_an_attendee_below_the_clearance_of_an_item_does_not_see_it(coordinator, make_user, voorbeeld, meeting, item):
    low = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.VERTROUWELIJK, username="laag")
    make_attendee(coordinator, meeting, user=low, name="Laag")
    assert _visible(Meeting, low) == {meeting.pk}
    assert _visible(AgendaItem, low) == set()


def test_an_attendee_without_a_municipality_sees_no_actions(
    coordinator, meeting, item, regional_coordinator, make_user, region
):
    """An account of a region that does not run meetings sits at a table: it sees the items, but
    no action is 'of its organisation'."""
    regional_triager = make_user(
        "aandachtsfunctionaris", None, region=region, clearance=Confidentiality.GEHEIM, username="regio-af"
    )
    make_attendee(coordinator, meeting, user=regional_triager, name="Regio")
    make_action(coordinator, item)
    assert _visible(AgendaItem, regional_triager) == {item.pk}
    assert _visible(MeetingAction, regional_triager) == set()


def test_runners_are_the_municipalitys_and_the_regions(coordinator, regional_coordinator, other_coordinator, voorbeeld):
    assert set(runners_of(voorbeeld)) == {coordinator, regional_coordinator}


def test_managers_and_superusers_see_nothing_by_default(make_user, voorbeeld, item, meeting):
    beheerder = make_user("functioneel_beheerder", voorbeeld, clearance=Confidentiality.ZEER_GEHEIM)
    admin = make_user(None, voorbeeld, clearance=Confidentiality.ZEER_GEHEIM, is_superuser=True, username="root")
    for user in (beheerder, admin):
        for model in (CaseReferral, Meeting, AgendaItem, Attendee, MeetingAction, SharingLogEntry):
            assert _visible(model, user) == set(), (user, model)
        assert not policy_for(Meeting).user_may(user, "manage")


@pytest.mark.parametrize("model", [CaseReferral, Meeting, AgendaItem, Attendee, MeetingAction, SharingLogEntry])
def test_each_model_has_its_policy(model):
    # An action's owner records its result: test_analysis_and_report.py.
    extra = {"report"} if model is MeetingAction else set()
    assert set(policy_for(model).actions) == {"view", "manage", *extra}


def test_a_meeting_of_another_municipality_is_not_planned_in_the_list(
    coordinator, other_coordinator, zuiderhaven, meeting
):
    foreign = make_meeting(other_coordinator, zuiderhaven)
    assert _visible(Meeting, coordinator) == {meeting.pk}
    assert foreign.pk not in _visible(Meeting, coordinator)
