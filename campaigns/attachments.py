"""Notice attachments as files (附件): the DOCX, XLSX or PDF a clerk uploads on the notice
form, delivered with the notice. The type is decided by the file's content, not by its name or
the browser's word; the size is capped; files go through Django's storage API, so S3 is a
setting.
"""

import io
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import Notice, NoticeAttachment
from core.audit import set_actor

MSG_TYPE = gettext_lazy(
    "附件“%(name)s”不是 DOCX、XLSX 或 PDF 文件（按文件内容判断），请另存为这三种格式之一后再上传。"
)
MSG_TOO_LARGE = gettext_lazy("附件“%(name)s”过大（超过 %(mb)s MB）。")
MSG_TITLE_EMPTY = gettext_lazy("附件标题不能为空。")

# The part each Office format cannot do without (ECMA-376 part names).
_OFFICE_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
}
# A DOCX or XLSX is a zip: a small file can unpack to gigabytes (a zip bomb). No real
# attachment unpacks to more than this many times its size.
_MAX_RATIO = 100


def max_bytes() -> int:
    return settings.QM_NOTICE_UPLOAD_MAX_BYTES


def file_type(data: bytes) -> str | None:
    """The type as the content says (".docx", ".xlsx" or ".pdf"), or None."""
    if data.startswith(b"%PDF-"):
        return ".pdf"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    names = {info.filename for info in infos}
    if sum(info.file_size for info in infos) > _MAX_RATIO * max(len(data), 1024 * 1024):
        return None
    for extension, part in _OFFICE_PARTS.items():
        if part in names and "[Content_Types].xml" in names:
            return extension
    return None


def upload_read(upload) -> tuple[bytes, str]:
    """The upload's bytes and its type; ValidationError (Chinese, naming the file) when it
    is too large or not a DOCX/XLSX/PDF by content."""
    name = os.path.basename(upload.name or "")
    limit = max_bytes()
    too_large = ValidationError(
        MSG_TOO_LARGE, params={"name": name, "mb": round(limit / 1024 / 1024, 1)}
    )
    if upload.size is not None and upload.size > limit:
        raise too_large
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large
    extension = file_type(data)
    if extension is None:
        raise ValidationError(MSG_TYPE, params={"name": name})
    return data, extension


@dataclass(frozen=True)
class AttachmentEdit:
    """An existing attachment as the form sends it back: its (edited) title, or removed."""

    pk: int
    title: str
    delete: bool = False


def notice_attachments_save(
    *, actor, notice: Notice, edits: list[AttachmentEdit], uploads: list
) -> None:
    """Apply the form's attachment edits: retitle or remove existing attachments, append one
    attachment per uploaded file, titled by its file name. The caller holds the transaction
    and has checked the permission (notice_draft_save). Every upload is checked before any
    is stored; a file stored before a later failure here is removed again, and the files of
    removed attachments only once the transaction has committed. notice_draft_save calls
    this last, so nothing after it can roll the rows back and leave files behind."""
    files = [(upload, *upload_read(upload)) for upload in uploads]
    current = {a.pk: a for a in notice.attachments.all()}
    stored: list[str] = []
    with set_actor(actor):
        for edit in edits:
            attachment = current.get(edit.pk)
            if attachment is None:
                continue
            if edit.delete:
                name = attachment.file.name
                storage = attachment.file.storage
                attachment.delete()
                if name:
                    transaction.on_commit(lambda n=name, s=storage: s.delete(n))
                continue
            title = edit.title.strip()
            if not title:
                raise ValidationError(MSG_TITLE_EMPTY)
            if title != attachment.title:
                attachment.title = title[:300]
                attachment.full_clean(exclude=["notice"])
                attachment.save()
        position = max((a.position for a in notice.attachments.all()), default=0)
        try:
            for upload, data, extension in files:
                position += 1
                client_name = os.path.basename(upload.name or "") or _("附件")
                stem, _extension = os.path.splitext(client_name)
                attachment = NoticeAttachment(
                    notice=notice,
                    position=position,
                    title=(stem or client_name)[:300],
                    kind=NoticeAttachment.Kind.OTHER,
                    file_name=(stem[:240] + extension) if stem else client_name[:255],
                    file_size=len(data),
                )
                attachment.file.save(f"attachment{extension}", ContentFile(data), save=False)
                stored.append(attachment.file.name)
                attachment.full_clean(exclude=["notice"])
                attachment.save()
        except Exception:
            for name in stored:
                NoticeAttachment._meta.get_field("file").storage.delete(name)
            raise
