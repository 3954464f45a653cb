import os
import time

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from core.testing.demo import can_keep_demo_for_module, demo_kept_for_module
from core.testing.s3 import seaweedfs
from core.testing.selection import touches_database
from core.testing.shared import Layer, WorldKeeper, layers_needed
from core.testing.world import Reporting, World, build_reporting, build_world
from reports.services import forget_statistic_fields
from seeding.demo import demo_load


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    where = db["NAME"] if db["ENGINE"].endswith("sqlite3") else f"{db['HOST']}:{db['PORT']}"
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} ({where})"


def _file_storages(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_tests(settings, request):
    # Argon2 is deliberately slow; tests that check hashing ask for it explicitly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if "demo" in request.fixturenames:
        # The module's demo wrote its uploads to the module's folder: its tests read them there.
        settings.STORAGES = request.getfixturevalue("demo_storages")
    else:
        settings.STORAGES = _file_storages(str(request.getfixturevalue("tmp_path") / "media"))


@pytest.fixture(scope="module")
def demo_storages(tmp_path_factory) -> dict:
    """The files of the module's demo (report photos and videos, posters), one folder."""
    return _file_storages(str(tmp_path_factory.mktemp("demo-media")))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_storages):
    """The demo (`manage.py load_demo`), there for the module's tests that ask for it.

    There for every test here (each test's own transaction is rolled back) and for no test
    elsewhere: the process's one load is copied in and the database before is copied back at
    the module's end (core/testing/demo.py). Inside a transaction already (a shared world's),
    one more transaction around the module loads it and is rolled back at its end.
    """
    with django_db_blocker.unblock(), override_settings(STORAGES=demo_storages):
        if can_keep_demo_for_module():
            with demo_kept_for_module():
                yield
            return
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_load()
            if connection.vendor == "postgresql":
                # Autovacuum never sees rows of an open transaction: without fresh statistics
                # the planner takes the demo's tables for empty and picks plans that scan
                # them once per row (a report page took minutes). ANALYZE inside the
                # transaction reads its own rows.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _default_language():
    """LocaleMiddleware leaves the last request's language active in the worker's thread: an
    English request must not turn the next test's strings English."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_statistics_forms_kept():
    """Each test's database starts over and may give a new requirement the id (and, within a
    microsecond, the change time) of an old one: the forms kept by the process go with it."""
    yield
    forget_statistic_fields()


# --- The shared worlds (core/testing/world.py), built once per process: core/testing/shared.py ---

# QM_SHARED_WORLD=0 builds them for every test, as before: to measure, or to rule them out.
LAYERS = (
    []
    if os.environ.get("QM_SHARED_WORLD") == "0"
    else [Layer("world", build_world), Layer("reporting", build_reporting)]
)
_keeper: WorldKeeper | None = None
_current_item: pytest.Item | None = None


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="只运行用到数据库的测试（PostgreSQL 那一轮：其余测试与数据库无关，SQLite 一轮已运行）。",
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL run keeps only the tests that reach the database: a parser or document
    test gives the same answer on either server, and pytest-django refuses a test that reaches
    the database without asking, so none is dropped that would have exercised PostgreSQL.

    Within each module's run of tests (pytest-django has already put the rolled-back ones
    before the transactional ones), the tests that share the most layers come first: a layer is
    built once for a row of modules that share it, and module-scoped fixtures still run once."""
    if config.getoption("database_tests_only"):
        elsewhere = [item for item in items if not touches_database(item)]
        if elsewhere:
            config.hook.pytest_deselected(items=elsewhere)
            items[:] = [item for item in items if touches_database(item)]
    runs: list[list[pytest.Item]] = []
    for item in items:
        if runs and getattr(runs[-1][0], "module", None) is getattr(item, "module", None):
            runs[-1].append(item)
        else:
            runs.append([item])
    items[:] = [
        item for run in runs for item in sorted(run, key=lambda i: -layers_needed(i, LAYERS))
    ]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before the test's fixtures: pytest-django's savepoint must open inside the world's
    # transaction, and a test that does not share the world must not find it.
    global _current_item
    _current_item = item
    if _keeper is not None:
        _keeper.sync(item)


@pytest.fixture(scope="session")
def _world_keeper(django_db_setup, django_db_blocker):
    global _keeper
    _keeper = WorldKeeper(LAYERS, django_db_blocker)
    if _current_item is not None:
        _keeper.sync(_current_item)
    yield _keeper
    _keeper.close()
    _keeper = None


@pytest.fixture
def world(_world_keeper, db) -> World:
    # A transactional test commits and flushes: it builds its own world.
    return _world_keeper.get("world") or build_world()


@pytest.fixture
def reporting(_world_keeper, world) -> Reporting:
    return _world_keeper.get("reporting") or build_reporting(world)


@pytest.fixture
def client_for(client):
    """Log the test client in as `user` and return it."""

    def login(user):
        client.force_login(user)
        return client

    return login


# --- Browser tests: Debian's Chromium driven by Playwright (no browser download) ---

CHROMIUM_ARGS = [
    "--no-sandbox",  # root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("QM_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.fail(f"Chromium not found at {executable}; `make test` installs it with apt.")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
    # test body are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _server_idle_before_flush(request):
    """Close the test's browser pages and let the server finish what they asked for, then flush.

    A test may end while an htmx request it set off is still being served; on SQLite the flush
    then meets a locked table, fails, and leaves this test's rows for the next test to trip over.
    Depending on ``transactional_db`` makes this teardown run before the flush.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    server = request.getfixturevalue("live_server")
    browser = request.getfixturevalue("chromium") if "chromium" in request.fixturenames else None
    yield
    if browser is not None:
        for context in list(browser.contexts):
            context.close()
    deadline = time.monotonic() + 10.0
    # socketserver keeps its request threads in the instance once it has served one.
    for thread in list(vars(server.thread.httpd).get("_threads", ())):
        thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture
def screenshot_dir():
    path = os.path.join(os.path.dirname(__file__), "screenshots")
    os.makedirs(path, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """(endpoint, boto3 client) of a SeaweedFS S3 server with the test bucket, one per module."""
    with seaweedfs(tmp_path_factory.mktemp("seaweedfs")) as endpoint_and_client:
        yield endpoint_and_client


@pytest.fixture
def db_vendor(db):
    return connection.vendor
