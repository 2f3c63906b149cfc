"""Knowledge pages: readable by every signed-in user, adapted locally by the functioneel
beheerder only, every edit versioned and restorable, and never visible to another municipality."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from baken.accounts.roles import ROLES
from baken.core.append_only import AppendOnlyError
from baken.core.models import AuditAction, AuditEvent
from baken.knowledge.content import national_pages
from baken.knowledge.models import LocalPage, LocalPageRevision, PageMode
from baken.knowledge.services import PageContent, local_page_save

LOCAL_ROUTE = "Bel de aandachtsfunctionaris van Voorbeeld op 0599-123456, ook buiten kantoortijd."


def adapt(client, slug="melden-en-doorverwijzen", body=LOCAL_ROUTE, mode=PageMode.ADDITION, base=0, note=""):
    return client.post(
        reverse("knowledge:page_edit", args=[slug]),
        {"mode": mode, "body": body, "base_revision": base, "note": note, "action": "opslaan"},
    )


def rows():
    return (
        list(LocalPage.objects.values()),
        list(LocalPageRevision.objects.values()),
        AuditEvent.objects.filter(object_type="knowledge.localpage").count(),
    )


@pytest.mark.parametrize("role", [role.code for role in ROLES])
def test_every_role_reads_the_index_and_a_page(client_for, make_user, voorbeeld, role):
    client = client_for(make_user(role, voorbeeld))
    index = client.get(reverse("knowledge:index"))
    assert index.status_code == 200
    for slug in national_pages():
        assert reverse("knowledge:page", args=[slug]) in index.content.decode()
    assert client.get(reverse("knowledge:page", args=["wat-is-mensenhandel"])).status_code == 200


def test_every_national_page_renders(client_for, signaleerder):
    client = client_for(signaleerder)
    for slug, national in national_pages().items():
        response = client.get(reverse("knowledge:page", args=[slug]))
        assert response.status_code == 200, slug
        assert f'<h1 id="page-title">{escape(national.title)}</h1>' in response.content.decode()


def test_regional_user_reads_the_national_base(client_for, make_user, region):
    regional = make_user("zorgcoordinator", None, region=region)
    response = client_for(regional).get(reverse("knowledge:page", args=["zorgcoordinator"]))
    assert response.status_code == 200 and "Zorgcoördinator mensenhandel" in response.content.decode()


def test_beheerder_adds_a_local_part_shown_above_the_national_text(client_for, beheerder, signaleerder):
    response = adapt(client_for(beheerder), note="eigen nummer")
    assert response.status_code == 302
    page = LocalPage.objects.get()
    assert page.revision == 1 and page.mode == PageMode.ADDITION
    body = client_for(signaleerder).get(reverse("knowledge:page", args=["melden-en-doorverwijzen"])).content.decode()
    assert "Zo werkt het in Gemeente Voorbeeld" in body and "0599-123456" in body
    assert "Binnen de gemeente: één vaste route" in body  # the national text stays
    assert body.index("0599-123456") < body.index("Waarom één route?")
    event = AuditEvent.objects.get(object_type="knowledge.localpage", action=AuditAction.CREATE)
    assert event.organisation_id == beheerder.organisation_id and event.actor_id == beheerder.pk


def test_a_local_heading_like_a_national_one_gives_no_duplicate_ids(client_for, beheerder, signaleerder):
    import re

    adapt(client_for(beheerder), body="## Wanneer je niet wacht\n\nBel ook de wijkagent.")
    body = client_for(signaleerder).get(reverse("knowledge:page", args=["melden-en-doorverwijzen"])).content.decode()
    ids = re.findall(r'id="([^"]+)"', body)
    assert len(ids) == len(set(ids))
    assert 'href="#l-wanneer-je-niet-wacht"' in body and 'href="#h-wanneer-je-niet-wacht"' in body


def test_replacement_hides_the_national_text(client_for, beheerder, signaleerder):
    adapt(
        client_for(beheerder),
        body="## Onze route\n\nAlles via het Zorg- en Veiligheidshuis.",
        mode=PageMode.REPLACEMENT,
    )
    body = client_for(signaleerder).get(reverse("knowledge:page", args=["melden-en-doorverwijzen"])).content.decode()
    assert "Alles via het Zorg- en Veiligheidshuis." in body
    assert "Binnen de gemeente: één vaste route" not in body


def test_override_in_voorbeeld_never_shows_in_zuiderhaven(client_for, beheerder, signaleerder_zuiderhaven, partners):
    adapt(client_for(beheerder), body="Geheime lokale afspraak ZX-Voorbeeld", mode=PageMode.REPLACEMENT)
    client = client_for(signaleerder_zuiderhaven)
    page = client.get(reverse("knowledge:page", args=["melden-en-doorverwijzen"])).content.decode()
    assert "ZX-Voorbeeld" not in page and "Binnen de gemeente: één vaste route" in page
    assert "Zo werkt het in" not in page
    assert "ZX-Voorbeeld" not in client.get(reverse("knowledge:index")).content.decode()
    search = client.get(reverse("knowledge:search"), {"q": "Geheime ZX-Voorbeeld"}).content.decode()
    # Any word may match ("voorbeeld" is in "bijvoorbeeld"), but never Voorbeeld's own text.
    assert "Geheime lokale afspraak" not in search
    assert "ZX-Voorbeeld" not in client.get(reverse("home:index")).content.decode()
    assert client.get(reverse("knowledge:page_history", args=["melden-en-doorverwijzen"])).status_code == 404


def test_own_page_of_voorbeeld_is_404_in_zuiderhaven(client_for, beheerder, beheerder_zuiderhaven):
    local_page_save(
        actor=beheerder,
        slug=None,
        content=PageContent(title="Onze afspraken", summary="", section="lokaal", roles=(), body="Tekst"),
        base_revision=0,
    )
    client = client_for(beheerder_zuiderhaven)
    for name in ("knowledge:page", "knowledge:page_pdf", "knowledge:page_edit", "knowledge:page_history"):
        assert client.get(reverse(name, args=["onze-afspraken"])).status_code == 404, name
    assert client_for(beheerder).get(reverse("knowledge:page", args=["onze-afspraken"])).status_code == 200


@pytest.mark.parametrize("role", [r.code for r in ROLES if r.code != "functioneel_beheerder"])
def test_only_the_beheerder_may_edit_and_a_denied_post_changes_nothing(client_for, make_user, voorbeeld, role):
    client = client_for(make_user(role, voorbeeld))
    before = rows()
    assert client.get(reverse("knowledge:page_edit", args=["melden-en-doorverwijzen"])).status_code == 404
    assert adapt(client).status_code == 404
    assert client.get(reverse("knowledge:page_new")).status_code == 404
    new = {"title": "x", "section": "lokaal", "body": "y", "base_revision": 0}
    assert client.post(reverse("knowledge:page_new"), new).status_code == 404
    assert rows() == before


def test_beheerder_of_other_municipality_cannot_touch_voorbeelds_adaptation(
    client_for, beheerder, beheerder_zuiderhaven
):
    adapt(client_for(beheerder))
    page = LocalPage.objects.get()
    client = client_for(beheerder_zuiderhaven)
    # Zuiderhaven's beheerder edits its own adaptation of the same national page: a separate row.
    assert adapt(client, body="Zuiderhaven eigen tekst").status_code == 302
    page.refresh_from_db()
    assert page.body == LOCAL_ROUTE and LocalPage.objects.count() == 2
    restore = client.post(reverse("knowledge:page_restore", args=["melden-en-doorverwijzen", 1]), {"base_revision": 1})
    assert restore.status_code == 302  # restores Zuiderhaven's own version 1
    page.refresh_from_db()
    assert page.revision == 1 and page.body == LOCAL_ROUTE
    assert LocalPage.objects.get(organisation=beheerder_zuiderhaven.organisation).revision == 2


def test_the_service_refuses_anyone_without_the_permission(signaleerder):
    from baken.core.exceptions import NotPermitted

    with pytest.raises(NotPermitted):
        local_page_save(
            actor=signaleerder,
            slug="preventie",
            content=PageContent(title="", summary="", section="basis", roles=(), body="x"),
            base_revision=0,
        )
    assert not LocalPage.objects.exists()


def test_injection_in_a_local_edit_is_rendered_harmless(client_for, beheerder, signaleerder):
    evil = "Hallo <script>alert(1)</script><img src=x onerror=alert(2)> [klik](javascript:alert(3))"
    adapt(client_for(beheerder), body=evil)
    assert LocalPage.objects.get().body == evil  # stored as written, rendered safely
    body = client_for(signaleerder).get(reverse("knowledge:page", args=["melden-en-doorverwijzen"])).content.decode()
    main = body.split("<main", 1)[1]
    assert "<script>alert" not in main and "onerror" not in main and "javascript:" not in main
    assert "Hallo" in main and ">klik</a>" in main


def test_each_edit_is_versioned_and_can_be_restored(client_for, beheerder, signaleerder):
    client = client_for(beheerder)
    adapt(client, body="Eerste versie van de route.", note="start")
    adapt(client, body="Tweede versie van de route.", base=1, note="nieuw nummer")
    adapt(client, body="Tweede versie van de route.", base=2)  # unchanged: no new version
    page = LocalPage.objects.get()
    assert page.revision == 2
    revisions = list(page.revisions.order_by("revision"))
    assert [r.content["body"] for r in revisions] == ["Eerste versie van de route.", "Tweede versie van de route."]
    assert all(r.changed_by_id == beheerder.pk and r.changed_at for r in revisions)
    assert [r.note for r in revisions] == ["start", "nieuw nummer"]

    history = client.get(reverse("knowledge:page_history", args=["melden-en-doorverwijzen"])).content.decode()
    assert "Versie 2: gewijzigd" in history and "nieuw nummer" in history
    assert "<del>" in history and "Eerste versie van de route." in history and "<ins>" in history

    confirm = client.get(reverse("knowledge:page_restore", args=["melden-en-doorverwijzen", 1]))
    assert confirm.status_code == 200 and "Eerste versie van de route." in confirm.content.decode()
    assert page.revision == 2  # looking changes nothing
    response = client.post(reverse("knowledge:page_restore", args=["melden-en-doorverwijzen", 1]), {"base_revision": 2})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.revision == 3 and page.body == "Eerste versie van de route."
    latest = page.revisions.get(revision=3)
    assert latest.action == "teruggezet" and latest.restored_from == 1
    assert page.revisions.count() == 3  # history is appended, never rewritten
    shown = client_for(signaleerder).get(reverse("knowledge:page", args=["melden-en-doorverwijzen"])).content.decode()
    assert "Eerste versie van de route." in shown
    assert AuditEvent.objects.filter(object_type="knowledge.localpage", action=AuditAction.UPDATE).count() == 2


def test_a_stale_form_does_not_overwrite_a_newer_version(client_for, beheerder):
    client = client_for(beheerder)
    adapt(client, body="Versie van collega A.")
    response = adapt(client, body="Versie van collega B, gestart vóór A opsloeg.", base=0)
    assert response.status_code == 200 and "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    assert LocalPage.objects.get().body == "Versie van collega A."


def test_withdraw_shows_the_national_text_again_and_can_be_undone(client_for, beheerder, signaleerder):
    client = client_for(beheerder)
    adapt(client, body="Tijdelijke lokale tekst.", mode=PageMode.REPLACEMENT)
    assert client.get(reverse("knowledge:page_withdraw", args=["melden-en-doorverwijzen"])).status_code == 200
    response = client.post(reverse("knowledge:page_withdraw", args=["melden-en-doorverwijzen"]), {"base_revision": 1})
    assert response.status_code == 302
    reader = client_for(signaleerder)
    body = reader.get(reverse("knowledge:page", args=["melden-en-doorverwijzen"])).content.decode()
    assert "Tijdelijke lokale tekst." not in body and "Binnen de gemeente: één vaste route" in body
    client.post(reverse("knowledge:page_restore", args=["melden-en-doorverwijzen", 1]), {"base_revision": 2})
    body = reader.get(reverse("knowledge:page", args=["melden-en-doorverwijzen"])).content.decode()
    assert "Tijdelijke lokale tekst." in body
    assert AuditEvent.objects.filter(object_type="knowledge.localpage", action=AuditAction.DELETE).count() == 1


def test_beheerder_creates_an_own_page_with_roles(client_for, beheerder, signaleerder):
    client = client_for(beheerder)
    data = {
        "title": "Zoeken",  # a reserved path segment: the page gets another address
        "summary": "Wie u belt.",
        "section": "lokaal",
        "roles": ["signaleerder"],
        "body": "## Nummers\n\nBel 0599-000000.",
        "base_revision": 0,
    }
    response = client.post(reverse("knowledge:page_new"), data)
    page = LocalPage.objects.get()
    assert response.status_code == 302 and page.slug == "zoeken-2" and page.roles == ["signaleerder"]
    body = client_for(signaleerder).get(reverse("knowledge:page", args=["zoeken-2"])).content.decode()
    assert "Bel 0599-000000." in body
    assert (
        reverse("knowledge:page", args=["zoeken-2"])
        in client_for(signaleerder).get(reverse("knowledge:index")).content.decode()
    )


def test_own_page_form_errors_are_dutch_and_save_nothing(client_for, beheerder):
    before = rows()
    response = client_for(beheerder).post(
        reverse("knowledge:page_new"), {"title": "", "section": "bestaat-niet", "body": "", "base_revision": 0}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Controleer het formulier" in body and "verplicht" in body
    assert rows() == before


def test_preview_does_not_save(client_for, beheerder):
    response = client_for(beheerder).post(
        reverse("knowledge:page_edit", args=["preventie"]),
        {"mode": "aanvulling", "body": "**Proef**", "base_revision": 0, "action": "voorbeeld"},
    )
    assert response.status_code == 200 and "<strong>Proef</strong>" in response.content.decode()
    assert not LocalPage.objects.exists()


def test_revisions_are_append_only(beheerder):
    page = local_page_save(
        actor=beheerder,
        slug="preventie",
        content=PageContent(title="", summary="", section="basis", roles=(), body="Lokaal"),
        base_revision=0,
    )
    revision = page.revisions.get()
    revision.note = "achteraf"
    with pytest.raises(AppendOnlyError):
        revision.save()
    with pytest.raises(AppendOnlyError):
        LocalPageRevision.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        LocalPageRevision.objects.update(note="x")


def test_index_query_count_is_constant_in_the_number_of_local_pages(client_for, beheerder, signaleerder):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(signaleerder)
    url = reverse("knowledge:index")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(8):
        local_page_save(
            actor=beheerder,
            slug=None,
            content=PageContent(title=f"Pagina {number}", summary="", section="lokaal", roles=(), body="x"),
            base_revision=0,
        )
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert "Pagina 7" in body
    assert len(many) == len(few)


def test_the_english_interface_says_the_content_is_only_in_dutch(client_for, make_user, voorbeeld):
    client = client_for(make_user("signaleerder", voorbeeld))
    dutch = client.get(reverse("knowledge:page", args=["wat-is-mensenhandel"])).content.decode()
    assert "baken-dutch-only" not in dutch
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("knowledge:page", args=["wat-is-mensenhandel"])).content.decode()
    assert "only available in Dutch" in english
    # Screen readers read the Dutch text with a Dutch voice.
    assert '<div class="kb-body" lang="nl">' in english
