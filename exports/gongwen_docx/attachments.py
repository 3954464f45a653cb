"""附件 (8): each attachment on a new page, in a landscape section when its table is wide."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph as DocxParagraph

from exports.documents import Attachment, OfficialDocument
from exports.gongwen_docx.blocks import body_paragraph, write_blocks, write_table
from exports.gongwen_docx.layout import FONT_FANGSONG, FONT_HEITI, FONT_XIAOBIAOSONG, SIZE_2, SIZE_3
from exports.gongwen_docx.ooxml import add_paragraph, add_run, title_spacing
from exports.gongwen_docx.page import set_page


def write_attachments(document: DocxDocument, doc: OfficialDocument) -> None:
    landscape_open = False
    for attachment in doc.attachments:
        if not attachment.printed:
            continue
        landscape = any(t.landscape for t in attachment.tables)
        if landscape or landscape_open:
            section = document.add_section(WD_SECTION.NEW_PAGE)
            set_page(section, landscape=landscape)
            landscape_open = landscape
            first = add_paragraph(document)
        else:
            first = add_paragraph(document)
            first.paragraph_format.page_break_before = True
        _write_attachment(document, doc, attachment, first)
    if landscape_open and (doc.printing is not None or doc.copy_to):
        # The 版记 belongs on a portrait page like the rest of the document.
        section = document.add_section(WD_SECTION.NEW_PAGE)
        set_page(section, landscape=False)


def _write_attachment(
    document: DocxDocument, doc: OfficialDocument, attachment: Attachment, first: DocxParagraph
) -> None:
    if attachment.numbered:
        # 8: "附件N" in 3号黑体 flush left on the first line, the title centred on the second.
        add_run(first, doc.attachment_label(attachment), FONT_HEITI, SIZE_3)
        title = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        title = first
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_spacing(title)
    add_run(title, attachment.title, FONT_XIAOBIAOSONG, SIZE_2)
    spacer = add_paragraph(document)
    add_run(spacer, "", FONT_FANGSONG, SIZE_3)

    write_blocks(document, attachment.blocks)
    # Literal numbers rather than a Word list: they survive copy-paste into WPS and e-mail
    # exactly as the seeds print them, and cannot be renumbered by a style change.
    for number, slogan in enumerate(attachment.slogans, start=1):
        body_paragraph(document, f"{number}. {slogan}")
    for table in attachment.tables:
        write_table(document, table)
