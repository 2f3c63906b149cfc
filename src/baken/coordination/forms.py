"""Forms of the triage side. Forms only parse; the services own the rules."""

import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.accounts.models import User
from baken.coordination.catalogue.loader import message_templates
from baken.coordination.handover import default_shared_fields
from baken.coordination.models import SHAREABLE_FIELDS, EscalationChannel, EscalationStatus, LegalGround
from baken.coordination.workflow import ESCALATION_WORKFLOW
from baken.core.forms import CHOOSE, ChooseLabels, IdMultipleChoiceField
from baken.partners.models import Partner
from baken.signalling.models import SignalOutcome
from baken.signalling.workflow import SIGNAL_WORKFLOW


class NoteForm(ChooseLabels, forms.Form):
    text = forms.CharField(
        label=_("Nieuwe notitie (intern)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(ChooseLabels, forms.Form):
    assignee = forms.ModelChoiceField(label=_("Toewijzen aan"), queryset=None, required=False, empty_label=_("Niemand"))

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = colleagues
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.username


class TransitionForm(ChooseLabels, forms.Form):
    target = forms.ChoiceField(label=_("Volgende stap"))
    outcome = forms.ChoiceField(
        label=_("Uitkomst (bij afsluiten)"),
        required=False,
        choices=[
            ("", _("Kies…")),
            *[(value, label) for value, label in SignalOutcome.choices if value != SignalOutcome.MERGED],
        ],
    )
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij afsluiten, heropenen en het wijzigen van de route."),
    )
    no_mandatory_route_reason = forms.CharField(
        label=_("Waarom niet naar politie of Veilig Thuis?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Alleen nodig bij een minderjarige of acuut gevaar als de melding niet is doorgezet naar politie of "
            "Veilig Thuis."
        ),
    )

    assignee = forms.ModelChoiceField(
        label=_("Toegewezen aan"),
        queryset=None,
        required=False,
        empty_label=CHOOSE,
        help_text=_("Verplicht bij het afsluiten van een melding met acuut gevaar of een minderjarige."),
    )
    message_template = forms.ChoiceField(label=_("Standaardbericht aan de melder"), required=False)
    message = forms.CharField(
        label=_("Bericht aan de melder"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leeg met een standaardbericht gekozen: de melder krijgt de standaardtekst."),
    )
    no_message_reason = forms.CharField(
        label=_("Waarom krijgt de melder geen bericht?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, status: str, colleagues=None, **kwargs):
        # The signal page also holds the assign and message forms, with fields of the same names:
        # ids of their own keep every label pointing at its own field.
        kwargs.setdefault("auto_id", "id_transition_%s")
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = colleagues if colleagues is not None else User.objects.none()
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["message_template"].choices = template_choices()
        self.fields["message_template"].widget.attrs["data-message-templates"] = template_texts()
        seen = {}
        for transition in SIGNAL_WORKFLOW.user_transitions_from(status):
            seen.setdefault(transition.target, transition.label)
        self.fields["target"].choices = list(seen.items())


def template_choices() -> list[tuple[str, str]]:
    return [("", CHOOSE), *((template.code, template.label) for template in message_templates())]


def template_texts() -> str:
    """For baken/triage.js: choosing a standard message fills in its text (editable)."""
    return json.dumps({template.code: template.text for template in message_templates()})


class MessageForm(ChooseLabels, forms.Form):
    message_template = forms.ChoiceField(label=_("Standaardbericht"), required=False)
    message = forms.CharField(
        label=_("Bericht aan de melder"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kort en zonder inhoudelijke details: de melder ziet dit onder 'Mijn meldingen'."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message_template"].choices = template_choices()
        self.fields["message_template"].widget.attrs["data-message-templates"] = template_texts()


class ReferenceForm(ChooseLabels, forms.Form):
    reference = forms.CharField(
        label=_("Kenmerk van de andere melding"),
        max_length=24,
        help_text=_("Bijvoorbeeld SIG-GM9901-2026-0012."),
    )
    reason = forms.CharField(label=_("Toelichting"), max_length=200, required=False)

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip().upper()


class EscalationForm(ChooseLabels, forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.none(), empty_label=CHOOSE)
    contact_person = forms.CharField(label=_("Contactpersoon bij de partner"), max_length=160, required=False)
    channel = forms.ChoiceField(label=_("Kanaal"), choices=[("", CHOOSE), *EscalationChannel.choices])
    purpose = forms.CharField(label=_("Doel van het delen"), max_length=300)
    legal_ground = forms.ChoiceField(label=_("Grondslag"), choices=LegalGround.choices, widget=forms.RadioSelect)
    consent_note = forms.CharField(
        label=_("Vastlegging van de toestemming"),
        max_length=300,
        required=False,
        help_text=_("Verplicht bij toestemming: wie, wanneer, schriftelijk vastgelegd waar."),
    )
    share_all = forms.BooleanField(
        label=_("Alles delen"),
        required=False,
        help_text=_("Alleen als de partner echt alles nodig heeft."),
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Wat deelt u?"),
        required=False,
        choices=list(SHAREABLE_FIELDS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Alleen wat nodig is. Bij het kiezen van een partner staan de gebruikelijke gegevens voor die soort "
            "partner aangevinkt. De overdracht (PDF) bevat precies deze gegevens."
        ),
    )
    shared_on = forms.DateField(
        label=_("Gedeeld op"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    expected_feedback_on = forms.DateField(
        label=_("Terugkoppeling verwacht op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(code, EscalationStatus(code).label) for code in ESCALATION_WORKFLOW.initial_states()],
        initial=EscalationStatus.PREPARED,
    )

    set_referred = forms.BooleanField(
        label=_("Zet de melding ook op 'doorgezet'"),
        required=False,
        help_text=_("In dezelfde stap: de overdracht en de nieuwe status worden samen opgeslagen, of geen van beide."),
    )

    def __init__(self, *args, partners, may_refer: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["shared_on"].initial = timezone.localdate
        if may_refer:
            self.fields["set_referred"].initial = True
        else:
            del self.fields["set_referred"]
        # For baken/escalation.js: the usual fields per partner, ticked when a partner is chosen.
        self.fields["partner"].widget.attrs["data-default-fields"] = json.dumps(
            {str(partner.pk): default_shared_fields(partner.partner_type) for partner in partners}
        )

    def clean(self):
        data = super().clean()
        if data.get("share_all"):
            data["shared_fields"] = list(SHAREABLE_FIELDS)
        data.pop("share_all", None)
        return data


class EscalationUpdateForm(ChooseLabels, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=EscalationStatus.choices)
    feedback = forms.CharField(
        label=_("Terugkoppeling van de partner"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    feedback_on = forms.DateField(
        label=_("Terugkoppeling ontvangen op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(label=_("Toelichting bij de statuswijziging"), max_length=300, required=False)


class AwaitingFeedbackForm(forms.Form):
    overdue = forms.BooleanField(label=_("Alleen te laat"), required=False)


#: The most signals one bulk action takes: a page of the inbox is 25, four pages' worth is plenty.
BULK_MAX = 100


class BulkActionForm(forms.Form):
    """A bulk action on the rows selected in the inbox: assign, change status, or export."""

    ASSIGN = "toewijzen"
    STATUS = "status"
    EXPORT = "exporteren"

    action = forms.ChoiceField(
        choices=[(ASSIGN, _("Toewijzen")), (STATUS, _("Status wijzigen")), (EXPORT, _("Exporteren (CSV)"))]
    )
    signals = IdMultipleChoiceField(
        label=_("Geselecteerde meldingen"),
        queryset=None,
        error_messages={"required": _("Selecteer eerst een of meer meldingen.")},
    )
    assignee = forms.ModelChoiceField(label=_("Toewijzen aan"), queryset=None, required=False, empty_label=_("Niemand"))
    target = forms.ChoiceField(label=_("Nieuwe status"), required=False)
    outcome = forms.ChoiceField(label=_("Uitkomst (bij afsluiten)"), required=False)
    reason = forms.CharField(
        label=_("Reden (voor alle geselecteerde meldingen)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, signals, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signals"].queryset = signals
        self.fields["assignee"].queryset = colleagues
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.username
        targets = {}
        for transition in SIGNAL_WORKFLOW.transitions:
            if not transition.system_only:
                targets.setdefault(transition.target, SIGNAL_WORKFLOW.label(transition.target))
        self.fields["target"].choices = [("", _("Kies…")), *targets.items()]
        self.fields["outcome"].choices = TransitionForm.base_fields["outcome"].choices

    def clean_signals(self):
        signals = self.cleaned_data["signals"]
        if len(signals) > BULK_MAX:
            raise forms.ValidationError(
                _("Kies hoogstens %(count)d meldingen tegelijk.") % {"count": BULK_MAX}, code="too_many"
            )
        return signals

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.STATUS and not cleaned.get("target"):
            self.add_error("target", _("Kies de nieuwe status."))
        return cleaned


class LinkForm(forms.Form):
    """Link to another signal: chosen from the lookup (`other`, an id), or by its reference typed
    in full (works without JavaScript; both reference forms are accepted)."""

    reference = forms.CharField(
        label=_("Zoek op kenmerk, adres of bedrijf"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld SIG-GM9901-2026-0012, Havenstraat 4 of de naam van een bedrijf."),
    )
    other = forms.IntegerField(required=False, min_value=1, max_value=10**18, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Toelichting"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("other") and not (cleaned.get("reference") or "").strip():
            self.add_error("reference", _("Zoek de melding en kies die uit de lijst, of vul het kenmerk in."))
        return cleaned
