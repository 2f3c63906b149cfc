"""Signalling capacity: trainings per department, staff entered by the beleidsmaker, the share
trained and the refreshers due; the own municipality only; bad input saves nothing."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.prevention import selectors
from baken.prevention.models import StaffCount, Training
from baken.prevention.services import staff_counts_set
from baken.testing.prevention import make_training

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


def _row(user, code):
    return next(row for row in selectors.capacity_by_department(user=user, today=TODAY) if row.code == code)


def test_share_trained_and_refreshers_due_per_department(beleid):
    staff_counts_set(actor=beleid, counts={"balie": 40, "toezicht": 10})
    make_training(beleid, department="balie", participants=12, trained_on=dt.date(2026, 3, 1))
    # a refresher within 90 days of today: still current, and due soon
    make_training(
        beleid, department="balie", participants=6, trained_on=dt.date(2025, 1, 1), refresher_on=dt.date(2027, 1, 15)
    )
    # past its refresher date: not counted as trained, counted as overdue
    make_training(
        beleid, department="balie", participants=5, trained_on=dt.date(2023, 1, 1), refresher_on=dt.date(2025, 1, 1)
    )
    make_training(beleid, department="toezicht", participants=15, trained_on=dt.date(2026, 6, 1))
    balie = _row(beleid, "balie")
    assert (balie.staff, balie.trained, balie.overdue, balie.due_soon, balie.share) == (40, 18, 5, 6, 45)
    assert balie.last_trained_on == dt.date(2026, 3, 1)
    assert _row(beleid, "toezicht").share == 100  # 15 participations over 10 staff: capped
    leerplicht = _row(beleid, "leerplicht")
    assert (leerplicht.staff, leerplicht.trained, leerplicht.share) == (None, 0, None)
    summary = selectors.capacity_summary(user=beleid, today=TODAY)
    assert (summary.departments_counted, summary.staff, summary.trained, summary.share) == (2, 50, 28, 56)
    assert summary.refreshers_overdue == 5


def test_default_refresher_two_years_after(beleid):
    training = make_training(beleid, trained_on=dt.date(2024, 2, 29))
    assert training.refresher_on == dt.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"department": "kantine"}, "department"),
        ({"level": "expert"}, "level"),
        ({"participants": 0}, "participants"),
        ({"refresher_on": dt.date(2026, 1, 1)}, "refresher_on"),
        ({"trained_on": None, "refresher_on": None}, "trained_on"),
    ],
)
def test_bad_training_is_refused_and_nothing_saved(beleid, overrides, field):
    with pytest.raises(ValidationError) as error:
        make_training(beleid, **overrides)
    assert field in error.value.message_dict
    assert not Training.objects.exists()


def test_staff_counts_set_change_and_remove(beleid):
    staff_counts_set(actor=beleid, counts={"balie": 20, "toezicht": 5})
    staff_counts_set(actor=beleid, counts={"balie": 22, "toezicht": None})
    assert dict(StaffCount.objects.values_list("department", "staff")) == {"balie": 22}
    with pytest.raises(ValidationError):
        staff_counts_set(actor=beleid, counts={"kantine": 3})
    for staff in (-1, 100_001):
        with pytest.raises(ValidationError) as error:
            staff_counts_set(actor=beleid, counts={"balie": staff})
        assert "balie" in error.value.message_dict
    assert dict(StaffCount.objects.values_list("department", "staff")) == {"balie": 22}


def test_saving_the_same_counts_again_changes_and_audits_nothing(beleid):
    first = staff_counts_set(actor=beleid, counts={"balie": 20, "toezicht": 5})
    audited = AuditEvent.objects.filter(object_type="prevention.staffcount").count()
    again = staff_counts_set(actor=beleid, counts={"balie": 20, "toezicht": 5})
    assert [(row.pk, row.staff) for row in again] == [(row.pk, row.staff) for row in first]
    assert AuditEvent.objects.filter(object_type="prevention.staffcount").count() == audited == 1
    # One changed count is saved and audited, naming only that department.
    staff_counts_set(actor=beleid, counts={"balie": 20, "toezicht": 6})
    assert AuditEvent.objects.filter(object_type="prevention.staffcount").latest("id").reason == "toezicht"


def test_training_and_staff_counts_need_the_right_and_an_own_provider(beleid, make_user, voorbeeld, zuiderhaven):
    from baken.partners.models import Partner

    signaleerder = make_user("signaleerder", voorbeeld)
    with pytest.raises(NotPermitted):
        make_training(signaleerder)
    with pytest.raises(NotPermitted):
        staff_counts_set(actor=signaleerder, counts={"balie": 3})
    foreign = Partner.objects.create(organisation=zuiderhaven, name="Trainer Zuiderhaven", partner_type="anders")
    with pytest.raises(ValidationError) as error:
        make_training(beleid, provider=foreign)
    assert "provider" in error.value.message_dict
    assert not Training.objects.exists() and not StaffCount.objects.exists()


def test_capacity_page_shows_own_figures_only(client_for, beleid, make_user, zuiderhaven):
    other = make_user("beleidsmaker", zuiderhaven)
    make_training(other, department="leerplicht", participants=77, function="leerplichtambtenaar Zuiderhaven")
    staff_counts_set(actor=beleid, counts={"balie": 40})
    make_training(beleid, department="balie", participants=10, trained_on=dt.date(2026, 3, 1))
    response = client_for(beleid).get(reverse("prevention:capacity"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Balie en publiekszaken" in html and "25%" in html
    # As a number of its own: "77" may occur inside the page's random CSRF token.
    assert not re.search(r"\b77\b", html) and "Zuiderhaven" not in html
    assert AuditEvent.objects.filter(actor=beleid, object_type="prevention.training").exists()


def test_empty_capacity_page_says_what_to_do(client_for, beleid):
    html = client_for(beleid).get(reverse("prevention:capacity")).content.decode()
    assert "nog geen trainingen" in html
    assert "Vul het aantal medewerkers per afdeling in" in html


def test_record_training_and_staff_through_the_pages(client_for, beleid):
    client = client_for(beleid)
    response = client.post(reverse("prevention:staff_counts"), {"balie": "30", "toezicht": "", "leerplicht": "4"})
    assert response.status_code == 302
    assert dict(StaffCount.objects.values_list("department", "staff")) == {"balie": 30, "leerplicht": 4}
    response = client.post(
        reverse("prevention:training_new"),
        {"department": "leerplicht", "level": "verdieping", "trained_on": "2026-09-01", "participants": "3"},
    )
    assert response.status_code == 302
    assert Training.objects.get().participants == 3
    bad = client.post(reverse("prevention:training_new"), {"department": "", "trained_on": "gisteren"})
    assert bad.status_code == 200 and "Kies" in bad.content.decode()
    assert Training.objects.count() == 1
    bad_staff = client.post(reverse("prevention:staff_counts"), {"balie": "-3"})
    assert bad_staff.status_code == 200
    assert StaffCount.objects.get(department="balie").staff == 30
