import datetime
import os

import pytest
from django.utils import timezone

from campaigns.services import national_campaigns_load
from core.testing.world import build_world
from public.forms import CONSENT_LABEL
from public.models import Registration
from public.services import ALREADY_VOTED, poll_create
from public.tests.factories import public_activity
from public.tests.pages import check_page
from public.views import REGISTRATION_CANCELLED, VOTE_RECORDED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_finds_an_open_day_in_a_county_registers_cancels_and_the_waitlist_moves_up(
    phone_page, page, screenshot_dir
):
    world = build_world()
    national_campaigns_load()
    public_activity(
        actor=world.users["editor"],
        unit=world.unit("天心区"),
        title="天心区质量知识讲座",
        capacity=None,
    )
    activity = public_activity(
        actor=world.users["editor"],
        unit=world.unit("芙蓉区"),
        title="芙蓉区计量实验室开放日",
        capacity=1,
    )
    p = phone_page
    p.goto("/")
    check_page(p, screenshot_dir, "home")

    # Narrow down: province, then city, then county.
    p.get_by_label("省").select_option(label="湖南省")
    p.get_by_role("button", name="筛选").click()
    p.get_by_label("市").select_option(label="长沙市")
    p.get_by_role("button", name="筛选").click()
    p.get_by_label("县（区）").select_option(label="芙蓉区")
    p.get_by_role("button", name="筛选").click()
    p.get_by_text("正在查看：芙蓉区").wait_for()
    assert p.get_by_role("link", name="天心区质量知识讲座").count() == 0
    check_page(p, screenshot_dir, "home-county")

    p.get_by_role("link", name="芙蓉区计量实验室开放日").click()
    p.get_by_role("heading", name="芙蓉区计量实验室开放日").wait_for()
    check_page(p, screenshot_dir, "activity")
    p.get_by_label("姓名").fill("张三")
    p.get_by_label("手机号码").fill("13800000001")
    p.get_by_label(str(CONSENT_LABEL)).check()
    p.get_by_role("button", name="提交报名").click()
    p.locator("#reg-status").get_by_text("报名成功").wait_for()
    code = p.locator("#reg-code").inner_text()
    assert len(code) == 8
    check_page(p, screenshot_dir, "registration")

    # A second visitor, on the desktop and with the keyboard only, finds it full.
    page.goto(f"/public/activities/{activity.pk}/")
    page.get_by_text("名额已满").wait_for()
    page.get_by_label("姓名").focus()
    page.keyboard.type("李四")
    page.keyboard.press("Tab")
    page.keyboard.type("13800000002")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the consent box
    page.keyboard.press("Enter")
    page.get_by_text("候补第1位").wait_for()
    page.screenshot(
        path=os.path.join(screenshot_dir, "public-waitlisted-desktop.png"), full_page=True
    )

    # The first visitor cancels with the code.
    p.goto("/public/registrations/")
    p.get_by_label("确认码").fill(code.lower())
    p.get_by_label(str(CONSENT_LABEL)).check()
    p.get_by_role("button", name="查询").click()
    p.get_by_role("button", name="取消报名").click()
    p.get_by_text(str(REGISTRATION_CANCELLED)).wait_for()
    check_page(p, screenshot_dir, "cancelled")

    page.reload()
    page.locator("#reg-status").get_by_text("报名成功").wait_for()
    assert (
        Registration.objects.with_phone("13800000002").get().status == Registration.Status.CONFIRMED
    )


def test_visitor_votes_once_and_is_refused_a_second_vote(phone_page, page, screenshot_dir):
    world = build_world()
    national_campaigns_load()
    poll = poll_create(
        actor=world.users["editor"],
        unit=world.unit("芙蓉区"),
        title="芙蓉区“你点我检”：您最想抽检哪类产品？",
        closes_at=timezone.now() + datetime.timedelta(days=5),
        options=["儿童玩具", "电动自行车", "食用植物油"],
    )
    p = phone_page
    p.goto("/")
    p.get_by_role("link", name="你点我检").first.click()
    p.get_by_role("link", name=poll.title).click()
    check_page(p, screenshot_dir, "poll")
    p.get_by_label("电动自行车").check()
    p.get_by_label("手机号码").fill("13800000001")
    p.get_by_label(str(CONSENT_LABEL)).check()
    p.get_by_role("button", name="投票").click()
    p.get_by_text(str(VOTE_RECORDED)).wait_for()
    p.get_by_text("当前投票情况").wait_for()
    check_page(p, screenshot_dir, "poll-voted")

    # Same phone from another browser: refused.
    page.goto(f"/public/polls/{poll.pk}/")
    page.get_by_label("儿童玩具").check()
    page.get_by_label("手机号码").fill("13800000001")
    page.get_by_label(str(CONSENT_LABEL)).check()
    page.get_by_role("button", name="投票").click()
    page.get_by_text(str(ALREADY_VOTED)).wait_for()
    page.screenshot(
        path=os.path.join(screenshot_dir, "public-vote-refused-desktop.png"), full_page=True
    )
    assert poll.votes.count() == 1
