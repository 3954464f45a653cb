"""Downloads of the reporting flow: the statistics table of a subtree (XLSX) and the
compilation (汇编) of accepted summaries and typical cases (DOCX)."""

import io
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from core.xlsx import xlsx_response
from orgs.models import OrgUnit
from reports import selectors
from reports.models import ReportRequirement
from reports.sanitize import plain_text


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def statistics_xlsx(unit: OrgUnit, requirement: ReportRequirement):
    """One row per child unit of `unit`, summed over its subtree, and a total row."""
    rollup = selectors.statistics_rollup(unit, requirement=requirement)
    header = [_("单位"), _("已报送单位数")] + [str(f) for f in rollup.fields]
    rows = [[r.label, r.received] + [_number(v) for v in r.values] for r in rollup.rows]
    rows.append([_("合计"), rollup.received] + [_number(v) for v in rollup.total])
    return xlsx_response(
        filename=f"{unit.name}-{requirement.notice.title[:40]}-统计表.xlsx",
        sheet_title=_("统计表"),
        header=header,
        rows=rows,
    )


def compilation_docx(unit: OrgUnit, requirement: ReportRequirement) -> HttpResponse:
    """The accepted reports of the subtree as one document: a heading per unit, its summary,
    then its typical cases."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    title = _("%(unit)s质量月活动工作总结和典型案例汇编") % {"unit": unit.display_name}
    document.add_heading(title, level=0)
    document.add_paragraph(requirement.notice.title)
    reports = list(selectors.accepted_for_compilation(unit, requirement=requirement))
    if not reports:
        document.add_paragraph(_("暂无已采用的报送材料。"))
    for report in reports:
        document.add_heading(report.unit.display_name, level=1)
        for line in plain_text(report.summary).split("\n"):
            if line:
                document.add_paragraph(line)
        cases = list(report.cases.all())
        if cases:
            document.add_heading(_("典型案例"), level=2)
        for case in cases:
            heading = case.title + (f"（{case.unit_name}）" if case.unit_name else "")
            document.add_heading(heading, level=3)
            for line in plain_text(case.description).split("\n"):
                if line:
                    document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    filename = f"{unit.name}-典型案例汇编.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
