from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "baken.enforcement"
    label = "enforcement"
    verbose_name = _("Handhaven")

    def ready(self) -> None:
        from baken.core.navigation import (
            HomePanel,
            MenuEntry,
            SetupStep,
            register_home_panel,
            register_menu,
            register_setup_step,
        )
        from baken.enforcement import policies  # noqa: F401  (registers the access policies)
        from baken.enforcement.selectors import enforcement_team_set, home_panel

        permissions = ("enforcement.manage_inspection", "enforcement.manage_measure")
        register_menu(
            MenuEntry(_("Locaties"), "enforcement:index", permissions, order=40),
            MenuEntry(_("Controleplanning"), "enforcement:planning", permissions, order=41),
            MenuEntry(
                _("Brieven van Handhaven"), "enforcement:letter_templates", ("enforcement.manage_letters",), order=88
            ),
        )
        register_home_panel(HomePanel("enforcement/_home_panel.html", home_panel, order=40))
        register_setup_step(
            SetupStep(
                "enforcement_team",
                _("Toezichthouder en handhavingsjurist"),
                "accounts:user_list",
                enforcement_team_set,
                order=65,
                explanation=_("Wie controles uitvoert en wie de handhavingsbesluiten voorbereidt."),
            )
        )
