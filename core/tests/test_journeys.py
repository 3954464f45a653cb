"""The campaign as its users drive it, through the real pages in Chromium: one year's loop
from the national notice down to the city and back up as reports, then the next year.

Each step is what a clerk clicks: forms are filled and buttons pressed, nothing is posted by
hand. Every edit form met on the way is also opened and saved unchanged, and the model must
come out as it went in: a clerk who only looked must not have changed anything, nor appear in
the history as having done so.
"""

import datetime
import os
import re
import time
from collections.abc import Callable

import pytest
from auditlog.models import LogEntry
from django.db import models
from django.utils import timezone

from activities.models import Activity
from campaigns import services as campaign_services
from campaigns.models import Campaign, Notice, Slogan
from campaigns.views import MSG_SLOGANS_SAVED
from cascade.views import MSG_DRAFT_SAVED as MSG_NOTICE_DRAFT_SAVED
from cascade.views import MSG_PLAN_DRAFTED
from core.testing.browser import log_in
from core.testing.world import build_world, make_user
from orgs.models import OrgUnit
from orgs.scoping import Role
from reports.models import ExpectedReport, Report, ReportRequirement, SentReminder
from reports.services.messages import MSG_REMINDED
from reports.tests import factories
from reports.views.circulars import MSG_CIRCULAR_DRAFTED
from reports.views.report import MSG_DRAFT_SAVED as MSG_REPORT_DRAFT_SAVED
from reports.views.requirements import MSG_REQUIREMENT_SAVED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NATIONAL_TITLE = "关于开展2023年全国“质量月”活动的通知"
NATIONAL_TITLE_2024 = "关于开展2024年全国“质量月”活动的通知"
CITY_SUMMARY = "9月1日举行“质量月”启动仪式，开展质量开放日活动。"
RETURN_REASON = "参与人数与附件照片不符，请核实后重新报送。"


def row(instance: models.Model, *, skip: tuple[str, ...] = ("version", "updated_at")) -> dict:
    """The stored values of an instance's own columns, read afresh from the database."""
    fresh = type(instance)._default_manager.get(pk=instance.pk)
    return {
        f.attname: getattr(fresh, f.attname)
        for f in type(instance)._meta.concrete_fields
        if f.name not in skip
    }


def report_state(report: Report) -> dict:
    fresh = Report.objects.get(pk=report.pk)
    return {
        "report": row(fresh),
        "values": sorted(
            (v.pk, v.field.code, v.text, str(v.number))
            for v in fresh.values.select_related("field")
        ),
        "files": sorted(fresh.files.values_list("original_name", flat=True)),
    }


def requirement_state(requirement: ReportRequirement) -> dict:
    fresh = ReportRequirement.objects.get(pk=requirement.pk)
    return {
        "requirement": row(fresh),
        "fields": list(
            fresh.statistic_fields.order_by("position", "pk").values_list(
                "label", "code", "kind", "required", "unit_of_measure"
            )
        ),
    }


def notice_state(notice: Notice) -> dict:
    fresh = Notice.objects.get(pk=notice.pk)
    return {
        "notice": row(fresh),
        "recipients": sorted(fresh.recipient_units.values_list("pk", flat=True)),
        "contacts": list(fresh.contacts.values_list("name", "phone", "email")),
    }


class Journey:
    """One user's own browser (its own cookies), logged in through the login page."""

    def __init__(self, chromium, live_server, screenshot_dir: str, username: str) -> None:
        self.context = chromium.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
        )
        self.page = self.context.new_page()
        self.username = username
        self.screenshot_dir = screenshot_dir
        log_in(self.page, username)

    def shot(self, name: str) -> None:
        self.page.screenshot(
            path=os.path.join(self.screenshot_dir, f"journey-{name}.png"), full_page=True
        )

    def nav(self, name: str) -> None:
        self.page.get_by_role("navigation").get_by_role("link", name=name, exact=True).first.click()

    def close(self) -> None:
        self.context.close()


def unchanged(state: Callable[[], dict], save: Callable[[], None]) -> None:
    """Open-and-save without a change must leave the stored values as they were, and the
    history (审计记录) must not claim a change either."""
    before = state()
    last = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    save()
    assert state() == before
    logged = LogEntry.objects.filter(pk__gt=last).values_list("content_type__model", "changes")
    assert list(logged) == []


def test_one_campaign_year_from_the_national_notice_to_the_next_year(
    chromium, live_server, screenshot_dir, tmp_path
):
    timings: dict[str, float] = {}
    clock = time.monotonic()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.monotonic()
        timings[name] = round(now - clock, 1)
        clock = now

    world = build_world()
    campaign_services.national_campaigns_load()
    hunan, changsha = world.unit("湖南省"), world.unit("长沙市")
    make_user("hunan_admin", hunan, Role.ADMIN)
    photo = tmp_path / "启动仪式现场.png"
    photo.write_bytes(factories.png_bytes())
    # Due in a few days: the units that have not reported are 临近截止 on 督查督办.
    due = timezone.localdate() + datetime.timedelta(days=4)
    lap("scene")

    # --- 全国管理员: the national notice with its report requirement and statistics form ----
    nation = Journey(chromium, live_server, screenshot_dir, "national_admin")
    p = nation.page
    nation.nav("通知与方案")
    p.get_by_role("link", name="为全国新建草稿").click()
    p.get_by_label("活动年度").select_option(str(Campaign.objects.get(year=2023).pk))
    p.get_by_label("标题").fill(NATIONAL_TITLE)
    p.get_by_label("发文字号").fill("国市监质发〔2023〕88号")
    p.get_by_label("正文").fill("各省、自治区、直辖市市场监管局：\n一、活动主题\n质量强国建设")
    p.get_by_label("湖南省").check()
    p.get_by_label("福建省").check()
    p.get_by_label("报送截止日期").fill(due.isoformat())
    p.get_by_label("报送至").fill("总局质量发展局")
    for material in ("工作总结", "统计表", "图片"):
        p.get_by_label(material, exact=True).check()
    nation.shot("01-national-draft-form")
    p.get_by_role("button", name="保存草稿").click()
    p.get_by_text(MSG_NOTICE_DRAFT_SAVED).wait_for()
    national = Notice.objects.get(title=NATIONAL_TITLE)
    assert national.unit == world.unit("全国")
    assert national.report_requirement.due_date == due
    assert list(national.report_requirement.materials) == ["工作总结", "统计表", "图片"]

    unchanged(
        lambda: notice_state(national),
        lambda: (
            p.goto(f"/notices/{national.pk}/edit/"),
            p.get_by_role("button", name="保存草稿").click(),
            p.get_by_text(MSG_NOTICE_DRAFT_SAVED).wait_for(),
        ),
    )

    # The statistics form: the two indicators the nation sums up, the suggested rest cleared.
    p.get_by_role("link", name="编辑报送要求与统计表").click()
    p.get_by_role("heading", name="统计表指标").wait_for()
    labels = [p.get_by_label(f"指标名称 {i}", exact=True) for i in range(1, 8)]
    assert [x.input_value() for x in labels[:2]] == ["活动场次", "参与人数"]
    for extra in labels[2:]:
        extra.fill("")
    nation.shot("02-national-requirement")
    p.get_by_role("button", name="保存报送要求").click()
    p.get_by_text(MSG_REQUIREMENT_SAVED).wait_for()
    requirement = national.report_requirement
    assert [f.code for f in requirement.statistic_fields.all()] == ["activities", "participants"]

    unchanged(
        lambda: requirement_state(requirement),
        lambda: (
            p.goto(f"/reports/notices/{national.pk}/requirement/"),
            p.get_by_role("button", name="保存报送要求").click(),
            p.get_by_text(MSG_REQUIREMENT_SAVED).wait_for(),
        ),
    )

    p.goto(f"/notices/{national.pk}/")
    p.get_by_role("link", name="印发", exact=True).click()
    p.get_by_role("button", name="确认印发").click()
    p.get_by_text("已印发").first.wait_for()
    national.refresh_from_db()
    assert national.is_issued
    assert sorted(requirement.expected.values_list("unit__name", flat=True)) == [
        "湖南省",
        "福建省",
    ]
    lap("national: notice, requirement, issue")

    # --- 省管理员: 收文箱, 制定本级方案, slogans, activity table, issue to the cities -------
    province = Journey(chromium, live_server, screenshot_dir, "hunan_admin")
    p = province.page
    province.nav("收文箱")
    p.get_by_role("heading", name="收文箱").wait_for()
    p.get_by_role("link", name=NATIONAL_TITLE).click()
    p.get_by_role("button", name="制定本级方案").click()
    p.get_by_text(MSG_PLAN_DRAFTED).wait_for()
    plan = Notice.objects.get(unit=hunan, basis=national)
    province.shot("03-province-plan-draft")

    p.get_by_role("link", name="设置本级口号").click()
    p.get_by_label("口号 1", exact=True).wait_for()
    province.shot("04-province-slogans")
    p.get_by_role("button", name="保存口号").click()
    p.get_by_text(str(MSG_SLOGANS_SAVED)).wait_for()
    slogans = list(Slogan.objects.filter(unit=hunan).order_by("position"))
    assert slogans, "the localized slogans were not accepted"
    assert any("湖南" in s.text or "质量强省" in s.text for s in slogans)

    def slogan_rows() -> list:
        return list(Slogan.objects.filter(unit=hunan).order_by("position", "pk").values())

    unchanged(
        slogan_rows,
        lambda: (
            p.goto(f"/notices/slogans/{hunan.pk}/2023/"),
            p.get_by_role("button", name="保存口号").click(),
            p.get_by_text(str(MSG_SLOGANS_SAVED)).wait_for(),
        ),
    )

    p.goto(f"/notices/{plan.pk}/")
    p.get_by_role("link", name="新增一行").click()
    new = p.locator("#activity-new")
    new.get_by_label("活动主题").fill("质量开放日")
    new.get_by_label("时间安排").fill("9月下旬")
    new.get_by_role("button", name="保存").click()
    p.get_by_role("rowheader", name="质量开放日").wait_for()
    activity = Activity.objects.get(notice=plan, title="质量开放日")
    province.shot("05-province-activity-added")

    def save_activity_unchanged() -> None:
        line = p.locator(f"#activity-{activity.pk}")
        line.get_by_role("link", name=re.compile("^编辑")).click()
        line.get_by_label("活动主题").wait_for()
        line.get_by_role("button", name="保存").click()
        line.get_by_role("rowheader", name="质量开放日").wait_for()

    unchanged(lambda: row(activity), save_activity_unchanged)
    plan_requirement = ReportRequirement.objects.get(notice=plan)
    unchanged(
        lambda: requirement_state(plan_requirement),
        lambda: (
            p.goto(f"/notices/{plan.pk}/"),
            p.get_by_role("link", name="编辑报送要求与统计表").click(),
            p.get_by_role("button", name="保存报送要求").click(),
            p.get_by_text(MSG_REQUIREMENT_SAVED).wait_for(),
        ),
    )
    unchanged(
        lambda: notice_state(plan),
        lambda: (
            p.goto(f"/notices/{plan.pk}/edit/"),
            p.get_by_role("button", name="保存草稿").click(),
            p.get_by_text(MSG_NOTICE_DRAFT_SAVED).wait_for(),
        ),
    )

    p.get_by_role("link", name="印发", exact=True).click()
    p.get_by_role("heading", name="确认印发").wait_for()
    p.get_by_role("button", name="确认印发").click()
    p.get_by_text("已印发").first.wait_for()
    plan_requirement = ReportRequirement.objects.get(notice=plan)
    assert sorted(plan_requirement.expected.values_list("unit__name", flat=True)) == [
        "株洲市",
        "长沙市",
    ]
    assert [f.code for f in plan_requirement.statistic_fields.all()] == [
        "activities",
        "participants",
    ]
    lap("province: plan, slogans, activity, issue")

    # --- 市编辑: the report with a photo and the statistics, submitted -----------------------
    city = Journey(chromium, live_server, screenshot_dir, "changsha_editor")
    p = city.page
    city.nav("报送")
    p.get_by_role("link", name=plan.title).first.click()
    p.get_by_label("工作总结").fill(CITY_SUMMARY)
    p.get_by_label("活动场次（场）").fill("12")
    p.get_by_label("参与人数（人次）").fill("3400")
    p.get_by_role("button", name="保存草稿").click()
    p.get_by_text(MSG_REPORT_DRAFT_SAVED).first.wait_for()
    report = Report.objects.get(expected__requirement=plan_requirement, expected__unit=changsha)

    unchanged(
        lambda: report_state(report),
        lambda: (
            p.reload(),
            p.get_by_role("button", name="保存草稿").click(),
            p.get_by_text(MSG_REPORT_DRAFT_SAVED).first.wait_for(),
        ),
    )

    p.get_by_label("图片或视频", exact=True).set_input_files(str(photo))
    p.get_by_role("button", name="上传").click()
    p.get_by_text("启动仪式现场.png").first.wait_for()
    city.shot("06-city-report")
    p.get_by_role("button", name="报送", exact=True).click()
    p.get_by_text("已报送。").wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    lap("city: report with photo and statistics")

    # --- 省管理员 returns it with a reason; the city fixes and resubmits; the province accepts
    p = province.page
    p.goto(f"/notices/{plan.pk}/")
    p.get_by_role("link", name="报送情况").click()
    p.get_by_role("link", name="已报送").click()
    p.get_by_label("退回理由").fill(RETURN_REASON)
    p.get_by_role("button", name="退回修改").click()
    p.get_by_text(RETURN_REASON).first.wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED

    p = city.page
    city.nav("报送")
    p.get_by_role("link", name=plan.title).first.click()
    p.get_by_text(RETURN_REASON).first.wait_for()
    # Looking at a returned report and saving it keeps it returned, figures and all.
    unchanged(
        lambda: report_state(report),
        lambda: (
            p.get_by_role("button", name="保存草稿").click(),
            p.get_by_text(MSG_REPORT_DRAFT_SAVED).first.wait_for(),
        ),
    )
    # City clerks fix their reports on a phone too: nothing sticks out sideways.
    p.set_viewport_size({"width": 360, "height": 780})
    assert p.evaluate("() => document.documentElement.scrollWidth") <= 360
    city.shot("07-city-returned-360px")
    p.set_viewport_size({"width": 1280, "height": 900})
    p.get_by_label("参与人数（人次）").fill("3500")
    p.get_by_role("button", name="报送", exact=True).click()
    p.get_by_text("已报送。").wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED

    p = province.page
    p.goto(f"/reports/requirements/{plan_requirement.pk}/")
    p.get_by_role("link", name="已报送").click()
    p.get_by_role("button", name="采用").click()
    p.get_by_text("已采用").first.wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED
    province.shot("08-province-accepted")
    lap("review: return, resubmit, accept")

    # --- 督查督办: colours, 催办 one unit; the dashboard opens -------------------------------
    province.nav("督查督办")
    p.get_by_role("heading", name="督查督办 · 湖南省市场监督管理局").wait_for()
    p.locator("#f-requirement").select_option(label=plan.title)
    p.get_by_role("button", name="查看", exact=True).click()
    p.get_by_role("button", name="生成督查通报").wait_for()
    legend = p.locator(".qm-legend")
    assert "已报送 1" in " ".join(legend.inner_text().split())
    assert "临近截止 1" in " ".join(legend.inner_text().split())
    province.shot("09-province-supervision")
    p.get_by_role("button", name="催办 株洲市").click()
    p.get_by_text(MSG_REMINDED % {"n": 1}).wait_for()
    assert list(SentReminder.objects.values_list("expected__unit__name", flat=True)) == ["株洲市"]
    province.nav("数据看板")
    p.wait_for_url(re.compile(rf"/dashboards/{hunan.pk}/"))
    p.get_by_role("heading", name=re.compile("湖南省")).first.wait_for()
    p.locator("#chart-children").wait_for(state="visible")  # drawn by the page's script
    children = p.locator("#table-children")
    assert "100.0%" in children.get_by_role("row", name=re.compile("长沙市")).inner_text()
    assert "0.0%" in children.get_by_role("row", name=re.compile("株洲市")).inner_text()
    province.shot("10-province-dashboard")

    unchanged(
        lambda: row(OrgUnit.objects.get(pk=hunan.pk)),
        lambda: (
            p.goto(f"/orgs/{hunan.pk}/edit/"),
            p.get_by_role("button", name="保存").click(),
            p.wait_for_url(re.compile(rf"/orgs/{hunan.pk}/$")),
        ),
    )
    lap("province: supervision, reminder, dashboard, unit edit")

    # --- The province's own report to the nation, pre-filled from the accepted city report -
    province.nav("报送")
    p.get_by_role("link", name=NATIONAL_TITLE).first.click()
    assert p.get_by_label("活动场次（场）").input_value() == "12"
    assert p.get_by_label("参与人数（人次）").input_value() == "3500"
    province.shot("11-province-own-report-prefilled")
    p.get_by_label("工作总结").fill("全省开展“质量月”活动，各市州按要求报送。")
    p.get_by_label("图片或视频", exact=True).set_input_files(str(photo))
    p.get_by_role("button", name="上传").click()
    p.get_by_text("启动仪式现场.png").first.wait_for()
    p.get_by_role("button", name="报送", exact=True).click()
    p.get_by_text("已报送。").wait_for()
    own = Report.objects.get(expected__requirement=requirement, expected__unit=hunan)
    assert own.status == Report.Status.SUBMITTED
    lap("province: own report to the nation")

    # --- 全国管理员: the rollup shows the numbers, 督查通报, next year ------------------------
    p = nation.page
    nation.nav("督查督办")
    p.locator("#f-requirement").select_option(label=NATIONAL_TITLE)
    p.get_by_role("button", name="查看", exact=True).click()
    p.get_by_role("button", name="生成督查通报").wait_for()
    rollup = p.locator("table", has=p.get_by_role("rowheader", name="合计"))
    total = " ".join(rollup.locator("tr").last.inner_text().split())
    assert total == "合计 12 3500"
    nation.shot("12-national-rollup")
    p.get_by_role("button", name="生成督查通报").click()
    p.get_by_text(str(MSG_CIRCULAR_DRAFTED)).wait_for()
    circular = Notice.objects.exclude(pk=national.pk).get(unit=world.unit("全国"))
    assert "湖南省" in str(circular.body) or "福建省" in str(circular.body)
    nation.shot("13-national-circular")
    unchanged(
        lambda: notice_state(circular),
        lambda: (
            p.get_by_role("button", name="保存草稿").click(),
            p.get_by_text(MSG_NOTICE_DRAFT_SAVED).wait_for(),
        ),
    )

    nation.nav("通知与方案")
    p.get_by_role("link", name="开设新年度").click()
    p.get_by_label("年度").fill("2024")
    p.get_by_label("活动主题").fill("聚焦产业质量提升 推动高质量发展")
    p.get_by_label("活动口号").fill(
        "聚焦产业质量提升 推动高质量发展\n坚持质量第一 加快建设质量强国"
    )
    p.get_by_role("button", name="开设").click()
    p.get_by_text("2024年度已开设").wait_for()
    campaign_2024 = Campaign.objects.get(year=2024)
    lap("national: rollup, circular, next year")

    # --- The next year runs the same loop: a 2024 notice reaches the province ---------------
    p.get_by_role("link", name="为全国新建草稿").click()
    assert p.get_by_label("活动年度").input_value() == str(campaign_2024.pk)
    p.get_by_label("标题").fill(NATIONAL_TITLE_2024)
    p.get_by_label("正文").fill("一、活动主题\n聚焦产业质量提升 推动高质量发展")
    p.get_by_label("湖南省").check()
    p.get_by_label("报送截止日期").fill(due.isoformat())
    p.get_by_role("button", name="保存草稿").click()
    p.get_by_text(MSG_NOTICE_DRAFT_SAVED).wait_for()
    p.get_by_role("link", name="印发", exact=True).click()
    p.get_by_role("button", name="确认印发").click()
    p.get_by_text("已印发").first.wait_for()

    p = province.page
    province.nav("收文箱")
    p.get_by_role("link", name=NATIONAL_TITLE_2024).click()
    p.get_by_role("button", name="制定本级方案").click()
    p.get_by_text(MSG_PLAN_DRAFTED).wait_for()
    plan_2024 = Notice.objects.get(unit=hunan, campaign=campaign_2024)
    p.get_by_role("link", name="设置本级口号").click()
    assert p.get_by_label("口号 1", exact=True).input_value() == "聚焦产业质量提升 推动高质量发展"
    assert p.get_by_label("口号 2", exact=True).input_value() == "坚持质量第一 加快建设质量强省"
    p.get_by_role("button", name="保存口号").click()
    p.get_by_text(str(MSG_SLOGANS_SAVED)).wait_for()
    assert Slogan.objects.filter(unit=hunan, campaign=campaign_2024).count() == 2
    # Last year's slogans and plan stay as they were, one year selector away.
    assert Slogan.objects.filter(unit=hunan, campaign__year=2023).count() == len(slogans)
    province.nav("通知与方案")
    p.locator("#f-year").select_option("2023")
    p.get_by_role("button", name="筛选").click()
    p.get_by_role("link", name=plan.title).wait_for()
    assert p.get_by_role("link", name=plan_2024.title).count() == 0
    p.goto(f"/reports/supervision/{hunan.pk}/?year=2024")
    requirements = p.locator("#f-requirement option").all_inner_texts()
    assert plan.title not in requirements
    province.shot("14-province-2024")
    lap("next year: notice, plan, slogans, year selectors")

    for journey in (nation, province, city):
        journey.close()
    assert ExpectedReport.objects.filter(requirement=plan_requirement).count() == 2
    print("journey timings (s):", timings)
