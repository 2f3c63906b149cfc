"""The barrier loop: an inspection outcome or a measure is linked to a barrier of a Kennisbank
barrier model, and the model page shows per step which barriers the municipality raised and
when — counts and dates only, never a case."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.enforcement import selectors, services
from baken.enforcement.models import BarrierLink
from baken.enforcement.services import InspectionRecord
from baken.knowledge.selectors import national_barrier_models

MODEL = "arbeidsmigranten"


def _barrier(index=0):
    step = next(step for step in national_barrier_models()[MODEL].steps if len(step.barriers) > 1)
    key, text = step.barriers[index]
    return f"{MODEL}/{step.code}/{key}", step.code, key, text


@pytest.fixture
def recorded(inspector, inspection):
    record = InspectionRecord(
        performed_at=timezone.now() - dt.timedelta(days=1), situation="toegang_verleend", outcome="overtreding"
    )
    return services.inspection_record(actor=inspector, inspection=inspection, data=record)


@pytest.fixture
def measure(jurist, case):
    return services.measure_start(
        actor=jurist, case=case, intent_type="waarschuwing", addressees="X", sent_on=dt.date(2026, 11, 2)
    )


def test_linking_an_inspection_and_a_measure(inspector, jurist, recorded, measure):
    code, step, key, text = _barrier()
    link = services.barrier_link_add(actor=inspector, barrier=code, inspection=recorded)
    assert (link.step_code, link.barrier_key, link.barrier_text) == (step, key, text)
    assert link.raised_on == timezone.localtime(recorded.performed_at).date()
    assert link.organisation_id == recorded.organisation_id
    later = services.barrier_link_add(actor=jurist, barrier=code, measure=measure)
    assert later.raised_on == dt.date(2026, 11, 2)
    raised = selectors.barriers_raised(user=jurist, model_code=MODEL)
    (item,) = raised[step]
    assert (item.barrier_key, item.times) == (key, 2)
    assert item.first_on == min(link.raised_on, later.raised_on)
    assert item.last_on == max(link.raised_on, later.raised_on)


@pytest.mark.parametrize("barrier", ["", "onbekend/werk/x", f"{MODEL}/onbekend/x", f"{MODEL}/werk/geen-barriere"])
def test_an_unknown_barrier_is_refused(inspector, recorded, barrier):
    with pytest.raises(ValidationError, match="Kies een barrière"):
        services.barrier_link_add(actor=inspector, barrier=barrier, inspection=recorded)
    assert not BarrierLink.objects.exists()


def test_twice_the_same_barrier_and_a_planned_inspection_are_refused(inspector, inspection, recorded):
    code = _barrier()[0]
    services.barrier_link_add(actor=inspector, barrier=code, inspection=recorded)
    with pytest.raises(ValidationError, match="al gekoppeld"):
        services.barrier_link_add(actor=inspector, barrier=code, inspection=recorded)
    planned = services.inspection_plan(actor=inspector, case=recorded.case, planned_for=timezone.now())
    with pytest.raises(ValidationError, match="Leg eerst de controle vast"):
        services.barrier_link_add(actor=inspector, barrier=code, inspection=planned)
    assert BarrierLink.objects.count() == 1


def test_another_municipality_may_not_link(make_user, zuiderhaven, recorded):
    stranger = make_user("toezichthouder", zuiderhaven, clearance=Confidentiality.GEHEIM)
    with pytest.raises(NotPermitted):
        services.barrier_link_add(actor=stranger, barrier=_barrier()[0], inspection=recorded)


def test_the_model_page_shows_counts_and_dates_to_who_may_see_the_cases(
    client_for, inspector, recorded, make_user, voorbeeld, zuiderhaven
):
    code = _barrier(1)[0]
    services.barrier_link_add(actor=inspector, barrier=code, inspection=recorded)
    url = reverse("knowledge:barrier_model", args=[MODEL])
    colleague = make_user("toezichthouder", voorbeeld, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    page = client_for(colleague).get(url).content.decode()
    assert "Opgeworpen door Handhaven in uw gemeente" in page and "1 keer, op" in page
    assert recorded.case.reference not in page and recorded.case.location.street not in page
    # Who may not open enforcement cases (a signaleerder) or is of another municipality sees no
    # counts: the links are read through BarrierLink's policy.
    for reader in (make_user("signaleerder", voorbeeld), make_user("toezichthouder", zuiderhaven)):
        page = client_for(reader).get(url).content.decode()
        assert "Opgeworpen door Handhaven in uw gemeente" not in page
        assert selectors.barriers_raised(user=reader, model_code=MODEL) == {}


def test_links_of_a_vertrouwelijk_case_are_not_counted_without_clearance(
    make_user, inspector, recorded, signal, triager
):
    code, step, _key, _text = _barrier()
    services.barrier_link_add(actor=inspector, barrier=code, inspection=recorded)
    services.case_link_signal(actor=triager, case=recorded.case, signal=signal)
    low = make_user("toezichthouder", recorded.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    assert selectors.barriers_raised(user=low, model_code=MODEL) == {}
    assert selectors.barriers_raised(user=inspector, model_code=MODEL)[step][0].times == 1


def test_the_pages_link_and_show_the_barrier(client_for, inspector, jurist, recorded, measure):
    code, step, _key, _text = _barrier()
    client = client_for(inspector)
    url = reverse("enforcement:inspection_barrier", args=[recorded.case_id, recorded.pk])
    bad = client.post(url, {"barriere-barrier": "x/y/z"})
    assert bad.status_code == 400
    assert not BarrierLink.objects.exists()
    assert client.post(url, {"barriere-barrier": code}).status_code == 302
    page = client.get(reverse("enforcement:inspection", args=[recorded.case_id, recorded.pk])).content.decode()
    assert "Barrières opgeworpen" in page
    assert f"{reverse('knowledge:barrier_model', args=[MODEL])}#stap-{step}" in page
    measure_url = reverse("enforcement:measure_barrier", args=[measure.case_id, measure.pk])
    assert client_for(jurist).post(measure_url, {"barriere-barrier": code}).status_code == 302
    assert BarrierLink.objects.filter(measure=measure).exists()


def test_links_of_a_vertrouwelijk_case_are_404_without_clearance(client_for, make_user, recorded, signal, triager):
    services.case_link_signal(actor=triager, case=recorded.case, signal=signal)
    low = make_user("toezichthouder", recorded.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    url = reverse("enforcement:inspection_barrier", args=[recorded.case_id, recorded.pk])
    assert client_for(low).post(url, {"barriere-barrier": _barrier()[0]}).status_code == 404
    assert not BarrierLink.objects.exists()


def test_a_link_is_to_exactly_one_inspection_or_measure(inspector, recorded, measure):
    code = _barrier()[0]
    with pytest.raises(ValueError, match="exactly one"):
        services.barrier_link_add(actor=inspector, barrier=code)
    with pytest.raises(ValueError, match="exactly one"):
        services.barrier_link_add(actor=inspector, barrier=code, inspection=recorded, measure=measure)
    assert not BarrierLink.objects.exists()
