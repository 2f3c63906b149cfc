from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "baken.home"
    label = "home"
    verbose_name = _("Start")

    def ready(self) -> None:
        from baken.core.navigation import HomePanel, MenuEntry, register_home_panel, register_menu
        from baken.home.setup import setup_checklist

        register_menu(MenuEntry(_("Start"), "home:index", None, order=0, municipal=False))
        register_home_panel(HomePanel("home/_setup_panel.html", setup_checklist, order=5))
