"""The partner directory: whom to call in an acute situation and who receives hand-overs.

Each municipality keeps its own partners as data and may share them in its region.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from baken.core.models import Organisation


class PartnerType(models.TextChoices):
    EMERGENCY = "noodnummer", _("Noodnummer")
    POLICE = "politie", _("Politie")
    ANONYMOUS = "meld_misdaad_anoniem", _("Meld Misdaad Anoniem")
    LABOUR_INSPECTORATE = "arbeidsinspectie", _("Nederlandse Arbeidsinspectie")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    RIEC = "riec", _("RIEC")
    ZVH = "zorg_en_veiligheidshuis", _("Zorg- en Veiligheidshuis")
    COMENSHA = "comensha", _("CoMensha")
    CARE_COORDINATOR = "zorgcoordinator", _("Zorgcoördinator mensenhandel")
    KMAR = "kmar", _("Koninklijke Marechaussee")
    SHELTER = "opvang", _("Opvang")
    INTERNAL = "intern", _("Intern (gemeente)")
    OTHER = "anders", _("Anders")


class Partner(models.Model):
    """A partner organisation or contact that the municipality maintains as data."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partners")
    name = models.CharField(_("naam"), max_length=160)
    partner_type = models.CharField(_("soort"), max_length=30, choices=PartnerType.choices)
    contact_person = models.CharField(_("contactpersoon"), max_length=160, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    expertise = models.TextField(_("expertise"), blank=True)
    sharing_basis = models.CharField(_("convenant of wettelijke grondslag"), max_length=300, blank=True)
    shared_in_region = models.BooleanField(_("gedeeld in de regio"), default=False)
    acute_route = models.BooleanField(
        _("tonen bij acute situaties"), default=False, help_text=_("Verschijnt bij het melden van een acute situatie.")
    )
    acute_instruction = models.CharField(_("wanneer bellen"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    active = models.BooleanField(_("actief"), default=True)
    receives_handovers = models.BooleanField(
        _("ontvangt overdrachten"),
        default=True,
        help_text=_(
            "Uit: alleen een telefoonnummer (zoals 112); deze partner staat niet in de lijst om door te zetten."
        ),
    )
    acute_for_minors = models.BooleanField(
        _("tonen bij een minderjarige"),
        default=False,
        help_text=_("Verschijnt bij het melden als er een minderjarige bij betrokken is (zoals Veilig Thuis)."),
    )
    #: Set for a partner from the national catalogue (partners/catalogue/national_partners.toml):
    #: the catalogue owns it, migrate keeps it up to date, the municipality does not edit it.
    national_code = models.CharField(_("landelijke code"), max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["order", "name"]
        default_permissions = ()
        permissions = [("manage_partners", _("Mag de partners van de eigen organisatie beheren"))]
        indexes = [models.Index(fields=["organisation", "acute_route", "order"], name="partner_acute_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "national_code"],
                condition=~models.Q(national_code=""),
                name="partner_national_code_once_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return bool(self.national_code)
