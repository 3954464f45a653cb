"""The schedule XLSX: written, read back, and read from the messy files units send in."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from exports.documents import SCHEDULE_COLUMNS, ScheduleRow
from exports.schedule_xlsx import (
    MSG_NO_HEADER,
    MSG_NOT_XLSX,
    MSG_SEQ_DUPLICATE,
    MSG_THEME_EMPTY,
    MSG_TOO_LARGE,
    MSG_TOO_MANY_ROWS,
    MSG_UNMATCHED_LEAD,
    MSG_UNMATCHED_SUPPORT,
    MSG_WINDOW_UNREADABLE,
    RowError,
    ScheduleFileError,
    read_schedule,
    write_schedule,
)
from exports.tests.samples import YONGAN_SCHEDULE, YONGAN_UNITS, toy_parse_window

TITLE = "永安市市场监督管理局2023年“质量月”活动计划安排表"
YONGAN_HEADER = ["序号", "活动主题", "活动内容", "时间安排", "牵头部门", "协办单位", "备注"]


def _written(rows=YONGAN_SCHEDULE) -> bytes:
    buffer = io.BytesIO()
    write_schedule(rows, buffer, TITLE)
    return buffer.getvalue()


def _read(data, **kwargs):
    kwargs.setdefault("parse_window", toy_parse_window)
    kwargs.setdefault("known_units", YONGAN_UNITS)
    return read_schedule(data, **kwargs)


def _workbook_bytes(rows: list[list[object]], merges: list[str] = ()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- writing -----------------------------------------------------------------------------


def test_written_sheet_has_title_then_exactly_yongans_columns() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(_written())).active
    assert sheet.cell(1, 1).value == TITLE
    assert "A1:G1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [sheet.cell(2, c).value for c in range(1, 8)] == YONGAN_HEADER
    assert list(SCHEDULE_COLUMNS) == YONGAN_HEADER


def test_written_sheet_has_bold_header_borders_wrapping_and_frozen_header() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(_written())).active
    assert all(sheet.cell(2, c).font.b for c in range(1, 8))
    content = sheet.cell(3, 3)
    assert content.alignment.wrap_text
    assert content.border.left.style == "thin"
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width


def test_written_sheet_prints_a4_landscape_with_the_header_repeated() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(_written())).active
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == "9"  # 9 is A4 in SpreadsheetML
    assert sheet.print_title_rows == "$2:$2"


def test_written_cells_hold_the_schedule_text() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(_written())).active
    for offset, row in enumerate(YONGAN_SCHEDULE):
        values = [sheet.cell(3 + offset, c).value or "" for c in range(1, 8)]
        assert values == [row.seq, *row.cells()[1:]]


def test_text_that_looks_like_a_formula_is_stored_as_text() -> None:
    row = ScheduleRow(1, '=HYPERLINK("http://x")', "内容", "9月", "质量科")
    archive = zipfile.ZipFile(io.BytesIO(_written([row])))
    sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml


# --- round trip --------------------------------------------------------------------------


def test_write_then_read_gives_back_the_same_rows() -> None:
    result = _read(_written())
    assert result.ok, result.errors
    assert result.rows == YONGAN_SCHEDULE
    assert result.header_row == 2
    assert result.rows[0].source_row == 3
    assert result.windows[1] == "9-10月"


def test_reading_from_a_path_works_like_reading_bytes(tmp_path: Path) -> None:
    path = tmp_path / "schedule.xlsx"
    path.write_bytes(_written())
    assert _read(path).rows == YONGAN_SCHEDULE
    with path.open("rb") as stream:
        assert _read(stream).rows == YONGAN_SCHEDULE


def test_known_units_may_be_a_predicate() -> None:
    result = _read(_written(), known_units=lambda name: name in YONGAN_UNITS)
    assert result.ok


# --- tolerant reading of hand-made sheets ------------------------------------------------


def test_header_repeated_per_page_with_spaces_and_float_numbers_is_understood() -> None:
    data = _workbook_bytes(
        [
            ["永安市市场监督管理局 2023 年“质量月”活动计划安排表"],
            [],
            ["序 号", "活动 主题", "活动内容", "时间安排 ", "牵头部门", "协办单位", "备注"],
            [
                1.0,
                "营造计量放心消费环境",
                "开展定量包装商品计量监督检查。",
                "9 月",
                "质量科",
                "计量所",
                None,
            ],
            ["序号", "活动主题", "活动内容", "时间安排", "牵头部门", "协办单位", "备注"],
            [
                2.0,
                "畅通消费者投诉举报渠道",
                "提供24小时全天候人工接诉服务。",
                "全年",
                "消保科",
                "各监管所",
                None,
            ],
        ]
    )
    result = _read(data)
    assert result.ok, result.errors
    assert [r.seq for r in result.rows] == [1, 2]
    assert result.rows[1].source_row == 6
    assert result.rows[0].window == "9 月"


def test_a_lead_unit_merged_down_several_rows_leads_each_of_them() -> None:
    data = _workbook_bytes(
        [
            YONGAN_HEADER,
            [1, "主题一", "内容一", "9月", "质量科", "各监管所", ""],
            [2, "主题二", "内容二", "9月", None, "各监管所", ""],
        ],
        merges=["E2:E3"],
    )
    result = _read(data)
    assert result.ok, result.errors
    assert [r.lead for r in result.rows] == ["质量科", "质量科"]


def test_support_units_are_split_on_chinese_and_latin_separators() -> None:
    data = _workbook_bytes(
        [
            YONGAN_HEADER,
            [1, "主题", "内容", "9月", "质量科", "办公室、计量所，消保科, 特安科 市管科等", ""],
        ]
    )
    assert _read(data).ok


# --- per-row errors ----------------------------------------------------------------------


def test_every_bad_cell_is_reported_with_its_excel_row_and_no_rows_are_returned() -> None:
    data = _workbook_bytes(
        [
            ["标题行"],
            YONGAN_HEADER,
            [1, "", "内容", "9月", "质量科", "", ""],
            [2, "主题", "内容", "九月份", "质量科", "各监管所", ""],
            [3, "主题", "内容", "9月", "质量科", "", ""],
        ]
    )
    result = _read(data)
    assert not result.ok
    assert result.rows == []
    assert result.errors == [
        RowError(3, "活动主题", MSG_THEME_EMPTY),
        RowError(4, "时间安排", MSG_WINDOW_UNREADABLE.format(value="九月份")),
    ]


def test_what_the_inline_editor_accepts_is_accepted() -> None:
    # The row form requires only the theme: content, time, lead and support may be empty.
    data = _workbook_bytes(
        [YONGAN_HEADER, [1, "主题一", "", "", "", "", ""], [2, "主题二", "内容", "9月", "质量科"]]
    )
    result = _read(data)
    assert result.ok, result.errors
    assert [(r.theme, r.window, r.lead) for r in result.rows] == [
        ("主题一", "", ""),
        ("主题二", "9月", "质量科"),
    ]
    assert result.windows[0] is None


def test_unknown_names_are_kept_as_written_and_flagged_not_refused() -> None:
    data = _workbook_bytes(
        [YONGAN_HEADER, [1, "主题", "内容", "9月", "宣传处", "各监管所、纪检组", ""]]
    )
    result = _read(data)
    assert result.ok, result.errors
    assert result.rows[0].lead_units == ["宣传处"]
    assert result.rows[0].support_units == ["各监管所", "纪检组"]
    assert result.unmatched == [
        RowError(2, "牵头部门", MSG_UNMATCHED_LEAD.format(value="宣传处")),
        RowError(2, "协办单位", MSG_UNMATCHED_SUPPORT.format(value="纪检组")),
    ]


def test_a_separator_inside_brackets_belongs_to_the_name() -> None:
    data = _workbook_bytes(
        [YONGAN_HEADER, [1, "主题", "内容", "9月", "质量科", "各县（市、区）市场监管局、办公室"]]
    )
    result = _read(data)
    assert result.rows[0].support_units == ["各县（市、区）市场监管局", "办公室"]


def test_duplicate_sequence_numbers_are_an_error() -> None:
    data = _workbook_bytes(
        [YONGAN_HEADER, [1, "甲", "内容", "9月", "质量科"], [1, "乙", "内容", "9月", "质量科"]]
    )
    result = _read(data)
    assert result.errors == [RowError(3, "序号", MSG_SEQ_DUPLICATE.format(value=1))]


def test_a_window_parser_that_raises_value_error_counts_as_unreadable() -> None:
    def strict(text: str) -> object:
        raise ValueError(text)

    result = _read(_written(YONGAN_SCHEDULE[:1]), parse_window=strict)
    assert result.errors == [RowError(3, "时间安排", MSG_WINDOW_UNREADABLE.format(value="9 月"))]


ENGLISH = {
    MSG_THEME_EMPTY: "The theme is empty",
    MSG_UNMATCHED_LEAD: "Lead unit not matched, kept as written: {value}",
    MSG_TOO_LARGE: "The file is too large (over {limit})",
}


def test_messages_come_in_the_callers_language_with_the_cells_value_filled_in() -> None:
    data = _workbook_bytes(
        [YONGAN_HEADER, [1, "", "内容", "9月", "宣传处"], [2, "主题", "内容", "9月", "宣传处"]]
    )
    result = _read(data, translate=lambda message: ENGLISH.get(message, message))
    assert [e.message for e in result.errors] == ["The theme is empty"]
    data = _workbook_bytes([YONGAN_HEADER, [1, "主题", "内容", "9月", "宣传处"]])
    result = _read(data, translate=lambda message: ENGLISH.get(message, message))
    assert [e.message for e in result.unmatched] == [
        "Lead unit not matched, kept as written: 宣传处"
    ]


def test_a_file_error_comes_in_the_callers_language() -> None:
    with pytest.raises(ScheduleFileError) as caught:
        _read(_written(), max_bytes=1024, translate=lambda message: ENGLISH[message])
    assert caught.value.message == "The file is too large (over 1 KB)"


def test_a_value_with_braces_is_shown_as_typed() -> None:
    data = _workbook_bytes([YONGAN_HEADER, [1, "主题", "内容", "9月", "{0}科"]])
    message = MSG_UNMATCHED_LEAD.format(value="{0}科")
    assert _read(data).unmatched == [RowError(2, "牵头部门", message)]


# --- bad files ---------------------------------------------------------------------------


def test_a_text_file_is_not_an_xlsx() -> None:
    with pytest.raises(ScheduleFileError) as caught:
        _read(b"\xd0\xcf\x11\xe0 an old .xls file")
    assert caught.value.message == MSG_NOT_XLSX


def test_a_zip_that_is_not_a_workbook_is_rejected() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "你好")
    with pytest.raises(ScheduleFileError) as caught:
        _read(buffer.getvalue())
    assert caught.value.message == MSG_NOT_XLSX


def test_a_truncated_workbook_is_rejected() -> None:
    with pytest.raises(ScheduleFileError) as caught:
        _read(_written()[:2000])
    assert caught.value.message == MSG_NOT_XLSX


def test_a_sheet_without_the_header_is_rejected() -> None:
    data = _workbook_bytes([["名称", "时间"], ["启动仪式", "9月"]])
    with pytest.raises(ScheduleFileError) as caught:
        _read(data)
    assert caught.value.message == MSG_NO_HEADER


def test_a_file_over_the_size_limit_is_rejected_before_parsing() -> None:
    with pytest.raises(ScheduleFileError) as caught:
        _read(_written(), max_bytes=1024)
    assert caught.value.message == MSG_TOO_LARGE.format(limit="1 KB")


def test_more_rows_than_allowed_are_rejected() -> None:
    with pytest.raises(ScheduleFileError) as caught:
        _read(_written(), max_rows=5)
    assert caught.value.message == MSG_TOO_MANY_ROWS.format(limit=5)
