from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    name = "baken.prevention"
    label = "prevention"
    verbose_name = _("Preventie")

    def ready(self) -> None:
        from baken.core.navigation import MenuEntry, register_menu
        from baken.prevention import policies  # noqa: F401  (registers the access policy)

        register_menu(MenuEntry(_("Preventie"), "prevention:index", "prevention.manage_prevention", order=60))
