"""Forms of Beleid & regie: they parse; the services own the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from baken.core.forms import IdChoiceField
from baken.policy.catalogue.loader import kader
from baken.policy.models import BlockStatus, RiskLevel
from baken.policy.workflow import ACTION_WORKFLOW

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _year_field(label):
    return forms.IntegerField(label=label, min_value=2015, max_value=2100)


class AssessmentForm(forms.Form):
    year = _year_field(_("Jaar"))


class ItemForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=BlockStatus.choices, widget=forms.RadioSelect)
    evidence = forms.CharField(
        label=_("Onderbouwing"),
        max_length=300,
        required=False,
        help_text=_("Het document of besluit waaruit het blijkt, bijvoorbeeld 'Collegebesluit 12 maart 2026'."),
    )
    evidence_date = forms.DateField(label=_("Datum van het document of besluit"), widget=DATE_WIDGET, required=False)
    owner = forms.CharField(label=_("Eigenaar"), max_length=160, required=False)
    target_date = forms.DateField(label=_("Streefdatum"), widget=DATE_WIDGET, required=False)
    remarks = forms.CharField(
        label=_("Opmerkingen"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )


class AdoptForm(forms.Form):
    adopted_by = forms.CharField(label=_("Vastgesteld door"), max_length=160, initial=_("College van B en W"))
    adopted_on = forms.DateField(label=_("Vastgesteld op"), widget=DATE_WIDGET)


class CompareForm(forms.Form):
    van = forms.IntegerField(min_value=1, max_value=10**4, required=False)
    naar = forms.IntegerField(min_value=1, max_value=10**4, required=False)


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    first_year = _year_field(_("Van jaar"))
    last_year = _year_field(_("Tot en met jaar"))
    adopted_by = forms.CharField(
        label=_("Vastgesteld door"),
        max_length=160,
        required=False,
        help_text=_("Bijvoorbeeld het college, de burgemeester of het Regionaal Veiligheidsoverleg."),
    )
    adopted_on = forms.DateField(label=_("Vastgesteld op"), widget=DATE_WIDGET, required=False)
    regional_framework = forms.CharField(label=_("Regionaal kader"), max_length=300, required=False)


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Doel"), max_length=300)
    kader_theme = forms.ChoiceField(label=_("Kader-thema"), required=False)
    local_pillar = forms.CharField(
        label=_("Of: lokale pijler"),
        max_length=160,
        required=False,
        help_text=_(
            "Een eigen pijler van het plan, bijvoorbeeld 'Arbeidsmigranten in de haven'. Leeg bij een Kader-thema."
        ),
    )
    description = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    indicator = forms.CharField(label=_("Indicator"), max_length=300, required=False)
    target = forms.CharField(label=_("Streefwaarde"), max_length=160, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kader_theme"].choices = [("", _("Geen: een lokale pijler")), *kader().theme_choices()]


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Actie"), max_length=300)
    goal = IdChoiceField(label=_("Doel"), queryset=None, required=False)
    kader_theme = forms.ChoiceField(label=_("Kader-thema"))
    owner = forms.CharField(label=_("Eigenaar"), max_length=160, required=False)
    partners = forms.CharField(label=_("Partners"), max_length=300, required=False)
    starts_on = forms.DateField(label=_("Start"), widget=DATE_WIDGET, required=False)
    ends_on = forms.DateField(label=_("Gereed op"), widget=DATE_WIDGET, required=False)
    budget = forms.DecimalField(label=_("Budget (euro)"), min_value=0, max_digits=12, decimal_places=2, required=False)
    indicator = forms.CharField(label=_("Indicator"), max_length=300, required=False)
    target = forms.CharField(label=_("Streefwaarde"), max_length=160, required=False)

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kader_theme"].choices = [("", _("Kies…")), *kader().theme_choices()]
        self.fields["goal"].queryset = goals
        self.fields["goal"].empty_label = _("Geen doel")


class ActionEditForm(ActionForm):
    status = forms.ChoiceField(label=_("Status"), required=False)
    reason = forms.CharField(
        label=_("Reden van de statuswijziging"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nodig bij vervallen, weer oppakken of heropenen."),
    )

    def __init__(self, *args, status: str, status_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        steps = ACTION_WORKFLOW.user_transitions_from(status)
        self.fields["status"].choices = [("", _("Ongewijzigd: %(s)s") % {"s": status_label})] + [
            (t.target, t.label) for t in steps
        ]


class RiskPictureForm(forms.Form):
    year = _year_field(_("Jaar"))


class RiskIntelligenceForm(forms.Form):
    partner_intelligence = forms.CharField(
        label=_("Informatie van partners"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=8000,
        help_text=_("Wat politie, inspectie, zorg en andere partners zien in uw gemeente. Geen namen of casussen."),
    )


class RiskRowForm(forms.Form):
    sectors = forms.CharField(
        label=_("Sectoren en locaties in de gemeente"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("Bijvoorbeeld: twee distributiecentra, vier uitzendbureaus, een haven met overslag."),
    )
    level = forms.ChoiceField(
        label=_("Inschatting"),
        choices=[("", _("Nog niet ingeschat")), *RiskLevel.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    rationale = forms.CharField(
        label=_("Onderbouwing"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    assessed_on = forms.DateField(
        label=_("Datum inschatting"), widget=DATE_WIDGET, required=False, help_text=_("Leeg: vandaag.")
    )


class ProgressForm(forms.Form):
    year = _year_field(_("Jaar"))
    quarter = forms.TypedChoiceField(
        label=_("Kwartaal"),
        choices=[("", _("Kies…")), *[(str(n), f"K{n}") for n in range(1, 5)]],
        coerce=int,
        empty_value=None,
    )
    note = forms.CharField(label=_("Voortgang"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class LocalBlockForm(forms.Form):
    """The local text of a block; for an own block (`own`) also its theme and plateau."""

    label = forms.CharField(
        label=_("Tekst van de bouwsteen"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beschrijf de bouwsteen.")},
        help_text=_("Zo verschijnt de bouwsteen in nieuwe zelfevaluaties van uw gemeente."),
    )
    theme = forms.ChoiceField(
        label=_("Thema"), error_messages={"required": _("Kies het thema van het Kader waar de bouwsteen onder valt.")}
    )
    plateau = forms.ChoiceField(
        label=_("Plateau"), error_messages={"required": _("Kies het plateau: basis of verdieping.")}
    )
    note = forms.CharField(
        label=_("Toelichting bij deze versie"),
        max_length=300,
        required=False,
        help_text=_("Waarom de tekst afwijkt, bijvoorbeeld 'afspraak regionale tafel 2026'."),
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, own: bool, **kwargs):
        super().__init__(*args, **kwargs)
        catalogue = kader()
        if own:
            self.fields["theme"].choices = [("", _("Kies een thema")), *catalogue.theme_choices()]
            self.fields["plateau"].choices = [("", _("Kies een plateau")), *catalogue.plateaus]
        else:
            del self.fields["theme"], self.fields["plateau"]


class WithdrawBlockForm(forms.Form):
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
