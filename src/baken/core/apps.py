from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "baken.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.urls import register_converter

        from baken.core import policies  # noqa: F401  (registers the access policies)
        from baken.core.converters import IdConverter
        from baken.core.middleware import remember_login_time

        # Before any URLconf is read: every app's routes take ids as <id:pk>.
        register_converter(IdConverter, "id")
        from baken.core.navigation import MenuEntry, SetupStep, register_menu, register_setup_step
        from baken.core.selectors import huisstijl_set

        register_menu(
            MenuEntry(_("Huisstijl"), "core:huisstijl", "core.manage_huisstijl", order=100),
            MenuEntry(_("Audit"), "core:audit_log", "core.view_auditlog", order=120),
        )
        register_setup_step(
            SetupStep("huisstijl", _("Huisstijl: logo en kleuren"), "core:huisstijl", huisstijl_set, order=10)
        )
        user_logged_in.connect(remember_login_time, dispatch_uid="baken.core.remember_login_time")
