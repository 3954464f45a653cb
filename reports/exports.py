"""Downloads of the reporting flow: the statistics table of a subtree (XLSX) and the
compilation (汇编) of accepted summaries and typical cases (DOCX)."""

import io
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from core.xlsx import xlsx_response
from orgs.models import OrgUnit
from reports import selectors
from reports.models import ReportFile, ReportRequirement
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


# Photos go in at the thumbnail's size (320 px): a province's compilation holds hundreds, and
# the originals (up to 20 MB each) would make a file nobody can mail; the full photo stays
# one click away on the platform.
PHOTO_WIDTH = Cm(7)


def _photos(document, files: list[ReportFile]) -> None:
    """The photos among `files`, each from its thumbnail, with its caption below."""
    for item in files:
        if item.kind != ReportFile.Kind.PHOTO or not item.thumbnail:
            continue
        with item.thumbnail.storage.open(item.thumbnail.name, "rb") as stored:
            document.add_picture(io.BytesIO(stored.read()), width=PHOTO_WIDTH)
        document.add_paragraph(item.caption or item.original_name, style="Caption")


def compilation_docx(unit: OrgUnit, requirement: ReportRequirement) -> HttpResponse:
    """The accepted reports of the subtree as one document: a heading per unit, its summary
    and photos, then its typical cases with theirs."""
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
        files = list(report.files.all())
        _photos(document, [f for f in files if f.case_id is None])
        cases = list(report.cases.all())
        if cases:
            document.add_heading(_("典型案例"), level=2)
        for case in cases:
            heading = case.title + (f"（{case.unit_name}）" if case.unit_name else "")
            document.add_heading(heading, level=3)
            for line in plain_text(case.description).split("\n"):
                if line:
                    document.add_paragraph(line)
            _photos(document, [f for f in files if f.case_id == case.pk])
    out = io.BytesIO()
    document.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    filename = f"{unit.name}-典型案例汇编.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
