"""Uploading or pasting a notice: bad input is refused with a Chinese message and stores
nothing; a readable notice is kept for the clerk to check."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Notice
from core.testing.world import make_user
from core.uploads import MSG_FILE_TOO_LARGE
from imports.forms import MSG_NOTHING_TO_IMPORT
from imports.models import NoticeImport

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HUNAN_TEXT = (FIXTURES / "2023-hunan-province-plan.txt").read_text(encoding="utf-8")


def stored_files() -> list[str]:
    try:
        months = default_storage.listdir("imports")[0]
    except FileNotFoundError:
        return []
    files = []
    for year in months:
        for month in default_storage.listdir(f"imports/{year}")[0]:
            files += default_storage.listdir(f"imports/{year}/{month}")[1]
    return files


def snapshot() -> tuple[int, int, int]:
    return NoticeImport.objects.count(), Notice.objects.count(), len(stored_files())


@pytest.fixture
def hunan_editor(world):
    return make_user("hunan_editor", world.unit("湖南省"), "editor")


def new_url(unit) -> str:
    return reverse("imports:new", args=[unit.pk])


def scanned_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 300, 400, fill=1)  # a scanned page: shapes, no text layer
    c.showPage()
    c.save()
    return buf.getvalue()


def zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (8 * 1024 * 1024))
    return buf.getvalue()


def zip_without_body() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    return buf.getvalue()


def word_file() -> bytes:
    from docx import Document

    buf = io.BytesIO()
    document = Document()
    document.add_paragraph(HUNAN_TEXT)
    document.save(buf)
    return buf.getvalue()


BAD_FILES = [
    ("empty.txt", b"", "文件为空"),
    ("junk.txt", bytes(range(256)) * 20, "不是文本"),
    ("scan.pdf", None, "OCR"),
    ("bomb.docx", None, "压缩炸弹"),
    ("fake.docx", "这不是 Word 文件".encode(), "不是有效的 DOCX"),
    ("other.docx", None, "document.xml"),
    ("recipe.txt", "番茄炒蛋：先把鸡蛋打散，再把番茄切块。".encode(), "无法识别为"),
    ("old.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "另存为 .docx"),
    ("fake.ofd", "这不是 OFD 文件".encode(), "不是有效的 OFD 文件"),
    ("word.ofd", None, "缺少 OFD.xml"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_refused_with_a_chinese_message_and_nothing_is_stored(
    client_for, hunan_editor, world, name, content, message
):
    content = {
        "scan.pdf": scanned_pdf,
        "bomb.docx": zip_bomb,
        "other.docx": zip_without_body,
        "word.ofd": word_file,  # a Word file renamed .ofd
    }.get(name, lambda: content)()
    before = snapshot()
    response = client_for(hunan_editor).post(
        new_url(world.unit("湖南省")), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_pasted_text_that_is_not_a_notice_is_refused(client_for, hunan_editor, world):
    before = snapshot()
    response = client_for(hunan_editor).post(
        new_url(world.unit("湖南省")), {"text": "今天天气很好，我们去公园散步。"}
    )
    assert response.status_code == 400
    assert "无法识别为“质量月”活动通知或方案" in response.content.decode()
    assert snapshot() == before


def test_oversized_file_is_refused_before_it_is_read(client_for, hunan_editor, world, settings):
    settings.QM_NOTICE_UPLOAD_MAX_BYTES = 1024
    before = snapshot()
    response = client_for(hunan_editor).post(
        new_url(world.unit("湖南省")),
        {"file": SimpleUploadedFile("big.txt", HUNAN_TEXT.encode())},
    )
    # Stopped while it arrives, past the limit (core.uploads), with the limit named.
    assert response.status_code == 413
    too_large = MSG_FILE_TOO_LARGE % {"name": "big.txt", "limit": "1.0 KB"}
    assert too_large in response.content.decode()
    assert snapshot() == before


def test_oversized_upload_is_refused_by_the_service_too(hunan_editor, world, settings):
    from imports.parser.errors import NoticeParseError
    from imports.services import notice_import_create

    settings.QM_NOTICE_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(NoticeParseError) as err:
        notice_import_create(
            actor=hunan_editor,
            unit=world.unit("湖南省"),
            upload=SimpleUploadedFile("big.txt", HUNAN_TEXT.encode()),
        )
    assert err.value.code == "too_large"
    assert snapshot() == (0, 0, 0)


def test_nothing_chosen_asks_for_a_file_or_text(client_for, hunan_editor, world):
    response = client_for(hunan_editor).post(new_url(world.unit("湖南省")), {})
    assert response.status_code == 400
    assert MSG_NOTHING_TO_IMPORT in response.content.decode()


def test_uploaded_notice_is_kept_with_its_file_and_opens_the_preview(
    client_for, hunan_editor, world
):
    response = client_for(hunan_editor).post(
        new_url(world.unit("湖南省")),
        {"file": SimpleUploadedFile("湖南方案.txt", HUNAN_TEXT.encode("gb18030"))},
    )
    notice_import = NoticeImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("imports:preview", args=[notice_import.pk])
    assert notice_import.status == NoticeImport.Status.PENDING
    assert notice_import.parsed["doc_number"] == "湘市监办发〔2023〕57号"
    assert notice_import.uploader == hunan_editor
    assert notice_import.file.read() == HUNAN_TEXT.encode("gb18030")
    assert len(stored_files()) == 1
    # Parsing creates no notice: only confirming does.
    assert Notice.objects.count() == 0


def test_uploaded_ofd_is_kept_and_opens_the_preview(client_for, hunan_editor, world):
    from exports.gongwen_ofd import write_official_document_ofd
    from exports.tests.samples import hunan_notice

    ofd = io.BytesIO()
    write_official_document_ofd(hunan_notice(), ofd)
    response = client_for(hunan_editor).post(
        new_url(world.unit("湖南省")),
        {"file": SimpleUploadedFile("湖南通知.ofd", ofd.getvalue())},
    )
    notice_import = NoticeImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("imports:preview", args=[notice_import.pk])
    assert notice_import.parsed["doc_number"] == hunan_notice().doc_number
    assert notice_import.file.read() == ofd.getvalue()


def test_the_upload_field_offers_ofd(client_for, hunan_editor, world):
    html = client_for(hunan_editor).get(new_url(world.unit("湖南省"))).content.decode()
    assert 'accept=".txt,.docx,.pdf,.ofd"' in html


def test_pasted_notice_is_kept_without_a_file(client_for, hunan_editor, world):
    client_for(hunan_editor).post(new_url(world.unit("湖南省")), {"text": HUNAN_TEXT})
    notice_import = NoticeImport.objects.get()
    assert not notice_import.file
    assert notice_import.source_text == HUNAN_TEXT


def test_viewer_may_not_import_for_their_unit(client_for, world):
    response = client_for(world.users["viewer"]).post(
        new_url(world.unit("长沙市")), {"text": HUNAN_TEXT}
    )
    assert response.status_code == 403
    assert NoticeImport.objects.count() == 0


def test_county_editor_cannot_import_for_the_province(client_for, world):
    county_editor = make_user("furong_editor", world.unit("芙蓉区"), "editor")
    client = client_for(county_editor)
    assert client.get(new_url(world.unit("湖南省"))).status_code == 404
    response = client.post(new_url(world.unit("湖南省")), {"text": HUNAN_TEXT})
    assert response.status_code == 404
    assert NoticeImport.objects.count() == 0


def test_start_page_offers_only_the_units_the_user_may_edit(client_for, world):
    html = client_for(world.users["editor"]).get(reverse("imports:index")).content.decode()
    assert new_url(world.unit("长沙市")) in html
    assert new_url(world.unit("湖南省")) not in html


def test_anonymous_user_is_sent_to_login(client, world):
    response = client.get(new_url(world.unit("湖南省")))
    assert response.status_code == 302
    assert reverse("login") in response.url
