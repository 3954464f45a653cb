"""Split normalized lines into the parts of an official document (公文).

The parts are found by their shape, not by their position: a plan can be wrapped in a cover
notice (Hunan: the notice has its own contacts and attachment list *before* the plan's
sections), the signature can be missing, and web copies drop the red head entirely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import rules
from .numerals import to_int


@dataclass
class Item:
    number: str
    text: str


@dataclass
class Section:
    number: str
    title: str
    lines: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


@dataclass
class Attachment:
    number: int | None
    title: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Document:
    lines: list[str]
    main: list[str]
    header: list[str]
    sections: list[Section]
    attachments: list[Attachment]
    attachment_list: list[tuple[int | None, str]]
    signature_orgs: list[str]
    signature_date: str | None
    printed_date: str | None


_CJK_SPACE = re.compile(
    rf"(?<=[{rules.CJK}]) +(?=[{rules.CJK}“”《》])|(?<=[“”《》]) +(?=[{rules.CJK}])"
)


def compact(text: str) -> str:
    """Titles never contain meaningful spaces between ideographs; lines wrapped at the
    page width leave them behind ("关于 印发")."""
    return _CJK_SPACE.sub("", text.strip())


def is_org_line(line: str) -> bool:
    """A line made only of organisation names, as in a signature block or a red head."""
    if (
        "关于" in line
        or len(line) > 60
        or rules.METADATA_ROW.match(line)
        or rules.HEADING_2.match(line)
        or rules.HEADING_1.match(line)
    ):
        return False
    tokens = org_names(line)
    return bool(tokens) and all(rules.ORG_NAME.match(tok) for tok in tokens)


def org_names(line: str) -> list[str]:
    """The names of a signature or red-head line, without the stamp a signature may note
    ("湖北省市场监督管理局（盖章）", "…领导小组办公室（省市场监管局代章）")."""
    return [rules.STAMP.sub("", token) for token in line.split()]


def is_terminator(line: str) -> bool:
    """Lines that end the running text of a section: attachment list, contacts, signature."""
    return bool(
        rules.ATTACHMENT_LIST.match(line)
        or rules.PUBLICATION.match(line)
        or rules.COPY_TO.match(line)
        or rules.CONTACT_LABEL.match(line)
        or _standalone_date(line)
        or is_org_line(line)
    )


_SIGNED_LINE = re.compile(rf"(.+?)\s*({rules.DATE.pattern})")


def _standalone_date(line: str) -> re.Match[str] | None:
    line = line.strip()
    return rules.DATE.fullmatch(line) or rules.NUMERIC_DATE.fullmatch(line)


def _attachment_start(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        if rules.ATTACHMENT_START.match(line) and i + 1 < len(lines):
            return i
    return len(lines)


def _split_attachments(lines: list[str]) -> list[Attachment]:
    out: list[Attachment] = []
    for line in lines:
        m = rules.ATTACHMENT_START.match(line)
        if m:
            out.append(Attachment(number=to_int(m.group(1)) if m.group(1) else None, title=""))
        elif out and not out[-1].title:
            out[-1].title = compact(line)
        elif out:
            out[-1].lines.append(line)
    return out


def _attachment_list(main: list[str]) -> tuple[list[tuple[int | None, str]], set[int]]:
    """The "附件：1.… 2.…" list under the body, and the line indexes it occupies."""
    found: list[tuple[int | None, str]] = []
    used: set[int] = set()
    for i, line in enumerate(main):
        m = rules.ATTACHMENT_LIST.match(line)
        if not m:
            continue
        used.add(i)
        first = m.group(1).strip()
        if first:
            num = rules.HEADING_3.match(first)
            found.append(
                (int(num.group(1)), compact(num.group(2))) if num else (None, compact(first))
            )
        j = i + 1
        while j < len(main):
            num = rules.HEADING_3.match(main[j])
            if not num or len(main[j]) > 80:
                break
            found.append((int(num.group(1)), compact(num.group(2))))
            used.add(j)
            j += 1
    return found, used


def _signature(main: list[str]) -> tuple[list[str], str | None, int | None]:
    """Issuers listed above a standalone date, possibly several per line (joint issue)."""
    for i, line in enumerate(main):
        # A copy may run the last name and the date into one line ("湖北省市场监督管理局
        # 2023年8月25日").
        signed = _SIGNED_LINE.fullmatch(line.strip())
        orgs = org_names(signed.group(1)) if signed and is_org_line(signed.group(1)) else []
        if not orgs and not _standalone_date(line):
            continue
        date = signed.group(2) if orgs else line
        j = i - 1
        while j >= 0 and is_org_line(main[j]):
            orgs = org_names(main[j]) + orgs
            j -= 1
        if orgs:
            return orgs, date, i
    # A date alone at the very end of the running text still signs the document; one in a
    # column of dates is a page's list of other articles.
    listed = date_column(main)
    for i in range(len(main) - 1, max(len(main) - 4, -1), -1):
        if _standalone_date(main[i]) and i not in listed:
            return [], main[i], i
    return [], None, None


_DATED_LINE = re.compile(r".{0,40}?(?:19|20)\d{2}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)\s*")


def date_column(lines: list[str]) -> set[int]:
    """The indexes of lines in a run of three or more lines that each end in a date after a
    short title or nothing: a page's list of other articles (a mirror's sidebar, "相关新闻"),
    not a date of the text."""
    column: set[int] = set()
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or not _DATED_LINE.fullmatch(lines[i]):
            if i - start >= 3:
                column.update(range(start, i))
            start = i + 1
    return column


def _printed_date(main: list[str]) -> str | None:
    for line in main:
        m = rules.DATE.match(line)
        if m and line.rstrip().endswith("印发"):
            return m.group(0)
    return None


def _header_end(main: list[str]) -> int:
    """The header ends at the recipients line, or at the first heading or prose paragraph."""
    for i, line in enumerate(main[:15]):
        if rules.RECIPIENT_LINE.match(line) and not rules.HEADING_1.match(line):
            return i + 1
        if rules.HEADING_1.match(line) or (len(line) > 60 and "。" in line):
            return i
    return min(len(main), 5)


def _sections(main: list[str], skip: set[int]) -> list[Section]:
    sections: list[Section] = []
    stopped = True
    for i, line in enumerate(main):
        if i in skip:
            stopped = True
            continue
        h1 = rules.HEADING_1.match(line)
        if h1 and len(h1.group(2)) <= 30 and "。" not in h1.group(2):
            sections.append(Section(number=h1.group(1), title=compact(h1.group(2))))
            stopped = False
            continue
        if not sections or stopped:
            continue
        if is_terminator(line):
            stopped = True
            continue
        section = sections[-1]
        section.lines.append(line)
        h2 = rules.HEADING_2.match(line)
        if h2:
            section.items.append(Item(number=h2.group(1), text=h2.group(2).strip()))
        elif section.items:
            # Yong'an puts the item title on its own line and the paragraph below it.
            section.items[-1].text += "\n" + line
    return sections


def segment(lines: list[str]) -> Document:
    att_start = _attachment_start(lines)
    main, rest = lines[:att_start], lines[att_start:]
    attachment_list, used = _attachment_list(main)
    orgs, signed, sig_index = _signature(main)
    skip = set(used)
    if sig_index is not None:
        skip.add(sig_index)
    header_end = _header_end(main)
    return Document(
        lines=lines,
        main=main,
        header=main[:header_end],
        sections=_sections(main, skip),
        attachments=_split_attachments(rest),
        attachment_list=attachment_list,
        signature_orgs=orgs,
        signature_date=signed,
        printed_date=_printed_date(main),
    )
