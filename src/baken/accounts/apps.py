from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "baken.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from baken.accounts import (
            policies,  # noqa: F401  (registers the access policy)
            selectors,
        )
        from baken.accounts.roles import ROLES
        from baken.accounts.services import sync_roles_after_migrate
        from baken.core.audit_display import register_audit_terms
        from baken.core.navigation import (
            HomePanel,
            MenuEntry,
            SetupStep,
            register_home_panel,
            register_menu,
            register_setup_step,
        )

        # The audit log names roles, not their codes.
        register_audit_terms({role.code: role.name for role in ROLES})
        # Roles are data (baken.accounts.roles.ROLES); permissions exist only after migrate.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="baken.accounts.sync_roles")
        register_menu(MenuEntry(_("Beheer"), "accounts:user_list", "accounts.manage_users", order=90))
        # The installatiebeheerder has no municipality: a national (or regional) menu entry.
        register_menu(
            MenuEntry(
                _("Gemeenten"), "accounts:municipality_list", "core.manage_organisations", order=95, municipal=False
            )
        )
        # Four eyes: what waits for a functioneel beheerder, what changed for the privacy officer.
        register_home_panel(HomePanel("accounts/_home_access_panel.html", selectors.access_panel, order=20))
        register_setup_step(
            SetupStep(
                "officers",
                _("Twee aandachtsfunctionarissen"),
                "accounts:user_list",
                selectors.officers_set,
                order=40,
                explanation=_("Eén doet het werk, de ander vervangt, zodat signalen nooit blijven liggen."),
            ),
            SetupStep(
                "second_beheerder",
                _("Tweede functioneel beheerder (vier ogen)"),
                "accounts:user_list",
                selectors.second_beheerder_set,
                order=50,
            ),
            SetupStep(
                "privacy_officer", _("Privacy officer"), "accounts:user_list", selectors.privacy_officer_set, order=60
            ),
        )
        from axes.signals import user_locked_out

        from baken.accounts.views import audit_lockout

        user_locked_out.connect(audit_lockout, dispatch_uid="baken.accounts.audit_lockout")
