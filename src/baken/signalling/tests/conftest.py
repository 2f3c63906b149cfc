import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from baken.signalling.models import Indicator


@pytest.fixture
def plain_indicator(db):
    return Indicator.objects.filter(critical=False, active=True).order_by("code").first()


@pytest.fixture
def critical_indicator(db):
    return Indicator.objects.filter(critical=True, active=True).order_by("code").first()


def png_upload(name="foto.png", size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_upload(name="verslag.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


@pytest.fixture
def intake_data(plain_indicator):
    def make(**overrides):
        data = {
            "submission_key": str(uuid.uuid4()),
            "exploitation_forms": ["arbeid"],
            "minor_involved": "onbekend",
            "indicators": [str(plain_indicator.pk)],
            "postcode": "9901 AB",
            "house_number": "14",
            "observed_on": "2026-11-20",
            "channel": "controle",
            "description": "Matrassen in de loods, zes mensen slapen er.",
        }
        data.update(overrides)
        return data

    return make
