from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "baken.knowledge"
    label = "knowledge"
    verbose_name = _("Kennisbank")

    def ready(self) -> None:
        from baken.core.navigation import (
            HomePanel,
            MenuEntry,
            SetupStep,
            register_home_panel,
            register_menu,
            register_role_reading,
            register_setup_step,
        )
        from baken.knowledge import policies  # noqa: F401  (registers the access policies)
        from baken.knowledge.selectors import acute_panel, local_pages_set, start_pages

        register_menu(MenuEntry(_("Kennisbank"), "knowledge:index", None, order=80, municipal=False))
        # On every start page: what to read first per role, and whom to call when it is acute.
        register_role_reading(start_pages)
        register_home_panel(HomePanel("knowledge/_home_acute_panel.html", acute_panel, order=90))
        register_setup_step(
            SetupStep(
                "local_page",
                _("Eigen kennisbankpagina"),
                "knowledge:index",
                local_pages_set,
                order=70,
                explanation=_("Bijvoorbeeld hoe het melden en doorzetten in uw gemeente gaat."),
            )
        )
