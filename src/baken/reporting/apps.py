from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "baken.reporting"
    label = "reporting"
    verbose_name = _("Rapportage")

    def ready(self) -> None:
        from baken.core.navigation import MenuEntry, register_menu
        from baken.reporting import (
            kader_evidence,
            policies,  # noqa: F401  (registers the access policy)
        )

        kader_evidence.register()

        register_menu(
            MenuEntry(
                _("Cijfers"),
                "reporting:index",
                (
                    "signalling.triage_signal",
                    "reporting.view_statistics",
                    "care.manage_carecase",
                    "enforcement.manage_inspection",
                    "enforcement.manage_measure",
                ),
                order=70,
                municipal=False,
            )
        )
