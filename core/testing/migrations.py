"""Moving the test database to a point of the migration graph, for data-migration tests."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    """Migrate to `targets` (app label, migration name); the executor's loader then gives the
    historical models at that point (`executor.loader.project_state(targets).apps`)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor
