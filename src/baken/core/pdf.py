"""PDF documents from HTML templates with WeasyPrint, in the organisation's huisstijl.

WeasyPrint never fetches anything over the network: the logo is passed as a data URI and
every other URL is refused.
"""

import base64
import mimetypes

from django.template.loader import render_to_string


def _refuse_fetch(url: str, *args, **kwargs):
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"PDF rendering does not fetch {url!r}")


def logo_data_uri(organisation) -> str:
    if not organisation or not organisation.logo:
        return ""
    try:
        with organisation.logo.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, OSError):
        return ""
    content_type = mimetypes.guess_type(organisation.logo.name)[0] or "image/png"
    return f"data:{content_type};base64,{base64.b64encode(content).decode()}"


def render_pdf(template_name: str, context: dict, *, organisation=None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        template_name, {**context, "organisation": organisation, "logo_uri": logo_data_uri(organisation)}
    )
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
