"""Write an ``OfficialDocument`` as a DOCX laid out per GB/T 9704-2012 (党政机关公文格式).

Numbers in comments refer to clauses of GB/T 9704-2012. The fonts named are the ones the
standard and every provincial template use (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体);
they are declared as East Asian fonts so that WPS and Word pick them for Chinese text.

The package writes the document in the order it is read, one module a part of the standard:
``page`` (styles, fonts, page geometry, page numbers), ``head`` (版头), ``body`` (主体),
``attachments`` (附件) with the ``blocks`` both share, and ``imprint`` (版记); ``layout`` holds
the standard's measures and ``ooxml`` the XML python-docx cannot write.
"""

from __future__ import annotations

from typing import BinaryIO

from docx import Document

from exports.documents import OfficialDocument
from exports.gongwen_docx.attachments import write_attachments
from exports.gongwen_docx.body import write_body
from exports.gongwen_docx.head import write_head
from exports.gongwen_docx.imprint import write_imprint
from exports.gongwen_docx.page import (
    add_page_number_footers,
    declare_fonts,
    set_page,
    set_up_styles,
)

__all__ = ["write_official_document"]


def write_official_document(doc: OfficialDocument, out: BinaryIO) -> None:
    """Write ``doc`` as DOCX into the binary stream ``out``."""
    document = Document()
    set_up_styles(document)
    declare_fonts(document)
    section = document.sections[0]
    set_page(section, landscape=False)
    add_page_number_footers(document, section)
    document.core_properties.title = doc.title
    document.core_properties.author = doc.issuers[0]

    write_head(document, doc)
    write_body(document, doc)
    write_attachments(document, doc)
    write_imprint(document, doc)
    document.save(out)
