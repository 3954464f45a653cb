"""Counts kept on write ("tallies"): the registry of their rebuilds.

Figure pages read counters that the writes maintain in their own transaction (issue #19).
Each family of counters (report completeness in `reports`, activity counts in `activities`)
can also be recomputed from the rows it counts: that recount is the definition, the
counters only a fast copy of it. Apps register their family's rebuild here in
AppConfig.ready(), because core may import no domain app; `manage.py recount` and the
property tests run every registered rebuild.

A rebuild is `rebuild(fix: bool) -> list[str]`: it compares every counter of its family
with the recount from the rows and returns one human-readable line per difference (an
empty list: all equal); with fix=True it also writes the right counts, in one transaction.
"""

from collections.abc import Callable

Rebuild = Callable[[bool], list[str]]

_REBUILDS: dict[str, Rebuild] = {}


def register(name: str, rebuild: Rebuild) -> None:
    """Register the rebuild of the family `name` (registering a name again replaces it, so
    that a ready() run twice, as in some test set-ups, does not fail)."""
    _REBUILDS[name] = rebuild


def registered() -> dict[str, Rebuild]:
    """The registered rebuilds by family name, in registration order (a copy)."""
    return dict(_REBUILDS)
