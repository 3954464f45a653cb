"""Issue #16's journey in Chromium: a county clerk plans a 双随机 inspection on an activity of
the county's plan, draws, records the results, concludes and publishes; a visitor reads them
on the public page; the city's viewer sees the county published in time on the board."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.testing.browser import log_in
from inspections.models import InspectionTarget, SamplingPlan
from inspections.views import MSG_PUBLISHED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "芙蓉区机动车检验机构双随机抽查"


def test_a_county_plans_draws_records_and_publishes(
    county, page, chromium, live_server, screenshot_dir
):
    log_in(page, "furong_editor")
    # The plan starts from the activity's row in the county's 活动计划安排表 …
    page.goto(reverse("activities:notice_page", args=[county.activity.notice_id]))
    page.locator(f"#activity-{county.activity.pk}").get_by_role("link", name="新建抽查计划").click()
    # … and the form already holds that activity.
    chosen = page.get_by_label("所属活动").locator("option:checked").inner_text()
    assert chosen == f"2023 · {county.activity.notice.title} · {county.activity.title}"
    page.get_by_label("计划名称").fill(TITLE)
    page.get_by_label("机动车检验").check()
    page.get_by_label("抽取家数").fill("3")
    page.get_by_label("开始日期").fill("2023-06-01")
    page.get_by_label("结束日期").fill("2023-10-31")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name=TITLE).wait_for()

    page.get_by_role("button", name="随机抽取").click()
    page.get_by_text("已完成第 1 次抽取").wait_for()
    plan = SamplingPlan.objects.get(title=TITLE)
    seed = plan.draws.get().seed
    assert seed in page.get_by_role("status").inner_text()

    targets = list(plan.targets.select_related("entity").order_by("position"))
    assert len(targets) == 3
    outcomes = ["未发现问题", "发现问题已责令整改", "未发现问题"]
    for target, outcome in zip(targets, outcomes, strict=True):
        page.get_by_role("link", name=f"录入结果 {target.entity.name}").click()
        page.get_by_label("检查日期").fill("2023-09-05")
        page.get_by_label("检查结果").select_option(label=outcome)
        page.get_by_label("检查情况").fill("核查了资质认定证书和检验检测原始记录。")
        page.get_by_role("button", name="保存检查结果").click()
        page.get_by_role("heading", name=TITLE).wait_for()

    page.get_by_role("button", name="检查结束").click()
    page.get_by_text("已登记检查结束").wait_for()
    page.get_by_role("button", name="向社会公开结果").click()
    page.get_by_text(MSG_PUBLISHED).wait_for()
    page.screenshot(path=f"{screenshot_dir}/inspection-published.png", full_page=True)
    plan.refresh_from_db()
    assert plan.status == SamplingPlan.Status.PUBLISHED
    assert plan.targets.filter(outcome=InspectionTarget.Outcome.RECTIFY).count() == 1

    # A visitor, not logged in, finds the results from the public site.
    visitor = chromium.new_context(base_url=live_server.url, locale="zh-CN").new_page()
    visitor.goto("/")
    visitor.get_by_role("link", name="抽查结果公开").click()
    visitor.get_by_role("link", name=TITLE).click()
    results = visitor.locator("#results tbody tr")
    expect(results).to_have_count(3)
    shown = results.all_inner_texts()
    for target, outcome in zip(targets, outcomes, strict=True):
        row = next(r for r in shown if target.entity.credit_code in r)
        assert target.entity.name in row and outcome in row
    assert seed in visitor.content()
    visitor.context.close()

    # The city sees the county's plan, published in time, on its board.
    city = chromium.new_context(base_url=live_server.url, locale="zh-CN").new_page()
    log_in(city, "changsha_viewer")
    city.get_by_role("link", name="双随机抽查", exact=True).click()
    city.get_by_role("link", name="抽查督查").click()
    row = city.locator('#board tr[data-unit="芙蓉区"]')
    row.wait_for()
    assert "均按时公开" in row.inner_text()
    assert "qm-done" in row.inner_html()
    city.screenshot(path=f"{screenshot_dir}/inspection-city-board.png", full_page=True)
    city.context.close()
