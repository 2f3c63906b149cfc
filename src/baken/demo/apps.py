from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data and bulk seeding for benchmarks. The top layer: nothing imports it."""

    name = "baken.demo"
    label = "demo"
    verbose_name = _("Demo")
