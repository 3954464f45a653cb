"""Uploading to the media library through the page: good files stored, bad ones refused with
a clear message and nothing lost."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.uploads import human_size
from media import uploads
from media.models import MediaItem
from media.tests.factories import campaign_2023, mp4_upload, png_upload, poster_item


def _post(client, world, upload, **extra):
    data = {
        "unit": world.unit("长沙市").pk,
        "campaign": campaign_2023().pk,
        "kind": MediaItem.Kind.POSTER,
        "title": "长沙市质量月海报",
        "print_size": "A2（420×594毫米）",
        "licence": "可免费用于公益宣传",
        "upload": upload,
        **extra,
    }
    return client.post(reverse("media:item_new"), data)


def test_editor_uploads_a_poster_and_a_video_stored_through_the_storage(client_for, world):
    client = client_for(world.users["editor"])
    response = _post(client, world, png_upload())
    item = MediaItem.objects.get()
    assert response.status_code == 302
    assert item.content_type == "image/png"
    assert item.unit == world.unit("长沙市")
    assert item.file.storage.exists(item.file.name)
    assert item.file.read()[:8] == b"\x89PNG\r\n\x1a\n"

    _post(client, world, mp4_upload(), kind=MediaItem.Kind.VIDEO, title="宣传片")
    assert MediaItem.objects.get(title="宣传片").content_type == "video/mp4"


def test_a_fake_image_is_refused_in_chinese_and_the_form_keeps_what_was_typed(client_for, world):
    client = client_for(world.users["editor"])
    fake = SimpleUploadedFile("海报.png", b"MZ\x90\x00 this is a program", content_type="image/png")
    response = _post(client, world, fake)
    html = response.content.decode()
    assert response.status_code == 400
    assert uploads.MSG_TYPE % {"name": "海报.png"} in html
    assert "长沙市质量月海报" in html
    assert "可免费用于公益宣传" in html
    assert not MediaItem.objects.exists()


def test_a_renamed_file_is_refused(client_for, world):
    client = client_for(world.users["editor"])
    renamed = SimpleUploadedFile("海报.jpg", png_upload().read(), content_type="image/jpeg")
    response = _post(client, world, renamed)
    assert response.status_code == 400
    assert "与扩展名 .jpg 不符" in response.content.decode()
    assert not MediaItem.objects.exists()


def test_an_oversize_file_is_refused_with_its_size_and_the_limit(client_for, world, settings):
    settings.QM_MEDIA_UPLOAD_MAX_BYTES = 1000
    client = client_for(world.users["editor"])
    response = _post(client, world, png_upload())
    # Refused while it arrives (core.uploads), before the rest of the body is read.
    assert response.status_code == 413
    assert "超过上限 1000 B" in response.content.decode()
    assert not MediaItem.objects.exists()


def test_the_check_itself_refuses_an_oversize_file_with_its_size(settings):
    settings.QM_MEDIA_UPLOAD_MAX_BYTES = 1000
    upload = png_upload()
    with pytest.raises(ValidationError) as refused:
        uploads.check_media_file(upload)
    assert refused.value.messages == [
        uploads.MSG_TOO_LARGE
        % {"name": "海报.png", "size": human_size(upload.size), "limit": human_size(1000)}
    ]


def test_a_viewer_cannot_upload(client_for, world):
    client = client_for(world.users["viewer"])
    assert client.get(reverse("media:item_new")).status_code == 403
    assert _post(client, world, png_upload()).status_code == 403
    assert not MediaItem.objects.exists()


def test_saving_the_edit_form_unchanged_changes_nothing(client_for, world):
    item = poster_item(actor=world.users["editor"], unit=world.unit("长沙市"))
    entries = LogEntry.objects.count()
    client = client_for(world.users["editor"])
    url = reverse("media:manage_item", args=[item.pk])
    data = {
        "kind": item.kind,
        "title": item.title,
        "print_size": item.print_size,
        "licence": item.licence,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    after = MediaItem.objects.get(pk=item.pk)
    assert (after.updated_at, after.file.name) == (item.updated_at, item.file.name)
    assert LogEntry.objects.count() == entries


@pytest.mark.parametrize("role", ["viewer"])
def test_a_viewer_cannot_edit_an_item(client_for, world, role):
    item = poster_item(actor=world.users["editor"], unit=world.unit("长沙市"))
    client = client_for(world.users[role])
    assert client.get(reverse("media:manage_item", args=[item.pk])).status_code == 403


def test_replacing_the_file_with_a_fake_keeps_the_old_file_and_the_description(client_for, world):
    item = poster_item(actor=world.users["editor"], unit=world.unit("长沙市"))
    client = client_for(world.users["editor"])
    fake = SimpleUploadedFile("新海报.png", b"not a png", content_type="image/png")
    response = client.post(
        reverse("media:manage_item", args=[item.pk]),
        {
            "kind": item.kind,
            "title": "改过的标题",
            "print_size": "",
            "licence": item.licence,
            "upload": fake,
        },
    )
    assert response.status_code == 400
    assert uploads.MSG_TYPE % {"name": "新海报.png"} in response.content.decode()
    assert "改过的标题" in response.content.decode()
    after = MediaItem.objects.get(pk=item.pk)
    assert (after.title, after.file.name) == (item.title, item.file.name)
    assert after.file.storage.exists(after.file.name)


def test_replacing_the_file_stores_the_new_one_and_removes_the_old(
    client_for, world, django_capture_on_commit_callbacks
):
    item = poster_item(actor=world.users["editor"], unit=world.unit("长沙市"))
    old_name = item.file.name
    client = client_for(world.users["editor"])
    data = {"kind": "video", "title": "宣传片", "print_size": "", "licence": item.licence}
    with_video = {**data, "upload": mp4_upload()}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("media:manage_item", args=[item.pk]), with_video)
    assert response.status_code == 302
    after = MediaItem.objects.get(pk=item.pk)
    assert after.content_type == "video/mp4"
    assert not after.file.storage.exists(old_name)
