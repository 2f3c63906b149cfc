from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "baken.meetings"
    label = "meetings"
    verbose_name = _("Casusoverleg")

    def ready(self) -> None:
        from baken.core.navigation import MenuEntry, register_menu
        from baken.meetings import policies  # noqa: F401  (registers the access policies)

        # Regional zorgcoördinatoren run meetings for the municipalities of their region.
        register_menu(
            MenuEntry(_("Casusoverleg"), "meetings:index", "meetings.run_meetings", order=37, municipal=False)
        )
