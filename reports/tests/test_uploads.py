import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from reports import services
from reports.models import ReportFile
from reports.tests import factories
from reports.uploads import MSG_MISMATCH, MSG_TOO_LARGE, MSG_UNKNOWN_TYPE


@pytest.fixture
def draft(reporting):
    expected = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    return services.report_start(actor=reporting.furong_editor, expected=expected)


def test_a_photo_is_stored_through_the_storage_api_with_a_thumbnail(reporting, draft):
    item = services.report_file_add(
        actor=reporting.furong_editor, report=draft, upload=factories.photo(), caption="启动仪式"
    )
    assert item.kind == ReportFile.Kind.PHOTO and item.content_type == "image/png"
    assert item.original_name == "现场.png"
    assert default_storage.exists(item.file.name)
    with default_storage.open(item.thumbnail.name) as thumb, Image.open(thumb) as image:
        assert image.format == "JPEG" and max(image.size) == 320


def test_a_video_is_accepted_as_a_file_without_a_thumbnail(reporting, draft):
    item = services.report_file_add(
        actor=reporting.furong_editor, report=draft, upload=factories.video()
    )
    assert item.kind == ReportFile.Kind.VIDEO and item.content_type == "video/mp4"
    assert not item.thumbnail


def test_content_that_does_not_match_the_extension_is_refused(reporting, draft):
    # A PNG renamed to .jpg is not what it says either.
    renamed = SimpleUploadedFile("照片.jpg", factories.png_bytes(), content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        services.report_file_add(actor=reporting.furong_editor, report=draft, upload=renamed)
    assert exc.value.code == "mismatch"
    assert exc.value.messages == [
        MSG_MISMATCH % {"name": "照片.jpg", "actual": "PNG", "ext": "jpg"}
    ]
    assert not ReportFile.objects.exists()


def test_a_document_pretending_to_be_a_photo_is_refused(reporting, draft):
    with pytest.raises(ValidationError) as exc:
        services.report_file_add(
            actor=reporting.furong_editor, report=draft, upload=factories.pdf()
        )
    assert exc.value.messages == [MSG_UNKNOWN_TYPE]
    assert not ReportFile.objects.exists()


def test_a_file_over_the_configured_limit_is_refused(reporting, draft, settings):
    settings.QM_REPORT_VIDEO_MAX_BYTES = 2048
    with pytest.raises(ValidationError) as exc:
        services.report_file_add(
            actor=reporting.furong_editor, report=draft, upload=factories.video(size=4096)
        )
    assert exc.value.code == "size"
    assert exc.value.messages == [
        MSG_TOO_LARGE
        % {"kind": "视频", "name": "启动仪式.mp4", "size": "4.0 KB", "limit": "2.0 KB"}
    ]
    settings.QM_REPORT_PHOTO_MAX_BYTES = 100
    with pytest.raises(ValidationError):
        services.report_file_add(
            actor=reporting.furong_editor, report=draft, upload=factories.photo()
        )
    assert not ReportFile.objects.exists()
