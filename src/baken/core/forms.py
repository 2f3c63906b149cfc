"""Forms of the core app."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from baken.core.models import Organisation

CHOOSE = _("Kies…")
DJANGO_BLANK = "---------"


class ChooseLabels:
    """Form mixin: every empty choice of a select reads "Kies…", never Django's "---------"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.empty_label == DJANGO_BLANK:
                field.empty_label = CHOOSE
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                field.choices = [(value, CHOOSE if label == DJANGO_BLANK else label) for value, label in field.choices]


class HexColourInput(forms.TextInput):
    """The colour as hex text (works without JavaScript, can be pasted from a style guide), with a
    colour picker beside it that huisstijl.js keeps in step."""

    template_name = "core/widgets/hex_colour.html"
    #: Set by the form from the field's label, so that each picker has its own accessible name.
    picker_label = ""

    def __init__(self, attrs=None):
        defaults = {"pattern": "#[0-9a-fA-F]{6}", "maxlength": "7", "spellcheck": "false", "class": "baken-hex"}
        super().__init__({**defaults, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["picker_label"] = self.picker_label
        return context


class HuisstijlForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["logo", "primary_colour", "primary_text_colour", "link_colour"]
        widgets = {
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
            "primary_colour": HexColourInput(),
            "primary_text_colour": HexColourInput(),
            "link_colour": HexColourInput(),
        }
        help_texts = {
            "logo": _("PNG, JPEG of WebP, hoogstens 1 MB."),
            "primary_colour": _("Als hexcode, bijvoorbeeld #00536b, of kies met de kleurkiezer."),
            "primary_text_colour": _("Meestal wit (#ffffff) of zwart (#000000)."),
            "link_colour": _("Moet goed leesbaar zijn op wit."),
        }
        error_messages = {"logo": {"invalid_image": _("Dit bestand is geen geldige afbeelding.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, HexColourInput):
                field.widget.picker_label = _("Kleurkiezer voor %(label)s") % {"label": field.label.lower()}


class OrganisationSettingsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["triage_working_days", "reply_email", "officer_deputy", "wijk_boundaries"]
        widgets = {"wijk_boundaries": forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json"})}

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk_boundaries"].help_text = _(
            "Voor de kaart naast de meldingen per wijk: een GeoJSON-bestand met één vlak per wijk en de naam "
            "in de eigenschap wijknaam (zoals de Wijk- en buurtkaart van het CBS), in WGS84, hoogstens 5 MB. "
            "De namen moeten overeenkomen met de wijken die melders opgeven."
        )
        field = self.fields["officer_deputy"]
        field.queryset = deputies
        field.empty_label = _("Kies…")
        field.label_from_instance = lambda user: f"{user.get_full_name() or user.username} ({user.username})"
        field.help_text = _(
            "Neemt het werk over als de aandachtsfunctionaris er niet is; alleen aandachtsfunctionarissen."
        )
        self.fields["triage_working_days"].help_text = _(
            "Binnen hoeveel werkdagen de beoordeling van een melding begint (spoed: dezelfde dag). "
            "Leeg: %(days)s werkdagen, de standaard van deze installatie."
        ) % {"days": settings.BAKEN_TRIAGE_WORKING_DAYS}


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


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one row by id that refuses anything but a database id before the query (on
    SQLite a number past 64 bits fails with a 500)."""

    def to_python(self, value):
        if value not in self.empty_values and not _DATABASE_ID.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ReturnPathForm(forms.Form):
    """Where a small form sends the user back to (`next`): a path of at most 2,000 characters;
    whether it stays on this site is checked on top."""

    next = forms.CharField(max_length=2000, required=False)
