"""Who the person is: recorded only after an audited reveal of the name, validated (BSN with the
elfproef, V-number, ISO country code), logged by field name without values; the case page shows
the identity only to whoever revealed it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.care import selectors, services
from baken.care.models import ResidenceStatus
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent

#: A BSN that passes the elfproef (a test number), and one that does not.
VALID_BSN, INVALID_BSN = "111222333", "123456789"


def _values(**overrides):
    values = {
        "full_name": "Maria Ionescu",
        "aliases": "Mari",
        "birth_date": dt.date(2009, 3, 1),
        "birth_date_estimated": True,
        "sex": "vrouw",
        "nationality": "ro",
        "languages": "Roemeens, Engels",
        "interpreter_needed": True,
        "guardian": "Nidos, mevrouw De Vries",
        "bsn": "1112.22.333",
        "v_number": "1234567890",
        "residence_status": ResidenceStatus.EU,
        "accompanying_children": 1,
    }
    return values | overrides


@pytest.fixture
def revealed(coordinator, case):
    services.care_name_reveal(actor=coordinator, case=case, reason="Intake: gegevens vastleggen")
    return case


def test_the_person_is_recorded_after_a_reveal(coordinator, revealed):
    case = services.care_person_update(actor=coordinator, case=revealed, values=_values())
    case.refresh_from_db()
    assert (case.full_name, case.nationality, case.bsn, case.accompanying_children) == (
        "Maria Ionescu",
        "RO",
        VALID_BSN,
        1,
    )
    event = AuditEvent.objects.get(object_type="care.carecase", action="update", reason__startswith="persoonsgegevens")
    assert event.reason.startswith("persoonsgegevens: naam, andere namen, geboortedatum")
    assert "Maria" not in event.reason and VALID_BSN not in event.reason
    # Nothing changed: no new line.
    count = AuditEvent.objects.filter(action="update").count()
    services.care_person_update(actor=coordinator, case=case, values=_values())
    assert AuditEvent.objects.filter(action="update").count() == count


def test_not_without_revealing_the_name_first(coordinator, case):
    with pytest.raises(ValidationError) as error:
        services.care_person_update(actor=coordinator, case=case, values=_values())
    assert "Toon eerst de naam" in str(error.value)
    case.refresh_from_db()
    assert not case.bsn


def test_not_by_someone_without_the_case(triager, case):
    with pytest.raises(NotPermitted):
        services.care_person_update(actor=triager, case=case, values=_values())


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"bsn": INVALID_BSN}, "bsn"),
        ({"v_number": "12345"}, "v_number"),
        ({"nationality": "Roemenië"}, "nationality"),
        ({"birth_date": dt.date.today() + dt.timedelta(days=1)}, "birth_date"),
        ({"birth_date": dt.date(1899, 12, 31)}, "birth_date"),
        ({"accompanying_children": 21}, "accompanying_children"),
        ({"sex": "anders"}, "sex"),
        ({"residence_status": "vluchteling"}, "residence_status"),
        ({"aliases": "x" * 301}, "aliases"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_input_is_refused_and_nothing_is_saved(coordinator, revealed, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.care_person_update(actor=coordinator, case=revealed, values=_values(**overrides))
    assert field in error.value.message_dict
    revealed.refresh_from_db()
    assert not revealed.full_name and not revealed.bsn


def test_the_case_page_shows_the_identity_only_after_a_reveal(coordinator, regional_coordinator, revealed):
    services.care_person_update(actor=coordinator, case=revealed, values=_values())
    revealed.refresh_from_db()
    today = dt.date(2026, 12, 1)
    mine = dict(selectors.person_facts(revealed, revealed=True, today=today))
    assert mine["BSN"] == VALID_BSN and mine["Leeftijd"] == "17 jaar (geschat) — minderjarig"
    theirs = dict(selectors.person_facts(revealed, revealed=False, today=today))
    assert "BSN" not in theirs and "V-nummer" not in theirs and theirs["Nationaliteit"] == "RO"
    assert theirs["Talen"] == "Roemeens, Engels — tolk nodig"


def test_the_person_page(client_for, coordinator, case):
    url = reverse("care:person", args=[case.pk])
    page = client_for(coordinator).get(url)
    assert page.status_code == 200 and "Toon eerst de naam" in page.text and 'name="full_name"' not in page.text
    assert client_for(coordinator).post(url, _values()).status_code == 404
    revealed = client_for(coordinator).post(
        reverse("care:reveal", args=[case.pk]), {"naam-reason": "Intake", "then": "persoon"}
    )
    assert revealed.status_code == 302 and revealed.url == url
    form = client_for(coordinator).get(url)
    assert form.status_code == 200 and 'name="full_name"' in form.text
    data = {name: value for name, value in _values(birth_date="2009-03-01").items() if value not in (False, None)}
    bad = client_for(coordinator).post(url, data | {"bsn": INVALID_BSN})
    assert bad.status_code == 400 and "Dit BSN klopt niet" in bad.text
    assert client_for(coordinator).post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.bsn == VALID_BSN and case.interpreter_needed
    assert AuditEvent.objects.filter(object_id=str(case.pk), reason="persoonsgegevens").count() == 2


def test_the_person_page_of_another_municipality_is_404(client_for, make_user, zuiderhaven, case):
    from baken.core.confidentiality import Confidentiality

    other = make_user("zorgcoordinator", zuiderhaven, clearance=Confidentiality.GEHEIM)
    assert client_for(other).get(reverse("care:person", args=[case.pk])).status_code == 404
