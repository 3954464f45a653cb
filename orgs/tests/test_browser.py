import os

import pytest

from campaigns.services import national_campaigns_load
from core.testing.world import PASSWORD, build_world
from orgs.views import MSG_UNIT_SAVED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_logs_in_and_browses_their_subtree(page, screenshot_dir):
    world = build_world()
    national_campaigns_load()
    page.goto("/")
    assert page.locator("h1").inner_text() == "增强质量意识 推进高质量发展"
    page.screenshot(path=os.path.join(screenshot_dir, "home.png"), full_page=True)

    page.get_by_role("link", name="登录").click()
    page.get_by_label("用户名").fill("changsha_editor")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的单位").wait_for()
    page.get_by_role("link", name="长沙市市场监督管理局").click()
    page.get_by_role("link", name="芙蓉区市场监督管理局").wait_for()
    assert "株洲市" not in page.content()
    page.screenshot(path=os.path.join(screenshot_dir, "unit-detail.png"), full_page=True)

    page.get_by_role("link", name="编辑").click()
    page.get_by_label("别名").fill("长沙市局\n市局")
    page.get_by_role("button", name="保存").click()
    page.get_by_text(MSG_UNIT_SAVED).wait_for()
    world.unit("长沙市").refresh_from_db()
    assert world.unit("长沙市").alias_list() == ["长沙市局", "市局"]

    # A sibling's page, guessed by id, is simply not there.
    response = page.goto(f"/orgs/{world.unit('株洲市').pk}/")
    assert response.status == 404
