"""主体 (7.3): title, recipients, body, contacts, attachment note, signature, date and 附注."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu

from exports.documents import OfficialDocument
from exports.gongwen_docx.blocks import body_paragraph, write_blocks
from exports.gongwen_docx.layout import (
    CHAR,
    FONT_FANGSONG,
    FONT_XIAOBIAOSONG,
    LINE,
    SIZE_2,
    SIZE_3,
    text_width,
)
from exports.gongwen_docx.ooxml import add_paragraph, add_run, set_indent_chars, title_spacing


def write_body(document: DocxDocument, doc: OfficialDocument) -> None:
    title = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    # 7.3.1: two lines below the red rule, 2号小标宋, centred.
    title.paragraph_format.space_before = LINE * 2
    title_spacing(title)
    add_run(title, doc.title, FONT_XIAOBIAOSONG, SIZE_2)

    # 7.3.2: one line below the title, flush left, ends with a full-width colon.
    if doc.recipients_line:
        recipients = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        recipients.paragraph_format.space_before = LINE
        add_run(recipients, doc.recipients_line, FONT_FANGSONG, SIZE_3)

    write_blocks(document, doc.body)
    for contact in doc.contacts:
        for line in contact.lines:
            body_paragraph(document, line)

    listed = doc.numbered_attachments
    if listed:
        _write_attachment_note(document, doc)
    _write_signature(document, doc)


def _write_attachment_note(document: DocxDocument, doc: OfficialDocument) -> None:
    """7.3.4: one line below the body, two characters in: "附件：1. XXX", later items aligned
    under the first name, no punctuation after names."""
    listed = doc.numbered_attachments
    for index, attachment in listed:
        number = f"{index}. " if len(listed) > 1 else ""
        paragraph = add_paragraph(document)
        fmt = paragraph.paragraph_format
        # Hang every line at 5 characters ("附件：" is 3 characters after the 2-character indent).
        set_indent_chars(paragraph, left=5, hanging=3 if index == 1 else 0)
        if index == 1:
            fmt.space_before = LINE
            add_run(paragraph, "附件：", FONT_FANGSONG, SIZE_3)
        add_run(paragraph, number + attachment.title, FONT_FANGSONG, SIZE_3)


def _write_signature(document: DocxDocument, doc: OfficialDocument) -> None:
    """7.3.5.3 (no seal): signature one line below, two characters from the right; the date on
    the next line starts two characters right of the signature's start, unless it is longer,
    in which case the date keeps the two-character right space and the signature moves left."""
    lines = doc.signature_lines
    signature_width = max(text_width(line) for line in lines)
    date_width = text_width(doc.date_text)
    date_right = signature_width - 2 - date_width + 2
    signature_right = 2.0
    if date_right < 2:
        signature_right += 2 - date_right
        date_right = 2
    for i, line in enumerate(lines):
        paragraph = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.RIGHT)
        if i == 0:
            paragraph.paragraph_format.space_before = LINE
        # Right-aligned lines of different lengths: pad the shorter ones so they start together.
        pad = signature_width - text_width(line)
        paragraph.paragraph_format.right_indent = Emu(int(CHAR * (signature_right + pad)))
        add_run(paragraph, line, FONT_FANGSONG, SIZE_3)
    date = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.RIGHT)
    date.paragraph_format.right_indent = Emu(int(CHAR * date_right))
    add_run(date, doc.date_text, FONT_FANGSONG, SIZE_3)

    if doc.publication_text:
        # 7.3.7: 附注 on the line after the date, two characters in, in parentheses.
        note = add_paragraph(document)
        set_indent_chars(note, first_line=2)
        add_run(note, doc.publication_text, FONT_FANGSONG, SIZE_3)
