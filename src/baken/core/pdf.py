"""PDF documents from HTML templates with WeasyPrint, in the organisation's huisstijl.

WeasyPrint never fetches anything over the network or from disk: the logo is passed as a
data URI and every other protocol is refused.
"""

import base64
import mimetypes

from django.template.loader import render_to_string


def logo_data_uri(organisation) -> str:
    if not organisation or not organisation.logo:
        return ""
    try:
        with organisation.logo.open("rb") as handle:
            content = handle.read()
    except OSError:
        return ""
    content_type = mimetypes.guess_type(organisation.logo.name)[0] or "image/png"
    return f"data:{content_type};base64,{base64.b64encode(content).decode()}"


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def render_pdf(template_name: str, context: dict, *, organisation=None) -> bytes:
    html = render_to_string(
        template_name, {**context, "organisation": organisation, "logo_uri": logo_data_uri(organisation)}
    )
    return html_to_pdf(html)
