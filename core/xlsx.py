"""Spreadsheet downloads that open in WPS and Excel."""

import tempfile
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font


def xlsx_response(
    *, filename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence]
) -> FileResponse:
    """Stream rows into a write-only workbook on disk (memory stays flat however many rows)
    and send it as an attachment named `filename` (Chinese names survive via RFC 5987).
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_header_cell(sheet, text, bold) for text in header])
    for row in rows:
        sheet.append(list(row))
    spool = tempfile.TemporaryFile()
    workbook.save(spool)
    spool.seek(0)
    response = FileResponse(
        spool,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _header_cell(sheet, text: str, font: Font):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center")
    return cell
