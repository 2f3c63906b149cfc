"""Forms of Casusoverleg: they only parse; the services own the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from baken.core.forms import IdChoiceField
from baken.meetings.catalogue.loader import catalogue
from baken.meetings.models import ActionStatus, ReferralStatus
from baken.signalling.figures import exploitation_forms


def _choices(entries) -> list[tuple[str, str]]:
    return [("", _("Kies…")), *((entry.code, entry.label) for entry in entries.values())]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _user_label(user) -> str:
    return user.get_full_name() or user.username


class UserChoiceField(IdChoiceField):
    def label_from_instance(self, obj) -> str:
        return _user_label(obj)


class ReferralForm(forms.Form):
    organisation = IdChoiceField(label=_("Gemeente"), queryset=None, empty_label=_("Kies…"))
    pseudonym = forms.CharField(
        label=_("Schuilnaam"),
        max_length=60,
        help_text=_("Staat in lijsten en agenda's in plaats van de naam."),
    )
    referrer_name = forms.CharField(label=_("Aangemeld door"), max_length=200)
    referrer_organisation = forms.CharField(label=_("Organisatie van de aanmelder"), max_length=200)
    referrer_contact = forms.CharField(label=_("Telefoon of e-mail van de aanmelder"), max_length=200, required=False)
    full_name = forms.CharField(
        label=_("Naam van de betrokkene"),
        max_length=200,
        required=False,
        help_text=_(
            "Alleen nodig om dezelfde persoon bij een inzageverzoek terug te vinden; staat nooit in een agenda."
        ),
    )
    birth_date = forms.DateField(label=_("Geboortedatum"), required=False, widget=DateInput())
    reason = forms.CharField(label=_("Reden van aanmelding"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    goal = forms.CharField(
        label=_("Doel van het overleg"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat moet het overleg opleveren?"),
    )
    criteria = forms.MultipleChoiceField(label=_("Criteria"), widget=forms.CheckboxSelectMultiple)
    proposed_partners = forms.CharField(
        label=_("Voorgestelde partners, met contactgegevens"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    person_informed = forms.BooleanField(label=_("De betrokkene weet van de aanmelding"), required=False)
    not_informed_reason = forms.CharField(
        label=_("Waarom niet geïnformeerd"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: een lopend strafrechtelijk onderzoek, of het is niet veilig."),
    )
    urgency = forms.ChoiceField(label=_("Urgentie"))
    care_case_id = forms.IntegerField(
        label=_("Zorgtraject (nummer)"),
        required=False,
        min_value=1,
        max_value=10**15,
        help_text=_("Alleen een verwijzing: er wordt niets uit het zorgtraject overgenomen."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["criteria"].choices = [(e.code, e.label) for e in catalogue().criteria.values()]
        self.fields["urgency"].choices = _choices(catalogue().urgencies)
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first().pk


class TransitionForm(forms.Form):
    target = forms.ChoiceField(label=_("Volgende fase"))
    reason = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bij terug naar uitvoering na een escalatie: de uitkomst van de escalatie."),
    )
    escalated_to = forms.ChoiceField(label=_("Escaleren naar"), required=False, help_text=_("Alleen bij escaleren."))

    def __init__(self, *args, transitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("Kies…")), *transitions]
        if any(target == ReferralStatus.ESCALATED for target, _label in transitions):
            self.fields["escalated_to"].choices = _choices(catalogue().escalation_levels)
        else:
            del self.fields["escalated_to"]


class TriageForm(forms.Form):
    decision = forms.ChoiceField(label=_("Besluit"))
    rationale = forms.CharField(label=_("Onderbouwing"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    process_director = UserChoiceField(
        label=_("Procesregisseur"), queryset=None, required=False, empty_label=_("Kies…")
    )

    def __init__(self, *args, directors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = _choices(catalogue().decisions)
        self.fields["process_director"].queryset = directors


class MeetingForm(forms.Form):
    organisation = IdChoiceField(label=_("Gemeente"), queryset=None, empty_label=_("Kies…"))
    meeting_type = forms.ChoiceField(label=_("Soort overleg"))
    starts_at = forms.DateTimeField(label=_("Datum en tijd"), widget=DateTimeInput())
    location = forms.CharField(label=_("Plaats"), max_length=200, required=False)
    chair = UserChoiceField(label=_("Voorzitter"), queryset=None, empty_label=_("Kies…"))
    minute_taker = forms.CharField(label=_("Notulist"), max_length=200, required=False)

    def __init__(self, *args, organisations, chairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["meeting_type"].choices = _choices(catalogue().meeting_types)
        self.fields["chair"].queryset = chairs
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first().pk


class AttendeeForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    organisation_name = forms.CharField(label=_("Organisatie"), max_length=200)
    capacity = forms.CharField(label=_("Functie of rol"), max_length=200)
    legal_basis = forms.ChoiceField(label=_("Grondslag"), required=False)
    legal_basis_note = forms.CharField(label=_("Toelichting grondslag"), max_length=300, required=False)
    user = UserChoiceField(
        label=_("Baken-gebruiker (optioneel)"),
        queryset=None,
        required=False,
        empty_label=_("Kies…"),
        help_text=_("Ziet dan de agendapunten van dit overleg en de acties van de eigen organisatie."),
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_basis"].choices = _choices(catalogue().legal_bases)
        self.fields["user"].queryset = users


class AgendaForm(forms.Form):
    referral = IdChoiceField(label=_("Aanmelding"), queryset=None, empty_label=_("Kies…"))
    person_invited = forms.BooleanField(label=_("De betrokkene is uitgenodigd"), required=False)

    def __init__(self, *args, referrals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referral"].queryset = referrals
        self.fields["referral"].label_from_instance = lambda obj: f"{obj.pseudonym} ({obj.reference})"


class DiscussedForm(forms.Form):
    summary = forms.CharField(
        label=_("Korte samenvatting (zonder namen)"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    person_attended = forms.BooleanField(label=_("De betrokkene was aanwezig"), required=False)


class AnalysisForm(forms.Form):
    problem_domains = forms.MultipleChoiceField(
        label=_("Probleemgebieden"), required=False, widget=forms.CheckboxSelectMultiple
    )
    risk_factors = forms.CharField(
        label=_("Risicofactoren"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    protective_factors = forms.CharField(
        label=_("Beschermende factoren"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    hypothesis = forms.ChoiceField(label=_("Hypothese: is dit mensenhandel?"), required=False, widget=forms.RadioSelect)
    hypothesis_forms = forms.MultipleChoiceField(
        label=_("Welke vorm van uitbuiting?"), required=False, widget=forms.CheckboxSelectMultiple
    )
    safety_level = forms.ChoiceField(label=_("Veiligheidstaxatie"), required=False, widget=forms.RadioSelect)
    safety_note = forms.CharField(
        label=_("Toelichting veiligheid (zorgen en afspraken)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entries = catalogue()
        self.fields["problem_domains"].choices = [(e.code, e.label) for e in entries.problem_domains.values()]
        self.fields["hypothesis"].choices = [(e.code, e.label) for e in entries.hypotheses.values()]
        self.fields["hypothesis_forms"].choices = exploitation_forms()
        self.fields["safety_level"].choices = [(e.code, e.label) for e in entries.safety_levels.values()]

    @classmethod
    def for_item(cls, item):
        """The form filled with the item's analysis so far."""
        return cls(initial={field: getattr(item, field) for field in cls.base_fields})


class SharingForm(forms.Form):
    attendee = IdChoiceField(label=_("Gedeeld door"), queryset=None, empty_label=_("Kies…"))
    categories = forms.MultipleChoiceField(label=_("Soorten informatie"), widget=forms.CheckboxSelectMultiple)
    legal_basis = forms.ChoiceField(label=_("Grondslag"), required=False)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendee"].queryset = attendees
        self.fields["attendee"].label_from_instance = lambda obj: f"{obj.name} ({obj.organisation_name})"
        self.fields["categories"].choices = [(e.code, e.label) for e in catalogue().categories.values()]
        self.fields["legal_basis"].choices = _choices(catalogue().legal_bases)


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Actie"), max_length=500)
    owner_organisation = forms.CharField(label=_("Organisatie"), max_length=200)
    owner_person = forms.CharField(label=_("Persoon"), max_length=200)
    owner_user = UserChoiceField(
        label=_("Baken-gebruiker (optioneel)"), queryset=None, required=False, empty_label=_("Kies…")
    )
    due_on = forms.DateField(label=_("Uiterlijk"), widget=DateInput())

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = users


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    result = forms.CharField(label=_("Resultaat"), max_length=2000, required=False)


class ClosureForm(forms.Form):
    target = forms.ChoiceField(label=_("Afsluiten of afschalen"))
    outcome = forms.ChoiceField(label=_("Uitkomst"))
    handed_to = forms.CharField(
        label=_("Terug bij partner of route"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: wijkteam Noord, Veilig Thuis. Verplicht bij afschalen."),
    )
    reason = forms.CharField(label=_("Reden"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, transitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("Kies…")), *transitions]
        self.fields["outcome"].choices = _choices(catalogue().closure_outcomes)


class DispatchForm(forms.Form):
    attendee = IdChoiceField(label=_("Verstuurd aan"), queryset=None, empty_label=_("Kies…"))
    document = forms.ChoiceField(
        label=_("Stuk"), choices=[("", _("Kies…")), ("agenda", _("Agenda")), ("verslag", _("Verslag"))]
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendee"].queryset = attendees
        self.fields["attendee"].label_from_instance = lambda obj: f"{obj.name} ({obj.organisation_name})"


class LinkForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Verwijzen naar"),
        choices=[
            ("", _("Kies…")),
            ("signal", _("Signaal")),
            ("care_case", _("Zorgtraject")),
            ("enforcement_case", _("Handhavingszaak")),
        ],
    )
    reference = forms.CharField(
        label=_("Kenmerk of zaaknummer"),
        max_length=24,
        help_text=_("Alleen een verwijzing: er wordt niets overgenomen."),
    )


class SubjectRequestForm(forms.Form):
    """A data-subject request (inzage) to the partnership: the person is found by the identity
    recorded with the aanmelding, never by pseudonym. Sent as POST: the name stays out of URLs
    and server logs."""

    full_name = forms.CharField(label=_("Naam van de betrokkene"), max_length=200)
    birth_date = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=DateInput(),
        help_text=_("Aanbevolen: zonder geboortedatum kan een naamgenoot in het overzicht komen."),
    )
    request_reference = forms.CharField(
        label=_("Kenmerk van het verzoek"),
        max_length=60,
        help_text=_("Het kenmerk waaronder het contactpunt het verzoek heeft geregistreerd; het komt in het logboek."),
    )
