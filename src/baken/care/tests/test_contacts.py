"""Contacts with the person: recorded with the next contact needed, refused on bad input, and
long without contact the case page proposes the phase 'contact verloren'."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from baken.care import selectors, services
from baken.care.catalogue.loader import catalogue
from baken.care.models import CareContact, CarePhase
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.testing.care import move_to

TODAY = dt.date(2026, 11, 30)


def _contact(coordinator, case, **overrides):
    values = {"contact_on": dt.date(2026, 11, 20), "kind": "gesprek"}
    values.update(overrides)
    return services.contact_record(actor=coordinator, case=case, **values)


def test_a_contact_is_recorded_with_the_next_one_and_audited(coordinator, case):
    contact = _contact(coordinator, case, note="  Gaat goed  ", next_contact_by=dt.date(2026, 12, 4))
    assert (contact.note, contact.next_contact_by, contact.created_by) == (
        "Gaat goed",
        dt.date(2026, 12, 4),
        coordinator,
    )
    assert AuditEvent.objects.filter(
        object_type="care.carecontact", object_id=str(contact.pk), action="create"
    ).exists()
    status = selectors.contact_status(case, today=dt.date(2026, 12, 5))
    assert (status.last_on, status.days_without, status.next_by, status.next_overdue) == (
        dt.date(2026, 11, 20),
        15,
        dt.date(2026, 12, 4),
        True,
    )


def test_bad_contact_input_saves_nothing(coordinator, case):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for overrides, field in (
        ({"kind": "duif"}, "kind"),
        ({"contact_on": tomorrow}, "contact_on"),
        ({"next_contact_by": dt.date(2026, 11, 19)}, "next_contact_by"),
        ({"note": "x" * 301}, "note"),
    ):
        with pytest.raises(ValidationError) as error:
            _contact(coordinator, case, **overrides)
        assert field in error.value.message_dict
    assert not CareContact.objects.exists()


def test_no_contact_on_a_closed_case_nor_by_someone_without_the_case(coordinator, regional_coordinator, case, triager):
    with pytest.raises(NotPermitted):
        _contact(triager, case)
    closed = move_to(coordinator, case, CarePhase.ADVICE_ONLY, CarePhase.CLOSED, approver=regional_coordinator)
    with pytest.raises(ValidationError):
        _contact(coordinator, closed)
    assert not CareContact.objects.exists()


def test_long_without_contact_proposes_contact_lost(coordinator, case):
    case = move_to(coordinator, case, CarePhase.IN_PROGRESS)  # from intake, where a handover starts
    limit = catalogue().contact_lost_days
    _contact(coordinator, case, contact_on=dt.date(2026, 10, 1))
    # An attempt is not contact: the last real contact stays 1 October.
    _contact(coordinator, case, contact_on=dt.date(2026, 11, 1), kind="poging")
    just_in_time = selectors.contact_status(case, today=dt.date(2026, 10, 1) + dt.timedelta(days=limit))
    assert (just_in_time.last_on, just_in_time.propose_lost) == (dt.date(2026, 10, 1), False)
    late = selectors.contact_status(case, today=dt.date(2026, 10, 2) + dt.timedelta(days=limit))
    assert late.propose_lost and late.days_without == limit + 1
    # Once the phase is 'contact verloren' there is nothing left to propose.
    lost = move_to(coordinator, case, CarePhase.CONTACT_LOST)
    assert not selectors.contact_status(lost, today=TODAY + dt.timedelta(days=365)).propose_lost


def test_without_any_contact_the_days_count_from_the_start_of_the_case(coordinator, case):
    started = timezone.localtime(case.created_at).date()
    status = selectors.contact_status(case, today=started + dt.timedelta(days=catalogue().contact_lost_days + 1))
    assert status.last_on is None and status.propose_lost


def test_the_page_records_a_contact_and_shows_the_proposal(client_for, coordinator, case):
    client = client_for(coordinator)
    url = reverse("care:contact_add", args=[case.pk])
    refused = client.post(url, {"contact_on": "2026-11-20", "kind": ""})
    assert refused.status_code == 400 and "verplicht" in refused.content.decode()
    assert not CareContact.objects.exists()
    response = client.post(url, {"contact_on": "2026-11-20", "kind": "telefoon", "next_contact_by": "2026-12-01"})
    assert response.status_code == 302
    page = client.get(reverse("care:case", args=[case.pk])).content.decode()
    assert "Telefoon" in page and "Volgend contact uiterlijk" in page
    CareContact.objects.update(contact_on=timezone.localdate() - dt.timedelta(days=catalogue().contact_lost_days + 5))
    page = client.get(reverse("care:case", args=[case.pk])).content.decode()
    assert "Contact verloren" in page and "geen contact (meer dan" in page
