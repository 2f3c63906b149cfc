from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "baken.home"
    label = "home"
    verbose_name = _("Start")

    def ready(self) -> None:
        from baken.core.navigation import MenuEntry, register_menu

        register_menu(MenuEntry(_("Start"), "home:index", None, order=0, municipal=False))
