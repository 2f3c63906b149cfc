"""PDF rendering: the organisation's logo is embedded, nothing is fetched from elsewhere."""

import io
from unittest import mock

from django.core.files.base import ContentFile
from PIL import Image

from baken.core.pdf import html_to_pdf, logo_data_uri


def test_pdf_with_logo_and_no_external_fetch(voorbeeld):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "#00536b").save(buffer, format="PNG")
    voorbeeld.logo.save("voorbeeld.png", ContentFile(buffer.getvalue()), save=True)
    assert logo_data_uri(voorbeeld).startswith("data:image/png;base64,")
    import urllib.request

    opened = []
    real_open = urllib.request.OpenerDirector.open

    def recording_open(self, url, *args, **kwargs):
        opened.append(url.full_url if isinstance(url, urllib.request.Request) else url)
        return real_open(self, url, *args, **kwargs)

    with mock.patch("urllib.request.OpenerDirector.open", recording_open):
        pdf = html_to_pdf(
            f'<html><body><img src="{logo_data_uri(voorbeeld)}" alt=""><img src="http://127.0.0.1:9/x.png" alt="">'
            '<img src="file:///etc/hostname" alt=""><p>Gemeente Voorbeeld</p></body></html>'
        )
    assert pdf.startswith(b"%PDF")
    assert len(opened) == 1 and opened[0].startswith("data:image/png;base64,")  # only the embedded logo


def test_logo_missing_gives_empty_uri(voorbeeld):
    assert logo_data_uri(voorbeeld) == ""
