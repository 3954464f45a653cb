"""Figures a report's statistics form is pre-filled with that apps above reports count.

`reports.prefill` pre-fills a unit's own report from what the platform recorded; some of
those figures are counted by apps that sit above reports in the house (inspections:
抽查机构数, 发现问题数, 立案数) and that reports therefore may not import, while those apps
may not import reports either. Both import this registry on the ground floor: the counting
app registers in its AppConfig.ready(), reports reads.
"""

from collections.abc import Callable

# By indicator code: (label, count). `label` is a gettext_noop message with %(n)s;
# `count(unit, campaign_id)` gives the figure for the unit's subtree in that campaign.
FIGURE_SOURCES: dict[str, tuple[str, Callable[[object, int], int]]] = {}


def register_figure_source(code: str, label: str, count: Callable[[object, int], int]) -> None:
    FIGURE_SOURCES[code] = (label, count)
