"""The shared worlds built once per test process instead of once per test, as Django's
``TestCase.setUpTestData`` does it: an outer transaction holds the world while the tests that
use it run one after another, each in its own savepoint (pytest-django's ``db``) that is rolled
back, each getting its own copy of the Python objects.

The worlds are layers, each built on the one below in a savepoint of its own: ``world`` (the
organization tree and its users, core/testing/world.py), then ``reporting`` (two issued
reporting requirements on it). A test gets the layers it asks for, no more.

What keeps it correct:
- Only tests that run in a rolled-back transaction share a layer. A transactional test
  (``transaction=True``, ``live_server``) commits and flushes the database, so it builds its own
  world, as before, and the outer transaction is closed before it runs.
- A test that does not ask for a layer must not see it: the root conftest sorts the tests of
  each module by the layers they need, and before each test the keeper builds the missing
  layers or rolls back the ones the test did not ask for.
"""

import copy
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, transaction
from django.test.utils import override_settings

# The tests log in with the world's password through the MD5 hasher the root conftest sets per
# test; the layers are built before that fixture runs, so they are built with the same hasher.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass(frozen=True)
class Layer:
    """A fixture name and its builder, which receives the layers below it by name."""

    name: str
    build: Callable[..., Any]


def is_transactional(item: pytest.Item) -> bool:
    """pytest-django's own rule (``_django_db_helper``) for a test whose database is flushed."""
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        flags = dict(zip(("transaction", "reset_sequences"), marker.args, strict=False))
        flags |= marker.kwargs
        if flags.get("transaction") or flags.get("reset_sequences"):
            return True
    names = getattr(item, "fixturenames", ())
    return any(
        name in names for name in ("transactional_db", "live_server", "django_db_reset_sequences")
    )


def layers_needed(item: pytest.Item, layers: list[Layer]) -> int:
    """How many layers, from the bottom, a test shares (0 for a transactional test)."""
    if is_transactional(item):
        return 0
    names = getattr(item, "fixturenames", ())
    needed = 0
    for depth, layer in enumerate(layers, start=1):
        if layer.name in names:
            needed = depth
    return needed


class WorldKeeper:
    """Holds the open savepoints and the layers built in them, for one test process."""

    def __init__(self, layers: list[Layer], blocker: Any) -> None:
        self.layers = layers
        self._blocker = blocker
        self._open: list[tuple[AbstractContextManager, Any]] = []
        self._copies: dict[str, Any] | None = None
        self.builds = 0

    def depth(self) -> int:
        return len(self._open)

    def sync(self, item: pytest.Item) -> None:
        """Before each test: exactly the layers the test shares are in the database."""
        self._copies = None
        needed = layers_needed(item, self.layers)
        while len(self._open) > needed:
            self._pop()
        while len(self._open) < needed:
            self._push()

    def close(self) -> None:
        while self._open:
            self._pop()

    def _push(self) -> None:
        layer = self.layers[len(self._open)]
        below = self._built()
        with self._blocker.unblock():
            atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
            # Marked as the test case's own, so code under test may still open durable blocks.
            atomic._from_testcase = True
            atomic.__enter__()
            try:
                with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                    built = layer.build(**below)
            except BaseException:
                transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
                atomic.__exit__(None, None, None)
                raise
        self._open.append((atomic, built))
        self.builds += 1

    def _pop(self) -> None:
        atomic, _ = self._open.pop()
        with self._blocker.unblock():
            transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
            atomic.__exit__(None, None, None)

    def _built(self) -> dict[str, Any]:
        return {
            layer.name: built for layer, (_, built) in zip(self.layers, self._open, strict=False)
        }

    def get(self, name: str) -> Any | None:
        """This test's copy of a layer (a test that changes an object in memory changes only
        its own; the layers above keep pointing at the same copies), or None when the layer is
        not open: the test is transactional and builds its own."""
        if self._copies is None:
            # One copy of all the layers per test, so reporting.world is the test's world.
            self._copies = copy.deepcopy(self._built())
        return self._copies.get(name)
