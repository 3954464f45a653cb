"""Reading back the XLSX a view answered, cell by cell, for the export tests."""

import io

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell

# Text a user can type that a spreadsheet would run or read as something else: a formula
# (=, and + - @ which Excel takes as the start of one when typed), an error value.
FORMULA_LIKE = ["=1+1", '=HYPERLINK("http://x.cn")', "+86-138", "-2", "@SUM(A1)", "#N/A"]


def sheet_cells(response) -> list[list[Cell]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows()]


def text_cells_holding(cells: list[list[Cell]], texts: list[str]) -> dict[str, Cell]:
    """The cell holding each of `texts`, found by value; a formula cell holds its formula
    text as its value, so it is found too and its data type tells."""
    found = {c.value: c for row in cells for c in row if c.value in texts}
    assert sorted(found) == sorted(texts), sorted(found)
    return found
