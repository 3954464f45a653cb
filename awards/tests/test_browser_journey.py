"""A quality award round end to end in Chromium: the unit, an enterprise, an expert, a
visitor — each in their own browser."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards import views
from awards.models import Application, AwardRound, Objection
from awards.tests.factories import CODES, queued_code
from core.testing.world import build_world, make_user
from core.tests.test_journeys import Journey
from orgs.scoping import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_round_from_the_call_to_the_final_list(chromium, live_server, screenshot_dir):
    world = build_world()
    make_user("hn_awards", world.unit("湖南省"), Role.EDITOR)
    make_user("expert_li", world.unit("长沙市"), Role.VIEWER, first_name="李专家")

    # The unit opens a round with the default GB/T 19580 criteria and publishes the call.
    unit = Journey(chromium, live_server, screenshot_dir, "hn_awards")
    p = unit.page
    unit.nav("质量奖评选")
    p.get_by_role("link", name=f"{world.unit('湖南省').display_name}：新建评选").click()
    assert "领导 110" in p.get_by_label("评分项").input_value()
    p.get_by_label("名称").fill("第八届湖南省省长质量奖")
    p.get_by_label("届次").fill("8")
    p.get_by_label("申报截止日期").fill(
        (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    )
    p.get_by_role("button", name="保存").click()
    p.get_by_role("button", name="发布申报通知").click()
    p.get_by_text(views.MSG_PUBLISHED).wait_for()
    award = AwardRound.objects.get()
    assert award.status == AwardRound.Status.OPEN and award.total_points() == 1000

    # An enterprise finds the call from the public home, verifies its e-mail and applies.
    visitor = chromium.new_context(base_url=live_server.url, locale="zh-CN")
    v = visitor.new_page()
    v.goto("/")
    v.get_by_role("navigation").get_by_role("link", name="质量奖评选").click()
    v.get_by_role("link", name="第八届湖南省省长质量奖").click()
    v.get_by_role("link", name="在线申报").click()
    v.get_by_label("电子邮箱").fill("quality@xiangdian.example")
    v.get_by_role("button", name="发送验证码").click()
    v.get_by_label("验证码").fill(queued_code())
    v.get_by_role("button", name="验证", exact=True).click()
    v.get_by_label("企业名称").fill("湘电某某股份有限公司")
    v.get_by_label("统一社会信用代码").fill(CODES[0])
    v.get_by_label("联系人").fill("周敏")
    v.get_by_label("申报材料").set_input_files(
        [{"name": "自评报告.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    v.get_by_role("button", name="提交申报").click()
    v.get_by_text("申报状态：待审查").wait_for()

    # The unit screens it, names an expert and assigns the application.
    p.reload()
    p.get_by_role("link", name="湘电某某股份有限公司").click()
    p.get_by_role("button", name="审查通过").click()
    p.get_by_text(views.MSG_ACCEPTED).wait_for()
    p.get_by_role("link", name="第八届湖南省省长质量奖").click()
    p.get_by_label("专家").select_option(label="expert_li")
    p.get_by_role("button", name="加入专家").click()
    p.get_by_role("link", name="湘电某某股份有限公司").click()
    p.get_by_label("专家").select_option(label="李专家")
    p.get_by_role("button", name="分配专家").click()
    p.get_by_text(views.MSG_ASSIGNED).wait_for()

    # The expert declares no conflict, then sees the materials and scores.
    expert = Journey(chromium, live_server, screenshot_dir, "expert_li")
    e = expert.page
    e.goto("/awards/reviews/")
    e.get_by_role("link", name="湘电某某股份有限公司").click()
    declaration = e.get_by_label("本人与该企业无利害关系，无需回避")
    # On the entry's page (not the list the click left), the materials stay closed until then.
    declaration.wait_for()
    assert e.get_by_text("自评报告.pdf").count() == 0
    declaration.check()
    e.get_by_role("button", name="提交声明").click()
    e.get_by_role("link", name="自评报告.pdf").wait_for()
    for criterion in award.criteria.all():
        e.get_by_label(f"{criterion.name}（{criterion.points}）").fill(
            str(criterion.points * 8 // 10)
        )
    e.get_by_role("button", name="提交评分").click()
    e.get_by_text(views.MSG_SCORED).wait_for()
    expert.shot("awards-expert")

    # The unit shortlists by the ranking and publishes the 公示.
    p.get_by_role("link", name="第八届湖南省省长质量奖").click()
    expect(p.locator("#ranking")).to_contain_text("800.00")
    p.get_by_label("湘电某某股份有限公司 入围").check()
    p.get_by_role("button", name="保存入围名单").click()
    p.get_by_role("button", name="发布入围名单公示（7 天）").click()
    p.get_by_text("入围名单已公示").wait_for()

    # Anyone may object on the public page during the 公示.
    v.goto(f"/awards/public/{award.pk}/")
    v.get_by_label("异议对象").select_option(label="湘电某某股份有限公司")
    v.get_by_label("姓名或单位").fill("王女士")
    v.get_by_label("联系方式").fill("0731-8888888")
    v.get_by_label("异议内容").fill("该企业去年有产品抽检不合格记录。")
    v.get_by_role("button", name="提交异议").click()
    v.get_by_text(views.MSG_OBJECTION_FILED).wait_for()
    assert Objection.objects.get().application.entity.name == "湘电某某股份有限公司"

    # Seven days later the 公示 is over: the unit publishes the final list.
    today = timezone.localdate()
    AwardRound.objects.filter(pk=award.pk).update(
        publicity_starts=today - datetime.timedelta(days=7),
        publicity_ends=today - datetime.timedelta(days=1),
    )
    p.reload()
    p.get_by_text("王女士").wait_for()
    p.get_by_role("button", name="公布最终名单").click()
    p.get_by_text(views.MSG_FINALISED).wait_for()
    unit.shot("awards-unit")
    assert Application.objects.get().awarded

    v.goto(f"/awards/public/{award.pk}/")
    assert v.locator("#final-list").inner_text().strip() == "湘电某某股份有限公司"
    v.screenshot(path=f"{screenshot_dir}/journey-awards-public.png", full_page=True)
    visitor.close()
    expert.close()
    unit.close()
