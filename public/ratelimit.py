"""A small fixed-window rate limiter on Django's cache.

Each (scope, client) pair gets a counter per window; the first hit creates it with the window
as its timeout, later hits increment it. Good enough against floods from one client; it is not
a precise sliding window, and a cache shared by all web processes (database or Redis cache)
is needed for the limit to hold across processes.
"""

import time

from django.conf import settings
from django.core.cache import cache

# scope -> (hits allowed, window in seconds); override with QM_PUBLIC_RATE_LIMITS in settings.
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "register": (10, 600),
    "lookup": (30, 600),
    "vote": (20, 600),
}


def limit_for(scope: str) -> tuple[int, int]:
    overrides = getattr(settings, "QM_PUBLIC_RATE_LIMITS", {}) or {}
    return overrides.get(scope, DEFAULT_LIMITS[scope])


def hit(scope: str, client: str, *, now: float | None = None) -> bool:
    """Count one request of `client` in `scope`; False once the window's allowance is used."""
    allowed, window = limit_for(scope)
    bucket = int((now if now is not None else time.time()) // window)
    key = f"qm-rl:{scope}:{client}:{bucket}"
    # add() is a no-op when the key exists, so two first hits cannot reset each other.
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window + 1)
        count = 1
    return count <= allowed
