from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "baken.policy"
    label = "policy"
    verbose_name = _("Beleid en regie")

    def ready(self) -> None:
        from baken.core.navigation import MenuEntry, register_menu
        from baken.policy import policies  # noqa: F401  (registers the access policies)

        # Not municipal only: a regional beleidsmaker sees the region's municipalities side by side.
        register_menu(MenuEntry(_("Beleid"), "policy:index", "policy.manage_policy", order=65, municipal=False))
        # The functioneel beheerder keeps the municipality's own version of the Kader's blocks.
        register_menu(
            MenuEntry(_("Kader-catalogus"), "policy:kader_catalogue", "policy.manage_kader_catalogue", order=115)
        )
