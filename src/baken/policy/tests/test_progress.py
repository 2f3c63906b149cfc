"""Quarterly progress notes on an action: kept in order, refused when empty or outside a
quarter, shown on the action's page and in the raadsinformatiebrief."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.policy.models import ActionProgressNote
from baken.policy.services import action_progress_add
from baken.testing.policy import make_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


@pytest.mark.parametrize(
    ("year", "quarter", "note", "field"),
    [(2026, 5, "x", "quarter"), (2026, 1, "  ", "note"), (1999, 1, "x", "year")],
)
def test_bad_progress_note_is_refused(beleid, year, quarter, note, field):
    action = make_action(beleid)
    with pytest.raises(ValidationError) as error:
        action_progress_add(actor=beleid, action=action, year=year, quarter=quarter, note=note)
    assert field in error.value.message_dict
    assert not ActionProgressNote.objects.exists()


def test_progress_notes_on_the_page_and_in_the_letter(client_for, beleid, make_user, zuiderhaven):
    action = make_action(beleid)
    client = client_for(beleid)
    url = reverse("policy:action_progress", args=[action.pk])
    response = client.post(url, {"year": "2026", "quarter": "3", "note": "Signalenkaart verspreid onder de balie."})
    assert response.status_code == 302
    bad = client.post(url, {"year": "2026", "quarter": "", "note": ""})
    assert bad.status_code == 400 and ActionProgressNote.objects.count() == 1
    html = client.get(reverse("policy:action", args=[action.pk])).content.decode()
    assert "2026-K3" in html and "Signalenkaart verspreid onder de balie." in html
    pdf = client.get(reverse("policy:plan_pdf", args=[action.plan_id]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    other = client_for(make_user("beleidsmaker", zuiderhaven))
    assert other.post(url, {"year": "2026", "quarter": "4", "note": "x"}).status_code == 404
    assert ActionProgressNote.objects.count() == 1
