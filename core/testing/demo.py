"""The demo data (`manage.py load_demo`) for tests that need it whole, loaded once per process.

A browser test runs against the live server in a transactional test, which empties the
database when it ends; each such test that walks the demo would load it again: every division
of the country, the five seeds parsed and issued, the reports of a round (15-30 s, several
times per file). On SQLite, where the browser tests run, the first load is copied aside with
SQLite's own backup API, with the files it wrote, and each later test gets both back in a
fraction of a second. On another database the demo is loaded every time, as before.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import connection

from seeding.demo import demo_load

# (the database right after the first load, the folder its uploads were copied to)
_snapshot: tuple[sqlite3.Connection, Path] | None = None


def demo_loaded() -> None:
    """The demo in the test database and in the test's file storage, as `demo_load()` leaves
    them: its tables and the files its reports and posters uploaded."""
    global _snapshot
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        # A test inside a transaction rolls back what it loads: nothing to copy back later.
        demo_load()
        return
    connection.ensure_connection()
    media = Path(default_storage.location)
    if _snapshot is None:
        demo_load()
        database = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(database)
        files = Path(tempfile.mkdtemp(prefix="qm-demo-media-"))
        if media.exists():
            shutil.copytree(media, files, dirs_exist_ok=True)
        _snapshot = (database, files)
        return
    database, files = _snapshot
    database.backup(connection.connection)
    shutil.copytree(files, media, dirs_exist_ok=True)
    # The content types were made again after the last test's flush, under other ids: the
    # process's cache of them must not outlive the rows it describes.
    ContentType.objects.clear_cache()
