import os

import pytest

from campaigns import services
from campaigns.models import Notice, Slogan
from campaigns.views import MSG_ISSUED, MSG_SLOGANS_SAVED
from cascade.views import MSG_PLAN_DRAFTED
from core.testing.browser import log_in
from core.testing.world import build_world, make_user
from orgs.scoping import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_city_clerk_turns_the_provincial_notice_into_an_issued_city_plan(page, screenshot_dir):
    world = build_world()
    campaign = services.national_campaigns_load()[0]
    hunan = make_user("hunan_editor", world.unit("湖南省"), Role.EDITOR)
    provincial = services.notice_create(
        actor=hunan,
        campaign=campaign,
        unit=world.unit("湖南省"),
        title="关于印发《湖南省市场监管系统2023年“质量月”活动方案》的通知",
        doc_number="湘市监办发〔2023〕57号",
        issuer_names=["湖南省市场监督管理局办公室"],
        recipients_text="各市州市场监督管理局",
        theme=campaign.theme,
        body=[
            {"level": 1, "number": "一、", "text": "活动主题"},
            {"level": 0, "number": "", "text": campaign.theme},
        ],
        recipient_units=[world.unit("长沙市"), world.unit("株洲市")],
    )
    services.notice_issue(actor=hunan, notice=provincial)

    def shot(name):
        page.screenshot(path=os.path.join(screenshot_dir, f"cascade-{name}.png"), full_page=True)

    log_in(page, "changsha_editor")
    page.get_by_role("link", name="收文箱").click()
    page.get_by_role("heading", name="收文箱").wait_for()
    assert page.get_by_text("未读").first.is_visible()
    shot("1-inbox")

    page.get_by_role("link", name=provincial.title).click()
    page.get_by_role("heading", name=provincial.title).wait_for()
    shot("2-provincial-notice")

    page.get_by_role("button", name="制定本级方案").click()
    page.get_by_text(MSG_PLAN_DRAFTED).wait_for()
    plan = Notice.objects.get(unit=world.unit("长沙市"))
    assert plan.basis.get() == provincial
    shot("3-city-draft")

    page.get_by_role("link", name="设置本级口号").click()
    first = page.get_by_label("口号 1", exact=True)
    assert first.input_value() == "大力增强质量意识 加快建设质量强市"
    shot("4-slogans")
    page.get_by_role("button", name="保存口号").click()
    page.get_by_text(str(MSG_SLOGANS_SAVED)).wait_for()
    assert Slogan.objects.filter(
        unit=world.unit("长沙市"), text__contains="树立长沙质量形象"
    ).exists()

    page.get_by_role("link", name="印发", exact=True).click()
    page.get_by_role("heading", name="确认印发").wait_for()
    shot("5-confirm-issue")
    page.get_by_role("button", name="确认印发").click()
    page.get_by_text(str(MSG_ISSUED)).wait_for()
    shot("6-issued")
    plan.refresh_from_db()
    assert plan.is_issued
    assert set(plan.deliveries.values_list("recipient__name", flat=True)) == {"芙蓉区", "天心区"}

    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    shot("7-issued-360px")


def test_led_screen_rolls_the_slogans_full_screen_without_further_requests(page, screenshot_dir):
    world = build_world()
    campaign = services.national_campaigns_load()[0]
    for i, text in enumerate(
        ["大力增强质量意识 加快建设质量强市", "培育区域质量品牌 树立长沙质量形象"]
    ):
        Slogan.objects.create(campaign=campaign, unit=world.unit("长沙市"), text=text, position=i)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"/notices/slogans/{world.unit('长沙市').pk}/2023/screen/?interval=2")
    assert len(requests) == 1  # the page itself, nothing else
    visible = page.locator(".slogan:visible")
    assert " ".join(visible.inner_text().split()) == "大力增强质量意识 加快建设质量强市"
    page.screenshot(path=os.path.join(screenshot_dir, "cascade-led.png"))
    page.wait_for_function(
        # A function, not an expression: Playwright evals an expression, which the CSP refuses.
        "() => document.querySelector('.slogan:not([hidden])').textContent.includes('长沙质量形象')",
        timeout=5000,
    )
    assert len(requests) == 1
