"""Rate limit of the public request form, per client address, counted like the other public
forms' (core.ratelimit). Override with QM_ASSISTANCE_RATE_LIMITS in settings."""

from django.conf import settings

from core import ratelimit

# scope -> (hits allowed, window in seconds)
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {"request": (10, 600)}


def hit(scope: str, client: str) -> bool:
    """Count one request; False once the window's allowance is used."""
    overrides = getattr(settings, "QM_ASSISTANCE_RATE_LIMITS", {}) or {}
    allowed, window = overrides.get(scope, DEFAULT_LIMITS[scope])
    return ratelimit.hit(f"assistance-{scope}", client, allowed=allowed, window=window)
