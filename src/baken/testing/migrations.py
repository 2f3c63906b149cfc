"""Migration tests: move the test database to a migration state and back."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def latest_migrations() -> list[tuple[str, str]]:
    """Every app's latest migration: the state to return to after a test went back."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate_to(targets):
    """Migrate to `targets` (pairs of app label and migration name; a name of None unapplies the
    app) and return the historical models of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([target for target in targets if target[1] is not None]).apps
