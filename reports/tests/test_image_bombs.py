"""Decompression bombs: a small PNG that declares huge dimensions is refused with a clear
message, and a photo without a thumbnail never has its original served as one."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports import services
from reports.models import ReportFile
from reports.tests import factories
from reports.uploads import MSG_TOO_MANY_PIXELS


def huge_png(width: int, height: int, *, damaged: bool = False) -> bytes:
    """A real, valid PNG of `width`×`height` black pixels (1-bit greyscale): a few hundred
    kilobytes on disk, `width`×`height` pixels once decoded. Written row by row, never
    held whole in memory."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then the packed bits
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    if damaged:
        idat = b"\x78\x9c" + b"\xff" * 64  # a zlib header, then nothing that inflates
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def _draft(reporting):
    expected = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    services.report_start(actor=reporting.furong_editor, expected=expected)
    return expected


def test_a_png_of_30000_by_30000_pixels_is_refused_with_the_limit(reporting, client_for):
    expected = _draft(reporting)
    bomb = huge_png(30000, 30000)
    assert len(bomb) < 1024 * 1024
    response = client_for(reporting.furong_editor).post(
        reverse("reports:report_upload", args=[expected.pk]),
        {"file": SimpleUploadedFile("现场.png", bomb, content_type="image/png")},
    )
    assert response.status_code == 400
    message = MSG_TOO_MANY_PIXELS % {
        "name": "现场.png",
        "width": "?",
        "height": "?",
        "limit": "6,000",
    }
    assert message in response.content.decode()
    assert not ReportFile.objects.exists()


def test_a_photo_over_the_configured_pixels_is_refused_with_its_dimensions(
    reporting, client_for, settings
):
    settings.QM_REPORT_PHOTO_MAX_PIXELS = 1_000_000
    expected = _draft(reporting)
    response = client_for(reporting.furong_editor).post(
        reverse("reports:report_upload", args=[expected.pk]),
        {"file": SimpleUploadedFile("现场.png", huge_png(2000, 1000), content_type="image/png")},
    )
    assert response.status_code == 400
    message = MSG_TOO_MANY_PIXELS % {
        "name": "现场.png",
        "width": 2000,
        "height": 1000,
        "limit": "100",
    }
    assert message in response.content.decode()
    assert not ReportFile.objects.exists()


def test_a_photo_without_a_thumbnail_is_never_served_as_its_own_thumbnail(reporting, client_for):
    # A damaged photo: its header reads, its pixels do not; kept without a thumbnail.
    expected = _draft(reporting)
    client = client_for(reporting.furong_editor)
    response = client.post(
        reverse("reports:report_upload", args=[expected.pk]),
        {
            "file": SimpleUploadedFile(
                "现场.png", huge_png(800, 600, damaged=True), content_type="image/png"
            )
        },
    )
    assert response.status_code == 302
    item = ReportFile.objects.get()
    assert not item.thumbnail
    url = reverse("reports:file_download", args=[item.pk])
    assert client.get(url + "?thumb=1").status_code == 404
    # The original is still there when asked for, and the page shows no broken thumbnail.
    assert client.get(url).status_code == 200
    page = client.get(reverse("reports:report_edit", args=[expected.pk])).content.decode()
    assert "?thumb=1" not in page and "无预览图" in page
