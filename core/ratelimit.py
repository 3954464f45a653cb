"""Fixed-window rate limits counted in the database, atomically.

Each (scope, client, window) has one row in `RateCounter`; a hit is one statement,
INSERT … ON CONFLICT DO UPDATE SET hits = hits + 1 RETURNING hits, which PostgreSQL and
SQLite both run atomically, so parallel requests each get a count of their own. The counters
used to live in Django's cache: the database cache (the default deployment has no Redis)
increments by reading and writing back, and 200 parallel votes from one address got 28
through a limit of 20. A row per window keeps the statement free of any read-then-write;
windows that are over are deleted now and then (`prune`).

The public forms of several apps (public, awards, assistance) each declare their scopes once
as `Limits` and count through it.
"""

import random
import time
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, router

from core.client import client_ip
from core.models import RateCounter

# One hit in this many starts a new window's row and then also deletes the rows of windows
# that are over: the table stays small without a scheduled job.
_PRUNE_ONE_IN = 200


def upsert_sql(table: str) -> str:
    """The counting statement, portable between PostgreSQL and SQLite (3.35+)."""
    return (
        f'INSERT INTO "{table}" ("key", "hits", "expires") VALUES (%s, 1, %s) '
        f'ON CONFLICT ("key") DO UPDATE SET "hits" = "{table}"."hits" + 1 '
        'RETURNING "hits"'
    )


def window_key(scope: str, client: str, window: int, now: float | None) -> tuple[str, int]:
    """The counter's key and the Unix time its window ends."""
    bucket = int((now if now is not None else time.time()) // window)
    return f"{scope}:{client}:{bucket}"[:255], (bucket + 1) * window


def hit(scope: str, client: str, *, allowed: int, window: int, now: float | None = None) -> bool:
    """Count one request of `client` in `scope`; False once `allowed` hits were counted in
    the current window of `window` seconds."""
    key, expires = window_key(scope, client, window, now)
    hits = count(key, expires, router.db_for_write(RateCounter))
    if hits == 1 and random.randrange(_PRUNE_ONE_IN) == 0:
        prune(now=now)
    return hits <= allowed


def count(key: str, expires: int, db: str) -> int:
    """Count one hit on the counter `key`; the hits counted so far, this one included."""
    with connections[db].cursor() as cursor:
        cursor.execute(upsert_sql(RateCounter._meta.db_table), [key, expires])
        (hits,) = cursor.fetchone()
    return hits


def current(key: str, db: str) -> int:
    """The hits counted on `key` so far (0: none)."""
    return RateCounter.objects.using(db).filter(key=key).values_list("hits", flat=True).first() or 0


def prune(*, now: float | None = None) -> int:
    """Delete the counters of windows that are over; how many."""
    deleted, _ = RateCounter.objects.filter(
        expires__lt=int(now if now is not None else time.time())
    ).delete()
    return deleted


@dataclass(frozen=True)
class Limits:
    """The rate limits of one app's public forms, per client address: each scope's (hits
    allowed, window in seconds), which settings.<setting> may override scope by scope. The
    counters are named `<prefix>-<scope>`, so the apps' scopes never share one."""

    prefix: str
    defaults: Mapping[str, tuple[int, int]]
    setting: str

    def limit_for(self, scope: str) -> tuple[int, int]:
        overrides = getattr(settings, self.setting, {}) or {}
        return overrides.get(scope, self.defaults[scope])

    def hit(self, scope: str, client: str, *, now: float | None = None) -> bool:
        """Count one request of `client` in `scope`; False once the window's allowance is
        used."""
        allowed, window = self.limit_for(scope)
        return hit(f"{self.prefix}-{scope}", client, allowed=allowed, window=window, now=now)

    def hit_request(self, request, scope: str) -> bool:
        """`hit` for the request's client; clients whose address is unknown share one count."""
        return self.hit(scope, client_ip(request) or "unknown")
