"""Figures shown to many (dashboard counts, the public home's calendar), optionally reused
for a while.

The figure pages read counts kept on write (`core.tallies`: each family's counters are
changed in the same transaction as the write that changes what they count), so a view costs
a few indexed rows whatever the size of the campaign and is never stale. This cache is
therefore off by default (QM_FIGURES_CACHE_SECONDS=0); a positive value keeps the figures in
the shared cache (the database table by default, Redis if configured) for that many seconds,
which `make bench` uses to time the cached pages against the fresh ones. A clerk's own pages
never read through here.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

T = TypeVar("T")


def cached_figures(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its result from the last QM_FIGURES_CACHE_SECONDS. `key` must name
    every input of the computation; results must not depend on the active language."""
    seconds = getattr(settings, "QM_FIGURES_CACHE_SECONDS", 0)
    if seconds <= 0:
        return compute()
    return cache.get_or_set(f"qm-figures:{key}", compute, timeout=seconds)
