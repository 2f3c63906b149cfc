"""Forms of Zorg: they only parse; the services own the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.care.catalogue.loader import catalogue


def _choices(entries) -> list[tuple[str, str]]:
    return [("", _("Kies…")), *((entry.code, entry.label) for entry in entries.values())]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class HandoverDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("aannemen", _("Aannemen: zorgtraject starten (intake)")), ("afwijzen", _("Niet in behandeling"))],
        widget=forms.RadioSelect,
    )
    pseudonym = forms.CharField(
        label=_("Schuilnaam"),
        max_length=60,
        required=False,
        help_text=_("Staat overal in plaats van de naam: in lijsten, op het startscherm en in agenda's."),
    )
    reason = forms.CharField(
        label=_("Reden (bij niet in behandeling)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De aandachtsfunctionaris die het signaal overdroeg, ziet deze reden."),
    )


class CaseRegisterForm(forms.Form):
    """An aanmelding from outside Baken."""

    organisation = forms.ModelChoiceField(label=_("Gemeente"), queryset=None, empty_label=_("Kies…"))
    source = forms.ChoiceField(label=_("Aangemeld door"))
    source_detail = forms.CharField(label=_("Toelichting aanmelder"), max_length=200, required=False)
    registered_on = forms.DateField(label=_("Aangemeld op"), widget=DateInput())
    pseudonym = forms.CharField(
        label=_("Schuilnaam"),
        max_length=60,
        help_text=_("Staat overal in plaats van de naam: in lijsten, op het startscherm en in agenda's."),
    )
    full_name = forms.CharField(
        label=_("Naam"),
        max_length=200,
        required=False,
        help_text=_("Alleen zichtbaar na een bewuste klik met een reden; die wordt vastgelegd."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["source"].choices = _choices(catalogue().sources)
        self.fields["registered_on"].initial = timezone.localdate()
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first().pk


class TransitionForm(forms.Form):
    target = forms.ChoiceField(label=_("Volgende stap"))
    closure_reason = forms.ChoiceField(label=_("Reden van afsluiten (bij afsluiten)"), required=False)
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij afsluiten, heropenen, niet in behandeling en contact verloren."),
    )

    def __init__(self, *args, transitions: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = transitions
        self.fields["closure_reason"].choices = _choices(catalogue().closure_reasons)


class RevealForm(forms.Form):
    #: The case page also has a transition form with a reason: distinct names and ids.
    prefix = "naam"

    reason = forms.CharField(
        label=_("Waarom heeft u de naam nodig?"),
        max_length=300,
        help_text=_("Bijvoorbeeld: aanvraag Rvb invullen. De reden wordt vastgelegd in het auditlog."),
    )


class ShelterAddressForm(forms.Form):
    address = forms.CharField(
        label=_("Opvangadres (geheim)"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProcedureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Procedure"))
    started_on = forms.DateField(label=_("Begonnen op"), widget=DateInput())
    due_on = forms.DateField(
        label=_("Uiterste datum (alleen bij een datum uit een besluit)"),
        required=False,
        widget=DateInput(),
        help_text=_("Bijvoorbeeld 'geldig tot' van de verblijfsvergunning of het geplande einde van de opvang."),
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("Kies…")),
            *((rule.code, rule.label) for rule in catalogue().deadlines.values()),
        ]
        self.fields["started_on"].initial = timezone.localdate()


class ProcedureDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Afgerond op"), widget=DateInput())
    outcome = forms.CharField(label=_("Uitkomst"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()
