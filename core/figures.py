"""Counts over a nation's activities, computed once a minute rather than once a page view.

The national dashboard's activity counts and the public home's month calendar each aggregate
up to a million activities (0.2–0.4 s on PostgreSQL); every supervisor opening the dashboard
and every visitor opening the home page would run them again. They are figures, not a clerk's
own data — dashboards already accept a replica's lag — so they are kept in the shared cache
(Django's cache framework: the database table by default, Redis if configured) for
QM_FIGURES_CACHE_SECONDS; 0 turns this off. A clerk's own pages never read through here.
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
