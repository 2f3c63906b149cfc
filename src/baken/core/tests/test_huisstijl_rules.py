"""The huisstijl service owns the logo rules, for every caller (the form only parses the upload)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from baken.core.models import AuditEvent
from baken.core.services import MAX_LOGO_BYTES, organisation_update_huisstijl


def _image(image_format: str, size=(40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "geen geldige afbeelding"),
        (_image("GIF"), "PNG-, JPEG- of WebP"),
        (_image("PNG") + b"\x00" * MAX_LOGO_BYTES, "te groot"),
    ],
    ids=["not-an-image", "gif", "too-large"],
)
def test_a_logo_that_breaks_a_rule_changes_nothing(beheerder, voorbeeld, content, message):
    audit_rows = AuditEvent.objects.count()
    upload = SimpleUploadedFile("logo.png", content, content_type="image/png")
    with pytest.raises(ValidationError) as error:
        organisation_update_huisstijl(actor=beheerder, organisation=voorbeeld, changes={"logo": upload})
    assert message in " ".join(error.value.message_dict["logo"])
    voorbeeld.refresh_from_db()
    assert not voorbeeld.logo
    assert AuditEvent.objects.count() == audit_rows


def test_a_valid_logo_is_stored_and_audited(beheerder, voorbeeld):
    upload = SimpleUploadedFile("logo.webp", _image("WEBP"), content_type="image/webp")
    organisation_update_huisstijl(actor=beheerder, organisation=voorbeeld, changes={"logo": upload})
    voorbeeld.refresh_from_db()
    assert voorbeeld.logo.name.startswith("logos/voorbeeld")
    assert AuditEvent.objects.filter(object_type="core.organisation", reason="huisstijl: logo").count() == 1
