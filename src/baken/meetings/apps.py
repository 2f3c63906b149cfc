from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "baken.meetings"
    label = "meetings"
    verbose_name = _("Casusoverleg")

    def ready(self) -> None:
        from baken.core.navigation import HomePanel, MenuEntry, register_home_panel, register_menu
        from baken.meetings import policies  # noqa: F401  (registers the access policies)
        from baken.meetings.selectors import home_panel

        # Regional zorgcoördinatoren run meetings for the municipalities of their region.
        register_menu(
            MenuEntry(_("Casusoverleg"), "meetings:index", "meetings.run_meetings", order=37, municipal=False)
        )
        # Attendees (who need not run meetings) find their meetings and actions from the start page.
        register_home_panel(HomePanel("meetings/_home_panel.html", home_panel, order=37))
