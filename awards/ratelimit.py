"""Rate limits of the awards' public forms, per client address, counted like the other public
forms' (core.ratelimit). Override with QM_AWARDS_RATE_LIMITS in settings."""

from django.conf import settings

from core import ratelimit

# scope -> (hits allowed, window in seconds)
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "code": (5, 600),  # e-mails sent: each costs a message to someone's inbox
    "apply": (20, 600),
    "objection": (10, 600),
}


def hit(scope: str, client: str) -> bool:
    """Count one request; False once the window's allowance is used."""
    overrides = getattr(settings, "QM_AWARDS_RATE_LIMITS", {}) or {}
    allowed, window = overrides.get(scope, DEFAULT_LIMITS[scope])
    return ratelimit.hit(f"awards-{scope}", client, allowed=allowed, window=window)
