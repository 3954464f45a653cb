"""Checking a publicity file before it is stored: images (JPG, PNG, GIF, WebP), PDF and MP4,
by content (magic bytes), never by the name or the browser's word. The size limit is
`QM_MEDIA_UPLOAD_MAX_BYTES` (default 300 MB: a campaign video), read at call time."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from PIL import Image

from core.uploads import MSG_FILE_MISMATCH, content_extension, size_check

TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "mp4": "video/mp4",
}
# A poster at A0 and 300 dpi is about 140 million pixels; more is a decompression bomb.
MAX_PIXELS = 200_000_000

MSG_TYPE = gettext_noop(
    "文件“%(name)s”不是图片（JPG、PNG、GIF、WebP）、PDF 或 MP4 视频（按文件内容判断），未上传。"
)
MSG_MISMATCH = MSG_FILE_MISMATCH
MSG_TOO_LARGE = gettext_noop("文件“%(name)s”大小为 %(size)s，超过上限 %(limit)s，未上传。")
MSG_BAD_IMAGE = gettext_noop("图片“%(name)s”无法读取或尺寸过大，未上传。")


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str


def max_bytes(head: bytes = b"") -> int:
    return settings.QM_MEDIA_UPLOAD_MAX_BYTES


def check_media_file(upload: UploadedFile) -> CheckedFile:
    name = upload.name or ""
    size_check(upload, max_bytes(), message=MSG_TOO_LARGE)
    extension = content_extension(upload, TYPES, type_message=MSG_TYPE)
    if TYPES[extension].startswith("image/"):
        try:
            with Image.open(upload) as image:
                width, height = image.size
        except (OSError, Image.DecompressionBombError) as exc:
            raise ValidationError(_(MSG_BAD_IMAGE) % {"name": name}, code="image") from exc
        finally:
            upload.seek(0)
        if width * height > MAX_PIXELS:
            raise ValidationError(_(MSG_BAD_IMAGE) % {"name": name}, code="image")
    return CheckedFile(extension=extension, content_type=TYPES[extension])
