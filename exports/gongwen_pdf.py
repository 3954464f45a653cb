"""Write an ``OfficialDocument`` as PDF with reportlab, in the GB/T 9704-2012 layout.

The PDF uses reportlab's built-in CID font STSong-Light: PDF viewers supply its glyphs, so no
font file has to be shipped or found on the server, and the text stays extractable (search,
copy, pdfplumber). The price is one typeface: 黑体/楷体 headings cannot be told apart by font.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.flowables import TopPadder

from exports.documents import (
    Attachment,
    Block,
    Heading,
    OfficialDocument,
    Table,
    format_chinese_date,
)
from exports.documents import Paragraph as BodyParagraph

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

RED = colors.HexColor("#C00000")
MARGINS = {"top": 37 * mm, "bottom": 35 * mm, "left": 28 * mm, "right": 26 * mm}
TEXT_WIDTH = A4[0] - MARGINS["left"] - MARGINS["right"]  # 156 mm
LANDSCAPE_WIDTH = landscape(A4)[0] - MARGINS["top"] - MARGINS["bottom"]
PORTRAIT_HEIGHT = A4[1] - MARGINS["top"] - MARGINS["bottom"]
LANDSCAPE_HEIGHT = landscape(A4)[1] - MARGINS["left"] - MARGINS["right"]
LINE = 28  # pt, fixed line pitch: 22 lines in the 225 mm text area
BODY = 16  # 三号
TITLE = 22  # 二号
MARK = 26  # 一号
SMALL = 14  # 四号

# wordWrap="CJK" lets a line break between any two Chinese characters; the default breaks only
# at spaces and would push a whole sentence of Chinese onto one overflowing line.
_BASE = ParagraphStyle("base", fontName=FONT, fontSize=BODY, leading=LINE, wordWrap="CJK")
STYLES = {
    "mark": ParagraphStyle("mark", _BASE, fontSize=MARK, leading=MARK * 1.3, alignment=TA_CENTER, textColor=RED),
    "number": ParagraphStyle("number", _BASE, alignment=TA_CENTER),
    "title": ParagraphStyle("title", _BASE, fontSize=TITLE, leading=36, alignment=TA_CENTER),
    "recipients": ParagraphStyle("recipients", _BASE, alignment=TA_JUSTIFY),
    "body": ParagraphStyle("body", _BASE, alignment=TA_JUSTIFY, firstLineIndent=2 * BODY),
    "note": ParagraphStyle("note", _BASE, leftIndent=5 * BODY, firstLineIndent=-3 * BODY),
    "note_more": ParagraphStyle("note_more", _BASE, leftIndent=5 * BODY),
    "right": ParagraphStyle("right", _BASE, alignment=TA_RIGHT),
    "label": ParagraphStyle("label", _BASE, alignment=TA_LEFT),
    "cell": ParagraphStyle("cell", _BASE, fontSize=12, leading=18, alignment=TA_JUSTIFY),
    "cell_center": ParagraphStyle("cell_center", _BASE, fontSize=12, leading=18, alignment=TA_CENTER),
    "imprint": ParagraphStyle("imprint", _BASE, fontSize=SMALL, leftIndent=SMALL),
    "imprint_right": ParagraphStyle("imprint_right", _BASE, fontSize=SMALL, alignment=TA_RIGHT, rightIndent=SMALL),
}  # fmt: skip


class SplittingTable(PdfTable):
    """A table whose rows break across pages only when they must.

    reportlab moves a row that does not fit to the next page, and fails the whole document
    (LayoutError) when a row is taller than a page: Hainan's co-organizer activities have
    cells of several hundred characters, the national notice 25 co-issuers in its mark.
    Splitting inside a row (``splitInRow``) fixes that, but reportlab would then also cut
    ordinary rows at the foot of a page, leaving a sliver of a row there; so a row is cut
    only when it (with the repeated header) cannot fit on a whole page.
    """

    frame_height: float = PORTRAIT_HEIGHT

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        first_body_row = self.repeatRows if isinstance(self.repeatRows, int) else 0
        needed = sum(self._rowHeights[: first_body_row + 1])
        in_row = self.splitInRow
        if needed <= self.frame_height or availHeight < 2 * LINE:
            self.splitInRow = 0
        else:
            # reportlab keeps a MIDDLE cell centred on the whole split row by padding its
            # pieces, which prints pages of empty rows; the cut row's cells start at its top.
            for style in self._cellStyles[first_body_row]:
                style.valign = "TOP"
        try:
            return super().split(availWidth, availHeight)
        finally:
            self.splitInRow = in_row


class LandscapeSplittingTable(SplittingTable):
    frame_height = LANDSCAPE_HEIGHT


def write_official_document_pdf(doc: OfficialDocument, out: BinaryIO) -> None:
    """Write ``doc`` as an A4 PDF into the binary stream ``out``."""
    template = BaseDocTemplate(
        out,
        pagesize=A4,
        title=doc.title,
        author=doc.issuers[0],
        subject=doc.doc_number,
        leftMargin=MARGINS["left"],
        rightMargin=MARGINS["right"],
        topMargin=MARGINS["top"],
        bottomMargin=MARGINS["bottom"],
    )
    portrait_frame = Frame(
        MARGINS["left"], MARGINS["bottom"], TEXT_WIDTH, A4[1] - MARGINS["top"] - MARGINS["bottom"],
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="portrait",
    )  # fmt: skip
    wide = landscape(A4)
    # A wide table's page is the portrait page turned, so the margins turn with it.
    landscape_frame = Frame(
        MARGINS["top"], MARGINS["right"], LANDSCAPE_WIDTH, wide[1] - MARGINS["left"] - MARGINS["right"],
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="landscape",
    )  # fmt: skip
    template.addPageTemplates(
        [
            PageTemplate("portrait", [portrait_frame], onPage=_page_number, pagesize=A4),
            PageTemplate("landscape", [landscape_frame], onPage=_page_number, pagesize=wide),
        ]
    )
    template.build(_story(doc))


def _page_number(canvas: Canvas, template: BaseDocTemplate) -> None:
    """7.5: "— N —" in 四号 7 mm below the text area; odd pages right, even pages left, one
    character in from the edge of the text area."""
    number = canvas.getPageNumber()
    width, _height = canvas._pagesize
    text = f"— {number} —"
    canvas.saveState()
    canvas.setFont(FONT, SMALL)
    frame = template.pageTemplate.frames[0]
    y = frame._y1 - 7 * mm - SMALL
    if number % 2:
        canvas.drawRightString(frame._x1 + frame._width - SMALL, y, text)
    else:
        canvas.drawString(frame._x1 + SMALL, y, text)
    canvas.restoreState()


def _p(text: str, style: str) -> Paragraph:
    # Paragraph parses a mini-markup, so text from users is escaped (& < > in unit names).
    return Paragraph(escape(text), STYLES[style])


def _story(doc: OfficialDocument) -> list[Flowable]:
    story: list[Flowable] = [Spacer(1, 35 * mm - LINE)]
    story.append(_mark(doc))
    story += [Spacer(1, LINE), _p(doc.doc_number, "number")]
    story.append(HRFlowable(width="100%", thickness=1, color=RED, spaceBefore=4 * mm, spaceAfter=0))
    story += [Spacer(1, LINE * 2), _p(doc.title, "title"), Spacer(1, LINE)]
    if doc.recipients_line:
        story.append(_p(doc.recipients_line, "recipients"))
    story += _blocks(doc.body)
    for contact in doc.contacts:
        story += [_p(line, "body") for line in contact.lines]

    listed = doc.numbered_attachments
    if listed:
        story.append(Spacer(1, LINE))
        for index, attachment in listed:
            number = f"{index}. " if len(listed) > 1 else ""
            if index == 1:
                story.append(_p(f"附件：{number}{attachment.title}", "note"))
            else:
                story.append(_p(f"{number}{attachment.title}", "note_more"))
    story.append(KeepTogether(_signature(doc)))

    current = "portrait"
    for attachment in doc.attachments:
        if not attachment.printed:
            continue
        wanted = "landscape" if any(t.landscape for t in attachment.tables) else "portrait"
        if wanted != current:
            story.append(NextPageTemplate(wanted))
            current = wanted
        story.append(PageBreak())
        story += _attachment(doc, attachment, wide=wanted == "landscape")
    if doc.printing is not None or doc.copy_to:
        if current != "portrait":
            story += [NextPageTemplate("portrait"), PageBreak()]
        story.append(_imprint(doc))
    return story


def _mark(doc: OfficialDocument) -> Flowable:
    if len(doc.issuers) == 1:
        return _p(doc.issuers[0] + doc.mark_suffix, "mark")
    # 7.2.3 joint issue: names stacked, 文件 to their right, centred on them vertically.
    # One row whose first cell holds the stacked names: 文件 is centred on them by VALIGN,
    # and the row may still break across pages (splitInRow), which a SPAN over one row per
    # name cannot; 25 co-issuers (the national 2023 notice) stack taller than a page.
    names = [_p(name, "mark") for name in doc.issuers]
    suffix_width = MARK * (len(doc.mark_suffix) + 1)
    names_width = MARK * (max(len(n) for n in doc.issuers) + 1)
    table = SplittingTable(
        [[names, _p(doc.mark_suffix, "mark")]],
        colWidths=[names_width, suffix_width],
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _blocks(blocks: Iterable[Block]) -> list[Flowable]:
    flowables: list[Flowable] = []
    for block in blocks:
        if isinstance(block, Heading):
            flowables.append(_p(block.text + block.tail, "body"))
        elif isinstance(block, BodyParagraph):
            flowables.append(_p(block.text, "body"))
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {block!r}")
    return flowables


def _signature(doc: OfficialDocument) -> list[Flowable]:
    """Same rule as the DOCX: signature two characters from the right, the date starting two
    characters right of the signature unless it is the longer one."""
    lines = doc.signature_lines
    signature_width = max(len(line) for line in lines)
    date_width = _text_width(doc.date_text)
    date_right = signature_width - date_width
    signature_right = 2.0
    if date_right < 2:
        signature_right += 2 - date_right
        date_right = 2
    flowables: list[Flowable] = [Spacer(1, LINE)]
    for line in lines:
        pad = signature_width - len(line)
        style = ParagraphStyle("sig", STYLES["right"], rightIndent=BODY * (signature_right + pad))
        flowables.append(Paragraph(escape(line), style))
    date_style = ParagraphStyle("date", STYLES["right"], rightIndent=BODY * date_right)
    flowables.append(Paragraph(escape(doc.date_text), date_style))
    if doc.publication_text:
        flowables.append(_p(doc.publication_text, "body"))
    return flowables


def _attachment(doc: OfficialDocument, attachment: Attachment, *, wide: bool) -> list[Flowable]:
    flowables: list[Flowable] = []
    if attachment.numbered:
        flowables.append(_p(doc.attachment_label(attachment), "label"))
    flowables += [_p(attachment.title, "title"), Spacer(1, LINE / 2)]
    flowables += _blocks(attachment.blocks)
    flowables += [_p(f"{n}. {s}", "body") for n, s in enumerate(attachment.slogans, start=1)]
    for table in attachment.tables:
        flowables.append(_table(table, LANDSCAPE_WIDTH if wide else TEXT_WIDTH, wide=wide))
    return flowables


def _table(spec: Table, width: float, *, wide: bool) -> Flowable:
    weights = list(spec.widths) if spec.widths else [1.0] * len(spec.columns)
    widths = [width * w / sum(weights) for w in weights]
    centred = [w <= 12 for w in weights]
    header = [_p(c, "cell_center") for c in spec.columns]
    body = [
        [_p(text, "cell_center" if centred[i] else "cell") for i, text in enumerate(row)]
        for row in spec.rows
    ]
    # repeatRows=1 repeats the header on every page, like the DOCX's tblHeader.
    table_class = LandscapeSplittingTable if wide else SplittingTable
    table = table_class([header, *body], colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _imprint(doc: OfficialDocument) -> Flowable:
    """7.4 版记 between thick outer and thin inner rules, pushed to the bottom of the page."""
    rows: list[list[Flowable | str]] = []
    if doc.copy_to:
        rows.append([_p(f"抄送：{doc.copy_to.rstrip('。')}。", "imprint"), ""])
    if doc.printing is not None:
        date = format_chinese_date(doc.printing.date) + "印发"
        rows.append([_p(doc.printing.organ, "imprint"), _p(date, "imprint_right")])
    style = [
        ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black),
        ("LINEBELOW", (0, 0), (-1, -2), 0.7, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]
    if doc.copy_to:
        style.append(("SPAN", (0, 0), (1, 0)))
    table = PdfTable(rows, colWidths=[TEXT_WIDTH / 2, TEXT_WIDTH / 2])
    table.setStyle(TableStyle(style))
    # TopPadder fills the space above, so the 版记's last line lands on the page's last line.
    return TopPadder(table)


def _text_width(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)
