"""Files and items for the media library's tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaigns.models import Campaign
from campaigns.services import national_campaigns_load
from media.models import MediaItem
from media.services import media_item_create

# The smallest box an MP4 file starts with (ISO/IEC 14496-12 ftyp, brand isom).
MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"


def campaign_2023() -> Campaign:
    return Campaign.objects.filter(year=2023).first() or national_campaigns_load()[0]


def png_bytes(size=(600, 848), colour=(176, 0, 0)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def png_upload(name: str = "海报.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def mp4_upload(name: str = "宣传片.mp4") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, MP4_HEAD + b"\x00" * 2048, content_type="video/mp4")


def poster_item(*, actor, unit, title: str = "2023年质量月主题海报") -> MediaItem:
    return media_item_create(
        actor=actor,
        campaign=campaign_2023(),
        unit=unit,
        upload=png_upload(),
        kind=MediaItem.Kind.POSTER,
        title=title,
        print_size="A2（420×594毫米）",
    )
