"""Forms of the data-subject requests (the privacy officer's pages)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from baken.core.forms import CHOOSE
from baken.retention.models import SubjectNoteKind, SubjectRequestKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 30-11-2026.")}


class SubjectRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort verzoek"),
        choices=[("", CHOOSE), *SubjectRequestKind.choices],
        error_messages={"required": _("Kies het soort verzoek: inzage, rectificatie of beperking.")},
    )
    received_on = forms.DateField(
        label=_("Ontvangen op"),
        widget=DATE_WIDGET,
        error_messages={**DATE_ERRORS, "required": _("Vul de datum in waarop het verzoek binnenkwam.")},
    )
    reference = forms.CharField(
        label=_("Eigen kenmerk"),
        max_length=60,
        help_text=_("Het kenmerk waaronder u het verzoek zelf registreert."),
        error_messages={"required": _("Geef het verzoek uw eigen kenmerk.")},
    )


class SubjectSearchForm(forms.Form):
    """The identity of the person. Sent by POST only, so the values never end up in an address,
    the browser history or a server log; Baken does not keep them."""

    bsn = forms.CharField(label=_("BSN"), max_length=20, required=False)
    name = forms.CharField(label=_("Naam"), max_length=200, required=False, help_text=_("De volledige naam."))
    birth_date = forms.DateField(
        label=_("Geboortedatum"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    house_number = forms.CharField(
        label=_("Huisnummer"), max_length=10, required=False, help_text=_("Met toevoeging, bijvoorbeeld 12a.")
    )


class SubjectNoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=[("", CHOOSE), *SubjectNoteKind.choices],
        error_messages={"required": _("Kies rectificatie of beperking.")},
    )
    text = forms.CharField(
        label=_("Wat is er gerectificeerd of beperkt?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Schrijf op wat er is gerectificeerd of beperkt.")},
    )
