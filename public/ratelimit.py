"""Rate limits of the public pages, per client address (registration, look-ups, votes).

Counted atomically in the database (`core.ratelimit`): the limit holds across every app
server and under parallel requests of one client. Override with QM_PUBLIC_RATE_LIMITS.
"""

from core.ratelimit import Limits

LIMITS = Limits(
    prefix="public",
    # scope -> (hits allowed, window in seconds)
    defaults={
        "register": (10, 600),
        "lookup": (30, 600),
        "vote": (20, 600),
    },
    setting="QM_PUBLIC_RATE_LIMITS",
)
# The scope's counter for callers that pass the client themselves (tests pass `now`).
hit = LIMITS.hit
