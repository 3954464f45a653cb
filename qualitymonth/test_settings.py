"""Settings for the test suite: production settings with a throw-away secret key."""

import os

os.environ.setdefault("QM_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from qualitymonth.settings import *  # noqa: E402,F403

# Static files come from the finders in tests; no collectstatic run is needed.
STATIC_ROOT = VAR_DIR / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True

# Rate-limit counters in process memory: tests that need no database stay database-free.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
