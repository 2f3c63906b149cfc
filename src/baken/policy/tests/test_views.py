"""Beleid & regie's pages: the yearly cycle through the views, errors, compare, PDF, regional view."""

import pytest
from django.urls import reverse

from baken.policy.models import ActionPlan, KaderAssessment, PlanAction
from baken.policy.services import assessment_item_update
from baken.testing.policy import make_action, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


def test_empty_start_page(client_for, beleid):
    page = client_for(beleid).get(reverse("policy:index")).content.decode()
    assert "nog geen zelfevaluatie" in page and "nog geen uitvoeringsplan" in page


def test_assess_a_block_and_turn_the_gap_into_an_action(client_for, beleid):
    client = client_for(beleid)
    response = client.post(reverse("policy:assessment_new"), {"year": "2026"})
    assessment = KaderAssessment.objects.get()
    assert response.url == reverse("policy:assessment", args=[assessment.pk])
    page = client.get(response.url).content.decode()
    assert "nog te verifiëren" in page and "Zelfevaluatie van de gemeente: Gemeente Voorbeeld" in page
    again = client.post(reverse("policy:assessment_new"), {"year": "2026"})
    assert "al een zelfevaluatie" in again.content.decode()

    item = assessment.items.get(block_code="2B3")
    edit = reverse("policy:item", args=[item.pk])
    assert client.get(edit).status_code == 200
    refused = client.post(edit, {"status": "volledig"})
    assert "Noem het document of besluit" in refused.content.decode()
    assert client.post(edit, {"status": "gedeeltelijk", "evidence": "Trainingsplan", "owner": "HR"}).status_code == 302

    response = client.post(reverse("policy:item_action", args=[item.pk]))
    action = PlanAction.objects.get()
    assert response.url == reverse("policy:action", args=[action.pk])
    assert action.source_item_id == item.pk and action.owner == "HR"
    twice = client.post(reverse("policy:item_action", args=[item.pk]), follow=True)
    assert "al een actie" in twice.content.decode()
    assert PlanAction.objects.count() == 1
    assert action.reference in client.get(reverse("policy:assessment", args=[assessment.pk])).content.decode()


def test_adopt_and_compare(client_for, beleid):
    client = client_for(beleid)
    assessment = make_assessment(beleid)
    adopt = reverse("policy:assessment_adopt", args=[assessment.pk])
    compare = reverse("policy:assessment_compare", args=[assessment.pk])
    assert "nog geen versie" in client.get(compare).content.decode()
    refused = client.post(adopt, {"adopted_by": "College", "adopted_on": "2026-03-01"})
    assert refused.status_code == 400 and "zonder status" in refused.content.decode()
    for item in assessment.items.all():
        assessment_item_update(actor=beleid, item=item, values={"status": "niet"})
    assert client.post(adopt, {"adopted_by": "College", "adopted_on": "2026-03-01"}).status_code == 302
    item = assessment.items.get(block_code="1B1")
    assessment_item_update(actor=beleid, item=item, values={"status": "volledig", "evidence": "Nota"})
    assert client.post(adopt, {"adopted_by": "College", "adopted_on": "2026-09-01"}).status_code == 302
    page = client.get(compare, {"van": "1", "naar": "2"}).content.decode()
    assert "1B1" in page and "Volledig" in page
    assert "Geen verschillen" in client.get(compare).content.decode()  # the latest version against now
    assert client.get(compare, {"van": "9"}).status_code == 404
    assert client.get(compare, {"van": "x"}).status_code == 404


def test_plan_actions_and_pdf(client_for, beleid):
    client = client_for(beleid)
    response = client.post(
        reverse("policy:plan_new"), {"title": "Plan 2026-2028", "first_year": "2026", "last_year": "2028"}
    )
    plan = ActionPlan.objects.get()
    assert response.url == reverse("policy:plan", args=[plan.pk])
    assert "nog geen acties" in client.get(response.url).content.decode()
    new = reverse("policy:action_new", args=[plan.pk])
    assert client.get(new).status_code == 200
    assert "Dit veld is verplicht" in client.post(new, {"title": "Iets"}).content.decode()
    assert client.post(new, {"title": "Signalenkaart", "kader_theme": "signalering"}).status_code == 302
    action = PlanAction.objects.get()
    edit = reverse("policy:action", args=[action.pk])
    assert client.get(edit).status_code == 200
    data = {"title": "Signalenkaart", "kader_theme": "signalering"}
    assert client.post(edit, data | {"status": "vervallen"}).status_code == 400  # no reason: refused
    assert client.post(edit, data | {"status": "lopend"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "lopend"
    pdf = client.get(reverse("policy:plan_pdf", args=[plan.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_regional_beleidsmaker_sees_the_region_side_by_side(client_for, make_user, voorbeeld, zuiderhaven, region):
    own = make_user("beleidsmaker", voorbeeld)
    assessment = make_assessment(own)
    item = assessment.items.first()
    assessment_item_update(actor=own, item=item, values={"status": "niet"})
    action = make_action(own)
    regional = make_user("beleidsmaker", None, region=region)
    client = client_for(regional)
    page = client.get(reverse("policy:index")).content.decode()
    assert voorbeeld.name in page and zuiderhaven.name in page
    assert "Gemeenten in de regio" in page
    assert client.get(reverse("policy:assessment", args=[assessment.pk])).status_code == 200
    # Reads, never writes: the change routes answer 404 and change nothing.
    assert client.get(reverse("policy:plan_new")).status_code == 404
    assert client.get(reverse("policy:item", args=[item.pk])).status_code == 404
    assert (
        client.post(reverse("policy:action", args=[action.pk]), {"title": "Weg", "kader_theme": "beleid"}).status_code
        == 404
    )
    assert client.get(reverse("policy:action", args=[action.pk])).status_code == 200
    action.refresh_from_db()
    assert action.title == "Training balie en toezicht"


def test_no_view_of_these_apps_reaches_case_rows():
    """The views and selectors of prevention and policy import nothing of signals, triage, care,
    enforcement or meetings: figures from case data come only from the reporting app's
    suppressed aggregates. (The value list of forms of exploitation is catalogue data, read by
    prevention's forms and services, not a case row.)"""
    import ast
    import inspect

    from baken.policy import selectors as policy_selectors
    from baken.policy import views as policy_views
    from baken.prevention import selectors as prevention_selectors
    from baken.prevention import views as prevention_views

    case_apps = ("baken.signalling", "baken.coordination", "baken.care", "baken.enforcement", "baken.meetings")
    for module in (policy_selectors, policy_views, prevention_selectors, prevention_views):
        tree = ast.parse(inspect.getsource(module))
        imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        assert not [name for name in imported if name and name.startswith(case_apps)], module.__name__


def test_a_plan_is_adopted_on_its_edit_page(client_for, beleid, make_user, voorbeeld):
    from baken.testing.policy import make_plan

    plan = make_plan(beleid)
    client = client_for(beleid)
    page = client.get(reverse("policy:plan", args=[plan.pk])).content.decode()
    edit = reverse("policy:plan_edit", args=[plan.pk])
    assert edit in page and "Plan wijzigen of vaststellen" in page
    form = client.get(edit).content.decode()
    assert 'value="Uitvoeringsplan mensenhandel 2026-2028"' in form
    data = {"title": plan.title, "first_year": "2026", "last_year": "2028", "adopted_by": "Raad"}
    refused = client.post(edit, data | {"last_year": "2025"})
    assert refused.status_code == 400 and "Het laatste jaar ligt vóór het eerste." in refused.content.decode()
    assert client.post(edit, data | {"adopted_on": "2026-03-01"}).url == reverse("policy:plan", args=[plan.pk])
    plan.refresh_from_db()
    assert (plan.adopted_by, str(plan.adopted_on)) == ("Raad", "2026-03-01")
    # The regional beleidsmaker reads the plan but cannot change it.
    regional = client_for(make_user("beleidsmaker", region=voorbeeld.region))
    assert regional.get(reverse("policy:plan", args=[plan.pk])).status_code == 200
    assert regional.get(edit).status_code == 404
