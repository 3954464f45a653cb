"""A clerk edits the plan's activity table inline in Chromium (htmx, no page reloads)."""

import os
import re

import pytest

from activities.services import activity_create
from campaigns.models import Campaign
from campaigns.services import national_campaigns_load, notice_create
from core.testing.browser import log_in
from core.testing.world import build_world
from orgs.models import Department

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_edits_adds_and_meets_a_conflict_inline(page, chromium, live_server, screenshot_dir):
    world = build_world()
    national_campaigns_load()
    changsha = world.unit("长沙市")
    for name in ("质量科", "办公室"):
        Department.objects.create(unit=changsha, name=name)
    editor = world.users["editor"]
    plan = notice_create(
        actor=editor,
        campaign=Campaign.objects.get(year=2023),
        unit=changsha,
        title="长沙市2023年“质量月”活动方案",
    )
    first = activity_create(
        actor=editor, notice=plan, title="加大宣传力度", window_text="9月", leads=["质量科"]
    )
    second = activity_create(
        actor=editor,
        notice=plan,
        title="营造计量放心消费环境",
        window_text="9-10月",
        leads=["质量科"],
    )
    url = f"/activities/notice/{plan.pk}/"

    log_in(page, "changsha_editor")
    page.goto(url)
    loads = []
    page.on("load", lambda _page: loads.append(1))

    # Edit a row in place.
    row = page.locator(f"#activity-{first.pk}")
    row.get_by_role("link", name=re.compile("^编辑")).click()
    row.get_by_label("活动主题").fill("加大宣传力度，营造浓厚氛围")
    row.get_by_label("时间安排").fill("国庆前后")
    row.get_by_role("button", name="保存").click()
    row.get_by_text("无法识别时间安排").wait_for()
    assert row.get_by_label("活动主题").input_value() == "加大宣传力度，营造浓厚氛围"
    page.screenshot(
        path=os.path.join(screenshot_dir, "activities-window-error.png"), full_page=True
    )
    row.get_by_label("时间安排").fill("9月中旬")
    row.get_by_label("协办单位").fill("办公室、宣传中心")
    row.get_by_role("button", name="保存").click()
    row.get_by_role("rowheader", name="加大宣传力度，营造浓厚氛围").wait_for()
    assert "未匹配" in row.inner_text()  # 宣传中心 is no department of 长沙市

    # Add a row.
    page.get_by_role("link", name="新增一行").click()
    new = page.locator("#activity-new")
    new.get_by_label("活动主题").fill("质量开放日")
    new.get_by_label("时间安排").fill("9月下旬")
    new.get_by_label("牵头部门").fill("质量科")
    new.get_by_role("button", name="保存").click()
    page.get_by_role("rowheader", name="质量开放日").wait_for()
    assert page.locator("#activity-rows tr").count() == 3
    assert loads == []  # all of it without a page reload

    # Another tab saves the second row while this one has it open.
    row = page.locator(f"#activity-{second.pk}")
    row.get_by_role("link", name=re.compile("^编辑")).click()
    row.get_by_label("活动主题").fill("我的修改")

    other_context = chromium.new_context(base_url=live_server.url, locale="zh-CN")
    other = other_context.new_page()
    log_in(other, "changsha_admin")
    other.goto(url)
    other_row = other.locator(f"#activity-{second.pk}")
    other_row.get_by_role("link", name=re.compile("^编辑")).click()
    other_row.get_by_label("活动主题").fill("同事的修改")
    other_row.get_by_role("button", name="保存").click()
    other_row.get_by_role("rowheader", name="同事的修改").wait_for()
    other_context.close()

    row.get_by_role("button", name="保存").click()
    row.get_by_text("保存未成功：此活动已被他人修改。").wait_for()
    assert "同事的修改" in row.locator(".conflict").inner_text()
    assert row.get_by_label("活动主题").input_value() == "我的修改"
    page.screenshot(path=os.path.join(screenshot_dir, "activities-conflict.png"), full_page=True)
    second.refresh_from_db()
    assert second.title == "同事的修改"

    # Saving again, having seen the other values, is a deliberate overwrite.
    row.get_by_role("button", name="保存").click()
    row.get_by_role("rowheader", name="我的修改").wait_for()

    # Delete asks first.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"#activity-{first.pk}").get_by_role("button", name="删除").click()
    page.locator(f"#activity-{first.pk}").wait_for(state="detached")
    page.screenshot(path=os.path.join(screenshot_dir, "activities-table.png"), full_page=True)

    page.set_viewport_size({"width": 360, "height": 800})
    page.screenshot(path=os.path.join(screenshot_dir, "activities-table-360.png"), full_page=True)
    row = page.locator(f"#activity-{second.pk}")
    row.get_by_role("link", name=re.compile("^编辑")).click()
    row.get_by_label("活动主题").wait_for()
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=os.path.join(screenshot_dir, "activities-form-360.png"), full_page=True)
