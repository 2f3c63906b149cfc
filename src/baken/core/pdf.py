"""PDF documents from HTML with WeasyPrint, in the organisation's huisstijl.

WeasyPrint never fetches anything over the network or from disk: the logo is passed as a
data URI and the URL fetcher accepts data: URIs only. PDFs are tagged for accessibility.
"""

import base64
import io

from django.template.loader import render_to_string
from PIL import Image

LOGO_MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
MAX_LOGO_BYTES = 2 * 1024 * 1024


def logo_data_uri(organisation) -> str:
    """The organisation's logo as a data: URI, or "" when there is none or it is unreadable."""
    if organisation is None or not organisation.logo:
        return ""
    try:
        with organisation.logo.open("rb") as handle:
            data = handle.read(MAX_LOGO_BYTES)
        with Image.open(io.BytesIO(data)) as image:
            mime = LOGO_MIME.get(image.format or "")
    except (OSError, ValueError):
        return ""
    if mime is None:
        return ""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def html_to_pdf(html: str, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    # WeasyPrint (Pango, fonts) is heavy: loaded with the first PDF, not by every worker at start-up.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(string=css) for css in stylesheets], pdf_tags=True
    )


def render_pdf(template_name: str, context: dict, *, organisation=None) -> bytes:
    html = render_to_string(
        template_name, {**context, "organisation": organisation, "logo_uri": logo_data_uri(organisation)}
    )
    return html_to_pdf(html)
