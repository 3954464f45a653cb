"""Rate limits of the awards' public forms, per client address, counted like the other public
forms' (core.ratelimit). Override with QM_AWARDS_RATE_LIMITS in settings."""

from core.ratelimit import Limits

LIMITS = Limits(
    prefix="awards",
    # scope -> (hits allowed, window in seconds)
    defaults={
        "code": (5, 600),  # e-mails sent: each costs a message to someone's inbox
        "apply": (20, 600),
        "objection": (10, 600),
    },
    setting="QM_AWARDS_RATE_LIMITS",
)
