"""The activity schedule (活动计划安排表) as XLSX, both ways.

``write_schedule`` lays it out as Yong'an's attachment 2 does; ``read_schedule`` takes back
what units fill in, whether written by us or pasted together by hand in WPS (a title above the
header, the header repeated every few rows, merged cells, 序号 typed as 1.0). Deciding what a
window like "9-10 月" means and which unit names exist is the caller's business: it passes
``parse_window`` and ``known_units`` in, so this package stays free of Django and of the
notice parser. So is translation: messages are Chinese, and a caller that shows them in
another language passes ``translate`` (Django's ``gettext``) too.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.documents import SCHEDULE_COLUMNS, SCHEDULE_WIDTHS, ScheduleRow, split_unit_names

# Column widths in Excel character units, proportional to the DOCX table's.
_WIDTH_SCALE = 1.6

MAX_ROWS = 1000
MAX_BYTES = 5 * 1024 * 1024
# An XLSX is a zip: a small file can unpack to gigabytes of XML (a zip bomb), so the
# uncompressed size is capped before openpyxl reads anything.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024


def gettext_noop(message: str) -> str:
    """Marks a message for Django's makemessages (which looks for this name) without importing
    Django; the caller's ``translate`` translates it."""
    return message


def _untranslated(message: str) -> str:
    return message


# Error messages, as constants so tests and views compare against the same text. Translated
# before the {placeholders} are filled in.
MSG_TOO_LARGE = gettext_noop("文件过大（超过 {limit}），请拆分后再导入")
MSG_NOT_XLSX = gettext_noop(
    "不是有效的 Excel（.xlsx）文件，请用 Excel 或 WPS 另存为 .xlsx 后再导入"
)
MSG_NO_HEADER = gettext_noop("未找到表头行：表头应包含“活动主题”“活动内容”“时间安排”“牵头部门”")
MSG_TOO_MANY_ROWS = gettext_noop("行数过多（超过 {limit} 行），请拆分后再导入")
MSG_THEME_EMPTY = gettext_noop("活动主题为空")
MSG_WINDOW_UNREADABLE = gettext_noop("时间安排无法识别：{value}")
# Not errors: the inline editor keeps a name it cannot match (flagged 未匹配), and so does the
# import; the clerk is told which ones, as the editor shows them.
MSG_UNMATCHED_LEAD = gettext_noop("牵头部门未匹配，按原文保留：{value}")
MSG_UNMATCHED_SUPPORT = gettext_noop("协办单位未匹配，按原文保留：{value}")
MSG_SEQ_NOT_NUMBER = gettext_noop("序号不是整数：{value}")
MSG_SEQ_DUPLICATE = gettext_noop("序号重复：{value}")

# Spellings of each column seen in schedules; the key is the canonical Yong'an name.
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "序号": ("序号", "编号"),
    "活动主题": ("活动主题", "活动名称", "主题"),
    "活动内容": ("活动内容", "内容", "主要内容"),
    "时间安排": ("时间安排", "时间", "活动时间", "完成时间"),
    "牵头部门": ("牵头部门", "牵头单位", "负责部门", "责任部门", "牵头科室"),
    "协办单位": ("协办单位", "配合单位", "协办部门", "配合部门"),
    "备注": ("备注",),
}
_REQUIRED = ("活动主题", "活动内容", "时间安排", "牵头部门")
_FIELDS = {
    "活动主题": "theme",
    "活动内容": "content",
    "时间安排": "window",
    "牵头部门": "lead",
    "协办单位": "support",
    "备注": "remark",
}
_SPACES = re.compile(r"[\s\u3000]+")


class ScheduleFileError(Exception):
    """The file as a whole cannot be read as a schedule; ``message`` is for the user, made of
    ``template`` (an ``MSG_*``) and ``params``."""

    def __init__(self, template: str, **params: object) -> None:
        self.template, self.params = template, params
        self.message = template.format(**params)
        super().__init__(self.message)


@dataclass(frozen=True)
class RowError:
    """One problem in one cell: ``row`` is the row number Excel shows, ``column`` the header as
    the file has it (Chinese, whatever the language of the page), ``message`` for the user."""

    row: int
    column: str
    message: str


@dataclass
class ScheduleImport:
    """The result of reading a schedule: all rows, or (``ok`` False) no rows and every error."""

    rows: list[ScheduleRow] = field(default_factory=list)
    # What parse_window returned for each row, in the same order as ``rows``.
    windows: list[object] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Names matched to no unit or department: kept as written and flagged, never refused.
    unmatched: list[RowError] = field(default_factory=list)
    header_row: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------------------------------
# Writing


def write_schedule(rows: Iterable[ScheduleRow], out: BinaryIO | str | Path, title: str) -> None:
    """Write the schedule as one sheet: title row, Yong'an's header, one row per activity."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "活动计划安排表"
    columns = len(SCHEDULE_COLUMNS)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centred = Alignment(wrap_text=True, vertical="center", horizontal="center")

    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    _text(sheet.cell(1, 1), title)
    sheet.cell(1, 1).font = Font(name="宋体", size=16, bold=True)
    sheet.cell(1, 1).alignment = centred
    sheet.row_dimensions[1].height = 36

    for col, name in enumerate(SCHEDULE_COLUMNS, start=1):
        cell = sheet.cell(2, col)
        _text(cell, name)
        cell.font = Font(name="宋体", size=11, bold=True)
        cell.alignment = centred
        cell.border = border
        width = SCHEDULE_WIDTHS[col - 1] * _WIDTH_SCALE
        sheet.column_dimensions[get_column_letter(col)].width = max(width, 8)

    for r, row in enumerate(rows, start=3):
        values = row.cells()
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(r, col)
            if col == 1:
                # 序号 as a number, so the column sorts numerically in Excel.
                cell.value = row.seq
            else:
                _text(cell, value)
            cell.font = Font(name="宋体", size=11)
            cell.border = border
            cell.alignment = wrap if SCHEDULE_WIDTHS[col - 1] > 12 else centred

    # Header stays visible while scrolling and is printed on every page.
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    workbook.save(out)


def _text(cell: Cell, value: str) -> None:
    """Store ``value`` as a string cell. openpyxl would turn "=..." into a formula; text typed
    by users must never run in someone else's Excel."""
    cell.value = value
    cell.data_type = "s"


# ---------------------------------------------------------------------------------------
# Reading

Source = str | PathLike[str] | bytes | BinaryIO


def read_schedule(
    file: Source,
    *,
    parse_window: Callable[[str], object | None],
    known_units: Callable[[str], bool] | Collection[str],
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_BYTES,
    translate: Callable[[str], str] = _untranslated,
) -> ScheduleImport:
    """Read a schedule XLSX.

    Raises ``ScheduleFileError`` when the file as a whole is unusable (too large, not an XLSX,
    no header row, too many rows). Otherwise returns a ``ScheduleImport``: every row when all
    are valid, or no rows and the full list of per-cell errors. Every message goes through
    ``translate`` (one of the ``MSG_*`` constants in, the reader's language out).
    """
    try:
        return _read_schedule(file, parse_window, known_units, max_rows, max_bytes, translate)
    except ScheduleFileError as error:
        error.message = translate(error.template).format(**error.params)
        raise


def _read_schedule(
    file: Source,
    parse_window: Callable[[str], object | None],
    known_units: Callable[[str], bool] | Collection[str],
    max_rows: int,
    max_bytes: int,
    translate: Callable[[str], str],
) -> ScheduleImport:
    data = _read_bytes(file, max_bytes)
    sheet = _open_sheet(data)
    if sheet.max_row > max_rows + 10:
        # A few rows of slack for the title, header and repeated headers around the data.
        raise ScheduleFileError(MSG_TOO_MANY_ROWS, limit=max_rows)
    grid = _grid(sheet)
    header_index, columns = _find_header(grid)
    is_known = known_units.__contains__ if isinstance(known_units, Collection) else known_units

    result = ScheduleImport(header_row=header_index + 1)
    seen_seq: dict[int, int] = {}
    data_rows = 0
    for index in range(header_index + 1, len(grid)):
        values = grid[index]
        if not any(values) or _header_columns(values) is not None:
            continue  # blank line, or the header repeated (Yong'an's table does it per page)
        data_rows += 1
        if data_rows > max_rows:
            raise ScheduleFileError(MSG_TOO_MANY_ROWS, limit=max_rows)
        row_number = index + 1
        cells = {name: values[col] if col < len(values) else "" for name, col in columns.items()}
        row, window = _parse_row(
            cells, row_number, data_rows, parse_window, is_known, translate, result
        )
        if row is not None:
            if row.seq in seen_seq:
                message = translate(MSG_SEQ_DUPLICATE).format(value=row.seq)
                result.errors.append(RowError(row_number, "序号", message))
            seen_seq[row.seq] = row_number
            result.rows.append(row)
            result.windows.append(window)
    if result.errors:
        # Never hand back part of a schedule: the caller would import some rows and not others.
        result.rows.clear()
        result.windows.clear()
        result.unmatched.clear()
    return result


def _read_bytes(file: Source, max_bytes: int) -> bytes:
    if isinstance(file, bytes):
        data = file
    elif isinstance(file, str | PathLike):
        path = Path(file)
        if path.stat().st_size > max_bytes:
            raise ScheduleFileError(MSG_TOO_LARGE, limit=_human(max_bytes))
        data = path.read_bytes()
    else:
        # Read one byte past the limit, so an oversized upload is never read whole.
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ScheduleFileError(MSG_TOO_LARGE, limit=_human(max_bytes))
    return data


def _open_sheet(data: bytes) -> Worksheet:
    if not data.startswith(b"PK\x03\x04"):
        # .xls (OLE2), CSV and renamed files all land here; openpyxl reads only .xlsx.
        raise ScheduleFileError(MSG_NOT_XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise ScheduleFileError(MSG_NOT_XLSX)  # a zip, but not a workbook (e.g. a .docx)
        if unpacked > MAX_UNCOMPRESSED_BYTES:
            raise ScheduleFileError(MSG_TOO_LARGE, limit=_human(MAX_UNCOMPRESSED_BYTES))
        # Not read_only: merged-cell ranges are only available on a fully loaded sheet.
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except ScheduleFileError:
        raise
    except Exception as exc:  # zipfile, KeyError, lxml and openpyxl errors all mean "broken"
        raise ScheduleFileError(MSG_NOT_XLSX) from exc
    # The first sheet with a header is the schedule; a cover sheet may come first.
    for sheet in workbook.worksheets:
        if _find_header_or_none(_grid(sheet, limit=30)) is not None:
            return sheet
    raise ScheduleFileError(MSG_NO_HEADER)


def _grid(sheet: Worksheet, limit: int | None = None) -> list[list[str]]:
    """The sheet as text, with every merged range filled with its top-left value: a 牵头部门
    merged down three rows leads all three activities."""
    merged: dict[tuple[int, int], object] = {}
    for cell_range in sheet.merged_cells.ranges:
        value = sheet.cell(cell_range.min_row, cell_range.min_col).value
        for r in range(cell_range.min_row, cell_range.max_row + 1):
            for c in range(cell_range.min_col, cell_range.max_col + 1):
                merged[(r, c)] = value
    grid = []
    for r, row in enumerate(sheet.iter_rows(max_row=limit), start=1):
        grid.append([_cell_text(merged.get((r, c), cell.value)) for c, cell in enumerate(row, 1)])
    return grid


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 序号 typed or pasted as 1.0
    if isinstance(value, datetime.datetime | datetime.date):
        # Excel turns "9-10" typed into a cell into 10 September; give the window parser the
        # month and day rather than an ISO timestamp.
        return f"{value.month}月{value.day}日"
    return str(value).strip()


def _normalize(text: str) -> str:
    return _SPACES.sub("", text)


def _header_columns(values: list[str]) -> dict[str, int] | None:
    """Column index per canonical name if ``values`` is a header row, else None."""
    columns: dict[str, int] = {}
    for index, value in enumerate(values):
        text = _normalize(value)
        for name, aliases in _HEADER_ALIASES.items():
            if text in aliases and name not in columns:
                columns[name] = index
    if all(name in columns for name in _REQUIRED):
        return columns
    return None


def _find_header_or_none(grid: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    for index, values in enumerate(grid):
        columns = _header_columns(values)
        if columns is not None:
            return index, columns
    return None


def _find_header(grid: list[list[str]]) -> tuple[int, dict[str, int]]:
    found = _find_header_or_none(grid)
    if found is None:
        raise ScheduleFileError(MSG_NO_HEADER)
    return found


def _parse_row(
    cells: dict[str, str],
    row_number: int,
    position: int,
    parse_window: Callable[[str], object | None],
    is_known: Callable[[str], bool],
    translate: Callable[[str], str],
    result: ScheduleImport,
) -> tuple[ScheduleRow | None, object]:
    errors: list[RowError] = []

    def error(column: str, template: str, **params: object) -> None:
        errors.append(RowError(row_number, column, translate(template).format(**params)))

    seq_text = cells.get("序号", "")
    seq = position  # a schedule without 序号 is numbered in order
    if seq_text:
        try:
            seq = int(float(seq_text))
            if float(seq_text) != seq:
                raise ValueError(seq_text)
        except ValueError:
            error("序号", MSG_SEQ_NOT_NUMBER, value=seq_text)

    # The same rules as the inline editor's row form: a theme is required; content, time,
    # lead and support may be left empty (an activity without a fixed time is "待定").
    if not cells["活动主题"]:
        error("活动主题", MSG_THEME_EMPTY)

    window: object = None
    if cells["时间安排"]:
        try:
            window = parse_window(cells["时间安排"])
        except ValueError:
            window = None
        if window is None:
            error("时间安排", MSG_WINDOW_UNREADABLE, value=cells["时间安排"])

    for column, template in (("牵头部门", MSG_UNMATCHED_LEAD), ("协办单位", MSG_UNMATCHED_SUPPORT)):
        for name in split_unit_names(cells.get(column, "")):
            if not is_known(name):
                message = translate(template).format(value=name)
                result.unmatched.append(RowError(row_number, column, message))

    result.errors.extend(errors)
    row = ScheduleRow(
        seq=seq,
        theme=cells["活动主题"],
        content=cells["活动内容"],
        window=cells["时间安排"],
        lead=cells["牵头部门"],
        support=cells.get("协办单位", ""),
        remark=cells.get("备注", ""),
        source_row=row_number,
    )
    return row, window


def _human(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"
