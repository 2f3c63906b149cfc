"""Stored files are named after what they are, not what the sender called them."""

from django.urls import reverse

from baken.signalling.models import Signal
from baken.signalling.tests.conftest import png_upload

INTAKE = reverse("signalling:intake")


def test_a_png_sent_as_html_is_stored_and_served_as_png(client_for, reporter, triager, intake_data):
    response = client_for(reporter).post(INTAKE, intake_data(attachments=[png_upload(name="poly.html")]))
    assert response.status_code == 302
    attachment = Signal.objects.get().attachments.get()
    assert attachment.file.name.endswith(".png")
    assert attachment.content_type == "image/png"
    served = client_for(triager).get(reverse("signalling:attachment", args=[attachment.signal_id, attachment.pk]))
    assert served["Content-Type"] == "image/png"
    assert served["Content-Disposition"].startswith("attachment")
