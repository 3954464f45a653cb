"""Spreadsheet downloads that open in WPS and Excel.

One rule for every XLSX the platform writes: text stays text. openpyxl stores a string that
starts with "=" as a live formula and one that reads like "#N/A" as an error value; in a
registration list, a visitor's name "=HYPERLINK(…)" would then run in the clerk's Excel
(formula injection). Every string goes out as a string cell (`text_cell`; the schedule
writer in exports/schedule_xlsx.py does the same), numbers stay numbers.
"""

import tempfile
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
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
        sheet.append([text_cell(sheet, value) for value in row])
    spool = tempfile.TemporaryFile()
    workbook.save(spool)
    spool.seek(0)
    response = FileResponse(
        spool,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def text_cell(sheet, value):
    """`value` as it should be stored: a string as a string cell whatever it starts with,
    anything else unchanged. Only the strings openpyxl would store otherwise get a cell of
    their own; the others go through as they are (the statistics export writes thousands)."""
    if not isinstance(value, str):
        return value
    if ILLEGAL_CHARACTERS_RE.search(value):
        # Control characters (a name pasted with \x01 in it) are not allowed in the file's
        # XML; openpyxl would refuse the whole export.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not (value.startswith("=") or value in ERROR_CODES):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _header_cell(sheet, text: str, font: Font):
    cell = WriteOnlyCell(sheet, value=str(text))
    cell.data_type = "s"
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center")
    return cell
