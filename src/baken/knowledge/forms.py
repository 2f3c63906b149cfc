"""Forms of the Kennisbank: search, local pages and barrier statuses."""

from django import forms
from django.utils.translation import gettext_lazy as _

from baken.accounts.roles import MUNICIPAL_ROLES
from baken.knowledge.content import SECTIONS
from baken.knowledge.models import BarrierState, PageMode
from baken.knowledge.services import BarrierChange, PageContent

MARKDOWN_HELP = _(
    "Opmaak met Markdown: ## Kopje, **vet**, *schuin*, - opsomming, [tekst](https://adres). "
    "HTML en scripts worden niet overgenomen."
)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek in de kennisbank"), max_length=200, required=False)


class SynonymForm(forms.Form):
    term = forms.CharField(
        label=_("Zoekwoord"),
        max_length=40,
        help_text=_("Eén woord zoals collega's het intypen, bijvoorbeeld een afkorting of een woord uit de regio."),
    )
    means = forms.CharField(
        label=_("Zoek dan ook op"),
        max_length=80,
        help_text=_("Het woord of de woorden die in de kennisbank staan, bijvoorbeeld 'arbeidsuitbuiting'."),
    )


class _Versioned(forms.Form):
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("Reden van de wijziging (optioneel)"),
        max_length=300,
        required=False,
        help_text=_("Zichtbaar in de versiegeschiedenis."),
    )


class OwnPageForm(_Versioned):
    title = forms.CharField(label=_("Titel"), max_length=160)
    summary = forms.CharField(
        label=_("Samenvatting"), max_length=300, required=False, help_text=_("Eén of twee zinnen voor het overzicht.")
    )
    section = forms.ChoiceField(label=_("Onderdeel"), choices=list(SECTIONS.items()))
    roles = forms.MultipleChoiceField(
        label=_("Voor wie is deze pagina vooral?"),
        choices=[(role.code, role.name) for role in MUNICIPAL_ROLES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("De pagina kan op de startpagina van deze rollen verschijnen."),
    )
    body = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 18}), help_text=MARKDOWN_HELP)

    field_order = ["title", "summary", "section", "roles", "body", "note", "base_revision"]

    def to_content(self) -> PageContent:
        data = self.cleaned_data
        return PageContent(
            title=data["title"],
            summary=data["summary"],
            section=data["section"],
            roles=tuple(data["roles"]),
            body=data["body"],
        )


class AdaptationForm(_Versioned):
    mode = forms.ChoiceField(
        label=_("Hoe past u de landelijke pagina aan?"), choices=PageMode.choices, widget=forms.RadioSelect
    )
    body = forms.CharField(label=_("Lokale tekst"), widget=forms.Textarea(attrs={"rows": 18}), help_text=MARKDOWN_HELP)

    field_order = ["mode", "body", "note", "base_revision"]

    def __init__(self, *args, national, **kwargs):
        super().__init__(*args, **kwargs)
        self.national = national

    def to_content(self) -> PageContent:
        """Title, summary, section and roles stay the national page's."""
        return PageContent(
            title=self.national.title,
            summary=self.national.summary,
            section=self.national.section,
            roles=self.national.roles,
            body=self.cleaned_data["body"],
            mode=self.cleaned_data["mode"],
        )


class WithdrawForm(_Versioned):
    pass


class RestoreForm(forms.Form):
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class BarrierForm(forms.Form):
    """One barrier of a step: a national one (key given) or the municipality's own."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)
    label = forms.CharField(label=_("Omschrijving van de eigen barrière"), max_length=300, required=False)
    state = forms.ChoiceField(label=_("Stand van zaken"), choices=BarrierState.choices, initial=BarrierState.UNKNOWN)
    owner = forms.CharField(
        label=_("Eigenaar"),
        max_length=160,
        required=False,
        help_text=_("Wie zorgt ervoor: een afdeling, functie of partner."),
        widget=forms.TextInput(attrs={"list": "partner-names", "autocomplete": "off"}),
    )
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)
    remove = forms.BooleanField(label=_("Deze eigen barrière verwijderen"), required=False)

    def __init__(self, *args, text: str = "", is_local: bool = False, is_new: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.text, self.is_local, self.is_new = text, is_local, is_new
        if not is_local:
            del self.fields["label"]
        if not is_local or is_new:
            del self.fields["remove"]
        if is_new:
            self.fields["label"].label = _("Eigen barrière toevoegen (optioneel)")

    def to_change(self, key: str) -> BarrierChange:
        """The key comes from the server's list of the step's barriers, never from the form."""
        data = self.cleaned_data
        return BarrierChange(
            barrier_key="" if self.is_new else key,
            state=data["state"],
            owner=data["owner"],
            note=data["note"],
            label=data.get("label", ""),
            remove=data.get("remove", False),
            base_revision=data["base_revision"],
        )


class BarrierNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Reden van de wijziging (optioneel)"),
        max_length=300,
        required=False,
        help_text=_("Zichtbaar in de versiegeschiedenis."),
    )
