from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignallingConfig(AppConfig):
    name = "baken.signalling"
    label = "signalling"
    verbose_name = _("Signaleren")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from baken.core.csrf_keep import register_csrf_keeper
        from baken.core.navigation import (
            HomePanel,
            MenuEntry,
            SetupStep,
            register_home_panel,
            register_menu,
            register_setup_step,
        )
        from baken.signalling import policies  # noqa: F401  (registers the access policies)
        from baken.signalling.catalogue.loader import load_catalogue_after_migrate
        from baken.signalling.draft_views import keep_intake_after_csrf_failure
        from baken.signalling.drafts import draft_panel
        from baken.signalling.selectors import local_indicators_set

        # A stale form token on the intake (or its autosave) keeps the input as the draft.
        register_csrf_keeper("signalling:intake", keep_intake_after_csrf_failure)
        register_csrf_keeper("signalling:intake_draft", keep_intake_after_csrf_failure)
        # After a closed tab or a new login the start page leads back to the unsent report.
        register_home_panel(HomePanel("signalling/_home_draft_panel.html", draft_panel, order=1))
        # The national indicator catalogue is data shipped with the code (catalogue/indicators.toml).
        post_migrate.connect(load_catalogue_after_migrate, sender=self, dispatch_uid="baken.signalling.catalogue")
        register_menu(
            MenuEntry(_("Melden"), "signalling:intake", "signalling.report_signal", order=10),
            MenuEntry(_("Mijn meldingen"), "signalling:mine", "signalling.report_signal", order=20),
            MenuEntry(_("Signalencatalogus"), "signalling:catalogue", "signalling.manage_catalogue", order=110),
        )
        register_setup_step(
            SetupStep(
                "local_indicators",
                _("Eigen signalen (lokale patronen)"),
                "signalling:catalogue",
                local_indicators_set,
                order=30,
                explanation=_("Bijvoorbeeld een vakantiepark of bedrijventerrein waar u op let."),
            )
        )
