"""Checking and preparing uploaded photos and videos.

The type comes from the file's content (its magic bytes, read by `filetype`), never from the
name the browser sent; a name whose extension says something else is refused, so that a
renamed document cannot pass for a photo. Limits are read from settings at call time:
`QM_REPORT_PHOTO_MAX_BYTES` (default 20 MB), `QM_REPORT_VIDEO_MAX_BYTES` (default 500 MB) and
`QM_REPORT_PHOTO_MAX_PIXELS` (default 60 million: a 48-megapixel phone photo passes).
"""

import io
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from PIL import Image, ImageOps

from core.uploads import MSG_FILE_MISMATCH, content_extension, human_size

PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}
VIDEO_TYPES = {
    "mp4": "video/mp4",
    "mov": "video/quicktime",
    "m4v": "video/x-m4v",
    "avi": "video/x-msvideo",
    "webm": "video/webm",
    "mkv": "video/x-matroska",
    "flv": "video/x-flv",
    "wmv": "video/x-ms-wmv",
}
THUMBNAIL_SIZE = (320, 320)

MSG_UNKNOWN_TYPE = gettext_noop(
    "只能上传图片（JPG、PNG、GIF、WebP）或视频（MP4、MOV、AVI、WebM、MKV 等）。"
)
MSG_MISMATCH = MSG_FILE_MISMATCH
MSG_TOO_LARGE = gettext_noop("%(kind)s“%(name)s”大小为 %(size)s，超过上限 %(limit)s。")
MSG_TOO_MANY_PIXELS = gettext_noop(
    "图片“%(name)s”尺寸为 %(width)s×%(height)s 像素，超过上限 %(limit)s 万像素，请缩小后再上传。"
)


@dataclass(frozen=True)
class CheckedUpload:
    kind: str  # "photo" or "video"
    extension: str
    content_type: str


def photo_max_bytes() -> int:
    return getattr(settings, "QM_REPORT_PHOTO_MAX_BYTES", 20 * 1024 * 1024)


def video_max_bytes() -> int:
    return getattr(settings, "QM_REPORT_VIDEO_MAX_BYTES", 500 * 1024 * 1024)


def max_bytes_for(head: bytes) -> int:
    """The limit of a report file that starts with `head`, checked while it arrives
    (core.uploads): a photo's if it is one, else a video's, the largest (a file of
    neither kind is refused once it is complete)."""
    guess = filetype.guess(head) if head else None
    if guess is not None and guess.extension in PHOTO_TYPES:
        return photo_max_bytes()
    return video_max_bytes()


def photo_max_pixels() -> int:
    return getattr(settings, "QM_REPORT_PHOTO_MAX_PIXELS", 60_000_000)


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """The kind of `upload`, by content; ValidationError for anything else, a name that lies
    about the content, or a file over the limit for its kind."""
    extension = content_extension(
        upload, {**PHOTO_TYPES, **VIDEO_TYPES}, type_message=MSG_UNKNOWN_TYPE
    )
    kind = "photo" if extension in PHOTO_TYPES else "video"
    name = upload.name or ""
    limit = photo_max_bytes() if kind == "photo" else video_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _(MSG_TOO_LARGE)
            % {
                "kind": _("图片") if kind == "photo" else _("视频"),
                "name": name,
                "size": human_size(upload.size),
                "limit": human_size(limit),
            },
            code="size",
        )
    if kind == "photo":
        _check_pixels(upload, name)
    types = PHOTO_TYPES if kind == "photo" else VIDEO_TYPES
    return CheckedUpload(kind=kind, extension=extension, content_type=types[extension])


def _check_pixels(upload: UploadedFile, name: str) -> None:
    """Refuse a photo whose dimensions exceed `QM_REPORT_PHOTO_MAX_PIXELS`. A PNG of
    30000×30000 pixels compresses to a few hundred kilobytes and decodes to gigabytes (a
    decompression bomb): the size limit does not see it, the dimensions in its header do.
    Only the header is read here."""
    limit = photo_max_pixels()
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        # Pillow refuses by itself beyond twice its own MAX_IMAGE_PIXELS, before the size.
        width = height = None
    except (OSError, ValueError):
        return  # not decodable: kept without a thumbnail, as before
    finally:
        upload.seek(0)
    if width is None or width * height > limit:
        raise ValidationError(
            _(MSG_TOO_MANY_PIXELS)
            % {
                "name": name,
                "width": width or "?",
                "height": height or "?",
                "limit": f"{limit // 10_000:,}",
            },
            code="pixels",
        )


def make_thumbnail(upload: UploadedFile) -> ContentFile | None:
    """A small JPEG of a photo, turned upright by its EXIF orientation; None if Pillow cannot
    decode it (the photo itself is still kept)."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(THUMBNAIL_SIZE)
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=82)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(0)
    return ContentFile(out.getvalue(), name="thumb.jpg")
