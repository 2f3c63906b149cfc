"""Barrier models: the national model with what each municipality has in place and who owns it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, AuditEvent
from baken.knowledge.content import barrier_models
from baken.knowledge.models import BarrierState, BarrierStatus, BarrierStatusRevision
from baken.knowledge.services import BarrierChange, barrier_step_save

MODEL = "arbeidsmigranten"
STEP = "huisvesting"


def step_barriers():
    return barrier_models()[MODEL].step(STEP).barriers


def edit_data(**overrides):
    data = {"note": ""}
    for index, (_key, _text) in enumerate(step_barriers()):
        data |= {
            f"b{index}-state": "onbekend",
            f"b{index}-owner": "",
            f"b{index}-note": "",
            f"b{index}-base_revision": 0,
        }
    data |= {
        "nieuw-label": "",
        "nieuw-state": "onbekend",
        "nieuw-owner": "",
        "nieuw-note": "",
        "nieuw-base_revision": 0,
    }
    data.update(overrides)
    return data


def edit_url(model=MODEL, step=STEP):
    return reverse("knowledge:barrier_edit", args=[model, step])


def test_model_renders_steps_as_an_ordered_list_with_headings(client_for, signaleerder):
    body = client_for(signaleerder).get(reverse("knowledge:barrier_model", args=[MODEL])).content.decode()
    assert '<ol class="kb-steps">' in body
    for number, step in enumerate(barrier_models()[MODEL].steps, start=1):
        assert f'id="stap-{step.code}"' in body and f"Stap {number}</span> {step.title}" in body
    for heading in ("Signalen", "Barrières", "Partners", "Facilitatoren"):
        assert body.count(f"<h3>{heading}</h3>") == 6
    assert "Niet beoordeeld" in body  # state in text, not only colour
    assert "style=" not in body.split("<main", 1)[1] and "<script" not in body.split("<main", 1)[1]


def test_signals_link_to_the_indicator_anchors(client_for, signaleerder):
    body = client_for(signaleerder).get(reverse("knowledge:barrier_model", args=[MODEL])).content.decode()
    for code in barrier_models()[MODEL].step(STEP).signals:
        assert f"/kennisbank/signalen/arbeid/#{code}" in body


def test_beheerder_records_barriers_and_owner(client_for, beheerder, signaleerder):
    client = client_for(beheerder)
    assert client.get(edit_url()).status_code == 200
    response = client.post(
        edit_url(),
        edit_data(
            **{"b0-state": "aanwezig", "b0-owner": "Team Wonen", "b2-state": "ontbreekt", "note": "raad besloot"}
        ),
    )
    assert response.status_code == 302
    first_key = step_barriers()[0][0]
    status = BarrierStatus.objects.get(barrier_key=first_key)
    assert status.state == BarrierState.IN_PLACE and status.owner == "Team Wonen" and status.revision == 1
    assert BarrierStatus.objects.count() == 2  # "not assessed" rows are not stored
    assert status.revisions.get().note == "raad besloot"
    assert AuditEvent.objects.filter(object_type="knowledge.barrierstatus", action=AuditAction.CREATE).count() == 2
    body = client_for(signaleerder).get(reverse("knowledge:barrier_model", args=[MODEL])).content.decode()
    assert "Aanwezig" in body and "Eigenaar: Team Wonen" in body and "Ontbreekt" in body


def test_own_barrier_can_be_added_and_removed(client_for, beheerder):
    client = client_for(beheerder)
    client.post(edit_url(), edit_data(**{"nieuw-label": "Spreekuur op de camping", "nieuw-state": "in_voorbereiding"}))
    own = BarrierStatus.objects.get()
    assert own.label == "Spreekuur op de camping" and own.barrier_key.startswith("lokaal-")
    body = client.get(reverse("knowledge:barrier_model", args=[MODEL])).content.decode()
    assert "Spreekuur op de camping" in body and "eigen barrière" in body
    index = len(step_barriers())
    response = client.post(
        edit_url(),
        edit_data(
            **{
                f"b{index}-label": "Spreekuur op de camping",
                f"b{index}-state": "in_voorbereiding",
                f"b{index}-owner": "",
                f"b{index}-note": "",
                f"b{index}-base_revision": 1,
                f"b{index}-remove": "on",
            }
        ),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert not own.is_active and own.revision == 2
    assert (
        "Spreekuur op de camping" not in client.get(reverse("knowledge:barrier_model", args=[MODEL])).content.decode()
    )


def test_history_and_restore(client_for, beheerder):
    client = client_for(beheerder)
    client.post(edit_url(), edit_data(**{"b0-state": "aanwezig", "b0-owner": "Team Wonen"}))
    client.post(edit_url(), edit_data(**{"b0-state": "ontbreekt", "b0-owner": "", "b0-base_revision": 1}))
    status = BarrierStatus.objects.get()
    assert status.state == BarrierState.MISSING and status.revision == 2
    history = client.get(reverse("knowledge:barrier_history", args=[MODEL])).content.decode()
    assert "Versie 2 (gewijzigd)" in history and "Team Wonen" in history
    first = status.revisions.get(revision=1)
    url = reverse("knowledge:barrier_restore", args=[MODEL, first.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"base_revision": 2}).status_code == 302
    status.refresh_from_db()
    assert status.state == BarrierState.IN_PLACE and status.owner == "Team Wonen" and status.revision == 3
    assert BarrierStatusRevision.objects.filter(status=status).count() == 3


def test_stale_barrier_form_is_refused(client_for, beheerder):
    client = client_for(beheerder)
    client.post(edit_url(), edit_data(**{"b0-state": "aanwezig"}))
    response = client.post(edit_url(), edit_data(**{"b0-state": "ontbreekt", "b0-base_revision": 0}))
    assert response.status_code == 200 and "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    assert BarrierStatus.objects.get().state == BarrierState.IN_PLACE


def test_statuses_of_voorbeeld_never_show_in_zuiderhaven(
    client_for, beheerder, signaleerder_zuiderhaven, beheerder_zuiderhaven
):
    client_for(beheerder).post(edit_url(), edit_data(**{"b0-state": "aanwezig", "b0-owner": "Geheim team Voorbeeld"}))
    for user in (signaleerder_zuiderhaven, beheerder_zuiderhaven):
        client = client_for(user)
        body = client.get(reverse("knowledge:barrier_model", args=[MODEL])).content.decode()
        assert "Geheim team Voorbeeld" not in body and "Aanwezig</span>" not in body
        history = client.get(reverse("knowledge:barrier_history", args=[MODEL]))
        assert "Geheim team Voorbeeld" not in history.content.decode()
    revision = BarrierStatusRevision.objects.get()
    url = reverse("knowledge:barrier_restore", args=[MODEL, revision.pk])
    assert client_for(beheerder_zuiderhaven).get(url).status_code == 404
    assert client_for(beheerder_zuiderhaven).post(url, {"base_revision": 1}).status_code == 404


@pytest.mark.parametrize("role", ["signaleerder", "aandachtsfunctionaris", "beleidsmaker", "privacy_officer"])
def test_only_the_beheerder_edits_barriers(client_for, make_user, voorbeeld, role):
    client = client_for(make_user(role, voorbeeld))
    assert client.get(edit_url()).status_code == 404
    assert client.post(edit_url(), edit_data(**{"b0-state": "aanwezig"})).status_code == 404
    assert client.get(reverse("knowledge:barrier_history", args=[MODEL])).status_code == 404
    assert not BarrierStatus.objects.exists()


def test_service_refuses_barriers_of_another_step_and_bad_values(beheerder):
    other_key = barrier_models()[MODEL].step("werk").barriers[0][0]
    with pytest.raises(NotPermitted):
        barrier_step_save(
            actor=beheerder, model_code=MODEL, step_code=STEP, changes=[BarrierChange(other_key, "aanwezig")]
        )
    key = step_barriers()[0][0]
    with pytest.raises(ValidationError):
        barrier_step_save(actor=beheerder, model_code=MODEL, step_code=STEP, changes=[BarrierChange(key, "kapot")])
    with pytest.raises(NotPermitted):
        barrier_step_save(actor=beheerder, model_code="bestaat-niet", step_code=STEP, changes=[])
    assert not BarrierStatus.objects.exists()


def test_unknown_model_or_step_is_404(client_for, beheerder):
    client = client_for(beheerder)
    assert client.get(reverse("knowledge:barrier_model", args=["bestaat-niet"])).status_code == 404
    assert client.get(edit_url(step="bestaat-niet")).status_code == 404


def test_orphaned_status_stays_visible(client_for, beheerder):
    BarrierStatus.objects.create(
        organisation=beheerder.organisation,
        model_code=MODEL,
        step_code=STEP,
        barrier_key="oude-tekst",
        state="aanwezig",
    )
    body = client_for(beheerder).get(reverse("knowledge:barrier_model", args=[MODEL])).content.decode()
    assert "niet meer in het landelijke model" in body and "oude-tekst" in body


def test_index_counts_barriers_in_place(client_for, beheerder):
    client = client_for(beheerder)
    client.post(edit_url(), edit_data(**{"b0-state": "aanwezig", "b1-state": "aanwezig"}))
    total = sum(len(step.barriers) for step in barrier_models()[MODEL].steps)
    body = client.get(reverse("knowledge:barrier_index")).content.decode()
    assert f"2 van {total} barrières aanwezig" in body
