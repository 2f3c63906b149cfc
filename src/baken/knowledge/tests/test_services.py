"""The Kennisbank's services called directly: every refusal is NotPermitted and changes
nothing, every domain rule lives here, and the access policies answer the same questions."""

import pytest
from django.core.exceptions import ValidationError

from baken.core.access import is_active_user, policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.knowledge import services
from baken.knowledge.content import barrier_models
from baken.knowledge.models import (
    BarrierState,
    BarrierStatus,
    BarrierStatusRevision,
    LocalPage,
    LocalPageRevision,
    PageMode,
)
from baken.knowledge.services import (
    BarrierChange,
    PageContent,
    barrier_status_restore,
    barrier_step_save,
    local_page_restore,
    local_page_save,
    local_page_withdraw,
)

MODEL = "arbeidsmigranten"
STEP = "huisvesting"
NATIONAL = "melden-en-doorverwijzen"


def own_content(title="Eigen werkwijze", body="Zo doen wij het hier.", **overrides) -> PageContent:
    values = {"title": title, "summary": "", "section": "lokaal", "roles": (), "body": body} | overrides
    return PageContent(**values)


def counts() -> tuple[int, ...]:
    return (
        LocalPage.objects.count(),
        LocalPageRevision.objects.count(),
        BarrierStatus.objects.count(),
        BarrierStatusRevision.objects.count(),
        AuditEvent.objects.count(),
    )


def national_key() -> str:
    return barrier_models()[MODEL].step(STEP).barriers[0][0]


@pytest.fixture
def existing(beheerder):
    """An own page and a barrier status of Voorbeeld, each with two versions."""
    page = local_page_save(actor=beheerder, slug=None, content=own_content(), base_revision=0)
    page = local_page_save(actor=beheerder, slug=page.slug, content=own_content(body="Tweede versie."), base_revision=1)
    key = national_key()
    barrier_step_save(actor=beheerder, model_code=MODEL, step_code=STEP, changes=[BarrierChange(key, "aanwezig")])
    barrier_step_save(
        actor=beheerder, model_code=MODEL, step_code=STEP, changes=[BarrierChange(key, "ontbreekt", base_revision=1)]
    )
    status = BarrierStatus.objects.get()
    return {
        "page": page,
        "status": status,
    }


@pytest.fixture
def inactive_beheerder(make_user, voorbeeld):
    return make_user("functioneel_beheerder", voorbeeld, username="oud-beheer", is_active=False)


def _calls(existing):
    page = existing["page"]
    page_revision = LocalPageRevision.objects.get(page=page, revision=1)
    status = existing["status"]
    status_revision = BarrierStatusRevision.objects.get(status=status, revision=1)
    return {
        "create own page": lambda actor: local_page_save(
            actor=actor, slug=None, content=own_content(title="Nieuw"), base_revision=0
        ),
        "adapt national page": lambda actor: local_page_save(
            actor=actor, slug=NATIONAL, content=own_content(mode=PageMode.ADDITION), base_revision=0
        ),
        "change own page": lambda actor: local_page_save(
            actor=actor, slug=page.slug, content=own_content(body="Anders."), base_revision=page.revision
        ),
        "withdraw page": lambda actor: local_page_withdraw(actor=actor, page=page, base_revision=page.revision),
        "restore page": lambda actor: local_page_restore(
            actor=actor, page=page, revision=page_revision, base_revision=page.revision
        ),
        "save barrier step": lambda actor: barrier_step_save(
            actor=actor,
            model_code=MODEL,
            step_code=STEP,
            changes=[BarrierChange(national_key(), "aanwezig", base_revision=status.revision)],
        ),
        "restore barrier status": lambda actor: barrier_status_restore(
            actor=actor, revision=status_revision, base_revision=status.revision
        ),
    }


SERVICES = [
    "create own page",
    "adapt national page",
    "change own page",
    "withdraw page",
    "restore page",
    "save barrier step",
    "restore barrier status",
]


#: What another municipality's beheerder may not do: touch Voorbeeld's rows. (Creating and
#: adapting pages and saving barrier steps act on their own municipality, so are no refusal.)
ON_VOORBEELDS_ROWS = ["change own page", "withdraw page", "restore page", "restore barrier status"]
REFUSALS = (
    [("signaleerder", service) for service in SERVICES]
    + [("inactive_beheerder", service) for service in SERVICES]
    + [("beheerder_zuiderhaven", service) for service in ON_VOORBEELDS_ROWS]
)


@pytest.mark.parametrize(("refuser", "service"), REFUSALS)
def test_who_may_not_manage_is_refused_and_nothing_changes(request, existing, refuser, service):
    actor = request.getfixturevalue(refuser)
    before = counts()
    with pytest.raises(NotPermitted):
        _calls(existing)[service](actor)
    assert counts() == before


def test_a_slug_that_is_neither_national_nor_own_is_refused(beheerder, beheerder_zuiderhaven):
    foreign = local_page_save(actor=beheerder_zuiderhaven, slug=None, content=own_content(), base_revision=0)
    before = counts()
    with pytest.raises(NotPermitted):
        local_page_save(actor=beheerder, slug=foreign.slug, content=own_content(), base_revision=1)
    assert counts() == before


def test_restoring_a_revision_of_another_page_is_refused(beheerder, existing):
    other = local_page_save(actor=beheerder, slug=None, content=own_content(title="Andere"), base_revision=0)
    foreign_revision = LocalPageRevision.objects.get(page=other)
    page = existing["page"]
    before = counts()
    with pytest.raises(NotPermitted):
        local_page_restore(actor=beheerder, page=page, revision=foreign_revision, base_revision=page.revision)
    assert counts() == before


def test_withdrawing_a_withdrawn_page_adds_no_version(beheerder, existing):
    page = local_page_withdraw(actor=beheerder, page=existing["page"], base_revision=2)
    before = counts()
    again = local_page_withdraw(actor=beheerder, page=page, base_revision=page.revision)
    assert again.revision == 3 and not again.is_active
    assert counts() == before


def test_restore_puts_the_old_content_back_as_a_new_version(beheerder, existing):
    page = existing["page"]
    first = LocalPageRevision.objects.get(page=page, revision=1)
    restored = local_page_restore(actor=beheerder, page=page, revision=first, base_revision=2)
    assert restored.revision == 3 and restored.body == "Zo doen wij het hier."
    assert LocalPageRevision.objects.get(page=page, revision=3).restored_from == 1


def test_a_page_created_meanwhile_is_a_stale_version(monkeypatch, beheerder):
    """Two beheerders adapt the same national page at once: the second insert meets the first."""
    LocalPage.objects.create(organisation=beheerder.organisation, slug=NATIONAL, body="Eerste", revision=1)
    monkeypatch.setattr(services, "_locked_for_change", lambda *args, **kwargs: None)  # read before it committed
    before = counts()
    with pytest.raises(ValidationError) as caught:
        local_page_save(actor=beheerder, slug=NATIONAL, content=own_content(), base_revision=0)
    assert "intussen gewijzigd" in caught.value.messages[0]
    assert counts() == before


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 161}, "title"),
        ({"summary": "x" * 301}, "summary"),
        ({"body": " "}, "body"),
        ({"body": "x" * (services.MAX_BODY_LENGTH + 1)}, "body"),
        ({"section": "bestaat-niet"}, "section"),
        ({"roles": ("geen-rol",)}, "roles"),
        ({"mode": "anders"}, "mode"),
    ],
)
def test_page_content_rules_are_the_services(beheerder, overrides, field):
    before = counts()
    with pytest.raises(ValidationError) as caught:
        local_page_save(actor=beheerder, slug=None, content=own_content(**overrides), base_revision=0)
    assert list(caught.value.error_dict) == [field]
    assert counts() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"label": "Sleutelbeheer", "owner": "x" * 161}, "eigenaar"),
        ({"label": "Sleutelbeheer", "note": "x" * 501}, "toelichting"),
        ({"label": "x" * 301}, "omschrijving"),
    ],
)
def test_barrier_rules_are_the_services(beheerder, change, message):
    before = counts()
    with pytest.raises(ValidationError) as caught:
        barrier_step_save(
            actor=beheerder, model_code=MODEL, step_code=STEP, changes=[BarrierChange("", "aanwezig", **change)]
        )
    assert message in caught.value.messages[0].lower()
    assert counts() == before


def test_an_own_barrier_keeps_its_description(beheerder):
    [row] = barrier_step_save(
        actor=beheerder,
        model_code=MODEL,
        step_code=STEP,
        changes=[BarrierChange("", "aanwezig", label="Sleutelbeheer")],
    )
    with pytest.raises(ValidationError) as caught:
        barrier_step_save(
            actor=beheerder,
            model_code=MODEL,
            step_code=STEP,
            changes=[BarrierChange(row.barrier_key, "aanwezig", label=" ", base_revision=1)],
        )
    assert "Beschrijf de eigen barrière" in caught.value.messages[0]


def test_own_barriers_with_the_same_description_get_their_own_key(beheerder):
    changes = [BarrierChange("", "aanwezig", label="Sleutelbeheer")]
    [first] = barrier_step_save(actor=beheerder, model_code=MODEL, step_code=STEP, changes=changes)
    [second] = barrier_step_save(actor=beheerder, model_code=MODEL, step_code=STEP, changes=changes)
    assert first.barrier_key == "lokaal-sleutelbeheer"
    assert second.barrier_key == "lokaal-sleutelbeheer-2"


def test_an_unchanged_barrier_gets_no_new_version(beheerder, existing):
    before = counts()
    changed = barrier_step_save(
        actor=beheerder,
        model_code=MODEL,
        step_code=STEP,
        changes=[BarrierChange(national_key(), BarrierState.MISSING, base_revision=2)],
    )
    assert changed == [] and counts() == before


def test_barrier_restore_puts_the_old_state_back(beheerder, existing):
    first = BarrierStatusRevision.objects.get(status=existing["status"], revision=1)
    status = barrier_status_restore(actor=beheerder, revision=first, base_revision=2)
    assert status.revision == 3 and status.state == BarrierState.IN_PLACE


# --- the access policies answer the same questions -------------------------------------------


def test_only_the_own_beheerder_reads_and_is_told_about_the_history(
    beheerder, signaleerder, beheerder_zuiderhaven, existing
):
    revision = LocalPageRevision.objects.get(page=existing["page"], revision=1)
    policy = policy_for(LocalPageRevision)
    assert list(
        policy.visible(beheerder).filter(page=existing["page"]).order_by("revision").values_list("revision", flat=True)
    ) == [1, 2]
    assert not policy.visible(signaleerder).exists()
    assert not policy.visible(beheerder_zuiderhaven).exists()
    assert policy.user_may(beheerder, "view") and not policy.user_may(signaleerder, "view")
    assert list(policy.users_for(revision, "view")) == [beheerder]


def test_readers_are_the_active_signed_in_users(signaleerder, inactive_beheerder):
    assert is_active_user(signaleerder) and not is_active_user(inactive_beheerder)
    assert policy_for(LocalPage).user_may(signaleerder, "view")
    assert not policy_for(LocalPage).user_may(signaleerder, "change")
