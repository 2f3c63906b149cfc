"""Forms of the core app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from baken.core.models import Organisation


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


class PageForm(forms.Form):
    """The page of a paginated list (`?pagina=`), read like every other query parameter: through
    a form field. Anything that is not a page number in range means the first page."""

    pagina = forms.IntegerField(min_value=1, max_value=10**9, required=False)

    def page_number(self) -> int:
        return (self.cleaned_data.get("pagina") if self.is_valid() else None) or 1
