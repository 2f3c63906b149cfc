"""Markdown is rendered through an allow-list: no raw HTML, script or javascript: URL survives."""

import pytest

from baken.knowledge.rendering import plain_text, render_markdown

ATTACKS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](javascript&#58;alert(1))",
    "[klik](  javascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    '<a href="#" onclick="alert(1)">klik</a>',
    '<div style="background:url(javascript:alert(1))">tekst</div>',
    "<iframe src=https://example.org></iframe>",
    "<svg onload=alert(1)></svg>",
    "<style>body{display:none}</style>",
    "<form action=https://evil.example><input name=x></form>",
    '<object data="x.swf"></object>',
    "![beeld](https://tracker.example/pixel.png)",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<base href=https://evil.example/>",
]


@pytest.mark.parametrize("source", ATTACKS)
def test_injection_is_rendered_harmless(source):
    html = str(render_markdown(f"Gewone tekst.\n\n{source}\n\nMeer tekst.").html).lower()
    for forbidden in (
        "<script",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "vbscript:",
        "data:",
        "<iframe",
        "<svg",
        "<style",
        "style=",
        "<form",
        "<input",
        "<object",
        "<img",
        "<meta",
        "<base",
    ):
        assert forbidden not in html, (source, html)
    assert "gewone tekst." in html and "meer tekst." in html


def test_markdown_formatting_survives():
    html = str(
        render_markdown(
            "## Kopje\n\nTekst met **vet**, *schuin* en [een link](https://www.rijksoverheid.nl).\n\n"
            "- een\n- twee\n\n[bel](tel:112) of [mail](mailto:a@b.nl)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
        ).html
    )
    assert '<h2 id="h-kopje">Kopje</h2>' in html
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html
    assert '<a href="https://www.rijksoverheid.nl" rel="noopener noreferrer">een link</a>' in html
    assert "<li>een</li>" in html and 'href="tel:112"' in html and 'href="mailto:a@b.nl"' in html
    assert "<table>" in html and "<td>1</td>" in html


def test_a_level_one_heading_becomes_level_two_so_the_page_title_stays_the_only_h1():
    rendered = render_markdown("# Eigen titel\n\ntekst")
    assert "<h1" not in str(rendered.html) and '<h2 id="h-eigen-titel">' in str(rendered.html)
    assert rendered.headings == (("h-eigen-titel", "Eigen titel"),)


def test_raw_html_cannot_set_ids_that_clobber_the_page():
    html = str(render_markdown('<h2 id="indicator-list">x</h2>\n\n<h3 id="ARB-WERK-01">y</h3>').html)
    assert 'id="indicator-list"' not in html and 'id="ARB-WERK-01"' not in html


def test_plain_text_has_no_markup():
    assert plain_text("## Kop\n\nEen **vet** woord & <b>meer</b>") == "Kop Een vet woord & meer"


def test_local_text_gets_its_own_heading_ids():
    from baken.knowledge.rendering import LOCAL_PREFIX

    html = str(
        render_markdown(
            '## Wanneer je niet wacht\n\n<h3 id="h-wanneer-je-niet-wacht">x</h3>', id_prefix=LOCAL_PREFIX
        ).html
    )
    assert 'id="l-wanneer-je-niet-wacht"' in html and 'id="h-wanneer-je-niet-wacht"' not in html
