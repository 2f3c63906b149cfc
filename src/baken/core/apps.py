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
        from baken.core.selectors import huisstijl_set, officer_deputy_set, reply_email_set, triage_term_set

        register_menu(
            MenuEntry(_("Huisstijl"), "core:huisstijl", "core.manage_huisstijl", order=100),
            MenuEntry(_("Instellingen"), "core:organisation_settings", "core.manage_huisstijl", order=105),
            MenuEntry(_("Audit"), "core:audit_log", "core.view_auditlog", order=120),
        )
        register_setup_step(
            SetupStep("huisstijl", _("Huisstijl: logo en kleuren"), "core:huisstijl", huisstijl_set, order=10),
            SetupStep(
                "triage_term",
                _("Termijn voor triage"),
                "core:organisation_settings",
                triage_term_set,
                order=80,
                explanation=_("Binnen hoeveel werkdagen een melding wordt opgepakt."),
            ),
            SetupStep(
                "reply_email",
                _("Antwoordadres voor melders"),
                "core:organisation_settings",
                reply_email_set,
                order=90,
            ),
            SetupStep(
                "officer_deputy",
                _("Vervanger van de aandachtsfunctionaris"),
                "core:organisation_settings",
                officer_deputy_set,
                order=45,
                explanation=_("Wie het werk overneemt als de aandachtsfunctionaris er niet is."),
            ),
        )
        user_logged_in.connect(remember_login_time, dispatch_uid="baken.core.remember_login_time")
