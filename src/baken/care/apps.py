from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "baken.care"
    label = "care"
    verbose_name = _("Zorg")

    def ready(self) -> None:
        from baken.care import policies  # noqa: F401  (registers the access policy)
        from baken.care.selectors import care_handover_partner_set, home_panel
        from baken.core.navigation import (
            HomePanel,
            MenuEntry,
            SetupStep,
            register_home_panel,
            register_menu,
            register_setup_step,
        )

        # Regional zorgcoördinatoren work for every municipality of their region: not municipal-only.
        register_menu(MenuEntry(_("Zorg"), "care:index", "care.manage_carecase", order=35, municipal=False))
        register_home_panel(HomePanel("care/_home_panel.html", home_panel, order=20))
        register_setup_step(
            SetupStep(
                "care_handover_partner",
                _("Zorgcoördinatie als partner voor overdrachten"),
                "partners:list",
                care_handover_partner_set,
                order=25,
                explanation=_(
                    "Signalen die de aandachtsfunctionaris aan de zorgcoördinator overdraagt, komen "
                    "als aanmelding binnen bij Zorg."
                ),
            )
        )
