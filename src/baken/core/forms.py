"""Forms of the core app."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
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


#: The highest page number a list accepts: far above any real list, far below what overflows.
MAX_PAGE = 10**6


class PageForm(forms.Form):
    """The page number of a paged list, read from the query string (`?pagina=`)."""

    pagina = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)


def page_number(params) -> int:
    """The page asked for: a whole number from 1 to a million; anything else (missing, text,
    "²", 5,000 digits) is page 1. The paginator then caps it at the last page."""
    form = PageForm(params)
    return (form.cleaned_data["pagina"] or 1) if form.is_valid() else 1


def valid_query(form) -> str:
    """The query string of a filter form for the links of its pages: only its own fields, only
    those that validated, without the page number."""
    form.is_valid()
    query = QueryDict(mutable=True)
    for name in form.fields:
        if name in form.data and name not in form.errors and name != "pagina":
            query.setlist(name, form.data.getlist(name))
    return query.urlencode()


_DATABASE_ID = re.compile(r"[0-9]{1,18}")


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of rows by id that refuses anything but a database id (ASCII digits, at most 18)
    before the query: on SQLite an `__in` with a number past 64 bits fails with a 500."""

    def _check_values(self, value):
        for item in value:
            if self.to_field_name is None and not _DATABASE_ID.fullmatch(str(item)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                )
        return super()._check_values(value)
