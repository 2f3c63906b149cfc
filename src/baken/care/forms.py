"""Forms of Zorg: they only parse; the services own the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.care.catalogue.loader import catalogue
from baken.care.models import (
    ConsentSigner,
    ContactKind,
    DossierType,
    GoalStatus,
    ReferralBasis,
    ResidenceStatus,
    Sex,
)
from baken.care.tracks import recorded_elsewhere, start_choices


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
        help_text=_("De aandachtsfunctionaris die de melding overdroeg, ziet deze reden."),
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


class PersonForm(forms.Form):
    """Who the person is: shown only after the name was revealed with a reason."""

    full_name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    aliases = forms.CharField(
        label=_("Andere namen"),
        max_length=300,
        required=False,
        help_text=_("Bijnamen, schrijfwijzen, namen op papieren."),
    )
    birth_date = forms.DateField(label=_("Geboortedatum"), required=False, widget=DateInput())
    birth_date_estimated = forms.BooleanField(label=_("De geboortedatum is geschat"), required=False)
    sex = forms.ChoiceField(label=_("Geslacht"), choices=[("", _("Kies…")), *Sex.choices], required=False)
    nationality = forms.CharField(
        label=_("Nationaliteit"),
        max_length=2,
        required=False,
        help_text=_("Landcode met twee letters (ISO 3166), bijvoorbeeld NL, PL of NG."),
    )
    languages = forms.CharField(label=_("Talen"), max_length=200, required=False)
    interpreter_needed = forms.BooleanField(label=_("Tolk nodig"), required=False)
    guardian = forms.CharField(
        label=_("Ouders, voogd of wettelijk vertegenwoordiger"),
        max_length=200,
        required=False,
        help_text=_("Bij een minderjarige: bijvoorbeeld de voogd van Nidos."),
    )
    bsn = forms.CharField(
        label=_("BSN"), max_length=11, required=False, help_text=_("Alleen als de persoon in de BRP staat.")
    )
    v_number = forms.CharField(label=_("V-nummer"), max_length=10, required=False)
    residence_status = forms.ChoiceField(label=_("Verblijfsstatus"), choices=ResidenceStatus.choices)
    accompanying_children = forms.IntegerField(label=_("Meegekomen kinderen"), min_value=0, max_value=20, initial=0)


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


class ClosureDecisionForm(forms.Form):
    """A second zorgcoördinator's answer to a proposal to close (or its proposer's withdrawal)."""

    APPROVE, REFUSE, WITHDRAW = "goedkeuren", "afwijzen", "intrekken"

    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[(APPROVE, _("Goedkeuren en afsluiten")), (REFUSE, _("Afwijzen")), (WITHDRAW, _("Intrekken"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij afwijzen."),
    )

    def __init__(self, *args, proposer: bool, **kwargs):
        kwargs.setdefault("auto_id", "id_closure_%s")
        super().__init__(*args, **kwargs)
        choices = self.fields["decision"].choices
        allowed = {self.WITHDRAW} if proposer else {self.APPROVE, self.REFUSE}
        self.fields["decision"].choices = [choice for choice in choices if choice[0] in allowed]


class RegionSettingForm(forms.Form):
    closure_needs_approval = forms.BooleanField(
        label=_("Afsluiten van een traject vraagt goedkeuring van een tweede zorgcoördinator"),
        required=False,
        help_text=_(
            "Aanbevolen. Staat dit uit, dan sluit de zorgcoördinator een traject zelf af, met een reden uit de lijst."
        ),
    )


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


class MethodsForm(forms.Form):
    """Means of control and ways of recruitment: several each, from the catalogue's lists."""

    control_methods = forms.MultipleChoiceField(
        label=_("Middelen van controle"), required=False, widget=forms.CheckboxSelectMultiple
    )
    recruitment_methods = forms.MultipleChoiceField(
        label=_("Manieren van werven"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = catalogue()
        self.fields["control_methods"].choices = [(e.code, e.label) for e in data.control_methods.values()]
        self.fields["recruitment_methods"].choices = [(e.code, e.label) for e in data.recruitment_methods.values()]


class ProcedureForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Procedure"),
        help_text=_(
            "Bedenktijd, aangifte, verblijfsvergunning B8/3, voortgezet verblijf, Rvb en bijstand legt u vast "
            "onder 'Juridisch spoor' of 'Inkomen en verzekering'; hun termijnen komen dan vanzelf op de tijdlijn. "
            "Het geplande einde van de opvang legt u vast bij de opvang zelf."
        ),
    )
    started_on = forms.DateField(label=_("Begonnen op"), widget=DateInput())
    due_on = forms.DateField(
        label=_("Uiterste datum (alleen bij een datum uit een besluit)"),
        required=False,
        widget=DateInput(),
        help_text=_("Een datum uit een besluit of een afspraak."),
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("Kies…")),
            *(
                (rule.code, rule.label)
                for rule in catalogue().deadlines.values()
                if rule.code not in recorded_elsewhere()
            ),
        ]
        self.fields["started_on"].initial = timezone.localdate()


class ProcedureDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Afgerond op"), widget=DateInput())
    outcome = forms.CharField(label=_("Uitkomst"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


class ReferralForm(forms.Form):
    prefix = "verwijzing"

    service_type = forms.ChoiceField(label=_("Soort dienst"))
    partner = forms.ModelChoiceField(label=_("Organisatie"), queryset=None, empty_label=_("Kies…"))
    requested_on = forms.DateField(label=_("Gevraagd op"), widget=DateInput())
    shared = forms.CharField(
        label=_("Wat deelt u?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: naam, geboortedatum en de hulpvraag; niet meer dan nodig."),
    )
    legal_basis = forms.ChoiceField(
        label=_("Grondslag voor dit delen"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Wettelijke verplichting of taak: de wet schrijft het delen voor of het hoort bij uw publieke taak. "
            "Toestemming: schriftelijk, vanaf 16 jaar door de betrokkene zelf, daaronder door ouders of voogd. "
            "Vitaal belang: alleen als iemands leven of gezondheid op het spel staat."
        ),
    )
    consent_signed_by = forms.ChoiceField(label=_("Toestemming getekend door"), required=False)
    override_reason = forms.CharField(
        label=_("Zonder grondslag, omdat"),
        max_length=300,
        required=False,
        help_text=_("Alleen als er geen grondslag is: een bewuste uitzondering, vastgelegd in het auditlog."),
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_type"].choices = [
            ("", _("Kies…")),
            *((item.code, item.label) for item in catalogue().service_types.values()),
        ]
        self.fields["partner"].queryset = partners
        self.fields["legal_basis"].choices = ReferralBasis.choices
        self.fields["consent_signed_by"].choices = [("", _("Niet van toepassing")), *ConsentSigner.choices]
        self.fields["requested_on"].initial = timezone.localdate()


class ReferralUpdateForm(forms.Form):
    implemented_on = forms.DateField(label=_("Uitgevoerd op"), required=False, widget=DateInput())
    outcome = forms.CharField(label=_("Uitkomst"), max_length=300, required=False)
    consent_withdrawn_on = forms.DateField(label=_("Toestemming ingetrokken op"), required=False, widget=DateInput())


class ShelterForm(forms.Form):
    prefix = "opvang"

    shelter_type = forms.ChoiceField(label=_("Soort opvang"))
    provider = forms.ModelChoiceField(label=_("Aanbieder"), queryset=None, empty_label=_("Kies…"))
    started_on = forms.DateField(label=_("Begonnen op"), widget=DateInput())
    planned_end_on = forms.DateField(label=_("Gepland einde"), required=False, widget=DateInput())
    payer = forms.ChoiceField(
        label=_("Betaler"),
        required=False,
        help_text=_("Leeg laten: de gebruikelijke betaler van deze soort opvang."),
    )
    cost_per_day = forms.DecimalField(
        label=_("Kosten per dag (euro)"), required=False, min_value=0, max_digits=8, decimal_places=2
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        cat = catalogue()
        self.fields["shelter_type"].choices = _choices(cat.shelter_types)
        payers = [(entry.code, entry.label) for entry in cat.payers.values()]
        self.fields["payer"].choices = [("", _("Gebruikelijke betaler")), *payers]
        self.fields["provider"].queryset = partners
        self.fields["started_on"].initial = timezone.localdate()


class ContactForm(forms.Form):
    contact_on = forms.DateField(label=_("Datum"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Soort contact"), choices=[("", _("Kies…")), *ContactKind.choices])
    note = forms.CharField(
        label=_("Korte notitie"),
        max_length=300,
        required=False,
        help_text=_("Alleen wat nodig is voor het traject; geen gespreksverslag."),
    )
    next_contact_by = forms.DateField(label=_("Volgend contact uiterlijk"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"contact_on": timezone.localdate()})
        kwargs.setdefault("auto_id", "id_contact_%s")  # the procedure form on the page has a 'note' too
        super().__init__(*args, **kwargs)


class ShelterEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Geëindigd op"), widget=DateInput())
    reason = forms.CharField(label=_("Reden van einde"), max_length=300)


class ShelterCostsForm(forms.Form):
    van = forms.DateField(label=_("Van"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            raise forms.ValidationError(_("De begindatum ligt voor de einddatum."))
        return data


class ComenshaForm(forms.Form):
    prefix = "comensha"

    reported_on = forms.DateField(label=_("Gemeld op"), widget=DateInput())
    legal_basis = forms.ChoiceField(label=_("Grondslag voor de melding"), widget=forms.RadioSelect)
    consent_signed_by = forms.ChoiceField(label=_("Toestemming getekend door"), required=False)
    dossier_type = forms.ChoiceField(label=_("Soort dossier"))
    exploitation_form = forms.ChoiceField(label=_("Vorm van uitbuiting"))
    sector = forms.ChoiceField(label=_("Sector"))
    reference = forms.CharField(label=_("Kenmerk van CoMensha"), max_length=40, required=False)
    intake_info = forms.CharField(
        label=_("Toelichting bij de intake"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Over toestand en achtergrond, voor zover nodig voor plaatsing in de opvang. Geen naam."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cat = catalogue()
        self.fields["legal_basis"].choices = ReferralBasis.choices
        self.fields["consent_signed_by"].choices = [("", _("Niet van toepassing")), *ConsentSigner.choices]
        self.fields["dossier_type"].choices = [("", _("Kies…")), *DossierType.choices]
        self.fields["exploitation_form"].choices = _choices(cat.exploitation_forms)
        self.fields["sector"].choices = _choices(cat.sectors)
        self.fields["reported_on"].initial = timezone.localdate()


class GoalForm(forms.Form):
    prefix = "doel"

    domain = forms.ChoiceField(label=_("Levensdomein"))
    description = forms.CharField(
        label=_("Doel"),
        max_length=300,
        help_text=_("In de woorden van de persoon, bijvoorbeeld: een eigen kamer met een huurcontract."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = _choices(catalogue().life_domains)


class GoalCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[
            ("", _("Kies…")),
            *((value, label) for value, label in GoalStatus.choices if value != GoalStatus.OPEN),
        ],
    )
    closed_on = forms.DateField(label=_("Datum"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate()


class PlanActionForm(forms.Form):
    description = forms.CharField(label=_("Afspraak"), max_length=300)
    owner = forms.CharField(
        label=_("Wie"), max_length=120, help_text=_("Bijvoorbeeld: de persoon zelf, de zorgcoördinator, de opvang.")
    )
    due_on = forms.DateField(label=_("Uiterlijk"), widget=DateInput())


class PlanActionDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Gedaan op"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


#: The parts of a trajectory summary the user can choose; the shelter address is never one.
SUMMARY_SECTIONS = (
    ("identiteit", _("Naam en identiteit (alleen na naam tonen)")),
    ("persoon", _("Leeftijd, nationaliteit, talen en verblijfsstatus")),
    ("tijdlijn", _("Procedures en termijnen")),
    ("sporen", _("Juridisch spoor, inkomen en verzekering")),
    ("plan", _("Trajectplan: doelen en afspraken")),
    ("verwijzingen", _("Verwijzingen")),
    ("opvang", _("Opvang (zonder adres)")),
    ("contacten", _("Contacten")),
)


class SummaryForm(forms.Form):
    recipient = forms.CharField(
        label=_("Voor wie is de samenvatting?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: het wijkteam van Noord, bij de warme overdracht. Dit komt in het auditlog."),
    )
    sections = forms.MultipleChoiceField(
        label=_("Wat neemt u op?"),
        choices=SUMMARY_SECTIONS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Neem alleen op wat de ontvanger nodig heeft. Het opvangadres staat er nooit in."),
    )


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=160)
    shelter_types = forms.MultipleChoiceField(
        label=_("Wat biedt de aanbieder?"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    payer = forms.ChoiceField(label=_("Wie betaalt"), required=False)
    target_groups = forms.CharField(
        label=_("Voor wie"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: vrouwen, mannen, minderjarigen, met kinderen."),
    )
    places = forms.IntegerField(label=_("Plaatsen"), min_value=0, max_value=10000, required=False)
    places_free = forms.IntegerField(label=_("Plaatsen vrij"), min_value=0, max_value=10000, required=False)
    places_checked_on = forms.DateField(label=_("Vrije plaatsen nagevraagd op"), required=False, widget=DateInput())
    intake_conditions = forms.CharField(
        label=_("Voorwaarden voor intake"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    phone_24h = forms.CharField(
        label=_("Telefoon, 24 uur per dag"),
        max_length=40,
        required=False,
        help_text=_("Het nummer dat ook 's nachts opneemt."),
    )
    phone = forms.CharField(label=_("Telefoon, kantoortijd"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    languages = forms.CharField(label=_("Talen"), max_length=200, required=False)
    active = forms.BooleanField(label=_("Actief"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shelter_types"].choices = [
            (code, entry.label) for code, entry in catalogue().shelter_types.items()
        ]
        self.fields["payer"].choices = _choices(catalogue().payers)


class TrackForm(forms.Form):
    """A procedure of the legal track or of income and insurance, in the stand it is in now."""

    prefix = "spoor"

    start = forms.ChoiceField(label=_("Wat legt u vast?"))
    on = forms.DateField(
        label=_("Datum"),
        widget=DateInput(),
        help_text=_("Van het aanbod, de aanvraag, het besluit of het ontstaan van het recht."),
    )
    valid_until = forms.DateField(
        label=_("Geldig tot of einde"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Bij een verleende vergunning: geldig tot (verplicht). Bij een lopende bedenktijd: het einde, "
            "als dat eerder is dan drie maanden. Anders leeg laten."
        ),
    )
    detail = forms.CharField(
        label=_("Toelichting"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld de politie-eenheid, de verzekeraar, of wie de stand van de strafzaak meldde."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = [("", _("Kies…")), *start_choices()]
        self.fields["on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        kind, _sep, status = (data.pop("start", "") or "").partition(":")
        data["kind"], data["status"] = kind, status
        return data


class TrackStepForm(forms.Form):
    target = forms.ChoiceField(label=_("Wat is er gebeurd?"))
    on = forms.DateField(label=_("Datum van de stap"), widget=DateInput())
    valid_until = forms.DateField(
        label=_("Geldig tot"),
        required=False,
        widget=DateInput(),
        help_text=_("Alleen bij verlenen of verlengen van de vergunning, of een eerder einde van de bedenktijd."),
    )
    reason = forms.CharField(
        label=_("Reden of toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij afzien, afwijzen, vrijstelling en beëindigen."),
    )

    def __init__(self, *args, steps: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = steps
        self.fields["on"].initial = timezone.localdate()
