"""Reading a clerk's 名录 (directory of market entities) from XLSX or CSV.

The clerk's own table is the source: a header row with the column names below (in any
order, a title above it allowed), one entity per row. CSV is read as UTF-8 (with or without
a BOM) or, failing that, GB18030, which is what Excel and WPS write on a Chinese Windows.
This module only reads cells; checking them against the org tree is the service's work.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import load_workbook

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# An XLSX is a zip: a small file may unpack to gigabytes (a zip bomb).
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024

COLUMNS = {
    "name": ("名称", "机构名称", "单位名称", "企业名称"),
    "credit_code": ("统一社会信用代码", "信用代码"),
    "license_no": ("资质认定证书编号", "证书编号"),
    "address": ("地址", "住所", "经营地址"),
    "region": ("所在地区", "地区", "区划代码", "所属地区"),
    "field": ("领域", "检验检测领域", "类别"),
    "status": ("状态", "经营状态"),
}
REQUIRED = ("name", "credit_code", "region", "field")
HEADER = ("名称", "统一社会信用代码", "资质认定证书编号", "地址", "所在地区", "领域", "状态")

MSG_TOO_LARGE = gettext_noop("文件过大（超过 5 MB），请拆分后再导入。")
MSG_UNREADABLE = gettext_noop("无法读取文件：请上传 Excel（.xlsx）或 CSV 文件。")
MSG_NO_HEADER = gettext_noop("未找到表头行：表头应包含“名称”“统一社会信用代码”“所在地区”“领域”。")
MSG_TOO_MANY_ROWS = gettext_noop("行数过多（超过 5000 行），请拆分后再导入。")
MSG_EMPTY = gettext_noop("文件中没有数据行。")


class DirectoryFileError(Exception):
    """The file as a whole cannot be read (nothing is imported)."""


@dataclass
class SourceRow:
    number: int  # as Excel numbers it
    cells: dict[str, str]


def read_rows(data: bytes, filename: str) -> list[SourceRow]:
    if len(data) > MAX_BYTES:
        raise DirectoryFileError(_(MSG_TOO_LARGE))
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        grid = _xlsx_grid(data)
    else:
        grid = _csv_grid(data)
    header = next(
        ((i, c) for i, c in ((i, _columns(v)) for i, v in enumerate(grid[:20])) if c), None
    )
    if header is None:
        raise DirectoryFileError(_(MSG_NO_HEADER))
    index, columns = header
    rows = []
    for number, values in enumerate(grid[index + 1 :], start=index + 2):
        if not any(values):
            continue
        if len(rows) >= MAX_ROWS:
            raise DirectoryFileError(_(MSG_TOO_MANY_ROWS))
        rows.append(
            SourceRow(
                number,
                {k: values[c] if c < len(values) else "" for k, c in columns.items()},
            )
        )
    if not rows:
        raise DirectoryFileError(_(MSG_EMPTY))
    return rows


def _columns(values: list[str]) -> dict[str, int] | None:
    found = {}
    for col, value in enumerate(values):
        for key, names in COLUMNS.items():
            if value in names and key not in found:
                found[key] = col
    return found if all(k in found for k in REQUIRED) else None


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a division code typed as a number
    return str(value).strip()


def _xlsx_grid(data: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise DirectoryFileError(_(MSG_TOO_LARGE))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DirectoryFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise DirectoryFileError(_(MSG_UNREADABLE)) from error
    sheet = workbook.worksheets[0]
    grid = []
    for row in sheet.iter_rows(values_only=True):
        grid.append([_clean(v) for v in row])
        if len(grid) > MAX_ROWS + 25:
            raise DirectoryFileError(_(MSG_TOO_MANY_ROWS))
    workbook.close()
    return grid


def _csv_grid(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DirectoryFileError(_(MSG_UNREADABLE))
    if "\x00" in text:
        raise DirectoryFileError(_(MSG_UNREADABLE))
    try:
        return [[_clean(v) for v in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error as error:
        raise DirectoryFileError(_(MSG_UNREADABLE)) from error
