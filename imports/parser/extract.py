"""File → text for TXT, DOCX, PDF and OFD, with the limits checked before any parser runs.

Uploaded files are untrusted: sizes are checked on the raw bytes and, for DOCX, on the zip's
declared member sizes *before* python-docx inflates anything, so a zip bomb costs nothing.
Tables come out as tab-separated rows, the same shape a clerk's TXT copy has.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable
from typing import Any

from .errors import NoticeParseError
from .ofd import is_ofd, ofd_text

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_DOCX_MEMBERS = 2000
# XML compresses well, but not a thousandfold; bombs do.
MAX_COMPRESSION_RATIO = 200
MAX_PDF_PAGES = 300
_MIN_PDF_TEXT = 10

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
# Share of control or private-use characters above which "text" is really binary.
_MAX_JUNK_RATIO = 0.02


def extract_text(path: str | os.PathLike[str]) -> str:
    """Read a notice file and return its text; raise NoticeParseError with a Chinese message."""
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise NoticeParseError(f"无法读取文件：{exc.strerror or exc}", code="unreadable") from exc
    _check_size(size)
    with open(path, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    return extract_bytes(data, os.fspath(path))


def extract_bytes(data: bytes, filename: str = "") -> str:
    """Same as extract_text for an upload already in memory (the import view uses this)."""
    _check_size(len(data))
    if not data.strip():
        raise NoticeParseError("文件为空。", code="empty")
    ext = os.path.splitext(filename)[1].lower()
    if data.startswith(_OLE_MAGIC) or ext in (".doc", ".wps"):
        raise NoticeParseError(
            "暂不支持旧版 Word（.doc/.wps）文件，请在 Word 或 WPS 中另存为 .docx 后再导入。",
            code="unsupported",
        )
    if ext == ".ofd" or (ext != ".docx" and data.startswith(_ZIP_MAGIC) and is_ofd(data)):
        return ofd_text(data)
    if ext == ".docx" or (ext not in (".pdf", ".txt") and data.startswith(_ZIP_MAGIC)):
        return docx_text(data)
    if ext == ".pdf" or data.startswith(_PDF_MAGIC):
        return pdf_text(data)
    return decode_text(data)


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise NoticeParseError(
            f"文件过大（超过 {MAX_FILE_BYTES // (1024 * 1024)} MB），请检查是否选错了文件。",
            code="too_large",
        )


# --- TXT --------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try_decode(data, "utf-16")
    else:
        if b"\x00" in data:
            raise NoticeParseError("文件不是文本文件（含二进制内容），无法识别。", code="binary")
        text = None
        for encoding in _TEXT_ENCODINGS:
            text = _try_decode(data, encoding)
            if text is not None:
                break
    if text is None or _junk_ratio(text) > _MAX_JUNK_RATIO:
        raise NoticeParseError(
            "无法识别文件编码或文件不是文本（支持 UTF-8、GBK/GB18030 编码的 TXT）。", code="binary"
        )
    return text


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _junk_ratio(text: str) -> float:
    if not text:
        return 0.0
    junk = sum(
        1
        for ch in text
        if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd"
    )
    return junk / len(text)


# --- DOCX -------------------------------------------------------------------------------------


def check_docx_zip(data: bytes) -> None:
    """Refuse non-zips and zip bombs by reading only the zip's central directory."""
    if not data.startswith(_ZIP_MAGIC):
        raise NoticeParseError("不是有效的 DOCX 文件（文件不是 zip 压缩包）。", code="bad_docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise NoticeParseError("DOCX 文件已损坏，无法打开。", code="bad_docx") from exc
    if len(infos) > MAX_DOCX_MEMBERS:
        raise NoticeParseError(
            "DOCX 文件结构异常（压缩包内文件过多），已拒绝处理。", code="zip_bomb"
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_DOCX_UNCOMPRESSED or any(
        info.file_size > 1024 * 1024
        and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        for info in infos
    ):
        raise NoticeParseError(
            "DOCX 文件解压后体积异常（疑似压缩炸弹），已拒绝处理。", code="zip_bomb"
        )
    if "word/document.xml" not in {info.filename for info in infos}:
        raise NoticeParseError(
            "不是有效的 DOCX 文件（缺少正文 word/document.xml）。", code="bad_docx"
        )


def docx_text(data: bytes) -> str:
    check_docx_zip(data)
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on malformed parts
        raise NoticeParseError("DOCX 文件已损坏，无法读取正文。", code="bad_docx") from exc
    lines: list[str] = []
    # Walk the body in order so tables stay where they were, between the paragraphs.
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines.extend(_docx_table_rows(Table(child, document)))
    return "\n".join(lines)


def _docx_table_rows(table: Any) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # Merged cells appear once per grid column; keep one copy.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(p.text for p in cell.paragraphs))
        rows.append("\t".join(cells))
    return rows


def _cell_text(parts: Iterable[str | None]) -> str:
    return "".join((p or "").replace("\t", " ").strip() for p in parts)


# --- PDF --------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    if not data.lstrip()[:1024].startswith(_PDF_MAGIC) and _PDF_MAGIC not in data[:1024]:
        raise NoticeParseError("不是有效的 PDF 文件。", code="bad_pdf")
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise NoticeParseError(
            "PDF 文件已损坏或已加密，无法读取（加密文件请先解除密码）。", code="bad_pdf"
        ) from exc
    with pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise NoticeParseError(
                f"PDF 页数过多（超过 {MAX_PDF_PAGES} 页），请检查是否选错了文件。", code="too_large"
            )
        try:
            lines = [line for page in pdf.pages for line in _pdf_page_lines(page)]
        except Exception as exc:
            raise NoticeParseError("PDF 文件内容无法解析。", code="bad_pdf") from exc
    text = "\n".join(lines)
    if len("".join(text.split())) < _MIN_PDF_TEXT:
        raise NoticeParseError(
            "PDF 没有可提取的文字层（可能是扫描件或图片），需要先进行 OCR 文字识别后再导入。",
            code="needs_ocr",
        )
    return text


def _pdf_page_lines(page: Any) -> list[str]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        cx = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        cy = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    body = page.filter(outside) if boxes else page
    # Text lines and table rows are merged by their vertical position on the page.
    blocks: list[tuple[float, list[str]]] = [
        (line["top"], [line["text"]]) for line in body.extract_text_lines()
    ]
    for table in tables:
        rows = [
            "\t".join(_cell_text([(cell or "").replace("\n", "")]) for cell in row)
            for row in table.extract()
        ]
        blocks.append((table.bbox[1], rows))
    blocks.sort(key=lambda b: b[0])
    return [line for _, rows in blocks for line in rows]
