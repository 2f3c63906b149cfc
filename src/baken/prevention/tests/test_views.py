"""Preventie's pages: empty state, recording an activity through its lifecycle, errors, calendar."""

import pytest
from django.urls import reverse

from baken.prevention.models import PreventionActivity
from baken.testing.prevention import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


def test_empty_list_says_what_to_do(client_for, beleid):
    response = client_for(beleid).get(reverse("prevention:index"))
    assert response.status_code == 200
    assert "nog geen preventieactiviteiten" in response.content.decode()


def test_record_an_activity_through_its_lifecycle(client_for, beleid):
    client = client_for(beleid)
    response = client.post(
        reverse("prevention:activity_new"),
        {
            "title": "Gastles",
            "activity_type": "schoolvoorlichting",
            "target_groups": ["vo"],
            "starts_on": "2026-10-01",
            "location_kind": "school",
            "location_name": "Het Baken College",
        },
    )
    activity = PreventionActivity.objects.get()
    assert response.status_code == 302 and response.url == reverse("prevention:activity", args=[activity.pk])
    detail = client.get(response.url)
    assert "Het Baken College" in detail.content.decode()
    step = reverse("prevention:activity_transition", args=[activity.pk])
    assert client.post(step, {"target": "bevestigd"}).status_code == 302
    refused = client.post(step, {"target": "uitgevoerd"})
    assert refused.status_code == 400
    assert "Vul het bereik in" in refused.content.decode()
    assert client.post(step, {"target": "uitgevoerd", "reach": "61"}).status_code == 302
    assert client.post(step, {"target": "gepland"}).status_code == 400  # not a step from here
    activity.refresh_from_db()
    assert (activity.status, activity.reach) == ("uitgevoerd", 61)


def test_new_form_errors_in_dutch_and_nothing_saved(client_for, beleid):
    response = client_for(beleid).post(
        reverse("prevention:activity_new"),
        {
            "title": "Gastles",
            "activity_type": "schoolvoorlichting",
            "target_groups": ["vo"],
            "starts_on": "2026-10-01",
            "location_kind": "wijk",
        },
    )
    assert response.status_code == 200
    assert "Vul de naam van de school of de wijk in" in response.content.decode()
    assert not PreventionActivity.objects.exists()


def test_edit_and_filter_and_calendar(client_for, beleid):
    activity = make_activity(beleid)
    client = client_for(beleid)
    edit = reverse("prevention:activity_edit", args=[activity.pk])
    assert client.get(edit).status_code == 200
    data = {
        "title": "Gastles groep 7",
        "activity_type": "schoolvoorlichting",
        "target_groups": ["po"],
        "starts_on": "2026-10-05",
        "location_kind": "school",
        "location_name": "De Vlinder",
    }
    assert client.post(edit, data).status_code == 302
    bad = client.post(edit, data | {"ends_on": "2026-01-01"})
    assert "vóór de begindatum" in bad.content.decode()
    listed = client.get(reverse("prevention:index"), {"status": "gepland", "schooljaar": "2026"})
    assert "Gastles groep 7" in listed.content.decode()
    none = client.get(reverse("prevention:index"), {"status": "geannuleerd"})
    assert "Geen activiteiten met deze keuze" in none.content.decode()
    calendar = client.get(reverse("prevention:calendar"), {"schooljaar": "2026"})
    assert "Gastles groep 7" in calendar.content.decode()
    assert "oktober 2026" in calendar.content.decode()
