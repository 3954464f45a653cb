import os

import pytest

from campaigns import services
from campaigns.models import Campaign
from campaigns.services import MSG_CAMPAIGN_EXISTS
from core.testing.browser import log_in
from core.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN_2023 = "长沙市2023年“质量月”活动方案"


def test_national_admin_opens_2024_and_a_city_still_sees_its_2023_notices(
    page, chromium, live_server, screenshot_dir
):
    world = build_world()
    campaign_2023 = services.national_campaigns_load()[0]
    services.notice_create(
        actor=world.users["editor"],
        campaign=campaign_2023,
        unit=world.unit("长沙市"),
        title=PLAN_2023,
    )

    def shot(p, name):
        p.screenshot(path=os.path.join(screenshot_dir, f"years-{name}.png"), full_page=True)

    log_in(page, "national_admin")
    page.get_by_role("link", name="通知与方案").click()
    page.get_by_role("link", name="开设新年度").click()
    page.get_by_role("heading", name="开设新年度").wait_for()
    # A year after the latest campaign is proposed; the admin opens 2024.
    assert int(page.get_by_label("年度").input_value()) > 2023
    page.get_by_label("年度").fill("2024")
    page.get_by_label("活动主题").fill("聚焦产业质量提升 推动高质量发展")
    page.get_by_label("活动口号").fill("聚焦产业质量提升 推动高质量发展\n建设质量强国 共享美好生活")
    shot(page, "1-open")
    page.get_by_role("button", name="开设").click()
    page.get_by_text("2024年度已开设").wait_for()
    assert page.locator("#f-year").input_value() == "2024"
    campaign = Campaign.objects.get(year=2024)
    assert campaign.national_slogans().count() == 2
    shot(page, "2-opened")

    # The new year is offered when drafting.
    page.get_by_role("link", name="为全国新建草稿").click()
    assert page.get_by_label("活动年度").input_value() == str(campaign.pk)

    # Opening it again is refused with a clear message, and what was typed stays.
    page.goto("/notices/years/new/")
    page.get_by_label("年度").fill("2024")
    page.get_by_label("活动主题").fill("重复的主题")
    page.get_by_role("button", name="开设").click()
    page.get_by_text(str(MSG_CAMPAIGN_EXISTS) % {"year": 2024}).wait_for()
    assert page.get_by_label("活动主题").input_value() == "重复的主题"
    assert Campaign.objects.filter(year=2024).count() == 1

    # A city whose work is in 2023 still opens on 2023, and the selector switches years.
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN")
    city = context.new_page()
    log_in(city, "changsha_editor")
    city.get_by_role("link", name="通知与方案").click()
    city.get_by_role("heading", name="通知与方案").wait_for()
    assert city.locator("#f-year").input_value() == "2023"
    assert city.get_by_role("link", name=PLAN_2023).is_visible()
    shot(city, "3-city-2023")
    city.locator("#f-year").select_option("2024")
    city.get_by_role("button", name="筛选").click()
    city.get_by_text("没有符合条件的通知或方案。").wait_for()
    assert city.get_by_role("link", name=PLAN_2023).count() == 0
    city.locator("#f-year").select_option("2023")
    city.get_by_role("button", name="筛选").click()
    city.get_by_role("link", name=PLAN_2023).wait_for()
    context.close()
