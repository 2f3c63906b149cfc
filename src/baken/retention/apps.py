from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "baken.retention"
    label = "retention"
    verbose_name = _("Bewaren en vernietigen")

    def ready(self) -> None:
        from baken.core.navigation import MenuEntry, register_menu
        from baken.retention import policies  # noqa: F401  (registers the access policies)

        register_menu(
            MenuEntry(
                _("Verzoeken van betrokkenen"),
                "retention:subject_requests",
                "retention.handle_subject_request",
                order=125,
            ),
        )
