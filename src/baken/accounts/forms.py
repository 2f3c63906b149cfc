"""Forms for login, second factor and user management."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from baken.accounts.roles import MUNICIPAL_ROLES, default_clearance
from baken.core.confidentiality import Confidentiality
from baken.core.dates import short_date
from baken.core.forms import IdMultipleChoiceField


class NextForm(forms.Form):
    """Where to go after logging in (`next`): a path of at most 2,000 characters; whether it
    stays on this site is checked on top (accounts.views._safe_next)."""

    next = forms.CharField(max_length=2000, required=False)


class UserSearchForm(forms.Form):
    """The search of the user list (`?zoek=`)."""

    zoek = forms.CharField(max_length=100, required=False, strip=True)


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "De combinatie van gebruikersnaam en wachtwoord is onjuist. Let op hoofdletters en kleine letters."
        ),
        "inactive": _("Dit account is niet actief."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        # AuthenticationForm sets max_length after the field was made, so it is never checked: a
        # 5,000-character name reached authenticate() and django-axes, whose varchar(255) fails on
        # PostgreSQL (a 500 before login).
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("De zescijferige code uit uw authenticator-app, of een van uw back-upcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())


class EnrolForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit de app"),
        max_length=8,
        help_text=_("Voer de zescijferige code in die de app nu toont."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())


ROLE_CHOICES = [(role.code, role.name) for role in MUNICIPAL_ROLES]


class UserForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mailadres"), help_text=_("Hierheen gaat de link om een wachtwoord te kiezen."))
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=40,
        required=False,
        help_text=_("Zakelijk nummer; staat op overdrachten aan partners."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Rollen"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    clearance = forms.TypedChoiceField(
        label=_("Vertrouwelijkheidsniveau"),
        choices=[("", _("Standaard voor de gekozen rollen")), *Confidentiality.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "De gebruiker ziet alleen gegevens tot en met dit niveau. Intern: gewone werkinformatie. "
            "Vertrouwelijk: signalen en overdrachten (aandachtsfunctionaris, toezichthouder). "
            "Confidentieel: zorgtrajecten (zorgcoördinator). Geheim: opvangadressen. "
            "Laat de standaard staan als u twijfelt."
        ),
    )
    confirm_no_role = forms.BooleanField(
        label=_("Ik sla dit account bewust op zonder rol"),
        required=False,
        help_text=_("Een account zonder rol kan in Baken alleen de kennisbank lezen."),
    )

    def clean(self):
        cleaned = super().clean()
        if "roles" in cleaned and not cleaned["roles"] and not cleaned.get("confirm_no_role"):
            self.add_error(
                "roles",
                _("Kies minstens één rol, of vink onderaan aan dat u het account bewust zonder rol opslaat."),
            )
        if cleaned.get("clearance") is None and "roles" in cleaned:
            cleaned["clearance"] = default_clearance(cleaned["roles"])
        return cleaned


class UserCreateForm(UserForm):
    username = forms.RegexField(
        label=_("Gebruikersnaam"),
        max_length=150,
        regex=r"^[a-z0-9._-]+$",
        error_messages={"invalid": _("Gebruik alleen kleine letters, cijfers, punt, liggend streepje en koppelteken.")},
    )
    field_order = ["username", "first_name", "last_name", "email", "phone", "roles", "clearance", "confirm_no_role"]


class UserEditForm(UserForm):
    is_active = forms.BooleanField(
        label=_("Account actief"), required=False, help_text=_("Een gedeactiveerd account kan niet meer inloggen.")
    )


class AccessDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("approve", _("Goedkeuren")), ("reject", _("Afwijzen")), ("withdraw", _("Intrekken"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij afwijzen."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Geef een reden waarom u dit verzoek afwijst."))
        return cleaned


class InactiveUsersForm(forms.Form):
    """Choose, from the accounts without a recent login, which to deactivate."""

    accounts = IdMultipleChoiceField(
        label=_("Accounts om te deactiveren"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één account.")},
    )

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accounts"].queryset = accounts
        self.fields["accounts"].label_from_instance = self._label

    @staticmethod
    def _label(account) -> str:
        last = short_date(account.last_login) if account.last_login else _("nooit ingelogd")
        roles = ", ".join(account.role_names) or _("geen rol")
        return f"{account.username} ({account.get_full_name() or '—'}; {roles}; {_('laatst ingelogd')}: {last})"


class MunicipalityForm(forms.Form):
    """The installatiebeheerder's form: a new municipality and its first functioneel beheerder."""

    name = forms.CharField(
        label=_("Naam van de gemeente"), max_length=120, help_text=_("Bijvoorbeeld Gemeente Noorderstad.")
    )
    cbs_code = forms.RegexField(
        label=_("CBS-gemeentecode"),
        max_length=6,
        regex=r"^[Gg][Mm][0-9]{4}$",
        help_text=_("GM gevolgd door vier cijfers, zoals GM0363."),
        error_messages={"invalid": _("Gebruik GM gevolgd door vier cijfers, zoals GM0363.")},
    )
    region = forms.ModelChoiceField(label=_("Regio"), queryset=None, required=False, empty_label=_("Geen regio"))
    username = forms.RegexField(
        label=_("Gebruikersnaam van de functioneel beheerder"),
        max_length=150,
        regex=r"^[a-z0-9._-]+$",
        error_messages={"invalid": _("Gebruik alleen kleine letters, cijfers, punt, liggend streepje en koppelteken.")},
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mailadres van de functioneel beheerder"),
        help_text=_(
            "Hierheen gaat de link om een wachtwoord te kiezen; bij de eerste keer inloggen stelt hij de tweede "
            "factor in."
        ),
    )

    def __init__(self, *args, regions, regional: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        field.queryset = regions
        if regional:  # a regional installatiebeheerder registers in its own region only
            field.required = True
            field.empty_label = None

    def clean_cbs_code(self) -> str:
        return self.cleaned_data["cbs_code"].upper()

    @property
    def slug(self) -> str:
        """The municipality's short name, from its name without "Gemeente"."""
        name = self.cleaned_data["name"].strip()
        if name.lower().startswith("gemeente "):
            name = name[len("gemeente ") :]
        return slugify(name)[:60] or self.cleaned_data["cbs_code"].lower()


PHONE_CHARACTERS = r"^[0-9 +()\-]*$"


class OwnSettingsForm(forms.Form):
    phone = forms.RegexField(
        label=_("Telefoonnummer (werk)"),
        regex=PHONE_CHARACTERS,
        max_length=40,
        required=False,
        error_messages={"invalid": _("Gebruik alleen cijfers, spaties, +, haakjes en streepjes.")},
        help_text=_("Staat op overdrachten aan partners, zodat zij u kunnen bellen."),
    )
    email_on_report_updates = forms.BooleanField(
        label=_("Stuur mij een e-mail als er nieuws is over een melding van mij"),
        required=False,
        help_text=_("De e-mail zegt alleen dat er een bericht is, met het kenmerk; de inhoud leest u in Baken."),
    )
