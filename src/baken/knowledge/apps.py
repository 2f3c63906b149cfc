from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "baken.knowledge"
    label = "knowledge"
    verbose_name = _("Kennisbank")

    def ready(self) -> None:
        from baken.knowledge import policies  # noqa: F401  (registers the access policies)
