"""Read a Quality Month notice or plan and return its structure as plain data.

Pure Python on purpose: no Django import, so the import flow, the management command, the
accuracy script and the tests all share one code path and it runs anywhere.

    >>> from imports.parser import parse_text
    >>> parse_text(text)["doc_number"]
    '湘市监办发〔2023〕57号'
"""

from __future__ import annotations

import os
from typing import Any

from . import activities as _activities
from . import content, header, reporting
from .errors import NoticeParseError
from .extract import extract_text
from .normalize import normalize as _normalize
from .structure import segment

__all__ = ["NoticeParseError", "parse_file", "parse_text", "extract_text"]

# At least this many independent signs that the text is an official notice or plan.
_MIN_NOTICE_SIGNALS = 2


def parse_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Extract text from a TXT, DOCX or PDF file and parse it."""
    return parse_text(extract_text(path))


def parse_text(text: str) -> dict[str, Any]:
    if not text or not text.strip():
        raise NoticeParseError("文件内容为空，没有可识别的文字。", code="empty")
    norm = _normalize(text)
    if not norm.lines:
        raise NoticeParseError("文件内容为空，没有可识别的文字。", code="empty")
    doc = segment(norm.lines)
    warnings = list(norm.warnings)
    uncertain: list[str] = []

    number = header.doc_number(doc)
    title = header.title(doc)
    issuers, issuers_certain = header.issuers(doc, title)
    recipients = header.recipients(doc)
    issue_date = header.iso_date(doc.signature_date)
    level, level_certain = header.level(issuers, recipients, doc)
    theme, theme_certain = content.theme(doc)
    slogans = content.slogans(doc)
    co_organizers = content.co_organizers(doc, issuers)
    activities, activities_certain = _activities.activities(doc, co_organizers or issuers)
    due, due_sentence = reporting.deadline(doc)

    _check_is_notice(norm.text, number, title, doc, recipients, theme)

    for field, certain, value in (
        ("issuers", issuers_certain, issuers),
        ("level", level_certain, level),
        ("theme", theme_certain, theme),
        ("activities", activities_certain, activities),
    ):
        if value and not certain:
            uncertain.append(field)
    if number is None:
        warnings.append("未找到发文字号。")
    if issue_date is None:
        warnings.append("未找到成文日期（落款日期）。")
    attachments = content.attachments(doc)
    for att in attachments:
        if not att["included"]:
            warnings.append(f"附件{att['number'] or ''}“{att['title']}”未包含在文件中。")

    result: dict[str, Any] = {
        "doc_number": number,
        "title": title,
        "kind": header.kind(title),
        "issuers": issuers,
        "issue_date": issue_date,
        "printed_date": header.iso_date(doc.printed_date),
        "year": header.year(title, number, issue_date, norm.text),
        "level": level,
        "theme": theme,
        "slogans": slogans,
        "activities": activities,
        "localities_activities": _activities.localities(doc),
        "report_deadline": due,
        "report_materials": reporting.materials(doc, due_sentence),
        "contacts": reporting.contacts(doc),
        "co_organizers": co_organizers,
        "basis": header.basis(doc, number),
        "basis_titles": header.basis_titles(doc),
        "recipients": recipients,
        "publication": header.publication(doc),
        "copied_to": header.copied_to(doc),
        "attachments": attachments,
        "opening": content.opening(doc),
        "sections": content.sections(doc),
        "warnings": warnings,
        "uncertain": uncertain,
    }
    if norm.original_text is not None:
        result["original_text"] = norm.original_text
    return result


def _check_is_notice(
    text: str,
    number: str | None,
    title: str | None,
    doc: Any,
    recipients: list[str],
    theme: str | None,
) -> None:
    signals = [
        number is not None,
        title is not None,
        len(doc.sections) >= 2,
        bool(recipients),
        doc.signature_date is not None,
        "质量月" in text,
        theme is not None,
    ]
    if sum(signals) < _MIN_NOTICE_SIGNALS:
        raise NoticeParseError(
            "无法识别为“质量月”活动通知或方案：未找到文号、标题、分级标题、主送机关、落款日期等公文要素。",
            code="not_a_notice",
        )
