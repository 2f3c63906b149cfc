"""Forms of Preventie: they parse; the services own the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from baken.core.forms import IdChoiceField, IdMultipleChoiceField
from baken.prevention.catalogue.loader import catalogue
from baken.prevention.models import ActivityStatus, LocationKind
from baken.prevention.workflow import ACTIVITY_WORKFLOW
from baken.signalling.models import ExploitationForm

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    activity_type = forms.ChoiceField(label=_("Soort activiteit"))
    exploitation_forms = IdMultipleChoiceField(
        label=_("Vormen van uitbuiting"),
        queryset=ExploitationForm.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.MultipleChoiceField(label=_("Doelgroepen"), widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Talen"), widget=forms.CheckboxSelectMultiple, required=False)
    provider = IdChoiceField(label=_("Aanbieder"), queryset=None, required=False)
    programme = forms.CharField(label=_("Programma of materiaal"), max_length=200, required=False)
    material = IdChoiceField(label=_("Materiaal uit de bibliotheek"), queryset=None, required=False)
    starts_on = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Einddatum (bij meerdaagse activiteiten)"), widget=DATE_WIDGET, required=False)
    location_kind = forms.ChoiceField(label=_("Waar"), choices=LocationKind.choices, widget=forms.RadioSelect)
    location_name = forms.CharField(
        label=_("Naam van de school of de wijk"),
        max_length=160,
        required=False,
        help_text=_("Alleen de school of de wijk; leg nooit namen van leerlingen of deelnemers vast."),
    )
    reach = forms.IntegerField(label=_("Bereik (aantal deelnemers)"), min_value=0, max_value=10**6, required=False)
    cost = forms.DecimalField(label=_("Kosten (euro)"), min_value=0, max_digits=10, decimal_places=2, required=False)
    kader_theme = forms.ChoiceField(label=_("Dient Kader-thema"), required=False)
    action_reference = forms.CharField(label=_("Actie in het uitvoeringsplan"), max_length=60, required=False)

    def __init__(self, *args, partners, materials, **kwargs):
        super().__init__(*args, **kwargs)
        lists = catalogue()
        self.fields["material"].queryset = materials
        self.fields["material"].empty_label = _("Geen")
        self.fields["material"].help_text = _(
            "Een materiaal uit de materialenbibliotheek van uw gemeente; het programma hierboven blijft vrije tekst."
        )
        self.fields["activity_type"].choices = [("", _("Kies…")), *lists.choices("activity_types")]
        self.fields["target_groups"].choices = lists.choices("target_groups")
        self.fields["languages"].choices = lists.choices("languages")
        self.fields["kader_theme"].choices = [("", _("Geen")), *lists.choices("kader_themes")]
        self.fields["provider"].queryset = partners
        self.fields["provider"].empty_label = _("Geen of nog onbekend")
        self.fields["action_reference"].help_text = _("Bijvoorbeeld A-3: het nummer van de actie in het plan.")


def activity_initial(activity) -> dict:
    return {
        "title": activity.title,
        "activity_type": activity.activity_type,
        "exploitation_forms": list(activity.forms.all()),
        "target_groups": activity.target_groups,
        "languages": activity.languages,
        "provider": activity.provider_id,
        "programme": activity.programme,
        "material": activity.material_id,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "location_kind": activity.location_kind,
        "location_name": activity.location_name,
        "reach": activity.reach,
        "cost": activity.cost,
        "kader_theme": activity.kader_theme,
        "action_reference": activity.action_reference,
    }


class TransitionForm(forms.Form):
    target = forms.ChoiceField(label=_("Volgende stap"), widget=forms.RadioSelect)
    reach = forms.IntegerField(
        label=_("Bereik (aantal deelnemers)"),
        min_value=0,
        max_value=10**6,
        required=False,
        help_text=_("Nodig bij 'uitgevoerd'. Alleen een aantal, geen namen."),
    )
    evaluation_score = forms.TypedChoiceField(
        label=_("Evaluatiecijfer"),
        choices=[("", _("Kies…")), *[(str(n), str(n)) for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Nodig bij de evaluatie: 1 (slecht) tot 5 (uitstekend)."),
    )
    evaluation_notes = forms.CharField(
        label=_("Evaluatie"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        help_text=_("Nodig bij annuleren of opnieuw plannen."),
    )

    def __init__(self, *args, status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.target, t.label) for t in ACTIVITY_WORKFLOW.user_transitions_from(status)]


class ActivityFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Alle")), *ActivityStatus.choices], required=False)
    schooljaar = forms.TypedChoiceField(label=_("Schooljaar"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schooljaar"].choices = [("", _("Alle")), *[(str(y), f"{y}-{y + 1}") for y in years]]


class TrainingForm(forms.Form):
    department = forms.ChoiceField(label=_("Afdeling"))
    function = forms.CharField(
        label=_("Functie"),
        max_length=120,
        required=False,
        help_text=_("Bijvoorbeeld baliemedewerker, handhaver of leerplichtambtenaar."),
    )
    level = forms.ChoiceField(label=_("Niveau"))
    trained_on = forms.DateField(label=_("Datum training"), widget=DATE_WIDGET)
    refresher_on = forms.DateField(
        label=_("Datum opfriscursus"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Leeg: twee jaar na de training."),
    )
    participants = forms.IntegerField(label=_("Aantal deelnemers"), min_value=1, max_value=100_000)
    names = forms.CharField(
        label=_("Namen (optioneel)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        required=False,
        help_text=_("Niet nodig voor de cijfers; vul alleen in als uw organisatie dat wil bijhouden."),
    )
    provider = IdChoiceField(label=_("Aanbieder"), queryset=None, required=False)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        lists = catalogue()
        self.fields["department"].choices = [("", _("Kies…")), *lists.choices("departments")]
        self.fields["level"].choices = [("", _("Kies…")), *lists.choices("training_levels")]
        self.fields["provider"].queryset = partners
        self.fields["provider"].empty_label = _("Geen of nog onbekend")


class StaffCountForm(forms.Form):
    """One number per department of the catalogue: the staff who could signal."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in catalogue().choices("departments"):
            self.fields[code] = forms.IntegerField(label=label, min_value=0, max_value=100_000, required=False)


# --- the materials library -------------------------------------------------------------------


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, required=False
    )
    audiences = forms.MultipleChoiceField(label=_("Doelgroepen"), widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Talen"), widget=forms.CheckboxSelectMultiple)
    form = forms.ChoiceField(label=_("Vorm"))
    evidence_level = forms.ChoiceField(
        label=_("Bewijskracht"),
        help_text=_("De niveaus zijn nog te verifiëren tegen de Databank Effectieve Jeugdinterventies."),
    )
    provider = IdChoiceField(label=_("Aanbieder"), queryset=None, required=False)
    url = forms.URLField(
        label=_("Link naar het materiaal"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Het webadres waar het materiaal staat, bijvoorbeeld https://www.example.nl/lespakket."),
    )
    note = forms.CharField(
        label=_("Toelichting bij deze versie"),
        max_length=300,
        required=False,
        help_text=_("Optioneel: wat er is veranderd en waarom."),
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=10**6)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        lists = catalogue()
        self.fields["audiences"].choices = lists.choices("target_groups")
        self.fields["languages"].choices = lists.choices("languages")
        self.fields["form"].choices = [("", _("Kies…")), *lists.choices("material_forms")]
        self.fields["evidence_level"].choices = [("", _("Kies…")), *lists.choices("evidence_levels")]
        self.fields["provider"].queryset = partners
        self.fields["provider"].empty_label = _("Geen of nog onbekend")

    def values(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in data if name not in ("note", "base_revision")}


def material_initial(material) -> dict:
    return {
        "title": material.title,
        "description": material.description,
        "audiences": material.audiences,
        "languages": material.languages,
        "form": material.form,
        "evidence_level": material.evidence_level,
        "provider": material.provider_id,
        "url": material.url,
        "base_revision": material.revision,
    }


class MaterialFilterForm(forms.Form):
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), required=False)
    taal = forms.ChoiceField(label=_("Taal"), required=False)
    vorm = forms.ChoiceField(label=_("Vorm"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lists = catalogue()
        self.fields["doelgroep"].choices = [("", _("Alle")), *lists.choices("target_groups")]
        self.fields["taal"].choices = [("", _("Alle")), *lists.choices("languages")]
        self.fields["vorm"].choices = [("", _("Alle")), *lists.choices("material_forms")]
