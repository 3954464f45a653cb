"""A case in Chromium, from the enterprise's request on the public page to the county's
board: the enterprise, the station's clerk and the county each in their own browser."""

import pytest
from playwright.sync_api import expect

from assistance.models import ServiceCase
from assistance.tests.factories import CODES
from core.testing.world import build_world, make_user
from core.tests.test_journeys import Journey
from orgs.scoping import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_case_from_the_request_to_the_county_board(chromium, live_server, screenshot_dir):
    world = build_world()
    station = world.unit("芙蓉街道")
    make_user("furong_station", station, Role.EDITOR)
    make_user("furong_county", world.unit("芙蓉区"), Role.VIEWER)

    # The enterprise asks for help from the public home page.
    visitor = chromium.new_context(base_url=live_server.url, locale="zh-CN")
    v = visitor.new_page()
    v.goto("/")
    v.get_by_role("navigation").get_by_role("link", name="企业帮扶申请").click()
    # Where it is, one level per step: only then the units that may take the case.
    for level, place in (("省", "湖南省"), ("市", "长沙市"), ("县（区）", "芙蓉区")):
        v.get_by_label(level, exact=True).select_option(label=place)
        v.get_by_role("button", name="确定所在地").click()
    host = v.get_by_label("所在地（承办单位）")
    host.locator("option", has_text=str(station)).wait_for(state="attached")
    offered = host.locator("option").all_inner_texts()
    assert offered[1:] == [str(world.unit("芙蓉区")), str(station)]
    v.get_by_label("企业名称").fill("长沙芙蓉精密仪器有限公司")
    v.get_by_label("统一社会信用代码").fill(CODES[0])
    v.get_by_label("所在地（承办单位）").select_option(label=str(station))
    v.locator("#id_contact_name").fill("周敏")
    v.locator("#id_contact_phone").fill("13800000000")
    v.get_by_label("需要哪些帮助").fill("压力表等计量器具不会送检，想建立质量管理体系。")
    v.get_by_role("button", name="提交申请").click()
    # Without consent nothing is sent, and nothing typed is lost.
    v.get_by_text("这个字段是必填项。").first.wait_for()
    assert v.locator("#id_contact_phone").input_value() == "13800000000"
    v.get_by_label("我同意承办单位使用上述联系人和电话与本企业联系帮扶事宜").check()
    v.get_by_role("button", name="提交申请").click()
    v.get_by_text("申请已提交").wait_for()

    # The station accepts it, records the diagnosis, the plan and a follow-up, and closes.
    clerk = Journey(chromium, live_server, screenshot_dir, "furong_station")
    p = clerk.page
    clerk.nav("企业帮扶")
    p.get_by_role("link", name="长沙芙蓉精密仪器有限公司").click()
    p.get_by_role("button", name="受理").click()
    p.get_by_text("已受理。").wait_for()
    p.get_by_label("问题领域").select_option(label="计量")
    p.get_by_label("问题描述").fill("压力表未按期检定")
    p.get_by_role("button", name="添加问题").click()
    p.get_by_text("已保存。").wait_for()
    p.get_by_label("问题领域").select_option(label="质量管理")
    p.get_by_label("问题描述").fill("缺少出厂检验记录")
    p.get_by_role("button", name="添加问题").click()
    p.locator("#id_text").fill("联系计量所上门检定")
    p.get_by_label("责任单位或专家").fill("芙蓉区计量所")
    p.get_by_label("完成时限").fill("2023-09-30")
    p.get_by_role("button", name="添加措施").click()
    p.get_by_role("cell", name="联系计量所上门检定", exact=True).wait_for()
    p.get_by_role("button", name="标记为已解决 压力表未按期检定").click()
    p.get_by_role("button", name="标记为已完成 联系计量所上门检定").click()
    p.get_by_text("1 / 2").wait_for()
    p.get_by_label("回访日期").fill("2023-10-10")
    p.get_by_label("回访人员").fill("质量科 陈志强")
    p.get_by_label("回访情况").fill("压力表已检定合格")
    p.get_by_role("button", name="添加回访").click()
    p.get_by_role("cell", name="压力表已检定合格", exact=True).wait_for()
    p.get_by_label("基本满意").check()
    p.get_by_label("帮扶成效").fill("计量器具全部检定合格")
    p.get_by_role("button", name="办结案例").click()
    p.get_by_text("案例已办结。").wait_for()
    clerk.shot("assistance-case")
    case = ServiceCase.objects.get()
    assert case.status == ServiceCase.Status.CLOSED and case.satisfaction == "fairly"

    # The county sees the station's work on its board.
    county = Journey(chromium, live_server, screenshot_dir, "furong_county")
    c = county.page
    county.nav("企业帮扶")
    c.get_by_role("link", name="帮扶督导").click()
    row = c.get_by_role("row").filter(has_text=station.name)
    # A click starts a navigation and returns: wait for the board, not for the page it left.
    expect(row.get_by_role("cell")).to_have_text(["0", "1", "1", "1", "0"])
    # The county is led to nothing above it that it may not open.
    assert c.get_by_role("link", name="长沙市").count() == 0
    county.shot("assistance-board")
