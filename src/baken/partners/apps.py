from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "baken.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from baken.core.navigation import MenuEntry, SetupStep, register_menu, register_setup_step
        from baken.core.signals import organisation_created
        from baken.partners import policies  # noqa: F401  (registers the access policy)
        from baken.partners.catalogue.loader import sync_after_migrate, sync_new_organisation
        from baken.partners.selectors import local_partners_set

        # The national partners are data shipped with the code (catalogue/national_partners.toml).
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="baken.partners.national")
        organisation_created.connect(sync_new_organisation, dispatch_uid="baken.partners.new_organisation")

        register_menu(
            MenuEntry(
                _("Partners"),
                "partners:list",
                ("signalling.triage_signal", "partners.manage_partners"),
                order=40,
                municipal=False,
            )
        )
        register_setup_step(
            SetupStep(
                "partners",
                _("Eigen partners en meldroute"),
                "partners:list",
                local_partners_set,
                order=20,
                explanation=_(
                    "De landelijke nummers staan er al; voeg politie, zorgcoördinatie en RIEC van uw regio toe."
                ),
            )
        )
