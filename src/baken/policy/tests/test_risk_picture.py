"""The local risk picture: one row per form of exploitation, an assessment needs a rationale,
the previous year's sectors carry over, the page and the PDF show the same figures, the own
municipality only."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.core.models import AuditEvent
from baken.policy.models import RiskFormRow, RiskPicture
from baken.policy.services import risk_picture_create, risk_picture_update, risk_row_update
from baken.signalling.models import ExploitationForm
from baken.testing.policy import make_risk_picture

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


def test_one_row_per_form_and_one_picture_a_year(beleid):
    picture = make_risk_picture(beleid, 2026)
    assert picture.rows.count() == ExploitationForm.objects.count() > 0
    with pytest.raises(ValidationError):
        make_risk_picture(beleid, 2026)
    assert RiskPicture.objects.count() == 1


def test_assessment_needs_a_rationale_and_nothing_is_saved_without(beleid):
    row = make_risk_picture(beleid).rows.first()
    with pytest.raises(ValidationError) as error:
        risk_row_update(actor=beleid, row=row, values={"level": "extreem", "rationale": "Zomaar"})
    assert "level" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        risk_row_update(actor=beleid, row=row, values={"sectors": "Haven", "level": "hoog", "rationale": ""})
    assert "rationale" in error.value.message_dict
    row.refresh_from_db()
    assert (row.sectors, row.level) == ("", "")
    risk_row_update(actor=beleid, row=row, values={"sectors": "Haven", "level": "hoog", "rationale": "RIEC-beeld 2026"})
    row.refresh_from_db()
    assert (row.level, row.assessed_on is not None) == ("hoog", True)
    with pytest.raises(ValidationError):
        risk_row_update(
            actor=beleid, row=row, values={"level": "laag", "rationale": "x", "assessed_on": dt.date(2999, 1, 1)}
        )


def test_next_year_starts_from_the_sectors_and_intelligence_of_the_last(beleid):
    first = make_risk_picture(beleid, 2025)
    row = first.rows.first()
    risk_row_update(
        actor=beleid, row=row, values={"sectors": "Drie nagelstudio's", "level": "midden", "rationale": "x"}
    )
    risk_picture_update(actor=beleid, picture=first, partner_intelligence="Politie: meer uitzendkrachten.")
    second = risk_picture_create(actor=beleid, year=2026)
    carried = second.rows.get(form=row.form)
    assert (carried.sectors, carried.level) == ("Drie nagelstudio's", "")  # the assessment is made anew
    assert second.partner_intelligence == "Politie: meer uitzendkrachten."


def test_page_table_and_pdf_show_the_assessment(client_for, beleid):
    picture = make_risk_picture(beleid)
    row = picture.rows.select_related("form").first()
    client = client_for(beleid)
    response = client.post(
        reverse("policy:risk_row", args=[row.pk]),
        {"sectors": "Distributiecentra aan de A15", "level": "hoog", "rationale": "Inspectie SZW signaleert"},
    )
    assert response.status_code == 302
    html = client.get(reverse("policy:risk", args=[picture.pk])).content.decode()
    assert "Distributiecentra aan de A15" in html and "Hoog" in html and row.form.label in html
    # Signals per wijk: not read here, but linked in the reporting's suppressed table for the year.
    link = f"{reverse('reporting:signals')}?van={picture.year}-01-01&amp;tot={picture.year}-12-31#figuur-wijk"
    assert link in html
    assert client.get(reverse("reporting:signals"), {"van": f"{picture.year}-01-01"}).status_code == 200
    pdf = client.get(reverse("reporting:risk_picture_pdf", args=[picture.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(actor=beleid, action="export", object_type="policy.riskpicture").exists()


def test_bad_row_input_says_so_in_dutch(client_for, beleid):
    row = make_risk_picture(beleid).rows.first()
    response = client_for(beleid).post(reverse("policy:risk_row", args=[row.pk]), {"level": "midden"})
    assert response.status_code == 400
    assert "Onderbouw de inschatting" in response.content.decode()
    assert RiskFormRow.objects.get(pk=row.pk).level == ""


def test_start_a_picture_from_the_index_and_empty_state(client_for, beleid):
    client = client_for(beleid)
    assert "nog geen risicobeeld" in client.get(reverse("policy:risk_index")).content.decode()
    response = client.post(reverse("policy:risk_index"), {"year": "2026"})
    picture = RiskPicture.objects.get()
    assert response.status_code == 302 and response.url == reverse("policy:risk", args=[picture.pk])
    again = client.post(reverse("policy:risk_index"), {"year": "2026"})
    assert again.status_code == 400 and RiskPicture.objects.count() == 1


def test_another_municipality_sees_nothing(client_for, beleid, make_user, zuiderhaven):
    picture = make_risk_picture(beleid)
    other = client_for(make_user("beleidsmaker", zuiderhaven))
    assert other.get(reverse("policy:risk", args=[picture.pk])).status_code == 404
    assert other.get(reverse("policy:risk_row", args=[picture.rows.first().pk])).status_code == 404
    assert "Risicobeeld 2026" not in other.get(reverse("policy:risk_index")).content.decode()
