from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "baken.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from baken.core.navigation import MenuEntry, register_menu
        from baken.partners import policies  # noqa: F401  (registers the access policy)

        register_menu(
            MenuEntry(
                _("Partners"),
                "partners:list",
                ("signalling.triage_signal", "partners.manage_partners"),
                order=40,
                municipal=False,
            )
        )
