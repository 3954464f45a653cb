"""What a level's own report to its superior starts from (本级报送的预填).

A province reports to the nation on the national notice's requirement; its cities reported to
it on the province's plan, which implements that notice (`Notice.basis`) and inherits its
statistics form. So the province's figures start as the sums of its cities' **accepted**
reports on that plan, indicator by indicator (same code), and, where an indicator is one the
platform records itself, from what it recorded in the unit's subtree for the campaign:
completed activities, public-event registrations and check-ins. Each value stays editable;
the page shows where it came from.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from activities.models import Activity
from campaigns.models import Notice
from core.figure_sources import FIGURE_SOURCES
from reports.models import Report, ReportRequirement, StatisticValue
from reports.services import statistic_fields_of

# Shown under the checklist of the report edit page, naming the pre-filled indicators.
MSG_PREFILLED = gettext_noop("统计指标%(labels)s已预填，保存草稿或报送时随本报告一并保存。")
# Where a pre-filled figure came from: the sum of the subordinates' accepted reports.
MSG_SUBORDINATE_TOTAL = gettext_noop("下级已采纳报送合计 %(total)s（%(parts)s）")

# Indicator codes the platform can count itself, and which figure each takes.
PLATFORM_FIGURES = {
    "activities": "completed_activities",
    "participants": "checkins",
    "registrations": "registrations",
    "checkins": "checkins",
}


@dataclass
class Prefill:
    """One indicator's suggested value and the sources it was taken from, as the clerk reads
    them next to the input."""

    value: Decimal | None = None
    sources: list[str] = field(default_factory=list)


def number_text(value: Decimal | int) -> str:
    """3500.0000 → "3,500"; 0.3000 → "0.3"."""
    if isinstance(value, int):
        return f"{value:,}"
    value = value.normalize()
    return f"{value:,f}" if value == value.to_integral_value() else f"{value:,}"


def report_prefill(report: Report) -> dict[str, Prefill]:
    """The suggested values of `report`'s numeric indicators, by code: the sum of the accepted
    reports the unit received on the plans implementing the requirement's notice (naming each
    subordinate), else the platform's own figure. A few queries, on the edit page only."""
    requirement = report.requirement
    unit = report.unit
    fields = [f for f in statistic_fields_of(requirement) if f.is_numeric]
    result = {f.code: Prefill() for f in fields}
    if not fields:
        return result
    own_plans = ReportRequirement.objects.filter(
        notice__unit=unit, notice__basis=requirement.notice
    ).values("pk")
    parts = (
        StatisticValue.objects.filter(
            report__expected__requirement__in=own_plans,
            report__expected__removed_at__isnull=True,
            report__status=Report.Status.ACCEPTED,
            field__code__in=list(result),
            number__isnull=False,
        )
        .values("field__code", "report__expected__unit__name", "report__expected__unit__path")
        .annotate(total=Sum("number"))
        .order_by("report__expected__unit__path")
    )
    by_code: dict[str, list[tuple[str, Decimal]]] = {}
    for row in parts:
        by_code.setdefault(row["field__code"], []).append(
            (row["report__expected__unit__name"], row["total"])
        )
    separator = pgettext("list separator", "、")
    for code, items in by_code.items():
        total = sum((Decimal(str(t)) for _name, t in items), Decimal(0))
        result[code].value = total
        result[code].sources.append(
            _(MSG_SUBORDINATE_TOTAL)
            % {
                "total": number_text(total),
                "parts": separator.join(
                    f"{name} {number_text(Decimal(str(t)))}" for name, t in items
                ),
            }
        )
    wanted = {PLATFORM_FIGURES[c] for c in result if c in PLATFORM_FIGURES}
    if wanted:
        figures = platform_figures(unit, requirement.notice.campaign_id)
        for code, prefill in result.items():
            figure = PLATFORM_FIGURES.get(code)
            if figure is None or not figures[figure]:
                continue
            prefill.sources.append(_(FIGURE_TEXT[figure]) % {"n": number_text(figures[figure])})
            if prefill.value is None:
                prefill.value = Decimal(figures[figure])
    _registered_figures(unit, requirement.notice.campaign_id, result)
    return result


def _registered_figures(unit, campaign_id: int, result: dict[str, Prefill]) -> None:
    """Figures counted by apps above reports (inspections …), registered in
    core.figure_sources; the platform's own count, like FIGURE_TEXT's."""
    for code, prefill in result.items():
        if code not in FIGURE_SOURCES:
            continue
        label, count = FIGURE_SOURCES[code]
        n = count(unit, campaign_id)
        if not n:
            continue
        prefill.sources.append(_(label) % {"n": number_text(n)})
        if prefill.value is None:
            prefill.value = Decimal(n)


FIGURE_TEXT = {
    "completed_activities": gettext_noop("平台记录：本级及下级已完成活动 %(n)s 项"),
    "registrations": gettext_noop("平台记录：公众活动报名 %(n)s 人"),
    "checkins": gettext_noop("平台记录：公众活动签到 %(n)s 人次"),
}


def platform_figures(unit, campaign_id: int) -> dict[str, int]:
    """What the platform recorded in `unit`'s subtree for the campaign: completed activities
    of its plans, confirmed registrations and check-ins at their public events. Two queries."""
    from public.models import Registration

    notices = Notice.objects.filter(
        unit__path__startswith=unit.path, campaign_id=campaign_id
    ).values("pk")
    completed = Activity.objects.filter(notice__in=notices, status=Activity.Status.DONE).count()
    people = Registration.objects.filter(event__activity__notice__in=notices).aggregate(
        registrations=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        checkins=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    return {"completed_activities": completed, **people}
