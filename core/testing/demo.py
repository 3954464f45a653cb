"""The demo data (`manage.py load_demo`) for tests that need it whole, loaded once per process.

A browser test runs against the live server in a transactional test, which empties the
database when it ends; each such test that walks the demo would load it again: every division
of the country, the five seeds parsed and issued, the reports of a round (15-30 s, several
times per file). On SQLite, where the browser tests run, the first load is copied aside with
SQLite's own backup API, with the files it wrote, and each later test gets both back in a
fraction of a second (`demo_loaded`). On another database the demo is loaded every time, as
before.

The module-scoped `demo` fixture of the root conftest (tests that only read the demo) takes
such a copy too (`demo_kept_for_module`): one load per process for all its modules, not one
per module. On SQLite it is the same copy; on PostgreSQL it is every table's rows, copied out
with COPY after the process's first load.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test.utils import override_settings

from core.testing.shared import FAST_HASHERS
from seeding.demo import demo_load

# (the database right after the first load, the folder its uploads were copied to)
_snapshot: tuple[sqlite3.Connection, Path] | None = None


def _first_load() -> Path:
    """Load the demo; returns a folder holding a copy of the files it uploaded."""
    # Later tests log in through the hasher the root conftest sets per test; the first load
    # may come from a module's fixture, set up before that.
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        demo_load()
    files = Path(tempfile.mkdtemp(prefix="qm-demo-media-"))
    media = Path(default_storage.location)
    if media.exists():
        shutil.copytree(media, files, dirs_exist_ok=True)
    return files


def _sqlite_copy() -> sqlite3.Connection:
    """The SQLite test database as it is now, copied into memory."""
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    return copy


def can_keep_demo_for_module() -> bool:
    """Whether `demo_kept_for_module` can serve: SQLite or PostgreSQL, outside a transaction."""
    return connection.vendor in ("sqlite", "postgresql") and not connection.in_atomic_block


def demo_loaded() -> None:
    """The demo in the test database and in the test's file storage, as `demo_load()` leaves
    them: its tables and the files its reports and posters uploaded."""
    global _snapshot
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        # A test inside a transaction rolls back what it loads: nothing to copy back later.
        demo_load()
        return
    connection.ensure_connection()
    if _snapshot is None:
        files = _first_load()
        _snapshot = (_sqlite_copy(), files)
        return
    database, files = _snapshot
    database.backup(connection.connection)
    shutil.copytree(files, default_storage.location, dirs_exist_ok=True)
    # The content types were made again after the last test's flush, under other ids: the
    # process's cache of them must not outlive the rows it describes.
    ContentType.objects.clear_cache()


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


@dataclass(frozen=True)
class _Rows:
    """Every table's rows and every sequence's position in a PostgreSQL database."""

    tables: dict[str, bytes]
    sequences: list[tuple[str, int, bool]]

    @classmethod
    def taken(cls) -> _Rows:
        tables, sequences = {}, []
        with connection.cursor() as cursor:
            for name in _relations("r"):
                with cursor.copy(f"COPY {_quoted(name)} TO STDOUT (FORMAT BINARY)") as copy:
                    tables[name] = b"".join(bytes(block) for block in copy)
            for name in _relations("S"):
                cursor.execute(f"SELECT last_value, is_called FROM {_quoted(name)}")
                sequences.append((name, *cursor.fetchone()))
        return cls(tables, sequences)

    def put_back(self) -> None:
        """The database holds these rows and nothing else, its sequences where they were."""
        with transaction.atomic(), connection.cursor() as cursor:
            # A connection left in a transaction elsewhere would hold TRUNCATE for ever.
            cursor.execute("SET LOCAL lock_timeout = '30s'")
            # Django's foreign keys are deferrable: checked once all the rows are back.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            # The copy holds every table of the schema: those are the ones emptied.
            cursor.execute("TRUNCATE " + ", ".join(_quoted(name) for name in self.tables))
            for name, rows in self.tables.items():
                with cursor.copy(f"COPY {_quoted(name)} FROM STDIN (FORMAT BINARY)") as copy:
                    copy.write(rows)
            for name, value, called in self.sequences:
                cursor.execute("SELECT setval(%s, %s, %s)", [_quoted(name), value, called])
        ContentType.objects.clear_cache()


def _relations(kind: str) -> list[str]:
    """The tables ("r") or sequences ("S") of the connection's schema."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind = %s ORDER BY c.relname",
            [kind],
        )
        return [name for (name,) in cursor.fetchall()]


# On PostgreSQL: (every table's rows right after the first load, the folder of its uploads)
_rows: tuple[_Rows, Path] | None = None


@contextmanager
def demo_kept_for_module() -> Iterator[None]:
    """The demo in the database (committed) and in the file storage for the block, and the
    database as it was before once the block ends. The block's tests each run in their own
    transaction, rolled back, as they would inside one around the module.

    SQLite or PostgreSQL, outside any transaction: the copy of `demo_loaded()` written over the
    database, or every table emptied and filled with the demo's rows; then the database before
    written back the same way."""
    global _rows
    if not can_keep_demo_for_module():
        raise RuntimeError("demo_kept_for_module: SQLite or PostgreSQL outside a transaction")
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        before = _sqlite_copy()
        demo_loaded()
    else:
        before = _Rows.taken()
        if _rows is None:
            files = _first_load()
            _rows = (_Rows.taken(), files)
        else:
            _rows[0].put_back()
            shutil.copytree(_rows[1], default_storage.location, dirs_exist_ok=True)
        # Fresh statistics, or the planner takes the demo's tables for as empty as they were
        # and picks plans that scan them once per row.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    try:
        yield
    finally:
        if connection.in_atomic_block:
            raise RuntimeError("a transaction outlived the demo's tests")
        connection.ensure_connection()
        if isinstance(before, sqlite3.Connection):
            before.backup(connection.connection)
            before.close()
        else:
            before.put_back()
        ContentType.objects.clear_cache()
