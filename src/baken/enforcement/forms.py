"""Forms of Handhaven: they parse; the services own the rules (and say what is wrong in Dutch)."""

from decimal import Decimal, InvalidOperation

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from baken.enforcement.catalogue.loader import catalogue
from baken.enforcement.models import (
    AppealKind,
    CaseClosure,
    CaseReason,
    CaseTheme,
    HousingNorm,
    LicenceKind,
    Location,
    ObjectType,
    Outcome,
    PartyRole,
    Situation,
)
from baken.enforcement.services import APPEAL_OUTCOMES, BibobInput, InspectionRecord, LocationInput, MeasureStep
from baken.enforcement.workflow import CASE_WORKFLOW, MEASURE_WORKFLOW
from baken.knowledge.selectors import national_barrier_models

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class LocationForm(forms.Form):
    name = forms.CharField(label=_("Naam of handelsnaam"), max_length=160, required=False)
    street = forms.CharField(label=_("Straat"), max_length=120)
    house_number = forms.CharField(
        label=_("Huisnummer"), max_length=10, help_text=_("Met toevoeging, bijvoorbeeld 12 of 12-A.")
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7, help_text=_("Bijvoorbeeld 1234 AB."))
    city = forms.CharField(label=_("Plaats"), max_length=80)
    neighbourhood = forms.CharField(label=_("Wijk"), max_length=100, required=False)
    object_type = forms.ChoiceField(label=_("Soort object"), choices=[("", _("Kies…")), *ObjectType.choices])
    bag_id = forms.CharField(
        label=_("BAG-id (nummeraanduiding)"), max_length=16, required=False, help_text=_("Zestien cijfers, als bekend.")
    )
    kvk_number = forms.CharField(label=_("KvK-nummer"), max_length=12, required=False, help_text=_("Acht cijfers."))
    registered_residents = forms.IntegerField(
        label=_("Ingeschreven bewoners (BRP)"), min_value=0, max_value=999, required=False
    )
    # Labour-migrant housing: the SNF norm checks use these.
    housing_norm = forms.ChoiceField(
        label=_("SNF-norm voor de oppervlakte"),
        choices=[("", _("Volgens het soort object")), *HousingNorm.choices],
        required=False,
        help_text=_("Alleen bij huisvesting van arbeidsmigranten; de gemeente bepaalt welke norm geldt."),
    )
    floor_area = forms.DecimalField(
        label=_("Gebruiksoppervlakte (m²)"), required=False, min_value=0, max_digits=7, decimal_places=1
    )
    bedroom_areas = forms.CharField(
        label=_("Oppervlakte per slaapkamer (m²)"),
        required=False,
        max_length=1000,
        help_text=_("Gescheiden door puntkomma's, bijvoorbeeld: 9,5; 12; 8"),
    )
    toilets = forms.IntegerField(label=_("Toiletten"), min_value=0, max_value=999, required=False)
    showers = forms.IntegerField(label=_("Douches"), min_value=0, max_value=999, required=False)
    transport = forms.CharField(
        label=_("Vervoer naar het werk"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: busje van het uitzendbureau."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode"].widget.attrs["autocomplete"] = "postal-code"
        self.fields["house_number"].widget.attrs["inputmode"] = "text"
        self.fields["kvk_number"].widget.attrs["inputmode"] = "numeric"
        self.fields["bag_id"].widget.attrs["inputmode"] = "numeric"

    @classmethod
    def initial_for(cls, location: Location) -> dict:
        initial = {name: getattr(location, name) for name in cls.base_fields}
        initial["bedroom_areas"] = "; ".join(str(area).replace(".", ",") for area in location.bedroom_areas)
        return initial

    def clean_bedroom_areas(self) -> tuple[Decimal, ...]:
        text = self.cleaned_data["bedroom_areas"]
        areas = []
        for part in text.replace("\n", ";").split(";"):
            part = part.strip().replace(",", ".")
            if not part:
                continue
            try:
                area = Decimal(part)
            except InvalidOperation as error:
                raise ValidationError(
                    _("Vul per slaapkamer een getal in, gescheiden door puntkomma's, zoals 9,5; 12.")
                ) from error
            if not area.is_finite() or not 0 < area <= 100_000 or len(areas) >= 200:
                raise ValidationError(_("Vul per slaapkamer een oppervlakte groter dan 0 m² in, zoals 9,5; 12."))
            areas.append(area)
        return tuple(areas)

    def to_input(self) -> LocationInput:
        return LocationInput(**self.cleaned_data)


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=[("", _("Kies…")), *PartyRole.choices])
    name = forms.CharField(label=_("Naam"), max_length=160)
    kvk_number = forms.CharField(label=_("KvK-nummer"), max_length=12, required=False)

    prefix = "betrokkene"


class LicenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort vergunning"), choices=[("", _("Kies…")), *LicenceKind.choices])
    number = forms.CharField(label=_("Nummer"), max_length=60, required=False)
    valid_until = forms.DateField(label=_("Geldig tot en met"), required=False, widget=DATE)

    prefix = "vergunning"


class CaseForm(forms.Form):
    theme = forms.ChoiceField(label=_("Thema"), choices=[("", _("Kies…")), *CaseTheme.choices])
    reason = forms.ChoiceField(label=_("Aanleiding"), choices=[("", _("Kies…")), *CaseReason.choices])
    description = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class CaseTransitionForm(forms.Form):
    target = forms.ChoiceField(label=_("Volgende fase"))
    closure = forms.ChoiceField(
        label=_("Reden van afsluiten"), choices=[("", _("Niet van toepassing")), *CaseClosure.choices], required=False
    )
    reason = forms.CharField(
        label=_("Toelichting"), max_length=1000, required=False, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args, status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.target, t.label) for t in CASE_WORKFLOW.user_transitions_from(status)]


class InspectionPlanForm(forms.Form):
    planned_for = forms.DateTimeField(label=_("Datum en tijd"), widget=DATETIME, input_formats=DATETIME_FORMATS)
    team = forms.CharField(
        label=_("Team"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Per lid: naam, organisatie en eigen grondslag om binnen te treden."),
    )


ANSWERS = [("", _("Niet beoordeeld")), ("ja", _("In orde")), ("nee", _("Niet in orde")), ("nvt", _("N.v.t."))]


class InspectionRecordForm(forms.Form):
    """The form in the field: works at 360 px, one column, big targets."""

    performed_at = forms.DateTimeField(label=_("Uitgevoerd op"), widget=DATETIME, input_formats=DATETIME_FORMATS)
    situation = forms.ChoiceField(label=_("Situatie bij aankomst"), choices=Situation.choices, widget=forms.RadioSelect)
    people_present = forms.IntegerField(label=_("Aantal aanwezigen"), min_value=0, max_value=999, required=False)
    observed_residents = forms.IntegerField(
        label=_("Aangetroffen bewoners"), min_value=0, max_value=999, required=False
    )
    notes = forms.CharField(
        label=_("Waarnemingen en aantekeningen"), required=False, max_length=10000, widget=forms.Textarea({"rows": 5})
    )
    outcome = forms.ChoiceField(label=_("Uitkomst (debrief)"), choices=[("", _("Kies…")), *Outcome.choices])

    def __init__(self, *args, object_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = catalogue().checklist_for(object_type)
        for item in self.items:
            self.fields[f"check_{item.code}"] = forms.ChoiceField(
                label=item.label,
                choices=ANSWERS,
                required=False,
                help_text=_("Norm: %(norm)s") % {"norm": item.norm},
            )

    def checklist_fields(self):
        return [self[f"check_{item.code}"] for item in self.items]

    def main_fields(self):
        return [self[name] for name in ("performed_at", "situation", "people_present", "observed_residents")]

    def to_record(self) -> InspectionRecord:
        data = self.cleaned_data
        return InspectionRecord(
            performed_at=data["performed_at"],
            situation=data["situation"],
            outcome=data["outcome"],
            people_present=data["people_present"],
            observed_residents=data["observed_residents"],
            notes=data["notes"],
            checklist={item.code: data[f"check_{item.code}"] for item in self.items},
        )


class InspectionPhotoForm(forms.Form):
    """One photo at a time: on a phone the camera opens."""

    photo = forms.FileField(
        label=_("Foto"),
        help_text=_("JPEG, PNG, WebP of HEIC, hoogstens 10 MB."),
        widget=forms.ClearableFileInput({"accept": "image/*", "capture": "environment"}),
    )

    prefix = "foto"


class FindingForm(forms.Form):
    checklist_code = forms.ChoiceField(label=_("Checklistpunt"), required=False)
    description = forms.CharField(label=_("Bevinding"), max_length=4000, widget=forms.Textarea({"rows": 3}))

    prefix = "bevinding"

    def __init__(self, *args, object_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        items = catalogue().checklist_for(object_type)
        self.fields["checklist_code"].choices = [("", _("Geen (vrije bevinding)"))] + [
            (item.code, item.label) for item in items
        ]


class MeasureForm(forms.Form):
    intent_type = forms.ChoiceField(label=_("Soort aanschrijving"))
    finding = forms.TypedChoiceField(label=_("Naar aanleiding van bevinding"), coerce=int, required=False)
    addressees = forms.CharField(
        label=_("Geadresseerden"), max_length=300, help_text=_("Naam en rol, bijvoorbeeld de verhuurder.")
    )
    sent_on = forms.DateField(label=_("Verzonden op"), widget=DATE)
    view_days = forms.IntegerField(
        label=_("Zienswijzetermijn in dagen"),
        min_value=1,
        max_value=90,
        required=False,
        help_text=_("Leeg: de termijn uit de catalogus."),
    )

    def __init__(self, *args, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.findings = {finding.pk: finding for finding in findings}
        self.fields["intent_type"].choices = [("", _("Kies…"))] + [
            (code, choice.label) for code, choice in catalogue().intent_types.items()
        ]
        self.fields["finding"].choices = [("", _("Geen"))] + [
            (finding.pk, str(finding)) for finding in self.findings.values()
        ]
        self.fields["finding"].empty_value = None
        self.fields["view_days"].help_text = _("Leeg: %(days)s dagen, de termijn uit de catalogus.") % {
            "days": catalogue().deadlines["zienswijze"].amount
        }

    def clean_finding(self):
        value = self.cleaned_data["finding"]
        return self.findings.get(value) if value else None


class MeasureStepForm(forms.Form):
    target = forms.ChoiceField(label=_("Volgende stap"))
    reason = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )
    view_summary = forms.CharField(
        label=_("Zienswijze en beoordeling"), required=False, max_length=4000, widget=forms.Textarea({"rows": 3})
    )
    decision_type = forms.ChoiceField(label=_("Soort besluit"), required=False)
    decided_on = forms.DateField(label=_("Besluit genomen op"), required=False, widget=DATE)
    compliance_due_on = forms.DateField(label=_("Einde begunstigingstermijn"), required=False, widget=DATE)
    amount_per_unit = forms.DecimalField(
        label=_("Dwangsom per eenheid (€)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    amount_unit = forms.CharField(
        label=_("Eenheid"), required=False, max_length=20, help_text=_("Bijvoorbeeld: per week per woning.")
    )
    amount_maximum = forms.DecimalField(
        label=_("Maximum (€)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    forfeited_on = forms.DateField(label=_("Verbeurd op"), required=False, widget=DATE)

    def __init__(self, *args, status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.target, t.label) for t in MEASURE_WORKFLOW.user_transitions_from(status)]
        self.fields["decision_type"].choices = [("", _("Kies…"))] + [
            (code, choice.label) for code, choice in catalogue().decision_types.items()
        ]

    def to_step(self) -> MeasureStep:
        data = self.cleaned_data
        return MeasureStep(
            **{name: data[name] for name in self.fields} | {"decision_type": data["decision_type"] or ""}
        )


class LocationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Zoek op adres, postcode of naam"), max_length=120)
    object_type = django_filters.ChoiceFilter(
        choices=ObjectType.choices, label=_("Soort object"), empty_label=_("Alle")
    )
    neighbourhood = django_filters.CharFilter(lookup_expr="icontains", label=_("Wijk"), max_length=100)

    class Meta:
        model = Location
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        compact = value.replace(" ", "").upper()
        postcode = f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else value
        return queryset.filter(
            Q(street__icontains=value) | Q(name__icontains=value) | Q(postcode__iexact=postcode) | Q(city__iexact=value)
        )


class HandOverForm(forms.Form):
    """ "Signaal mensenhandel doorzetten" at the debrief."""

    prefix = "doorzetten"

    description = forms.CharField(
        label=_("Wat zag of hoorde u dat op mensenhandel wijst?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Beschrijf wat u zag of hoorde.")},
    )
    people_count = forms.IntegerField(
        label=_("Aantal mogelijke slachtoffers"), min_value=0, max_value=999, required=False
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)


def _choices(rows) -> list[tuple[str, str]]:
    return [("", _("Kies…"))] + [(code, row.label) for code, row in rows.items()]


class BibobStartForm(forms.Form):
    subject = forms.CharField(
        label=_("Waarop ziet de toets?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: aanvraag exploitatievergunning seksbedrijf van Bedrijf B.V."),
    )
    trigger = forms.ChoiceField(label=_("Aanleiding"))
    started_on = forms.DateField(label=_("Gestart op"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trigger"].choices = _choices(catalogue().bibob_triggers)


class BibobForm(forms.Form):
    """All steps of a Bibob test in one form: fill in what has happened so far."""

    questionnaire_sent_on = forms.DateField(label=_("Vragenformulier verzonden op"), required=False, widget=DATE)
    questionnaire_received_on = forms.DateField(label=_("Vragenformulier ontvangen op"), required=False, widget=DATE)
    own_findings = forms.CharField(
        label=_("Eigen onderzoek en bevindingen"), required=False, max_length=8000, widget=forms.Textarea({"rows": 4})
    )
    lbb_requested_on = forms.DateField(label=_("Advies LBB gevraagd op"), required=False, widget=DATE)
    lbb_extended = forms.BooleanField(label=_("Het LBB heeft de adviestermijn verlengd"), required=False)
    lbb_advice_received_on = forms.DateField(label=_("Advies LBB ontvangen op"), required=False, widget=DATE)
    advice_level = forms.ChoiceField(label=_("Mate van gevaar volgens het advies"), required=False)
    decision = forms.ChoiceField(label=_("Besluit"), required=False)
    decided_on = forms.DateField(label=_("Besluit genomen op"), required=False, widget=DATE)
    proportionality = forms.CharField(
        label=_("Motivering van de evenredigheid"),
        required=False,
        max_length=8000,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Het advies bindt niet: weeg zelf of het besluit evenredig is (art. 3:9 Awb)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        table = catalogue()
        self.fields["advice_level"].choices = _choices(table.bibob_advice_levels)
        self.fields["decision"].choices = _choices(table.bibob_decisions)

    @classmethod
    def initial_for(cls, test) -> dict:
        return {name: getattr(test, name) for name in cls.base_fields}

    def to_input(self) -> BibobInput:
        return BibobInput(**self.cleaned_data)


class AppealForm(forms.Form):
    prefix = "rechtsmiddel"

    kind = forms.ChoiceField(label=_("Soort"), choices=[("", _("Kies…")), *AppealKind.choices])
    lodged_on = forms.DateField(label=_("Ingediend op"), widget=DATE)
    lodged_by = forms.CharField(label=_("Ingediend door"), max_length=200)


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Uitkomst"))
    decided_on = forms.DateField(label=_("Beslist op"), widget=DATE)
    notes = forms.CharField(label=_("Toelichting"), required=False, max_length=4000, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, appeal, **kwargs):
        super().__init__(*args, prefix=f"uitspraak-{appeal.pk}", **kwargs)
        self.appeal = appeal
        self.fields["outcome"].choices = [("", _("Kies…"))] + [
            (outcome.value, outcome.label) for outcome in APPEAL_OUTCOMES[appeal.kind]
        ]


class LetterTemplateForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    body = forms.CharField(label=_("Tekst"), max_length=20_000, widget=forms.Textarea({"rows": 18}))
    note = forms.CharField(
        label=_("Toelichting bij deze versie"), required=False, max_length=300, help_text=_("Wat is er veranderd?")
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class BarrierLinkForm(forms.Form):
    """Which barrier of which barrier model this outcome or measure raised."""

    prefix = "barriere"

    barrier = forms.ChoiceField(
        label=_("Barrière uit een barrièremodel"),
        help_text=_("Op de pagina van het barrièremodel ziet iedereen in uw gemeente welke barrières zijn opgeworpen."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = [
            (
                f"{model.title} — {step.title}",
                [(f"{model.code}/{step.code}/{key}", text) for key, text in step.barriers],
            )
            for model in national_barrier_models().values()
            for step in model.steps
            if step.barriers
        ]
        self.fields["barrier"].choices = [("", _("Kies…")), *groups]
