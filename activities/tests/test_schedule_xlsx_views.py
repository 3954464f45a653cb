"""The schedule XLSX round trip: export with Yong'an's columns, import into a draft plan."""

import io
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import load_workbook

from activities.forms import MSG_FILE_TOO_LARGE
from activities.services import PLAN_ISSUED_NO_IMPORT
from activities.tests.plans import issue
from campaigns.services import notice_create
from exports.documents import SCHEDULE_COLUMNS, ScheduleRow
from exports.schedule_xlsx import (
    MSG_NOT_XLSX,
    MSG_UNMATCHED_SUPPORT,
    MSG_WINDOW_UNREADABLE,
    write_schedule,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    # LocaleMiddleware leaves an English request's language active in the thread; the next
    # test must start in the default language.
    yield
    translation.deactivate()


def export(client, notice) -> bytes:
    response = client.get(reverse("activities:schedule_export", args=[notice.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return b"".join(response.streaming_content)


def upload(data: bytes, name: str = "活动计划安排表.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


def workbook(rows: list[ScheduleRow]) -> bytes:
    out = io.BytesIO()
    write_schedule(rows, out, "长沙市活动计划安排表")
    return out.getvalue()


@pytest.fixture
def other_draft(world, campaign):
    return notice_create(
        actor=world.users["editor"],
        campaign=campaign,
        unit=world.unit("长沙市"),
        title="另一份方案",
    )


def test_export_has_yongans_columns_and_a_chinese_filename(world, plan, client_for):
    client = client_for(world.users["viewer"])
    response = client.get(reverse("activities:schedule_export", args=[plan.pk]))
    assert "长沙市市场监督管理局2023年“质量月”活动计划安排表.xlsx" in unquote(
        response["Content-Disposition"]
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [c.value for c in sheet[2]] == list(SCHEDULE_COLUMNS)
    assert [c.value for c in sheet[4]] == [
        2,
        "营造计量放心消费环境",
        "开展定量包装商品计量监督检查。",
        "9-10 月",
        "质量科",
        "计量所、各监管所",
        None,
    ]


def test_export_is_not_found_outside_the_users_scope(world, plan, client_for):
    response = client_for(world.users["nobody"]).get(
        reverse("activities:schedule_export", args=[plan.pk])
    )
    assert response.status_code == 404


def test_import_round_trip_recreates_the_rows_in_another_draft(
    world, plan, other_draft, client_for
):
    client = client_for(world.users["editor"])
    data = export(client, plan)
    response = client.post(
        reverse("activities:schedule_import", args=[other_draft.pk]), {"file": upload(data)}
    )
    assert response.status_code == 302
    copied = list(other_draft.activities.order_by("position"))
    assert [(a.position, a.title, a.window_text) for a in copied] == [
        (1, "加大宣传力度，营造“质量月”浓厚氛围", "9 月"),
        (2, "营造计量放心消费环境", "9-10 月"),
    ]
    assert copied[1].starts_on.month == 9 and copied[1].ends_on.month == 10
    assert [
        (p.role, p.name, p.department and p.department.name) for p in copied[1].participants.all()
    ] == [
        ("lead", "质量科", "质量科"),
        ("support", "计量所", "计量所"),
        ("support", "各监管所", None),
    ]


def test_import_with_replace_drops_the_existing_rows(world, plan, client_for):
    rows = [ScheduleRow(1, "质量开放日", "实验室开放", "9月中旬", "质量科", "办公室")]
    response = client_for(world.users["editor"]).post(
        reverse("activities:schedule_import", args=[plan.pk]),
        {"file": upload(workbook(rows)), "replace": "on"},
    )
    assert response.status_code == 302
    assert list(plan.activities.values_list("title", flat=True)) == ["质量开放日"]


def test_import_with_one_bad_row_imports_nothing_and_lists_the_error_with_its_row(
    world, plan, client_for
):
    rows = [
        ScheduleRow(1, "质量开放日", "实验室开放", "9月中旬", "质量科", "办公室"),
        ScheduleRow(2, "知识竞赛", "质量知识竞赛", "国庆前后", "质量科", "宣传部"),
    ]
    response = client_for(world.users["editor"]).post(
        reverse("activities:schedule_import", args=[plan.pk]), {"file": upload(workbook(rows))}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "第 4 行" in html  # title row 1, header row 2: the second activity is Excel's row 4
    assert MSG_WINDOW_UNREADABLE.format(value="国庆前后") in html
    assert plan.activities.count() == 2
    assert not plan.activities.filter(title="质量开放日").exists()


def english(message: str, **params) -> str:
    with translation.override("en"):
        text = translation.gettext(message).format(**params)
    assert text != message.format(**params), f"no English for {message}"
    return text


def test_an_english_reader_gets_the_errors_in_english(world, plan, client_for):
    rows = [ScheduleRow(1, "知识竞赛", "质量知识竞赛", "国庆前后", "质量科", "宣传部")]
    response = client_for(world.users["editor"]).post(
        reverse("activities:schedule_import", args=[plan.pk]),
        {"file": upload(workbook(rows))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert escape(english(MSG_WINDOW_UNREADABLE, value="国庆前后")) in html


def test_an_unknown_name_is_imported_as_written_and_flagged_as_in_the_editor(
    world, plan, client_for
):
    rows = [ScheduleRow(1, "知识竞赛", "质量知识竞赛", "", "质量科", "宣传部")]
    client = client_for(world.users["editor"])
    response = client.post(
        reverse("activities:schedule_import", args=[plan.pk]),
        {"file": upload(workbook(rows)), "replace": "on"},
        follow=True,
    )
    html = response.content.decode()
    assert MSG_UNMATCHED_SUPPORT.format(value="宣传部") in html
    activity = plan.activities.get()
    assert activity.window_text == "" and activity.starts_on is None
    support = activity.participants.get(role="support")
    assert (support.name, support.unit, support.department) == ("宣传部", None, None)


def test_an_english_reader_is_told_in_english_that_a_file_is_no_xlsx(world, plan, client_for):
    response = client_for(world.users["editor"]).post(
        reverse("activities:schedule_import", args=[plan.pk]),
        {"file": upload(b"just text renamed to .xlsx")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert escape(english(MSG_NOT_XLSX)) in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [b"\xd0\xcf\x11\xe0 just text renamed to .xlsx", b"PK\x03\x04 a zip that is no workbook"],
)
def test_fake_xlsx_is_refused_with_a_clear_message_and_changes_nothing(
    world, plan, client_for, data
):
    response = client_for(world.users["editor"]).post(
        reverse("activities:schedule_import", args=[plan.pk]), {"file": upload(data)}
    )
    assert response.status_code == 400 and MSG_NOT_XLSX in response.content.decode()
    assert plan.activities.count() == 2


def test_oversized_upload_is_refused_before_parsing(world, plan, client_for, settings):
    settings.QM_NOTICE_UPLOAD_MAX_BYTES = 1024
    rows = [ScheduleRow(1, "质量开放日", "实验室开放" * 300, "9月中旬", "质量科", "办公室")]
    response = client_for(world.users["editor"]).post(
        reverse("activities:schedule_import", args=[plan.pk]), {"file": upload(workbook(rows))}
    )
    too_large = MSG_FILE_TOO_LARGE % {"mb": 1}
    assert response.status_code == 400 and too_large in response.content.decode()
    assert plan.activities.count() == 2


def test_viewer_and_issued_plans_cannot_import(world, plan, client_for):
    rows = [ScheduleRow(1, "质量开放日", "实验室开放", "9月中旬", "质量科", "办公室")]
    url = reverse("activities:schedule_import", args=[plan.pk])
    assert (
        client_for(world.users["viewer"]).post(url, {"file": upload(workbook(rows))}).status_code
        == 403
    )
    issue(plan, world.users["editor"])
    response = client_for(world.users["editor"]).post(url, {"file": upload(workbook(rows))})
    issued = str(PLAN_ISSUED_NO_IMPORT)
    assert response.status_code == 400 and issued in response.content.decode()
    assert plan.activities.count() == 2
