"""The municipality's own version of the Kader catalogue: the functioneel beheerder adjusts a
national block's text or adds a block of its own, each change a version; new self-assessments
copy the blocks as they then stand, earlier ones keep their text; another municipality sees none
of it; bad input changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.policy import selectors, services
from baken.policy.catalogue.loader import kader
from baken.policy.models import LocalKaderBlock
from baken.testing.policy import make_assessment

pytestmark = pytest.mark.django_db

OWN = {"label": "Er is een meldpunt voor arbeidsmigranten in de haven.", "theme": "signalering", "plateau": "basis"}


@pytest.fixture
def beheerder(make_user, voorbeeld):
    return make_user("functioneel_beheerder", voorbeeld)


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


def _items(assessment) -> dict[str, str]:
    return dict(assessment.items.order_by("order").values_list("block_code", "label"))


def test_new_assessments_copy_the_local_texts_and_own_blocks_earlier_ones_keep_theirs(beheerder, beleid):
    national = kader().block("2B1")
    before = make_assessment(beleid, year=2025)
    services.local_block_create(actor=beheerder, code="2B1", values={"label": "Twee aandachtsfunctionarissen."})
    own = services.local_block_create(actor=beheerder, code=None, values=OWN, note="regionale afspraak")
    assert own.code == "L1" and own.revision == 1
    after = make_assessment(beleid, year=2026)
    assert _items(before)["2B1"] == national.label and "L1" not in _items(before)
    items = _items(after)
    assert items["2B1"] == "Twee aandachtsfunctionarissen." and items["L1"] == OWN["label"]
    # The own block comes after the national blocks of its theme, before the next theme.
    codes = list(items)
    assert codes.index("L1") == codes.index("2V2") + 1 and codes[codes.index("L1") + 1] == "3B1"
    item = after.items.get(block_code="L1")
    assert (item.theme, item.plateau, item.to_verify, item.ibp_511) == ("signalering", "basis", False, False)


def test_versions_withdraw_and_take_into_use_again(beheerder, beleid):
    block = services.local_block_create(actor=beheerder, code="2B1", values={"label": "Eerste tekst."})
    block = services.local_block_update(
        actor=beheerder, block=block, values={"label": "Tweede tekst."}, base_revision=1
    )
    # Nothing changed: no new version.
    assert (
        services.local_block_update(
            actor=beheerder, block=block, values={"label": "Tweede tekst."}, base_revision=2
        ).revision
        == 2
    )
    with pytest.raises(ValidationError):  # started from an older version
        services.local_block_update(actor=beheerder, block=block, values={"label": "Derde."}, base_revision=1)
    block = services.local_block_withdraw(actor=beheerder, block=block, base_revision=2, note="landelijk volstaat")
    assert not block.is_active
    assert _items(make_assessment(beleid, year=2026))["2B1"] == kader().block("2B1").label
    with pytest.raises(ValidationError):
        services.local_block_withdraw(actor=beheerder, block=block, base_revision=3)
    block = services.local_block_update(
        actor=beheerder, block=block, values={"label": "Tweede tekst."}, base_revision=3
    )
    assert block.is_active and block.revision == 4
    actions = list(block.revisions.order_by("revision").values_list("action", "content__label"))
    assert actions == [
        ("aangemaakt", "Eerste tekst."),
        ("gewijzigd", "Tweede tekst."),
        ("ingetrokken", "Tweede tekst."),
        ("teruggezet", "Tweede tekst."),
    ]
    reasons = list(AuditEvent.objects.filter(object_type="policy.localkaderblock").values_list("reason", flat=True))
    assert "Kader 2B1 versie 3: ingetrokken" in reasons and "Kader 2B1 versie 4: is_active" in reasons


@pytest.mark.parametrize(
    ("code", "values", "field"),
    [
        (None, OWN | {"label": "  "}, "label"),
        (None, OWN | {"label": "x" * 301}, "label"),
        (None, OWN | {"theme": "thema9"}, "theme"),
        (None, OWN | {"plateau": "top"}, "plateau"),
        ("2B1", {"label": None}, "label"),
    ],
)
def test_bad_input_is_refused_and_saves_nothing(beheerder, code, values, field):
    with pytest.raises(ValidationError) as error:
        services.local_block_create(actor=beheerder, code=code, values=values)
    assert field in error.value.message_dict
    assert not LocalKaderBlock.objects.exists()


def test_a_national_block_is_adjusted_once_and_only_with_another_text(beheerder):
    with pytest.raises(ValidationError, match="gelijk aan de landelijke tekst"):
        services.local_block_create(actor=beheerder, code="2B1", values={"label": kader().block("2B1").label})
    with pytest.raises(ValidationError, match="niet in de landelijke catalogus"):
        services.local_block_create(actor=beheerder, code="9Z9", values={"label": "Iets"})
    services.local_block_create(actor=beheerder, code="2B1", values={"label": "Lokaal"})
    with pytest.raises(ValidationError, match="al aangepast"):
        services.local_block_create(actor=beheerder, code="2B1", values={"label": "Nog eens"})
    assert LocalKaderBlock.objects.count() == 1


def test_only_the_own_beheerder_changes_and_others_see_nothing(beheerder, beleid, make_user, zuiderhaven):
    block = services.local_block_create(actor=beheerder, code=None, values=OWN)
    other = make_user("functioneel_beheerder", zuiderhaven)
    with pytest.raises(NotPermitted):
        services.local_block_create(actor=beleid, code=None, values=OWN)
    for actor in (beleid, other):
        with pytest.raises(NotPermitted):
            services.local_block_update(actor=actor, block=block, values=OWN, base_revision=1)
        with pytest.raises(NotPermitted):
            services.local_block_withdraw(actor=actor, block=block, base_revision=1)
    # Zuiderhaven's own blocks are numbered on their own and its assessments do not get Voorbeeld's.
    assert services.local_block_create(actor=other, code=None, values=OWN).code == "L1"
    zuiderhaven_blocks = selectors.catalogue_blocks(user=make_user("beleidsmaker", zuiderhaven))
    assert [block.code for block in zuiderhaven_blocks].count("L1") == 1
    lines = [
        line
        for _label, lines in selectors.local_catalogue(user=make_user("beleidsmaker", zuiderhaven))
        for line in lines
    ]
    assert [line.local.organisation_id for line in lines if line.local] == [zuiderhaven.pk]
    # A regional account sees no municipality's blocks: the national catalogue as it is.
    regional = make_user("beleidsmaker", region=zuiderhaven.region)
    assert selectors.catalogue_blocks(user=regional) == list(kader().blocks)


def test_the_pages(client_for, beheerder, beleid, make_user, voorbeeld):
    client = client_for(beheerder)
    page = client.get(reverse("policy:kader_catalogue")).content.decode()
    assert "Eigen bouwsteen toevoegen" in page and "2B1 aanpassen" in page
    new = reverse("policy:local_block_new")
    form = client.get(new, {"bouwsteen": "2B1"}).content.decode()
    assert kader().block("2B1").label in form
    assert client.get(new, {"bouwsteen": "9Z9"}).status_code == 404
    refused = client.post(new + "?bouwsteen=2B1", {"label": kader().block("2B1").label, "base_revision": "0"})
    assert refused.status_code == 400 and "gelijk aan de landelijke tekst" in refused.content.decode()
    assert client.post(new + "?bouwsteen=2B1", {"label": "Lokaal", "base_revision": "0"}).status_code == 302
    block = LocalKaderBlock.objects.get()
    edit = reverse("policy:local_block", args=[block.pk])
    stale = client.post(edit, {"label": "Nieuw", "base_revision": "0"})
    assert stale.status_code == 400 and "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    assert client.post(edit, {"label": "Nieuw", "base_revision": "1", "note": "raad"}).status_code == 302
    history = client.get(edit).content.decode()
    assert "Versie 2: gewijzigd" in history and "raad" in history
    withdraw = reverse("policy:local_block_withdraw", args=[block.pk])
    assert client.post(withdraw, {"base_revision": "1"}).status_code == 302  # stale: refused with a message
    block.refresh_from_db()
    assert block.is_active
    assert client.post(withdraw, {"base_revision": "2"}).url == reverse("policy:kader_catalogue")
    block.refresh_from_db()
    assert not block.is_active
    # The beleidsmaker reads the catalogue but changes nothing.
    reader = client_for(beleid)
    catalogue = reader.get(reverse("policy:kader_catalogue")).content.decode()
    assert "landelijk (lokale tekst ingetrokken)" in catalogue and "Eigen bouwsteen toevoegen" not in catalogue
    assert reader.get(edit).status_code == 404
    assert reader.get(new).status_code == 404
