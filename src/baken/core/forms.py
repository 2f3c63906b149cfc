"""Forms of the core app."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

from baken.core.models import Organisation

MAX_LOGO_BYTES = 1024 * 1024
ALLOWED_LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}


class ColourInput(forms.TextInput):
    input_type = "color"


class HuisstijlForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["logo", "primary_colour", "primary_text_colour", "link_colour"]
        widgets = {
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
            "primary_colour": ColourInput(),
            "primary_text_colour": ColourInput(),
            "link_colour": ColourInput(),
        }
        help_texts = {"logo": _("PNG, JPEG of WebP, hoogstens 1 MB.")}
        error_messages = {"logo": {"invalid_image": _("Dit bestand is geen geldige afbeelding.")}}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or not hasattr(logo, "size") or logo == self.instance.logo:
            return logo
        if logo.size > MAX_LOGO_BYTES:
            raise ValidationError(_("Het logo is te groot (hoogstens 1 MB)."))
        try:
            logo.seek(0)
            with Image.open(logo) as image:
                image_format = image.format
                image.verify()
        except Exception as exc:  # Pillow raises many types for broken files
            raise ValidationError(_("Dit bestand is geen geldige afbeelding.")) from exc
        if image_format not in ALLOWED_LOGO_FORMATS:
            raise ValidationError(_("Gebruik een PNG-, JPEG- of WebP-afbeelding."))
        logo.seek(0)
        return logo
