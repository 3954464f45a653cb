"""OFD (GB/T 33190-2016) → text, read like a PDF's text layer: lines in reading order, ruled
tables as tab-separated rows.

An OFD is a ZIP: ``OFD.xml`` (root ``ofd:OFD``) names each document's ``Document.xml`` in
``DocBody/DocRoot``; that lists its pages (``Pages/Page@BaseLoc``) and template pages
(``CommonData/TemplatePage``); each page's ``Content.xml`` holds layers of TextObjects (each a
``Boundary`` box in millimetres from the page's top left, an optional ``CTM``, and TextCodes
with X/Y positions inside the box) and PathObjects. Text is gathered from the page and its
templates, grouped into lines by baseline and ordered left to right. Tables are found the way
the PDF reader finds them, from the ruling: each rectangular PathObject is a cell, cells with
the same top form a row, and a row's text comes out as one line of tab-separated cells.

Only the standard library is used (zipfile, ElementTree): no maintained Python OFD reader
gives the geometry of paths (needed for the tables) without pulling in PyMuPDF. The ZIP's
declared sizes are checked before anything is inflated, as for DOCX.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

from .errors import NoticeParseError

MAX_OFD_UNCOMPRESSED = 100 * 1024 * 1024
MAX_OFD_MEMBERS = 5000
MAX_OFD_PAGES = 300
MAX_COMPRESSION_RATIO = 200
_MIN_TEXT = 10
# Nested PageBlocks and templates deeper than this are not real documents.
_MAX_DEPTH = 20

_ZIP_MAGIC = b"PK\x03\x04"
_NUMBERS = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")

Affine = tuple[float, float, float, float, float, float]
_IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _bad(message: str) -> NoticeParseError:
    return NoticeParseError(message, code="bad_ofd")


def is_ofd(data: bytes) -> bool:
    """Whether ``data`` is a ZIP whose OFD.xml has the root element ofd:OFD."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("OFD.xml")
            if info.file_size > 1024 * 1024:
                return False
            return _local(ET.fromstring(zf.read(info)).tag) == "OFD"
    except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError, EOFError):
        return False


def ofd_text(data: bytes) -> str:
    """The OFD's text, page after page; raise NoticeParseError with a Chinese message."""
    if not data.startswith(_ZIP_MAGIC):
        raise _bad("不是有效的 OFD 文件（文件不是 OFD 压缩包）。")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise _bad("OFD 文件已损坏，无法打开。") from exc
    with zf:
        _check_sizes(zf)
        reader = _Reader(zf)
        lines = reader.lines()
    text = "\n".join(lines)
    if len("".join(text.split())) < _MIN_TEXT:
        raise NoticeParseError(
            "OFD 没有可提取的文字层（可能是扫描件或图片），需要先进行 OCR 文字识别后再导入。",
            code="needs_ocr",
        )
    return text


def _check_sizes(zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_OFD_MEMBERS:
        raise NoticeParseError(
            "OFD 文件结构异常（压缩包内文件过多），已拒绝处理。", code="zip_bomb"
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_OFD_UNCOMPRESSED or any(
        info.file_size > 1024 * 1024
        and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        for info in infos
    ):
        raise NoticeParseError(
            "OFD 文件解压后体积异常（疑似压缩炸弹），已拒绝处理。", code="zip_bomb"
        )


# --- reading the package ------------------------------------------------------------------------


@dataclass
class _Run:
    text: str
    x: float
    baseline: float
    size: float
    width: float


@dataclass
class _Cell:
    x0: float
    top: float
    x1: float
    bottom: float
    parts: list[_Run] = field(default_factory=list)


@dataclass
class _Page:
    runs: list[_Run] = field(default_factory=list)
    cells: list[_Cell] = field(default_factory=list)


class _Reader:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        # Names matched case-insensitively and without a leading slash: producers disagree.
        self.names = {n.lstrip("/").casefold(): n for n in zf.namelist()}

    def xml(self, path: str) -> ET.Element:
        name = self.names.get(path.lstrip("/").casefold())
        if name is None:
            raise _bad(f"OFD 文件不完整（缺少 {path}）。")
        try:
            return ET.fromstring(self.zf.read(name))
        except ET.ParseError as exc:
            raise _bad(f"OFD 文件已损坏（{path} 不是有效的 XML）。") from exc

    def lines(self) -> list[str]:
        if "ofd.xml" not in self.names:
            raise _bad("不是有效的 OFD 文件（缺少 OFD.xml）。")
        root = self.xml("OFD.xml")
        if _local(root.tag) != "OFD":
            raise _bad("不是有效的 OFD 文件（OFD.xml 的根元素不是 ofd:OFD）。")
        lines: list[str] = []
        pages = 0
        for body in _children(root, "DocBody"):
            doc_root = _child_text(body, "DocRoot")
            if not doc_root:
                continue
            for page in self.document_pages(_resolve("", doc_root)):
                pages += 1
                if pages > MAX_OFD_PAGES:
                    raise NoticeParseError(
                        f"OFD 页数过多（超过 {MAX_OFD_PAGES} 页），请检查是否选错了文件。",
                        code="too_large",
                    )
                lines.extend(_page_lines(page))
        if not pages:
            raise _bad("不是有效的 OFD 文件（没有找到任何页面）。")
        return lines

    def document_pages(self, document_path: str):
        document = self.xml(document_path)
        base = posixpath.dirname(document_path)
        templates: dict[str, str] = {}
        common = _child(document, "CommonData")
        if common is not None:
            for template in _children(common, "TemplatePage"):
                if template.get("ID") and template.get("BaseLoc"):
                    templates[template.get("ID", "")] = _resolve(base, template.get("BaseLoc", ""))
        for pages in _children(document, "Pages"):
            for entry in _children(pages, "Page"):
                location = entry.get("BaseLoc")
                if not location:
                    continue
                path = _resolve(base, location)
                content = self.xml(path)
                page = _Page()
                # Template pages (a red 版头 is often one) are drawn under the page's own content.
                for used in _children(content, "Template"):
                    template_path = templates.get(used.get("TemplateID", ""))
                    if template_path:
                        _collect(self.xml(template_path), page, _IDENTITY, 0)
                _collect(content, page, _IDENTITY, 0)
                yield page


def _collect(element: ET.Element, page: _Page, transform: Affine, depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    for node in element:
        name = _local(node.tag)
        if name in ("Content", "Layer", "PageBlock"):
            _collect(node, page, transform, depth + 1)
        elif name == "TextObject":
            page.runs.extend(_text_runs(node, transform))
        elif name == "PathObject":
            cell = _cell(node, transform)
            if cell is not None:
                page.cells.append(cell)


def _text_runs(node: ET.Element, transform: Affine) -> list[_Run]:
    box = _numbers(node.get("Boundary"), 4) or (0.0, 0.0, 0.0, 0.0)
    ctm = _numbers(node.get("CTM"), 6) or _IDENTITY
    a, b, c, d, e, f = _compose(
        transform, (ctm[0], ctm[1], ctm[2], ctm[3], ctm[4] + box[0], ctm[5] + box[1])
    )
    size = _float(node.get("Size"), 3.5)
    scale = (abs(a * d - b * c) ** 0.5) or 1.0
    runs: list[_Run] = []
    x = y = 0.0
    for code in _children(node, "TextCode"):
        text = (code.text or "").replace("\u00a0", " ")
        # A TextCode without X or Y continues with the previous one's value (GB/T 33190 11.3).
        x = _float(code.get("X"), x)
        y = _float(code.get("Y"), y)
        if not text.strip():
            continue
        deltas = _deltas(code.get("DeltaX"), len(text) - 1)
        width = sum(deltas) + sum(_char_width(ch, size) for ch in text[len(deltas) :])
        runs.append(
            _Run(
                text=text,
                x=a * x + c * y + e,
                baseline=b * x + d * y + f,
                size=size * scale,
                width=width * (abs(a) or 1.0),
            )
        )
    return runs


def _cell(node: ET.Element, transform: Affine) -> _Cell | None:
    """A PathObject drawn as a closed rectangle is a table cell; lines and shapes are not."""
    data = _child_text(node, "AbbreviatedData") or ""
    ops = re.findall(r"[A-Za-z]", data)
    if ops not in (
        ["M", "L", "L", "L", "C"],
        ["M", "L", "L", "L", "L"],
        ["M", "L", "L", "L", "L", "C"],
    ):
        return None
    box = _numbers(node.get("Boundary"), 4)
    if box is None or box[2] < 3 or box[3] < 3:
        return None
    a, b, c, d, e, f = transform
    x0, top = a * box[0] + c * box[1] + e, b * box[0] + d * box[1] + f
    return _Cell(x0, top, x0 + box[2] * a, top + box[3] * d)


# --- from runs to lines ---------------------------------------------------------------------------


def _page_lines(page: _Page) -> list[str]:
    cells = _innermost(page.cells)
    outside: list[_Run] = []
    for run in page.runs:
        cx, cy = run.x + run.width / 2, run.baseline - run.size / 3
        home = next((c for c in cells if c.x0 <= cx <= c.x1 and c.top <= cy <= c.bottom), None)
        if home is None:
            outside.append(run)
        else:
            home.parts.append(run)
    blocks: list[tuple[float, str]] = [
        (min(r.baseline - r.size for r in line), _join(line)) for line in _group_lines(outside)
    ]
    rows: dict[float, list[_Cell]] = {}
    for cell in cells:
        rows.setdefault(round(cell.top, 1), []).append(cell)
    for top, row in rows.items():
        row.sort(key=lambda c: c.x0)
        texts = [_cell_text(c) for c in row]
        if any(t.strip() for t in texts):
            blocks.append((top, "\t".join(t.replace("\t", " ").strip() for t in texts)))
    blocks.sort(key=lambda b: b[0])
    return [text for _, text in blocks]


def _cell_text(cell: _Cell) -> str:
    """A cell's lines run together, as the PDF reader joins them; a space the producer left
    at a line's end ("9-10 " then "月") is kept."""
    out = ""
    spaced = False
    for line in _group_lines(cell.parts):
        if out and spaced:
            out += " "
        out += _join(line)
        spaced = line[-1].text.endswith(" ")
    return out


def _innermost(cells: list[_Cell]) -> list[_Cell]:
    """Drop a rectangle that encloses other rectangles (a table's outer frame, a page border)."""
    kept = []
    for cell in cells:
        inside = any(
            other is not cell
            and cell.x0 - 0.1 <= other.x0
            and other.x1 <= cell.x1 + 0.1
            and cell.top - 0.1 <= other.top
            and other.bottom <= cell.bottom + 0.1
            and (other.x1 - other.x0) * (other.bottom - other.top)
            < (cell.x1 - cell.x0) * (cell.bottom - cell.top) - 0.5
            for other in cells
        )
        if not inside:
            kept.append(cell)
    return kept


def _group_lines(runs: list[_Run]) -> list[list[_Run]]:
    """Runs whose baselines are within a third of the type size share a line."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (r.baseline, r.x)):
        if lines and abs(lines[-1][0].baseline - run.baseline) <= max(run.size, 1.0) / 3:
            lines[-1].append(run)
        else:
            lines.append([run])
    return [sorted(line, key=lambda r: r.x) for line in lines]


def _join(line: list[_Run]) -> str:
    """Runs of one line; a gap wider than a character becomes a space, as pdfplumber does."""
    out = ""
    end = None
    for run in line:
        if end is not None and run.x - end > max(run.size, 1.0) * 0.9 and not out.endswith(" "):
            out += " "
        out += run.text
        end = run.x + run.width
    return out.strip()


# --- XML helpers --------------------------------------------------------------------------------


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _children(element: ET.Element, name: str):
    return (c for c in element if _local(c.tag) == name)


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next(_children(element, name), None)


def _child_text(element: ET.Element, name: str) -> str:
    found = _child(element, name)
    return (found.text or "").strip() if found is not None else ""


def _resolve(base: str, location: str) -> str:
    """ST_Loc: absolute from the package root when it starts with "/", else relative."""
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, location))


def _numbers(value: str | None, count: int) -> tuple[float, ...] | None:
    found = _NUMBERS.findall(value or "")
    if len(found) < count:
        return None
    return tuple(float(v) for v in found[:count])


def _float(value: str | None, default: float) -> float:
    found = _NUMBERS.findall(value or "")
    return float(found[0]) if found else default


def _deltas(value: str | None, limit: int) -> list[float]:
    """DeltaX, with its "g N d" shorthand for N equal advances, cut to ``limit`` values."""
    tokens = (value or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens) and len(out) < limit:
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                repeat, step = int(float(tokens[i + 1])), float(tokens[i + 2])
            except ValueError:
                break
            out.extend([step] * min(repeat, limit - len(out)))
            i += 3
            continue
        try:
            out.append(float(tokens[i]))
        except ValueError:
            break
        i += 1
    return out


def _char_width(char: str, size: float) -> float:
    return size / 2 if ord(char) < 0x2E80 else size


def _compose(outer: Affine, inner: Affine) -> Affine:
    """The transform that applies ``inner`` first, then ``outer``."""
    A, B, C, D, E, F = outer
    a, b, c, d, e, f = inner
    return (
        A * a + C * b,
        B * a + D * b,
        A * c + C * d,
        B * c + D * d,
        A * e + C * f + E,
        B * e + D * f + F,
    )
