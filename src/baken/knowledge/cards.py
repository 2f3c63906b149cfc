"""Printable PDF cards of knowledge pages, signal lists and barrier models, in the huisstijl
of the user's organisation.

WeasyPrint renders a self-contained HTML document: the stylesheet is read from this package,
the logo is embedded as a data: URI, and the URL fetcher accepts data: URIs only, so making
a card never reads a file or calls a server it was not given.
"""

import re

from django.template.loader import render_to_string
from django.utils import timezone

from baken.core.pdf import html_to_pdf, logo_data_uri

CARD_CSS_TEMPLATE = "knowledge/cards/card.css"
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_COLOURS = {"brand": "#1f4e79", "brand_text": "#ffffff", "link": "#1f4e79"}


def _colours(organisation) -> dict[str, str]:
    if organisation is None:
        return dict(DEFAULT_COLOURS)
    chosen = {
        "brand": organisation.primary_colour,
        "brand_text": organisation.primary_text_colour,
        "link": organisation.link_colour,
    }
    # Validated when saved; checked again because the value ends up inside a stylesheet.
    return {name: value if _HEX_COLOUR.match(value or "") else DEFAULT_COLOURS[name] for name, value in chosen.items()}


def render_card(*, template: str, context: dict, organisation, landscape: bool = False) -> bytes:
    """Render `template` (a complete HTML document) to PDF bytes."""
    colours = _colours(organisation)
    html = render_to_string(
        template,
        {
            **context,
            "organisation": organisation,
            "logo": logo_data_uri(organisation),
            "printed_on": timezone.localdate(),
        },
    )
    stylesheet = render_to_string(CARD_CSS_TEMPLATE, {"colours": colours, "landscape": landscape})
    return html_to_pdf(html, stylesheets=(stylesheet,))
