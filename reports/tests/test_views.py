import io

import pytest
from django.core import mail
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from notifications.models import Notification
from notifications.testing import run_task_worker
from reports import services
from reports.models import Report, ReportFile
from reports.services.messages import MSG_URGENT_TITLE
from reports.tests import factories
from reports.uploads import MSG_UNKNOWN_TYPE

MSG_STALE_START = "该报送材料已被他人修改"


def _furong(reporting):
    return factories.expected(reporting.city_req, reporting.unit("芙蓉区"))


def _post_draft(client, expected, version, summary, **extra):
    data = {"version": version, "summary": summary, "problems": "", "stat_activities": "3", **extra}
    return client.post(reverse("reports:report_edit", args=[expected.pk]), data)


# --- Requirement -----------------------------------------------------------------------


def test_issuer_defines_the_requirement_starting_from_suggested_indicators(reporting, client_for):
    notice = reporting.city_req.notice
    reporting.city_req.statistic_fields.all().delete()
    client = client_for(reporting.city_editor)
    page = client.get(reverse("reports:requirement_edit", args=[notice.pk]))
    assert page.status_code == 200
    assert "发放宣传资料份数" in page.content.decode()
    response = client.post(
        reverse("reports:requirement_edit", args=[notice.pk]),
        {
            "due_date": "2023-10-16",
            "materials": ["工作总结", "图片"],
            "report_to": "市局质量发展科",
            "f-TOTAL_FORMS": "2",
            "f-INITIAL_FORMS": "0",
            "f-0-label": "活动场次",
            "f-0-code": "activities",
            "f-0-kind": "integer",
            "f-0-unit_of_measure": "场",
            "f-0-required": "on",
            "f-1-label": "",
            "f-1-code": "",
            "f-1-kind": "integer",
        },
    )
    assert response.status_code == 302
    reporting.city_req.refresh_from_db()
    assert reporting.city_req.materials == ["工作总结", "图片"]
    assert list(reporting.city_req.statistic_fields.values_list("label", flat=True)) == ["活动场次"]


def test_a_viewer_may_not_edit_the_requirement_and_a_sibling_city_cannot_see_it(
    reporting, client_for
):
    url = reverse("reports:requirement_edit", args=[reporting.city_req.notice.pk])
    assert client_for(reporting.world.users["viewer"]).get(url).status_code == 403
    assert client_for(reporting.zhuzhou_editor).get(url).status_code == 404


def test_requirement_page_lists_the_expected_units_with_their_colours(reporting, client_for):
    page = client_for(reporting.city_editor).get(reporting.city_req.get_absolute_url())
    body = page.content.decode()
    assert page.status_code == 200
    assert "芙蓉区市场监督管理局" in body and "天心区市场监督管理局" in body
    assert (
        client_for(reporting.zhuzhou_editor).get(reporting.city_req.get_absolute_url()).status_code
        == 404
    )


def test_removing_an_expected_unit_through_the_page_records_the_reason(reporting, client_for):
    expected = factories.expected(reporting.city_req, reporting.unit("天心区"))
    url = reverse("reports:expected_remove", args=[expected.pk])
    assert client_for(reporting.furong_editor).post(url, {"reason": "撤并"}).status_code == 404
    assert (
        client_for(reporting.world.users["viewer"]).post(url, {"reason": "撤并"}).status_code == 403
    )
    client_for(reporting.city_editor).post(url, {"reason": "机构撤并"})
    expected.refresh_from_db()
    assert expected.removed_reason == "机构撤并"


# --- Filling in -----------------------------------------------------------------------


def test_a_county_fills_and_submits_its_report(reporting, client_for):
    client = client_for(reporting.furong_editor)
    expected = _furong(reporting)
    page = client.get(reverse("reports:report_edit", args=[expected.pk]))
    assert page.status_code == 200 and "活动场次（场）" in page.content.decode()
    report = Report.objects.get(expected=expected)
    response = _post_draft(client, expected, report.version, "开展活动三场", action="submit")
    report.refresh_from_db()
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    assert report.status == Report.Status.SUBMITTED


def test_a_county_cannot_open_a_sibling_countys_report_form(reporting, client_for):
    url = reverse("reports:report_edit", args=[_furong(reporting).pk])
    assert client_for(reporting.tianxin_editor).get(url).status_code == 404
    assert client_for(reporting.world.users["viewer"]).get(url).status_code == 403


def test_the_second_of_two_concurrent_saves_is_refused_and_its_text_kept(reporting, client_for):
    expected = _furong(reporting)
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    loaded = report.version
    first = _post_draft(client_for(reporting.furong_editor), expected, loaded, "甲的总结")
    assert first.status_code == 302
    second = _post_draft(client_for(reporting.city_editor), expected, loaded, "乙的总结，不能丢")
    body = second.content.decode()
    assert second.status_code == 409
    assert MSG_STALE_START in body
    assert "乙的总结，不能丢" in body
    report.refresh_from_db()
    assert report.summary == "甲的总结"


def test_autosave_returns_the_new_version_and_refuses_a_stale_one(reporting, client_for):
    expected = _furong(reporting)
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    client = client_for(reporting.furong_editor)
    url = reverse("reports:report_autosave", args=[expected.pk])
    data = {
        "version": report.version,
        "summary": "自动保存的草稿",
        "problems": "",
        "stat_activities": "",
    }
    saved = client.post(url, data, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200
    assert "已自动保存" in saved.content.decode()
    assert f'value="{report.version + 1}"' in saved.content.decode()
    stale = client.post(url, data | {"summary": "晚到的修改"}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 409 and MSG_STALE_START in stale.content.decode()
    report.refresh_from_db()
    assert report.summary == "自动保存的草稿"


def test_autosave_is_denied_to_a_sibling(reporting, client_for):
    url = reverse("reports:report_autosave", args=[_furong(reporting).pk])
    response = client_for(reporting.tianxin_editor).post(url, {"version": 1, "summary": "x"})
    assert response.status_code == 404


def test_an_upload_whose_content_does_not_match_its_name_is_shown_as_an_error(
    reporting, client_for
):
    client = client_for(reporting.furong_editor)
    expected = _furong(reporting)
    url = reverse("reports:report_upload", args=[expected.pk])
    response = client.post(url, {"file": factories.pdf(), "caption": ""})
    assert response.status_code == 400
    assert MSG_UNKNOWN_TYPE in response.content.decode()
    assert client.post(url, {"file": factories.photo()}).status_code == 302
    assert ReportFile.objects.filter(report__expected=expected).count() == 1
    assert (
        client_for(reporting.tianxin_editor).post(url, {"file": factories.photo()}).status_code
        == 404
    )


# --- Reading, review, files -------------------------------------------------------------


@pytest.fixture
def submitted(reporting):
    reporting.city_req.materials = ["工作总结", "图片"]
    reporting.city_req.save()
    expected = _furong(reporting)
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    services.report_file_add(actor=reporting.furong_editor, report=report, upload=factories.photo())
    services.case_add(
        actor=reporting.furong_editor,
        report=report,
        title="“你点我检”进社区",
        unit_name="芙蓉街道",
        description="群众点单，检测机构抽检。",
    )
    return factories.fill_and_submit(
        actor=reporting.furong_editor,
        expected=expected,
        summary="<p>开展<strong>三场</strong>活动</p><script>alert(1)</script><img src=x onerror=alert(2)>",
        participants=500,
    )


def test_the_report_page_shows_sanitized_summary_to_the_superior(reporting, client_for, submitted):
    page = client_for(reporting.city_editor).get(submitted.get_absolute_url())
    body = page.content.decode()
    assert page.status_code == 200
    assert "<strong>三场</strong>" in body
    assert "<script>alert(1)" not in body and "onerror" not in body
    assert "“你点我检”进社区" in body


def test_a_county_cannot_read_a_sibling_countys_report(reporting, client_for, submitted):
    assert client_for(reporting.tianxin_editor).get(submitted.get_absolute_url()).status_code == 404
    assert client_for(reporting.zhuzhou_editor).get(submitted.get_absolute_url()).status_code == 404
    assert client_for(reporting.furong_editor).get(submitted.get_absolute_url()).status_code == 200


def test_files_are_served_only_to_those_who_may_read_the_report(reporting, client_for, submitted):
    item = submitted.files.get()
    url = reverse("reports:file_download", args=[item.pk])
    response = client_for(reporting.city_editor).get(url + "?thumb=1")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert client_for(reporting.tianxin_editor).get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_superior_returns_with_a_reason_and_the_county_is_notified(
    reporting, client_for, submitted
):
    url = reverse("reports:report_review", args=[submitted.pk])
    assert client_for(reporting.furong_editor).post(url, {"action": "accept"}).status_code == 403
    client_for(reporting.city_editor).post(
        url, {"action": "return", "reason": "请补充典型案例图片"}
    )
    submitted.refresh_from_db()
    assert submitted.status == Report.Status.RETURNED
    note = Notification.objects.get(unit=reporting.unit("芙蓉区"))
    assert note.body == "请补充典型案例图片"
    run_task_worker()
    assert mail.outbox[0].to == ["furong@example.cn"]


def test_the_superior_accepts(reporting, client_for, submitted):
    client_for(reporting.city_editor).post(
        reverse("reports:report_review", args=[submitted.pk]), {"action": "accept"}
    )
    submitted.refresh_from_db()
    assert submitted.status == Report.Status.ACCEPTED


# --- Supervision and exports -----------------------------------------------------------


def test_supervision_page_shows_rates_and_denies_a_sibling_subtree(
    reporting, client_for, submitted
):
    url = reverse("reports:supervision", args=[reporting.unit("长沙市").pk])
    page = client_for(reporting.world.users["viewer"]).get(
        url, {"requirement": reporting.city_req.pk}
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "报送率 50.0%" in body
    assert client_for(reporting.zhuzhou_editor).get(url).status_code == 404
    remind = reverse("reports:supervision_remind", args=[reporting.unit("长沙市").pk])
    assert client_for(reporting.world.users["viewer"]).post(remind).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_one_click_remind_from_the_requirement_page(reporting, client_for):
    url = reverse("reports:remind", args=[reporting.city_req.pk])
    assert client_for(reporting.furong_editor).post(url).status_code == 403
    client_for(reporting.city_editor).post(url)
    run_task_worker()
    assert sorted(m.to[0] for m in mail.outbox) == ["furong@example.cn", "tianxin@example.cn"]


def test_statistics_export_has_a_row_per_child_and_a_total(reporting, client_for, submitted):
    url = reverse(
        "reports:statistics_export", args=[reporting.unit("长沙市").pk, reporting.city_req.pk]
    )
    response = client_for(reporting.city_editor).get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows == [
        ["单位", "已报送单位数", "活动场次（场）", "参与人数（人次）"],
        ["芙蓉区", 1, 1, 500],
        ["合计", 1, 1, 500],
    ]


def test_a_county_cannot_export_a_sibling_countys_figures(reporting, client_for, submitted):
    for name in ("statistics_export", "compilation_export"):
        url = reverse(f"reports:{name}", args=[reporting.unit("芙蓉区").pk, reporting.city_req.pk])
        assert client_for(reporting.tianxin_editor).get(url).status_code == 404
        # Its own subtree holds nothing of the sibling's.
        own = reverse(f"reports:{name}", args=[reporting.unit("天心区").pk, reporting.city_req.pk])
        assert client_for(reporting.tianxin_editor).get(own).status_code == 200
    own = reverse(
        "reports:statistics_export", args=[reporting.unit("天心区").pk, reporting.city_req.pk]
    )
    sheet = load_workbook(
        io.BytesIO(b"".join(client_for(reporting.tianxin_editor).get(own).streaming_content))
    ).active
    assert [[c.value for c in row] for row in sheet.iter_rows()][1:] == [["合计", 0, 0, 0]]


def test_compilation_has_a_heading_per_unit_with_summary_and_cases(
    reporting, client_for, submitted
):
    services.report_accept(actor=reporting.city_editor, report=submitted)
    url = reverse(
        "reports:compilation_export", args=[reporting.unit("长沙市").pk, reporting.city_req.pk]
    )
    response = client_for(reporting.city_editor).get(url)
    document = Document(io.BytesIO(response.content))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "芙蓉区市场监督管理局") in texts
    assert ("Normal", "开展三场活动") in texts
    assert ("Heading 3", "“你点我检”进社区（芙蓉街道）") in texts
    assert not any("alert" in t for _s, t in texts)


# --- Bulletins ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_urgent_bulletin_reaches_the_superiors_inbox_at_once(reporting, client_for):
    viewer = reporting.world.users["viewer"]
    viewer.email = "changsha@example.cn"
    viewer.save()
    response = client_for(reporting.furong_editor).post(
        reverse("reports:bulletin_new"),
        {
            "unit": reporting.unit("芙蓉区").pk,
            "kind": "urgent",
            "title": "启动仪式现场发生踩踏隐患",
            "body": "已及时疏散。",
        },
    )
    assert response.status_code == 302
    note = Notification.objects.get()
    assert note.unit == reporting.unit("长沙市")
    assert note.title == MSG_URGENT_TITLE % {"unit": "芙蓉区", "title": "启动仪式现场发生踩踏隐患"}
    # The e-mail is the worker's (`make worker`): the page never waits for the mail server.
    run_task_worker()
    assert [m.to for m in mail.outbox] == [["changsha@example.cn"]]
    assert mail.outbox[0].subject.endswith(note.title)
    inbox = client_for(viewer).get(reverse("notifications:inbox"))
    assert "启动仪式现场发生踩踏隐患" in inbox.content.decode()
    other = client_for(reporting.tianxin_editor).get(reverse("notifications:inbox"))
    assert "启动仪式现场发生踩踏隐患" not in other.content.decode()
    assert client_for(reporting.tianxin_editor).get(response.url).status_code == 404


def test_a_bulletin_can_only_be_sent_for_ones_own_unit(reporting, client_for):
    response = client_for(reporting.tianxin_editor).post(
        reverse("reports:bulletin_new"),
        {"unit": reporting.unit("芙蓉区").pk, "kind": "urgent", "title": "冒名", "body": "x"},
    )
    assert response.status_code == 200
    assert not Notification.objects.exists()


def test_the_reports_page_lists_what_to_report_and_what_was_asked(reporting, client_for):
    assert client_for(reporting.furong_editor).get(reverse("reports:index")).status_code == 200
    page = client_for(reporting.city_editor).get(reverse("reports:index")).content.decode()
    # 长沙市 reports to the province and supervises its own requirement.
    assert page.count("湖南省2023年“质量月”活动实施方案") == 1
    assert "长沙市2023年“质量月”活动方案" in page
    sibling = client_for(reporting.zhuzhou_editor).get(reverse("reports:index")).content.decode()
    assert "长沙市2023年“质量月”活动方案" not in sibling


def test_anonymous_visitors_are_sent_to_log_in(reporting, client):
    for url in (
        reverse("reports:index"),
        reverse("reports:supervision_home"),
        reverse("notifications:inbox"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.url


def test_supervision_starts_at_the_users_highest_unit(reporting, client_for):
    response = client_for(reporting.city_editor).get(reverse("reports:supervision_home"))
    assert response.url == reverse("reports:supervision", args=[reporting.unit("长沙市").pk])
    assert (
        client_for(reporting.world.users["nobody"])
        .get(reverse("reports:supervision_home"))
        .status_code
        == 404
    )
