"""Rate limit of the public request form, per client address, counted like the other public
forms' (core.ratelimit). Override with QM_ASSISTANCE_RATE_LIMITS in settings."""

from core.ratelimit import Limits

LIMITS = Limits(
    prefix="assistance",
    # scope -> (hits allowed, window in seconds)
    defaults={"request": (10, 600)},
    setting="QM_ASSISTANCE_RATE_LIMITS",
)
