"""督查通报: the superior closes a reporting round with a circular (通报) generated from the
supervision figures: completeness and timeliness per child, ranked; the units that reported
late and those that did not report, named; the typical cases of accepted reports commended.
It is an ordinary draft notice of kind 通报: edited in the notice form, issued with
`notice_issue` (delivered to the children's inboxes) and exported as the GB/T 9704 DOCX.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from campaigns.models import Notice
from campaigns.services import RECIPIENTS_TEXT, notice_create
from orgs import scoping
from orgs.models import OrgUnit
from reports import rules
from reports.models import ExpectedReport, Material, Report, ReportRequirement
from reports.selectors import Completeness, accepted_for_compilation, completeness_by_child

LIST_SEPARATOR = "、"

# The circular is an official document in Chinese whatever the clerk's page language (as
# RECIPIENTS_TEXT is): its wording below is not translated.


@dataclass
class CircularFigures:
    """What a 督查通报 says, before it is worded."""

    unit: OrgUnit
    requirement: ReportRequirement
    today: datetime.date
    ranked: list[Completeness]
    late: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # (unit name, case title) of the accepted reports' typical cases.
    cases: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> Completeness:
        sums = {
            name: sum(getattr(row, name) for row in self.ranked)
            for name in ("expected", "received", "on_time", "overdue")
        }
        return Completeness(**sums)


def _rank_key(row: Completeness) -> tuple:
    # Completeness first, then timeliness; ties in tree order, so the ranking is stable.
    return (-row.completeness, -row.timeliness, row.key)


def circular_figures(
    *, unit: OrgUnit, requirement: ReportRequirement, today: datetime.date | None = None
) -> CircularFigures:
    """The figures of `requirement` over `unit`'s subtree, as the supervision page shows them."""
    today = today or timezone.localdate()
    ranked = sorted(
        completeness_by_child(unit, requirement=requirement, today=today), key=_rank_key
    )
    expected = (
        ExpectedReport.objects.active()
        .filter(requirement=requirement, unit__path__startswith=unit.path)
        .select_related("unit", "report")
        .order_by("unit__path")
    )
    late, missing = [], []
    for row in expected:
        report: Report | None = getattr(row, "report", None)
        if report is None or not rules.is_received(report.status):
            missing.append(row.unit.display_name)
        elif report.is_late:
            late.append(row.unit.display_name)
    cases = [
        (case.unit_name or report.expected.unit.display_name, case.title)
        for report in accepted_for_compilation(unit, requirement=requirement)
        for case in report.cases.all()
    ]
    return CircularFigures(
        unit=unit,
        requirement=requirement,
        today=today,
        ranked=ranked,
        late=late,
        missing=missing,
        cases=cases,
    )


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _day(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _names(units: list[str]) -> str:
    return LIST_SEPARATOR.join(units)


def circular_body(figures: CircularFigures) -> list[dict]:
    """The circular's text as body blocks [{level, number, text}], the notice form's format."""
    requirement = figures.requirement
    notice = requirement.notice
    total = figures.total
    cited = f"《{notice.title}》" + (f"（{notice.doc_number}）" if notice.doc_number else "")
    materials = _names([m for m in requirement.materials if m in Material.values]) or "活动情况"
    due = f"于{_day(requirement.due_date)}前" if requirement.due_date else ""
    opening = (
        f"根据{cited}要求，各单位应{due}报送{materials}。"
        f"截至{_day(figures.today)}，应报单位{total.expected}个，已报{total.received}个，"
        f"报送率{_pct(total.completeness)}；按时报送{total.on_time}个，"
        f"及时率{_pct(total.timeliness)}。现将有关情况通报如下："
    )
    blocks = [
        {"level": 0, "number": "", "text": opening},
        {"level": 1, "number": "一、", "text": "各单位报送情况"},
        {"level": 0, "number": "", "text": "按报送率、及时率由高到低排列如下。"},
    ]
    for rank, row in enumerate(figures.ranked, start=1):
        text = (
            f"{row.label}：应报{row.expected}个，已报{row.received}个，"
            f"报送率{_pct(row.completeness)}，及时率{_pct(row.timeliness)}。"
        )
        blocks.append({"level": 3, "number": f"{rank}.", "text": text})
    late = f"{_names(figures.late)}逾期报送。" if figures.late else "无。"
    missing = f"截至通报之日，{_names(figures.missing)}未报送。" if figures.missing else "无。"
    blocks += [
        {"level": 1, "number": "二、", "text": "逾期报送的单位"},
        {"level": 0, "number": "", "text": late},
        {"level": 1, "number": "三、", "text": "未报送的单位"},
        {"level": 0, "number": "", "text": missing},
        {"level": 1, "number": "四、", "text": "典型案例"},
    ]
    if figures.cases:
        blocks.append({"level": 0, "number": "", "text": "以下典型案例经审核采用，予以通报表扬："})
        for n, (unit_name, title) in enumerate(figures.cases, start=1):
            blocks.append({"level": 3, "number": f"{n}.", "text": f"{unit_name}：{title}。"})
    else:
        blocks.append({"level": 0, "number": "", "text": "本轮暂无采用的典型案例。"})
    closing = "请逾期报送和未报送的单位认真查找原因，抓紧补报；各单位要认真总结经验，推广典型做法。"
    blocks.append({"level": 0, "number": "", "text": closing})
    return blocks


def circular_title(requirement: ReportRequirement) -> str:
    return f"关于{requirement.notice.campaign.year}年“质量月”活动报送情况的通报"


@transaction.atomic
def circular_draft(
    *, actor, requirement: ReportRequirement, today: datetime.date | None = None
) -> tuple[Notice, bool]:
    """生成督查通报: a draft 通报 of the unit that issued `requirement`, its body generated from
    the figures, addressed to the children that were expected to report. A draft already
    generated for this requirement and not yet issued is returned as it is (the clerk may
    have edited it), with False."""
    unit = requirement.notice.unit
    scoping.require(actor, scoping.Action.EDIT, unit)
    existing = (
        Notice.objects.filter(
            unit=unit,
            kind=Notice.Kind.CIRCULAR,
            status=Notice.Status.DRAFT,
            basis=requirement.notice,
        )
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing, False
    figures = circular_figures(unit=unit, requirement=requirement, today=today)
    recipients = [row.unit for row in figures.ranked if row.unit and row.unit.pk != unit.pk]
    notice = notice_create(
        actor=actor,
        campaign=requirement.notice.campaign,
        unit=unit,
        title=circular_title(requirement),
        kind=Notice.Kind.CIRCULAR,
        issuer_names=list(requirement.notice.issuer_names) or [unit.display_name],
        recipients_text=RECIPIENTS_TEXT.get(unit.kind, "")
        or LIST_SEPARATOR.join(u.display_name for u in recipients),
        body=circular_body(figures),
        basis=[requirement.notice],
        recipient_units=recipients,
    )
    return notice, True
