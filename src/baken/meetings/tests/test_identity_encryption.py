"""The identity of an aanmelding (name, birth date) is encrypted at rest (docs/adr/0018) and the
same person is found again by an exact, normalised name through the blind index."""

import datetime as dt

import pytest
from django.core.exceptions import FieldError
from django.db import connection

from baken.meetings.models import CaseReferral
from baken.meetings.selectors import referrals_with_name
from baken.testing.meetings import make_referral


@pytest.fixture
def named(coordinator, voorbeeld):
    return make_referral(coordinator, voorbeeld, full_name="Ana-Maria Popescu", birth_date=dt.date(2004, 2, 29))


def test_the_name_and_birth_date_are_tokens_in_the_table(named):
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name, birth_date, name_index FROM meetings_casereferral WHERE id = %s", [named.pk])
        full_name, birth_date, name_index = cursor.fetchone()
    assert full_name.startswith("gAAAAA") and birth_date.startswith("gAAAAA") and "$" in name_index
    assert "Popescu" not in repr((full_name, birth_date, name_index)) and "2004" not in birth_date
    stored = CaseReferral.objects.get(pk=named.pk)
    assert (stored.full_name, stored.birth_date) == ("Ana-Maria Popescu", dt.date(2004, 2, 29))


def test_the_same_person_is_found_by_name_within_the_policy(named, coordinator, other_coordinator, voorbeeld):
    unnamed = make_referral(coordinator, voorbeeld)
    assert list(referrals_with_name(user=coordinator, name="ana maria  POPESCU")) == [named]
    assert not referrals_with_name(user=coordinator, name="Ana Popescu").exists()
    assert not referrals_with_name(user=coordinator, name=" ").exists()
    assert not referrals_with_name(user=other_coordinator, name="Ana-Maria Popescu").exists()
    assert CaseReferral.objects.get(pk=unnamed.pk).full_name == ""
    with pytest.raises(FieldError):
        CaseReferral.objects.filter(full_name="Ana-Maria Popescu").exists()
