"""The care demo: trajectories show a legal track and income and insurance with deadlines in the
coming weeks, and an agreed action of a plan is due soon; loading twice changes nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from baken.care.models import CareProcedure, CareTrack
from baken.care.reminders import plan_action_reminders_due, reminders_due
from baken.demo.loader import load_demo_data


@pytest.mark.django_db
def test_demo_care_tracks():
    load_demo_data()
    today = timezone.localdate()
    tracks = CareTrack.objects.filter(case__organisation__slug="voorbeeld")
    assert {"bedenktijd", "aangifte", "b8_vergunning", "vervolging", "rvb", "participatiewet"} <= set(
        tracks.values_list("kind", flat=True)
    )
    permit = tracks.get(kind="b8_vergunning", status="verleend")
    expiry = CareProcedure.objects.get(track=permit, kind="b8_vergunning")
    assert today < expiry.due_on <= today + dt.timedelta(weeks=8)  # its reminder is due
    rvb = CareProcedure.objects.filter(track__case__pseudonym="Linde 14", kind="rvb_aanvraag").get()
    assert today < rvb.due_on <= today + dt.timedelta(days=14)
    dublin = CareProcedure.objects.get(track__case__pseudonym="Berk 27", kind="dublin_beoordeling")
    assert today < dublin.due_on <= today + dt.timedelta(weeks=4)
    assert CareTrack.objects.filter(case__organisation__slug="zuiderhaven", kind="bedenktijd").exists()
    assert expiry in reminders_due(today=today)
    assert plan_action_reminders_due(today=today).exists()
    count = CareTrack.objects.count()
    load_demo_data()
    assert CareTrack.objects.count() == count
