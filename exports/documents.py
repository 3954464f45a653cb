"""Plain descriptions of what gets exported, independent of any output format.

The shapes follow the seed documents: a 公文 as GB/T 9704-2012 lays it out (Hunan's 湘市监办发
〔2023〕57号, Yong'an's 永市监质〔2023〕35号) and Yong'an's attachment 2, the canonical activity
schedule table.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Yong'an's attachment 2 header, in its order; the XLSX writer and reader and the DOCX table
# all use this one tuple so the three can never drift apart.
SCHEDULE_COLUMNS: tuple[str, ...] = (
    "序号",
    "活动主题",
    "活动内容",
    "时间安排",
    "牵头部门",
    "协办单位",
    "备注",
)

# Lead and support units are written as one cell ("办公室、综合处、宣传处等配合"); the seeds
# separate names with 、 ， , and spaces (including the full-width space). A separator inside
# brackets belongs to the name: "各县（市、区）市场监管局" is one name.
_UNIT_SEPARATORS = re.compile(r"[、，,;；\s\u3000]+")
_OPENING = "（(【[《〔"
_CLOSING = "）)】]》〕"


def split_outside_brackets(text: str, separators: re.Pattern[str]) -> list[str]:
    """``separators.split(text)``, except where the separator stands inside brackets."""
    out: list[str] = []
    current: list[str] = []
    depth = position = 0
    while position < len(text):
        char = text[position]
        if depth == 0:
            match = separators.match(text, position)
            if match and match.end() > position:
                out.append("".join(current))
                current = []
                position = match.end()
                continue
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING and depth:
            depth -= 1
        current.append(char)
        position += 1
    out.append("".join(current))
    return out


def split_unit_names(text: str) -> list[str]:
    """Split a lead/support cell into unit names, dropping the trailing 等 ("and others")."""
    names = []
    for part in split_outside_brackets(text, _UNIT_SEPARATORS):
        name = part.strip()
        if name.endswith("等") and len(name) > 1:
            name = name[:-1]
        if name:
            names.append(name)
    return names


def format_chinese_date(day: datetime.date) -> str:
    """2023年9月13日: GB/T 9704 wants the full year and no leading zeros in month and day."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1 一、, level 2 （一）, level 3 1. (the number is in ``text``).

    ``tail`` is body text run into the same paragraph after the heading, as Hunan writes
    "（一）深入学习……重要论述。党的十八大以来……": the heading part keeps the heading font and
    the tail is set in the body font.
    """

    level: int
    text: str
    tail: str = ""

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"heading level must be 1, 2 or 3, not {self.level}")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph (first line indented two characters)."""

    text: str


Block = Heading | Paragraph


@dataclass(frozen=True)
class Table:
    """A real table in an attachment; ``landscape`` puts it on landscape pages (wide tables)."""

    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    # Relative column widths; None means equal columns.
    widths: Sequence[float] | None = None
    landscape: bool = False

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(
                    f"row {row!r} has {len(row)} cells for {len(self.columns)} columns"
                )
        if self.widths is not None and len(self.widths) != len(self.columns):
            raise ValueError("widths must give one number per column")


@dataclass(frozen=True)
class Attachment:
    """One attachment (附件): its title and optional slogans, paragraphs and tables.

    ``numbered=False`` is for the document a 印发 notice prints after itself (Hunan's
    活动方案 follows the notice without an 附件 label); it is neither numbered nor listed in
    the 附件 line.
    """

    title: str
    blocks: Sequence[Block] = ()
    slogans: Sequence[str] = ()
    tables: Sequence[Table] = ()
    numbered: bool = True

    @property
    def printed(self) -> bool:
        """Whether the attachment has pages of its own. One without text (an uploaded file
        sent with the notice, or one the imported copy left out) is only listed in the 附件
        note: GB/T 9704 8 lets an attachment travel separately, and an empty page adds
        nothing."""
        return bool(self.blocks or self.slogans or self.tables)


@dataclass(frozen=True)
class Contact:
    """A contact person (联系人) with phone (may be "电话（传真）") and e-mail."""

    name: str
    phone: str = ""
    email: str = ""

    @property
    def lines(self) -> list[str]:
        """The lines the document prints for this contact, the empty ones left out."""
        labelled = (("联系人", self.name), ("电话", self.phone), ("邮箱", self.email))
        return [f"{label}：{value}" for label, value in labelled if value]


@dataclass(frozen=True)
class PrintingLine:
    """The 版记 printing line: 印发机关 and 印发日期 ("永安市市场监督管理局办公室 2023年9月13日印发")."""

    organ: str
    date: datetime.date


@dataclass(frozen=True)
class OfficialDocument:
    """A 公文 (notice or plan) as issued: GB/T 9704-2012's elements in order."""

    issuers: Sequence[str]
    doc_number: str
    title: str
    recipients: str
    body: Sequence[Block]
    issue_date: datetime.date
    attachments: Sequence[Attachment] = ()
    # Lines of the 发文机关署名; empty means the issuers, one per line (joint issue stacks them).
    signature: str = ""
    publication: str = ""
    contacts: Sequence[Contact] = ()
    printing: PrintingLine | None = None
    copy_to: str = ""
    # A 文件 header is the usual 发文机关标志; letters (函) use the bare name.
    mark_suffix: str = "文件"

    def __post_init__(self) -> None:
        if not self.issuers:
            raise ValueError("an official document needs at least one issuer")

    @property
    def signature_lines(self) -> list[str]:
        text = self.signature or "\n".join(self.issuers)
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def date_text(self) -> str:
        return format_chinese_date(self.issue_date)

    @property
    def recipients_line(self) -> str:
        """The 主送机关 line, ending with a full-width colon; empty when there is no recipient
        (a document sent to nobody in particular has no such line, not a lone "：")."""
        text = self.recipients.strip().rstrip(":：")
        return f"{text}：" if text else ""

    @property
    def publication_text(self) -> str:
        """The 附注 in full-width parentheses, whatever brackets the caller gave."""
        text = self.publication.strip().strip("()（）")
        return f"（{text}）" if text else ""

    @property
    def numbered_attachments(self) -> list[tuple[int, Attachment]]:
        numbered = [a for a in self.attachments if a.numbered]
        return list(enumerate(numbered, start=1))

    def attachment_label(self, attachment: Attachment) -> str:
        """附件 or 附件N: a single attachment is not numbered (GB/T 9704 7.3.4)."""
        numbered = [a for a in self.attachments if a.numbered]
        if len(numbered) == 1:
            return "附件"
        return f"附件{numbered.index(attachment) + 1}"


@dataclass(frozen=True)
class ScheduleRow:
    """One row of the activity schedule (活动计划安排表), all cells as written."""

    seq: int
    theme: str
    content: str
    window: str
    lead: str
    support: str = ""
    remark: str = ""
    # Where the row came from when read back (Excel's row number); not part of equality.
    source_row: int | None = field(default=None, compare=False)

    def cells(self) -> list[str]:
        """The row in SCHEDULE_COLUMNS order, as text."""
        return [
            str(self.seq),
            self.theme,
            self.content,
            self.window,
            self.lead,
            self.support,
            self.remark,
        ]

    @property
    def lead_units(self) -> list[str]:
        return split_unit_names(self.lead)

    @property
    def support_units(self) -> list[str]:
        return split_unit_names(self.support)


# Relative widths that fit Yong'an's table: the content column carries most of the text.
SCHEDULE_WIDTHS: tuple[float, ...] = (6, 20, 42, 11, 11, 12, 8)


def schedule_table(rows: Iterable[ScheduleRow]) -> Table:
    """The schedule as an attachment table (landscape, as a 7-column table needs)."""
    return Table(
        columns=SCHEDULE_COLUMNS,
        rows=[row.cells() for row in rows],
        widths=SCHEDULE_WIDTHS,
        landscape=True,
    )
