"""PDF cards: downloadable, in the organisation's huisstijl, logged, and never fetching URLs."""

import io

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from PIL import Image

from baken.core.models import AuditAction, AuditEvent
from baken.knowledge import cards

CARDS = [
    ("knowledge:page_pdf", ["melden-en-doorverwijzen"], "knowledge.page", "kennisbank-melden-en-doorverwijzen.pdf"),
    (
        "knowledge:barrier_pdf",
        ["seksuele-uitbuiting"],
        "knowledge.barriermodel",
        "barrieremodel-seksuele-uitbuiting.pdf",
    ),
    ("knowledge:signals_pdf", ["balie"], "knowledge.signallist", "signalen-balie.pdf"),
]


@pytest.mark.parametrize(("name", "args", "object_type", "filename"), CARDS)
def test_card_downloads_as_pdf_attachment_and_is_logged(client_for, signaleerder, name, args, object_type, filename):
    response = client_for(signaleerder).get(reverse(name, args=args))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.content.startswith(b"%PDF-") and response.content.rstrip().endswith(b"%%EOF")
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.object_type == object_type and event.object_id == args[0] and event.actor_id == signaleerder.pk


def test_own_page_downloads_for_its_own_municipality_only(
    client_for, beheerder, signaleerder, signaleerder_zuiderhaven
):
    from baken.knowledge.services import PageContent, local_page_save

    local_page_save(
        actor=beheerder,
        slug=None,
        content=PageContent(title="Meldkaart", summary="", section="lokaal", roles=(), body="Bel 0599-1"),
        base_revision=0,
    )
    url = reverse("knowledge:page_pdf", args=["meldkaart"])
    response = client_for(signaleerder).get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert client_for(signaleerder_zuiderhaven).get(url).status_code == 404


def test_unknown_card_is_404_and_not_logged(client_for, signaleerder):
    assert client_for(signaleerder).get(reverse("knowledge:page_pdf", args=["bestaat-niet"])).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_card_stylesheet_carries_the_huisstijl_colours(voorbeeld):
    voorbeeld.primary_colour, voorbeeld.link_colour = "#00536b", "#003d4f"
    css = render_to_string(cards.CARD_CSS_TEMPLATE, {"colours": cards._colours(voorbeeld), "landscape": True})
    assert "--brand: #00536b" in css and "--link: #003d4f" in css and "size: A4 landscape" in css


def test_a_tampered_colour_never_reaches_the_stylesheet(voorbeeld):
    voorbeeld.primary_colour = "red;} body{display:none"
    assert cards._colours(voorbeeld)["brand"] == cards.DEFAULT_COLOURS["brand"]


def test_logo_is_embedded_as_data_uri(voorbeeld):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "#00536b").save(buffer, format="PNG")
    voorbeeld.logo.save("voorbeeld.png", ContentFile(buffer.getvalue()), save=True)
    assert cards.logo_data_uri(voorbeeld).startswith("data:image/png;base64,")
    voorbeeld.logo.save("kapot.png", ContentFile(b"geen plaatje"), save=True)
    assert cards.logo_data_uri(voorbeeld) == ""


def test_card_renders_without_fetching_anything(monkeypatch, voorbeeld):
    """An image or stylesheet with a file: or http(s): URL in the card is never opened."""
    import urllib.request

    from weasyprint.urls import URLFetcher

    asked, opened = [], []
    original_fetch = URLFetcher.fetch

    def spy_fetch(self, url, headers=None):
        asked.append(url)
        return original_fetch(self, url, headers)

    def spy_open(self, request, *args, **kwargs):
        opened.append(getattr(request, "full_url", request))
        raise AssertionError("a card must not open any URL")

    monkeypatch.setattr(URLFetcher, "fetch", spy_fetch)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy_open)
    monkeypatch.setattr(
        cards,
        "render_to_string",
        lambda template, context: (
            '<html><head><link rel="stylesheet" href="file:///etc/passwd"></head><body>'
            '<img src="https://example.org/x.png"><img src="file:///etc/hostname">tekst</body></html>'
            if template.endswith(".html")
            else "body { background: url(https://example.org/bg.png) }"
        ),
    )
    pdf = cards.render_card(template="x.html", context={}, organisation=voorbeeld)
    assert pdf.startswith(b"%PDF-")
    assert {"file:///etc/passwd", "https://example.org/x.png", "file:///etc/hostname"} <= set(asked)
    assert opened == []


def test_fetcher_refuses_everything_but_data_uris():
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=1, allow_redirects=False)
    for url in ("file:///etc/passwd", "https://example.org/", "http://127.0.0.1:8000/"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64,aGFsbG8=").read() == b"hallo"
