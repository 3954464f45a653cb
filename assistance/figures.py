"""The statistics form's assistance indicators, pre-filled from the recorded cases.

A statistics form with indicators of these codes (帮扶企业数 `assisted_enterprises`, 解决问题数
`problems_solved`) starts from the cases recorded in the unit's subtree for the campaign
(`reports.prefill` reads them through core.figure_sources).
"""

from django.utils.translation import gettext_noop

from core.figure_sources import register_figure_source

FIGURES = {
    "assisted_enterprises": ("enterprises", gettext_noop("平台记录：帮扶企业 %(n)s 家")),
    "problems_solved": ("solved", gettext_noop("平台记录：帮扶解决问题 %(n)s 个")),
}


def _counter(key: str):
    def count(unit, campaign_id: int) -> int:
        from assistance.selectors import figures  # models are loaded by now

        return figures(unit, campaign_id)[key]

    return count


def register_figures() -> None:
    for code, (key, label) in FIGURES.items():
        register_figure_source(code, label, _counter(key))
