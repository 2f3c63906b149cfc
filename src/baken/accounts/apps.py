from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "baken.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from baken.accounts.roles import sync_roles_after_migrate

        # Roles are data (baken.accounts.roles.ROLES); permissions exist only after migrate.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="baken.accounts.sync_roles")
        from baken.accounts import policies  # noqa: F401  (registers the access policy)
