"""Write an ``OfficialDocument`` as OFD (GB/T 33190-2016), in the GB/T 9704-2012 layout.

OFD is a ZIP of XML: ``OFD.xml`` (the entry, with DocInfo), ``Doc_0/Document.xml`` (page
area, the page list, the shared resources), ``Doc_0/PublicRes.xml`` (fonts) and one
``Doc_0/Pages/Page_N/Content.xml`` per page with TextObjects and PathObjects. Coordinates are
millimetres from the page's top left corner, y growing downwards.

The layout follows the PDF writer's measures (same page, margins, type sizes and 28 pt line
grid, same red 发文机关标志 and red rule). The fonts are referenced by name and not embedded,
as the PDF's CID font is: OFD readers substitute an installed 宋体, and the text layer stays
plain Unicode in TextCode, so it can be searched, copied and imported back. Table cells are
drawn as rectangles: a reader (ours in imports.parser.ofd) finds the table's cells from them.
"""

from __future__ import annotations

import datetime
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from exports.documents import (
    Attachment,
    Block,
    Heading,
    OfficialDocument,
    Table,
    format_chinese_date,
)
from exports.documents import Paragraph as BodyParagraph

__all__ = ["OfdLayout", "write_official_document_ofd"]

NS = "http://www.ofdspec.org/2016"
PT = 25.4 / 72  # one point in millimetres

A4 = (210.0, 297.0)
# Portrait margins of GB/T 9704 5.2; a landscape page is the portrait page turned, as in the PDF.
PORTRAIT = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
LANDSCAPE = {"top": 28.0, "bottom": 26.0, "left": 37.0, "right": 35.0}
LINE = 28 * PT  # fixed line pitch: 22 lines in the 225 mm text area
BODY = 16 * PT  # 三号
TITLE = 22 * PT  # 二号
MARK = 26 * PT  # 一号
SMALL = 14 * PT  # 四号
CELL = 12 * PT  # 小四
CELL_LINE = 18 * PT
CELL_PAD = 1.0
RED = "192 0 0"
FONT_ID = 1
FONT_NAME = "宋体"


def char_width(char: str, size: float) -> float:
    """ASCII and Latin are set half width, everything from CJK radicals on full width."""
    return size / 2 if ord(char) < 0x2E80 else size


def text_width(text: str, size: float) -> float:
    return sum(char_width(ch, size) for ch in text)


_WORD_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_@/"
_NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】…—,.;:?!)")


def wrap(text: str, width: float, size: float, *, first_indent: float = 0.0) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; Chinese breaks between any two
    characters, so a line is cut at the character that would overflow."""
    lines: list[str] = []
    current = ""
    used = first_indent
    for char in text:
        w = char_width(char, size)
        # Closing punctuation never starts a line (GB/T 9704 follows the usual 禁则): it
        # hangs into the margin instead.
        if current and used + w > width + 0.01 and char not in _NO_LINE_START:
            # A number or Latin word is not cut ("202|3" would read back as "202 3").
            word = len(current) - len(current.rstrip(_WORD_CHARS)) if char in _WORD_CHARS else 0
            carried = current[len(current) - word :] if 0 < word < len(current) else ""
            lines.append(current[: len(current) - len(carried)])
            current, used = carried, text_width(carried, size)
        current += char
        used += w
    if current or not lines:
        lines.append(current)
    return lines


@dataclass
class _Page:
    width: float
    height: float
    margins: dict[str, float]
    objects: list[str] = field(default_factory=list)

    @property
    def text_left(self) -> float:
        return self.margins["left"]

    @property
    def text_width(self) -> float:
        return self.width - self.margins["left"] - self.margins["right"]

    @property
    def text_bottom(self) -> float:
        return self.height - self.margins["bottom"]


class OfdLayout:
    """Pages filled from the top down with lines of text, rules and tables.

    The ``OfficialDocument`` writer below uses it; so do tests that lay out plain text and
    tables (the seeds) the way a clerk's OFD from a word processor comes out.
    """

    def __init__(self) -> None:
        self.pages: list[_Page] = []
        self.y = 0.0
        self._next_id = 10
        self.new_page()

    # --- pages ---------------------------------------------------------------------------------

    def new_page(self, *, landscape: bool = False) -> None:
        width, height = (A4[1], A4[0]) if landscape else A4
        margins = LANDSCAPE if landscape else PORTRAIT
        self.pages.append(_Page(width, height, margins))
        self.y = margins["top"]

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    @property
    def landscape(self) -> bool:
        return self.page.width > self.page.height

    def room(self) -> float:
        return self.page.text_bottom - self.y

    def ensure(self, height: float) -> None:
        if self.room() < height - 0.01:
            self.new_page(landscape=self.landscape)

    def skip(self, height: float) -> None:
        """Vertical space; at a page's foot it does not carry over to the next page."""
        self.y = min(self.y + height, self.page.text_bottom)

    def _id(self) -> int:
        self._next_id += 1
        return self._next_id

    # --- drawing -------------------------------------------------------------------------------

    def text(
        self,
        text: str,
        x: float,
        top: float,
        size: float,
        *,
        color: str = "",
        page: _Page | None = None,
    ) -> None:
        """One run of text whose em box starts at (x, top); the baseline is at 0.88 em."""
        if not text:
            return
        width = text_width(text, size)
        widths = [char_width(ch, size) for ch in text[:-1]]
        fill = f'<ofd:FillColor Value="{color}"/>' if color else ""
        (page or self.page).objects.append(
            f'<ofd:TextObject ID="{self._id()}" Boundary="{_n(x)} {_n(top)} {_n(width)} {_n(size * 1.2)}" '
            f'Font="{FONT_ID}" Size="{_n(size)}">{fill}'
            f'<ofd:TextCode X="0" Y="{_n(size * 0.88)}"{_delta_x(widths)}>{escape(text)}</ofd:TextCode>'
            "</ofd:TextObject>"
        )

    def rule(
        self, x: float, y: float, width: float, *, thickness: float, color: str = "0 0 0"
    ) -> None:
        self.page.objects.append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{_n(x)} {_n(y - thickness / 2)} {_n(width)} {_n(thickness)}" '
            f'LineWidth="{_n(thickness)}"><ofd:StrokeColor Value="{color}"/>'
            f"<ofd:AbbreviatedData>M 0 {_n(thickness / 2)} L {_n(width)} {_n(thickness / 2)}</ofd:AbbreviatedData>"
            "</ofd:PathObject>"
        )

    def box(
        self, x: float, y: float, width: float, height: float, *, thickness: float = 0.18
    ) -> None:
        self.page.objects.append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{_n(x)} {_n(y)} {_n(width)} {_n(height)}" '
            f'LineWidth="{_n(thickness)}"><ofd:StrokeColor Value="0 0 0"/>'
            f"<ofd:AbbreviatedData>M 0 0 L {_n(width)} 0 L {_n(width)} {_n(height)} L 0 {_n(height)} C"
            "</ofd:AbbreviatedData></ofd:PathObject>"
        )

    # --- flowing text --------------------------------------------------------------------------

    def line(
        self,
        text: str,
        *,
        size: float = BODY,
        pitch: float = LINE,
        align: str = "left",
        indent: float = 0.0,
        right_indent: float = 0.0,
        color: str = "",
    ) -> None:
        self.ensure(pitch)
        page = self.page
        top = self.y + (pitch - size) / 2
        if align == "center":
            x = page.text_left + (page.text_width - text_width(text, size)) / 2
        elif align == "right":
            x = page.text_left + page.text_width - right_indent - text_width(text, size)
        else:
            x = page.text_left + indent
        self.text(text, x, top, size, color=color)
        self.y += pitch

    def paragraph(
        self,
        text: str,
        *,
        size: float = BODY,
        pitch: float = LINE,
        first_indent: float = 0.0,
        indent: float = 0.0,
        align: str = "left",
        color: str = "",
    ) -> None:
        """A paragraph wrapped to the text area; the first line indented ``first_indent`` more
        than the others (negative: a hanging indent)."""
        width = self.page.text_width - indent
        lead = max(first_indent, 0.0)
        lines = wrap(text, width, size, first_indent=lead)
        hang = max(-first_indent, 0.0)
        for number, part in enumerate(lines):
            offset = indent + (first_indent if number == 0 else 0.0)
            if number and hang:
                offset = indent
            self.line(part, size=size, pitch=pitch, align=align, indent=offset, color=color)

    def table(
        self, rows: Sequence[Sequence[str]], widths: Sequence[float], *, header_rows: int = 1
    ) -> None:
        """A ruled table whose header repeats on each page; a row that does not fit moves to
        the next page, and a row taller than a page is cut between its lines."""
        total = sum(widths)
        header = [list(r) for r in rows[:header_rows]]

        def cell_lines(row: Sequence[str]) -> list[list[str]]:
            scale = self.page.text_width / total
            return [
                wrap(text, w * scale - 2 * CELL_PAD, CELL) if text else []
                for text, w in zip(row, widths, strict=False)
            ]

        def draw(lines: list[list[str]], count_from: int, count: int) -> None:
            scale = self.page.text_width / total
            height = count * CELL_LINE + 2 * CELL_PAD
            x = self.page.text_left
            for w, cell in zip(widths, lines, strict=False):
                cw = w * scale
                self.box(x, self.y, cw, height)
                for n, text in enumerate(cell[count_from : count_from + count]):
                    top = self.y + CELL_PAD + n * CELL_LINE + (CELL_LINE - CELL) / 2
                    self.text(text, x + CELL_PAD, top, CELL)
                x += cw
            self.y += height

        def draw_header() -> None:
            for row in header:
                lines = cell_lines(row)
                draw(lines, 0, max((len(c) for c in lines), default=1) or 1)

        draw_header()
        for row in rows[header_rows:]:
            lines = cell_lines(row)
            needed = max((len(c) for c in lines), default=1) or 1
            done = 0
            while done < needed:
                fits = int((self.room() - 2 * CELL_PAD) / CELL_LINE + 0.001)
                header_height = sum(
                    max(len(c) for c in cell_lines(r)) * CELL_LINE + 2 * CELL_PAD for r in header
                )
                whole_page = int(
                    (
                        self.page.text_bottom
                        - self.page.margins["top"]
                        - header_height
                        - 2 * CELL_PAD
                    )
                    / CELL_LINE
                )
                if fits < needed - done and (needed - done <= whole_page or fits < 2):
                    self.new_page(landscape=self.landscape)
                    draw_header()
                    continue
                count = min(fits, needed - done)
                draw(lines, done, count)
                done += count

    # --- the package ---------------------------------------------------------------------------

    def number_pages(self) -> None:
        """7.5: "— N —" in 四号 7 mm below the text area; odd pages right, even pages left, one
        character in from the edge of the text area."""
        for number, page in enumerate(self.pages, start=1):
            label = f"— {number} —"
            top = page.text_bottom + 7
            if number % 2:
                x = page.text_left + page.text_width - SMALL - text_width(label, SMALL)
            else:
                x = page.text_left + SMALL
            self.text(label, x, top, SMALL, page=page)

    def save(
        self,
        out: BinaryIO,
        *,
        title: str = "",
        author: str = "",
        subject: str = "",
        created: datetime.date | None = None,
    ) -> None:
        info = [f"<ofd:DocID>{uuid.uuid4().hex}</ofd:DocID>"]
        for tag, value in (("Title", title), ("Author", author), ("Subject", subject)):
            if value:
                info.append(f"<ofd:{tag}>{escape(value)}</ofd:{tag}>")
        info.append(
            f"<ofd:CreationDate>{(created or datetime.date.today()).isoformat()}</ofd:CreationDate>"
        )
        info.append("<ofd:Creator>qualitymonth</ofd:Creator>")
        page_ids = [self._id() for _ in self.pages]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(
                "OFD.xml",
                _xml(
                    f'<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
                    f"<ofd:DocInfo>{''.join(info)}</ofd:DocInfo>"
                    "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
                ),
            )
            pages = "".join(
                f'<ofd:Page ID="{pid}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
                for n, pid in enumerate(page_ids)
            )
            zf.writestr(
                "Doc_0/Document.xml",
                _xml(
                    f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
                    f"<ofd:MaxUnitID>{self._next_id}</ofd:MaxUnitID>"
                    f"<ofd:PageArea><ofd:PhysicalBox>0 0 {_n(A4[0])} {_n(A4[1])}</ofd:PhysicalBox></ofd:PageArea>"
                    "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
                    f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>"
                ),
            )
            zf.writestr(
                "Doc_0/PublicRes.xml",
                _xml(
                    f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
                    f'<ofd:Font ID="{FONT_ID}" FontName={quoteattr(FONT_NAME)} FamilyName={quoteattr(FONT_NAME)}/>'
                    "</ofd:Fonts></ofd:Res>"
                ),
            )
            for n, (pid, page) in enumerate(zip(page_ids, self.pages, strict=True)):
                area = f"<ofd:Area><ofd:PhysicalBox>0 0 {_n(page.width)} {_n(page.height)}</ofd:PhysicalBox></ofd:Area>"
                zf.writestr(
                    f"Doc_0/Pages/Page_{n}/Content.xml",
                    _xml(
                        f'<ofd:Page xmlns:ofd="{NS}">{area}<ofd:Content>'
                        f'<ofd:Layer ID="{pid}0">{"".join(page.objects)}</ofd:Layer>'
                        "</ofd:Content></ofd:Page>"
                    ),
                )


def _n(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def _delta_x(widths: list[float]) -> str:
    """DeltaX in the spec's compact form: "g N w" for N equal advances in a row."""
    if not widths:
        return ""
    parts: list[str] = []
    run_value, run_length = widths[0], 0
    for w in [*widths, None]:
        if w is not None and abs(w - run_value) < 1e-6:
            run_length += 1
            continue
        parts.append(f"g {run_length} {_n(run_value)}" if run_length > 1 else _n(run_value))
        if w is not None:
            run_value, run_length = w, 1
    return f' DeltaX="{" ".join(parts)}"'


def _xml(body: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


# --- the official document --------------------------------------------------------------------


def write_official_document_ofd(doc: OfficialDocument, out: BinaryIO) -> None:
    """Write ``doc`` as an A4 OFD into the binary stream ``out``."""
    layout = OfdLayout()
    _head(layout, doc)
    layout.paragraph(doc.title, size=TITLE, pitch=36 * PT, align="center")
    layout.skip(LINE)
    if doc.recipients_line:
        layout.paragraph(doc.recipients_line)
    _blocks(layout, doc.body)
    for contact in doc.contacts:
        for line in contact.lines:
            layout.paragraph(line, first_indent=2 * BODY)
    listed = doc.numbered_attachments
    if listed:
        layout.skip(LINE)
        for index, attachment in listed:
            number = f"{index}. " if len(listed) > 1 else ""
            if index == 1:
                layout.paragraph(
                    f"附件：{number}{attachment.title}", indent=5 * BODY, first_indent=-3 * BODY
                )
            else:
                layout.paragraph(f"{number}{attachment.title}", indent=5 * BODY)
    _signature(layout, doc)
    for attachment in doc.attachments:
        if attachment.printed:
            _attachment(layout, doc, attachment)
    if doc.printing is not None or doc.copy_to:
        if layout.landscape or layout.y > layout.page.margins["top"] + LINE * 18:
            layout.new_page()
        _imprint(layout, doc)
    layout.number_pages()
    layout.save(
        out,
        title=doc.title,
        author=doc.issuers[0],
        subject=doc.doc_number,
        created=doc.issue_date,
    )


def _head(layout: OfdLayout, doc: OfficialDocument) -> None:
    """版头: the red 发文机关标志 35 mm below the text area's top (7.2.2), the 文号 one blank line
    below it, then the red rule 4 mm under the 文号 (7.2.5)."""
    page = layout.page
    layout.y = page.margins["top"] + 35 - LINE
    size = MARK
    if len(doc.issuers) == 1:
        name = doc.issuers[0] + doc.mark_suffix
        size = min(MARK, page.text_width / max(text_width(name, 1.0), 1))
        layout.line(name, size=size, pitch=size * 1.3, align="center", color=RED)
    else:
        # 7.2.3 joint issue: names stacked, 文件 to their right, centred on them vertically.
        names_width = max(text_width(n, MARK) for n in doc.issuers) + MARK
        suffix_width = text_width(doc.mark_suffix, MARK) + MARK
        left = page.text_left + max((page.text_width - names_width - suffix_width) / 2, 0)
        top = layout.y
        for name in doc.issuers:
            layout.ensure(MARK * 1.3)
            layout.text(
                name,
                left + (names_width - text_width(name, MARK)) / 2,
                layout.y + MARK * 0.15,
                MARK,
                color=RED,
            )
            layout.y += MARK * 1.3
        if layout.page is page:
            middle = (top + layout.y) / 2 - MARK / 2
            layout.text(doc.mark_suffix, left + names_width, middle, MARK, color=RED)
        else:
            layout.text(
                doc.mark_suffix,
                left + names_width,
                layout.y - MARK * 1.3 + MARK * 0.15,
                MARK,
                color=RED,
            )
    layout.skip(LINE)
    layout.line(doc.doc_number, align="center")
    layout.rule(
        layout.page.text_left, layout.y + 4, layout.page.text_width, thickness=0.35, color=RED
    )
    layout.skip(4 + LINE * 2)


def _blocks(layout: OfdLayout, blocks: Sequence[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            layout.paragraph(block.text + block.tail, first_indent=2 * BODY)
        elif isinstance(block, BodyParagraph):
            layout.paragraph(block.text, first_indent=2 * BODY)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {block!r}")


def _signature(layout: OfdLayout, doc: OfficialDocument) -> None:
    """Same rule as the DOCX and PDF: signature two characters from the right, the date
    starting two characters right of the signature unless it is the longer one."""
    lines = doc.signature_lines
    signature_width = max(len(line) for line in lines)
    date_width = sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in doc.date_text)
    date_right = signature_width - date_width
    signature_right = 2.0
    if date_right < 2:
        signature_right += 2 - date_right
        date_right = 2
    # The signature block is kept together on one page.
    layout.ensure(LINE * (len(lines) + 2 + bool(doc.publication_text)))
    layout.skip(LINE)
    for line in lines:
        pad = signature_width - len(line)
        layout.line(line, align="right", right_indent=BODY * (signature_right + pad))
    layout.line(doc.date_text, align="right", right_indent=BODY * date_right)
    if doc.publication_text:
        layout.paragraph(doc.publication_text, first_indent=2 * BODY)


def _attachment(layout: OfdLayout, doc: OfficialDocument, attachment: Attachment) -> None:
    layout.new_page(landscape=any(t.landscape for t in attachment.tables))
    if attachment.numbered:
        layout.line(doc.attachment_label(attachment))
    layout.paragraph(attachment.title, size=TITLE, pitch=36 * PT, align="center")
    layout.skip(LINE / 2)
    _blocks(layout, attachment.blocks)
    for n, slogan in enumerate(attachment.slogans, start=1):
        layout.paragraph(f"{n}. {slogan}", first_indent=2 * BODY)
    for table in attachment.tables:
        _table(layout, table)


def _table(layout: OfdLayout, spec: Table) -> None:
    widths = list(spec.widths) if spec.widths else [1.0] * len(spec.columns)
    layout.table([list(spec.columns), *[list(r) for r in spec.rows]], widths)


def _imprint(layout: OfdLayout, doc: OfficialDocument) -> None:
    """7.4 版记 between thick outer and thin inner rules, its last line on the page's last line."""
    rows: list[tuple[str, str]] = []
    if doc.copy_to:
        rows.append((f"抄送：{doc.copy_to.rstrip('。')}。", ""))
    if doc.printing is not None:
        rows.append((doc.printing.organ, format_chinese_date(doc.printing.date) + "印发"))
    page = layout.page
    first_lines = wrap(rows[0][0], page.text_width - 2 * SMALL, SMALL) if rows else []
    height = LINE * (len(first_lines) + len(rows) - 1)
    layout.y = max(layout.y, page.text_bottom - height)
    left, width = page.text_left, page.text_width
    layout.rule(left, layout.y, width, thickness=0.35)
    for number, (text, right) in enumerate(rows):
        if number:
            layout.rule(left, layout.y, width, thickness=0.25)
        layout.paragraph(text, size=SMALL, indent=SMALL)
        if right:
            layout.y -= LINE
            layout.line(right, size=SMALL, align="right", right_indent=SMALL)
    layout.rule(left, layout.y, width, thickness=0.35)
