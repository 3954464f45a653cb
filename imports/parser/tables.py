"""Tables that a web page's text copy flattened with ``|`` between cells.

Two shapes: a row on one line ("1 | 质量宣传 | 9月 | 质量股 |"), and one cell per line with a
``|`` line between cells and two between rows (a table copied cell by cell). Both become the
tab-separated rows the activity table reader takes, as DOCX and PDF tables already are.
"""

from __future__ import annotations

import re

_PIPE_ONLY = re.compile(r"^\s*[|｜]\s*$")
_INLINE_ROW = re.compile(r"^[|｜]?[^|｜]+(?:[|｜][^|｜]*){2,}$")


def _is_pipe(line: str) -> bool:
    return bool(_PIPE_ONLY.match(line))


def _vertical(lines: list[str], start: int) -> tuple[list[str], int]:
    """Rows of the cell-per-line table starting at ``start`` (a ``|`` line), and where it ends."""
    rows: list[list[str]] = []
    row: list[str] = []
    i = start
    previous_pipe = False
    while i < len(lines):
        line = lines[i]
        if _is_pipe(line):
            if previous_pipe and row:
                rows.append(row)
                row = []
            previous_pipe = True
            i += 1
            continue
        if not previous_pipe:
            # Two text lines without a | between them: the table is over.
            break
        if rows and len(row) >= len(rows[0]):
            # A row as wide as the header is complete; the text after it is not a cell.
            break
        row.append(line.strip())
        previous_pipe = False
        i += 1
    if row:
        rows.append(row)
    return ["\t".join(r) for r in rows if any(r)], i


def _inline(lines: list[str], i: int) -> bool:
    """A one-line row needs a neighbour row: a lone "标题 | 站点 | 首页" is a page title."""
    row = [j for j in (i - 1, i, i + 1) if 0 <= j < len(lines)]
    return sum(1 for j in row if _INLINE_ROW.match(lines[j].strip())) >= 2 and bool(
        _INLINE_ROW.match(lines[i].strip())
    )


def unflatten(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_pipe(line):
            rows, i = _vertical(lines, i)
            out.extend(rows)
            continue
        if _inline(lines, i):
            cells = [c.strip() for c in re.split(r"[|｜]", line.strip().strip("|｜"))]
            out.append("\t".join(cells))
        else:
            out.append(line)
        i += 1
    return out
