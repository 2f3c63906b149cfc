from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "baken.coordination"
    label = "coordination"
    verbose_name = _("Verbinden")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from baken.coordination import policies  # noqa: F401  (registers the access policies)
        from baken.coordination.search import register_sqlite_functions
        from baken.coordination.selectors import triage_dashboard
        from baken.core.navigation import HomePanel, MenuEntry, register_home_panel, register_menu

        register_menu(
            MenuEntry(_("Binnengekomen meldingen"), "coordination:inbox", "signalling.triage_signal", order=30)
        )
        register_home_panel(HomePanel("coordination/_dashboard.html", triage_dashboard, order=1, lead=True))
        # The inbox's search folds accents in SQL; on SQLite the function is Python's (search.py).
        connection_created.connect(register_sqlite_functions, dispatch_uid="baken_fold")
