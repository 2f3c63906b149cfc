"""The logo is stored and served by the type of its content, whatever its name said."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from baken.core.services import organisation_update_huisstijl


def test_a_png_named_html_is_stored_and_served_as_png(client_for, beheerder, voorbeeld):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "#336699").save(buffer, format="PNG")
    upload = SimpleUploadedFile("logo.html", buffer.getvalue(), content_type="text/html")
    organisation_update_huisstijl(actor=beheerder, organisation=voorbeeld, changes={"logo": upload})
    voorbeeld.refresh_from_db()
    assert voorbeeld.logo.name.endswith(".png")
    served = client_for(beheerder).get(reverse("core:organisation_logo", args=["voorbeeld"]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
