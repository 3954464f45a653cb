"""The statistics form's inspection indicators, pre-filled from the recorded results.

A statistics form with indicators of these codes (抽查机构数 `inspected_entities`, 发现问题数
`problems_found`, 立案数 `cases_filed`) starts from the results recorded in the unit's
subtree for the campaign (`reports.prefill` reads them through core.figure_sources).
"""

from django.utils.translation import gettext_noop

from core.figure_sources import register_figure_source

FIGURES = {
    "inspected_entities": ("inspected", gettext_noop("平台记录：双随机抽查机构 %(n)s 家")),
    "problems_found": ("problems", gettext_noop("平台记录：双随机抽查发现问题 %(n)s 家")),
    "cases_filed": ("cases", gettext_noop("平台记录：双随机抽查立案 %(n)s 件")),
}


def _counter(key: str):
    def count(unit, campaign_id: int) -> int:
        from inspections.selectors import result_figures  # models are loaded by now

        return result_figures(unit, campaign_id)[key]

    return count


def register_figures() -> None:
    for code, (key, label) in FIGURES.items():
        register_figure_source(code, label, _counter(key))
