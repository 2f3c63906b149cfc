"""The intake form: guided, accessible, in Dutch."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import postcode as nl_postcode

from baken.core.forms import ChooseLabels, IdMultipleChoiceField
from baken.signalling.address import lookup_address
from baken.signalling.models import (
    AcuteCall,
    AgeRange,
    Channel,
    ExploitationForm,
    Indicator,
    MinorInvolved,
    Sex,
)
from baken.signalling.services import SignalInput


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        """A list of uploads; their number, type and size are the service's rules."""
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


class _KnownChoices(forms.MultipleChoiceField):
    """Keeps the submitted values that are among the choices and drops the rest, so that a
    partial page answers for what it knows ("²", 5,000 digits or an unknown code count as nothing)."""

    def clean(self, value):
        return [item for item in self.to_python(value) if self.valid_value(item)]


class IntakeChoicesForm(forms.Form):
    """What the intake pages show while the form is filled in (the indicators of the chosen forms,
    the ticked ones, whether it looks acute), read from the query string of the htmx partials and
    from a submitted intake that is shown again. The intake itself is validated by SignalIntakeForm."""

    exploitation_forms = _KnownChoices(required=False)
    form_unknown = forms.BooleanField(required=False)
    indicators = _KnownChoices(required=False)
    acute_danger = forms.BooleanField(required=False)
    minor_involved = forms.ChoiceField(choices=MinorInvolved.choices, required=False)
    acute_call = forms.ChoiceField(choices=AcuteCall.choices, required=False)
    acute_no_call_reason = forms.CharField(max_length=300, required=False)

    def __init__(self, data, *, indicators: list[Indicator]):
        super().__init__(data)
        self.fields["exploitation_forms"].choices = [
            (code, code) for code in ExploitationForm.objects.values_list("code", flat=True)
        ]
        self.fields["indicators"].choices = [(str(indicator.pk), indicator.pk) for indicator in indicators]
        self.is_valid()

    def chosen_forms(self) -> list[str]:
        return [] if self.cleaned_data.get("form_unknown") else self.cleaned_data.get("exploitation_forms", [])

    def selected(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data.get("indicators", [])}


#: The channel a role usually reports from, preselected at intake (the reporter can change it).
USUAL_CHANNEL_BY_ROLE = {"toezichthouder": Channel.INSPECTION}


def usual_channel(user) -> str:
    """The channel to preselect for this reporter: only when their roles agree on one."""
    channels = {USUAL_CHANNEL_BY_ROLE[g.name] for g in user.groups.all() if g.name in USUAL_CHANNEL_BY_ROLE}
    return channels.pop() if len(channels) == 1 else ""


class AddressForm(forms.Form):
    """A Dutch address as the intake asks for it: postcode + house number, or street, house number
    and town. Also the intake's lookup while typing (views.intake_address)."""

    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False, help_text=_("Bijvoorbeeld 1234 AB."))
    house_number = forms.CharField(
        label=_("Huisnummer"), max_length=10, required=False, help_text=_("Met toevoeging, bijvoorbeeld 12a.")
    )
    street = forms.CharField(label=_("Straat"), max_length=120, required=False)
    city = forms.CharField(label=_("Plaats"), max_length=80, required=False)

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        try:
            compact = nl_postcode.compact(nl_postcode.validate(value))
        except StdnumError as error:
            raise ValidationError(
                _("Dit is geen geldige Nederlandse postcode. Gebruik vier cijfers en twee letters, zoals 1234 AB.")
            ) from error
        return f"{compact[:4]} {compact[4:]}"  # stored as 1234 AB

    def clean_house_number(self) -> str:
        value = self.cleaned_data["house_number"].strip()
        if value and not (value[0].isdigit() and value[0] != "0" and len(value) <= 10):
            raise ValidationError(
                _("Een huisnummer begint met een cijfer (niet 0), eventueel gevolgd door een toevoeging.")
            )
        return value

    def lookup(self) -> tuple[str, str] | None:
        """(street, town) from the lookup when postcode and house number are valid and neither
        street nor town was typed; None otherwise (also when no lookup is configured)."""
        data = self.cleaned_data
        postcode, number = data.get("postcode"), data.get("house_number")
        if postcode and number and not (data.get("street") or data.get("city")):
            return lookup_address(postcode=postcode, house_number=number)
        return None


class SignalIntakeForm(AddressForm):
    # The address fields come from AddressForm; on the page and in the error summary they stay
    # where the reporter meets them: after the indicators.
    field_order = [
        "submission_key", "exploitation_forms", "form_unknown", "acute_danger", "minor_involved", "acute_call",
        "acute_no_call_reason", "indicators", "postcode", "house_number", "street", "city",
    ]  # fmt: skip
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    exploitation_forms = forms.ModelMultipleChoiceField(
        label=_("Om welke vorm van uitbuiting kan het gaan?"),
        queryset=ExploitationForm.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies wat u vermoedt. Meerdere antwoorden mogen. Weet u het niet? Kies dan 'Weet ik niet'."),
        error_messages={"required": _("Kies een of meer vormen, of 'weet ik niet'.")},
    )
    form_unknown = forms.BooleanField(label=_("Weet ik niet"), required=False)
    acute_danger = forms.BooleanField(
        label=_("Er is nu acuut gevaar"),
        required=False,
        help_text=_("Bijvoorbeeld geweld, bedreiging of iemand die niet weg kan."),
    )
    minor_involved = forms.ChoiceField(
        label=_("Is er een minderjarige (jonger dan 18) bij betrokken?"),
        choices=MinorInvolved.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja, nee of 'weet ik niet'.")},
    )
    # Shown in the acute panel; required (by the service) only when the situation is acute.
    acute_call = forms.ChoiceField(
        label=_("Wat heeft u gedaan?"), choices=AcuteCall.choices, widget=forms.RadioSelect, required=False
    )
    acute_no_call_reason = forms.CharField(
        label=_("Waarom is bellen niet nodig?"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: de politie is al ter plaatse."),
    )
    indicators = forms.TypedMultipleChoiceField(coerce=int, required=False, label=_("Welke signalen zag u?"))

    location_description = forms.CharField(
        label=_("Of: beschrijf de locatie"),
        max_length=300,
        required=False,
        help_text=_("Als er geen adres is, bijvoorbeeld een parkeerplaats, een hotelkamer of een website."),
    )
    business_name = forms.CharField(label=_("Naam van het bedrijf (als dat er is)"), max_length=160, required=False)
    neighbourhood = forms.CharField(label=_("Wijk of buurt"), max_length=120, required=False)
    observed_on = forms.DateField(
        label=_("Wanneer zag u dit?"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    channel = forms.ChoiceField(
        label=_("Hoe kwam u ermee in aanraking?"), choices=Channel.choices, widget=forms.RadioSelect
    )

    people_count = forms.IntegerField(label=_("Aantal betrokken personen"), min_value=1, max_value=999, required=False)
    estimated_age = forms.ChoiceField(
        label=_("Geschatte leeftijd"), choices=[("", _("Kies…")), *AgeRange.choices], required=False
    )
    sex = forms.ChoiceField(label=_("Geslacht"), choices=[("", _("Kies…")), *Sex.choices], required=False)
    languages = forms.CharField(label=_("Welke taal spraken zij?"), max_length=160, required=False)
    identifying_details = forms.CharField(
        label=_("Gegevens waarmee iemand te herkennen is (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Alleen invullen als het nodig is, zoals een naam, kenteken of telefoonnummer. "
            "Deze gegevens zijn extra gevoelig."
        ),
    )
    description = forms.CharField(
        label=_("Wat is er gebeurd?"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "In uw eigen woorden. Denk aan: wie zag u, wat gebeurde er, waar en wanneer, en waarom viel het op?"
        ),
    )
    attachments = MultipleFileField(
        label=_("Bijlagen (optioneel)"),
        required=False,
        help_text=_("Foto's of PDF, hoogstens 10 MB per bestand en hoogstens 5 bestanden."),
    )

    def __init__(self, *args, indicator_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # A form of exploitation, or "weet ik niet": the field is required unless that is ticked.
        self.fields["exploitation_forms"].required = not self["form_unknown"].value()
        self.fields["indicators"].choices = [(indicator.pk, indicator.label) for indicator in indicator_choices]
        self.fields["observed_on"].initial = timezone.localdate
        self.fields["attachments"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp,image/heic,application/pdf"

    def clean(self):
        data = super().clean()
        found = self.lookup()
        if found is not None:
            data["street"], data["city"] = found
        return data

    def to_input(self) -> SignalInput:
        data = self.cleaned_data
        return SignalInput(
            observed_on=data["observed_on"],
            channel=data["channel"],
            description=data["description"],
            form_codes=[form.code for form in data["exploitation_forms"]],
            form_unknown=data["form_unknown"],
            acute_danger=data["acute_danger"],
            minor_involved=data["minor_involved"],
            indicator_ids=data["indicators"],
            postcode=data["postcode"],
            house_number=data["house_number"],
            street=data["street"],
            city=data["city"],
            location_description=data["location_description"],
            business_name=data["business_name"],
            neighbourhood=data["neighbourhood"],
            people_count=data["people_count"],
            estimated_age=data["estimated_age"],
            sex=data["sex"],
            languages=data["languages"],
            identifying_details=data["identifying_details"],
            attachments=data["attachments"],
            acute_call=data["acute_call"],
            acute_no_call_reason=data["acute_no_call_reason"],
        )


class IndicatorForm(ChooseLabels, forms.ModelForm):
    """A local indicator of the municipality: same shape as the national ones."""

    class Meta:
        model = Indicator
        fields = ["label", "explanation", "group", "forms", "critical", "ilo_indicator", "om_cluster", "active"]
        widgets = {"forms": forms.CheckboxSelectMultiple, "explanation": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"forms": IdMultipleChoiceField}
        help_texts = {"critical": _("Kritieke signalen tonen bij het melden direct wat iemand nu moet doen.")}


class AdditionForm(forms.Form):
    """The reporter adds to their own open signal; the service owns the rules."""

    text = forms.CharField(
        label=_("Wat wilt u aanvullen?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat u later nog zag of hoorde. Uw eerdere melding blijft zoals hij was."),
    )
