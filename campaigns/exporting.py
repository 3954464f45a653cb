"""A Notice as an `exports.documents.OfficialDocument`, ready for the DOCX and PDF writers."""

import datetime

from django.utils import timezone

from campaigns.models import Notice, NoticeAttachment, Slogan
from exports.documents import (
    Attachment,
    Block,
    Contact,
    Heading,
    OfficialDocument,
    Paragraph,
    PrintingLine,
    ScheduleRow,
    schedule_table,
)


def body_blocks(body: list[dict]) -> list[Block]:
    """Body blocks as the writers take them. A level 2 or 3 heading runs on into body text
    after its first full stop, as Hunan writes "（一）深入学习……重要论述。党的十八大以来……"."""
    blocks: list[Block] = []
    for block in body or []:
        level, number, text = block.get("level", 0), block.get("number", ""), block.get("text", "")
        if level in (1, 2, 3):
            head, tail = text, ""
            if level > 1 and "。" in text[:-1]:
                cut = text.index("。") + 1
                head, tail = text[:cut], text[cut:]
            blocks.append(Heading(level, f"{number}{head}", tail))
        else:
            blocks.append(Paragraph(text))
    return blocks


def schedule_rows(notice: Notice) -> list[ScheduleRow]:
    rows = []
    for seq, activity in enumerate(notice.activities.prefetch_related("participants"), start=1):
        rows.append(
            ScheduleRow(
                seq=seq,
                theme=activity.title,
                content=activity.content,
                window=activity.window_text,
                lead="、".join(p.name for p in activity.leads()),
                support="、".join(p.name for p in activity.supports()),
                remark=activity.remarks,
            )
        )
    return rows


def notice_document(notice: Notice) -> OfficialDocument:
    """The notice laid out as a 公文 with exactly its own attachments, in order: the slogan
    list (口号) filled from the unit's slogans, the schedule (活动计划安排表) from its
    activities in landscape, any other attachment from its text. An attachment without text
    (an uploaded file, or one the imported copy left out) is listed, not printed."""
    issue_date: datetime.date = notice.issue_date or timezone.localdate()
    attachments = [_attachment(notice, a) for a in notice.attachments.all()]
    return OfficialDocument(
        issuers=notice.issuer_names or [notice.unit.display_name],
        doc_number=notice.doc_number,
        title=notice.title,
        recipients=notice.recipients_text,
        body=body_blocks(notice.body),
        issue_date=issue_date,
        attachments=attachments,
        publication=notice.get_publication_display(),
        contacts=[Contact(c.name, c.phone, c.email) for c in notice.contacts.all()],
        printing=PrintingLine(notice.printing_line, issue_date) if notice.printing_line else None,
        copy_to=notice.copied_to.strip(),
    )


def _attachment(notice: Notice, attachment: NoticeAttachment) -> Attachment:
    paragraphs = [Paragraph(line.strip()) for line in attachment.body.splitlines() if line.strip()]
    if attachment.generated_from == "slogans":
        # The slogans page edits the unit's list; the attachment prints the list as it is now.
        slogans = list(
            Slogan.objects.filter(campaign=notice.campaign, unit=notice.unit)
            .order_by("position")
            .values_list("text", flat=True)
        )
        if slogans:
            return Attachment(title=attachment.title, slogans=slogans)
    if attachment.generated_from == "activities":
        rows = schedule_rows(notice)
        if rows:
            return Attachment(title=attachment.title, tables=[schedule_table(rows)])
    return Attachment(title=attachment.title, blocks=paragraphs)


def export_filename(notice: Notice, extension: str) -> str:
    """文号 + 标题, without characters Windows refuses in file names."""
    name = f"{notice.doc_number} {notice.title}".strip() or "通知"
    for char in '\\/:*?"<>|':
        name = name.replace(char, "_")
    return f"{name[:120]}.{extension}"
