"""Settings for the test suite: production settings with a throw-away secret key."""

import copy
import os

os.environ.setdefault("QM_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("QM_PERSONAL_DATA_KEY", "test-only-personal-data-key-not-for-production-0123")

from qualitymonth.settings import *  # noqa: E402,F403

# Static files come from the finders in tests; no collectstatic run is needed.
STATIC_ROOT = VAR_DIR / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
# WhiteNoise then looks a static file up when one is asked for, instead of listing every file
# of every finder each time a test client loads the middleware (tens of milliseconds, once
# per test that uses a client).
WHITENOISE_AUTOREFRESH = True

# The figures cache in process memory (rate limits count in the database, core/ratelimit.py;
# public/tests/test_ratelimit_concurrency.py runs the database cache production uses).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The replica alias exists in every test run, as a test mirror of default (Django's "Testing
# primary/replica configurations"): no second database is created, the alias opens a second
# connection to the test database. Like a real replica, that connection sees only committed
# rows, so tests that read through it use transaction=True.
DATABASES["replica"] = {**copy.deepcopy(DATABASES["default"]), "TEST": {"MIRROR": "default"}}  # noqa: F405
# The router stays off for the suite, whatever the environment says: transactional tests that
# do not list the replica alias may not query it. core/tests/test_replica.py turns it on.
DATABASE_ROUTERS = []

# Figures are computed on every view in tests (a test changes data and looks again);
# core/tests/test_figures.py turns the cache on.
QM_FIGURES_CACHE_SECONDS = 0
