"""Rate limits of the public pages, per client address (registration, look-ups, votes).

Counted atomically in the database (`core.ratelimit`): the limit holds across every app
server and under parallel requests of one client.
"""

from django.conf import settings

from core import ratelimit

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
    return ratelimit.hit(f"public-{scope}", client, allowed=allowed, window=window, now=now)
