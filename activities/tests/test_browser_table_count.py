"""The heading of the inline activity table counts the rows as the clerk adds them."""

import pytest

from campaigns.models import Campaign
from campaigns.services import national_campaigns_load, notice_create
from core.testing.browser import log_in
from core.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_count_follows_the_rows_added_inline(page):
    world = build_world()
    national_campaigns_load()
    plan = notice_create(
        actor=world.users["editor"],
        campaign=Campaign.objects.get(year=2023),
        unit=world.unit("长沙市"),
        title="长沙市2023年“质量月”活动方案",
    )
    log_in(page, "changsha_editor")
    page.goto(f"/activities/notice/{plan.pk}/")
    count = page.locator("#activity-count")
    assert count.inner_text() == "（0）"
    for n, title in enumerate(["质量开放日", "计量进社区"], start=1):
        page.get_by_role("link", name="新增一行").click()
        row = page.locator("#activity-new")
        row.get_by_label("活动主题").fill(title)
        row.get_by_label("时间安排").fill("9月")
        row.get_by_role("button", name="保存").click()
        page.get_by_role("rowheader", name=title).wait_for()
        page.wait_for_function(
            "n => document.querySelector('#activity-count').textContent === `（${n}）`", arg=n
        )
    assert count.inner_text() == "（2）"
