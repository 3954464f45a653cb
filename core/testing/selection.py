"""Which tests the PostgreSQL run of `make test` takes (`pytest --database-tests-only`)."""

from __future__ import annotations

import pytest

# What a test asks for when it reaches the database: the marker's and `db`'s helper, the live
# server, or the session's test database itself (a module fixture that unblocks it).
DATABASE_FIXTURES = frozenset({"_django_db_helper", "django_db_setup", "live_server"})


def touches_database(item: pytest.Item) -> bool:
    """Whether the test may reach the database. pytest-django refuses database access to a
    test that did not ask for it, so a test this calls False answers the same on any server."""
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return True
    if item.get_closest_marker("django_db"):
        return True
    return not DATABASE_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))
