"""Make signals for tests through the real service."""

import datetime as dt
import io
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from baken.signalling.services import SignalInput, signal_submit


def png_file(name: str = "foto.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "#336699").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_signal(reporter, *, with_attachment: bool = False, **overrides):
    """A signal submitted by `reporter`; keyword arguments override SignalInput fields."""
    values = {
        "observed_on": dt.date(2026, 11, 1),
        "channel": "balie",
        "description": "Testsignaal",
        "form_unknown": True,
        "location_description": f"Balie stadhuis ({uuid.uuid4().hex[:6]})",
    }
    values.update(overrides)
    if with_attachment:
        values["attachments"] = [png_file()]
    signal, _created = signal_submit(reporter=reporter, data=SignalInput(**values), submission_key=uuid.uuid4())
    return signal
