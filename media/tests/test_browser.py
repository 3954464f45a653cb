"""The media library in Chromium: an editor uploads a poster through the form, a fake image
is refused and the form keeps what was typed, the edit form saved unchanged changes nothing;
a visitor on a phone finds the poster and its download."""

import pytest
from auditlog.models import LogEntry

from core.testing.browser import log_in
from core.testing.world import build_world
from media import uploads
from media.models import MediaItem
from media.tests.factories import campaign_2023, png_bytes, poster_item
from media.views import MSG_SAVED, MSG_UNCHANGED
from public.tests.pages import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def snapshot(item: MediaItem) -> dict:
    item = MediaItem.objects.get(pk=item.pk)
    return {
        name: getattr(item, name)
        for name in ("kind", "title", "print_size", "licence", "file", "updated_at")
    }


def test_editor_uploads_a_poster_a_fake_is_refused_and_a_resave_changes_nothing(page, tmp_path):
    build_world()
    campaign_2023()
    fake = tmp_path / "海报.png"
    fake.write_bytes(b"MZ\x90\x00 not an image at all")
    good = tmp_path / "长沙海报.png"
    good.write_bytes(png_bytes())

    log_in(page, "changsha_editor")
    page.goto("/materials/manage/")
    page.get_by_role("link", name="上传素材").click()
    page.get_by_label("标题").fill("长沙市质量月海报")
    page.get_by_label("印制尺寸").fill("A2（420×594毫米）")
    page.get_by_label("文件").set_input_files(str(fake))
    page.get_by_role("button", name="保存").click()
    page.get_by_text(uploads.MSG_TYPE % {"name": "海报.png"}).wait_for()
    assert page.get_by_label("标题").input_value() == "长沙市质量月海报"
    assert page.get_by_label("印制尺寸").input_value() == "A2（420×594毫米）"
    assert not MediaItem.objects.exists()

    page.get_by_label("文件").set_input_files(str(good))
    page.get_by_role("button", name="保存").click()
    page.get_by_text(str(MSG_SAVED)).wait_for()
    item = MediaItem.objects.get()
    assert item.title == "长沙市质量月海报"

    before = snapshot(item)
    entries = LogEntry.objects.count()
    page.get_by_role("button", name="保存").click()
    page.get_by_text(str(MSG_UNCHANGED)).wait_for()
    assert snapshot(item) == before
    assert LogEntry.objects.count() == entries


def test_visitor_on_a_phone_finds_the_poster_and_downloads_it(phone_page, screenshot_dir):
    world = build_world()
    item = poster_item(actor=world.users["national_admin"], unit=world.unit("湖南省"))
    p = phone_page
    p.goto("/")
    p.get_by_role("link", name="宣传素材").click()
    check_page(p, screenshot_dir, "media-list")
    p.get_by_role("link", name=item.title).click()
    check_page(p, screenshot_dir, "media-detail")
    assert p.get_by_role("img", name=item.title).evaluate("img => img.naturalWidth") == 600
    with p.expect_download() as download:
        p.get_by_role("link", name="下载").click()
    assert download.value.suggested_filename == item.file_name
