import os

import pytest

from core.testing.world import PASSWORD
from reports.models import Report
from reports.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, username: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="登录").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的单位").wait_for()


def test_drafts_save_as_the_clerk_types_and_survive_a_network_error(
    reporting, page, screenshot_dir
):
    expected = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    _log_in(page, "furong_editor")
    page.get_by_role("link", name="报送", exact=True).click()
    page.get_by_role("link", name="长沙市2023年“质量月”活动方案").click()

    summary = page.get_by_label("工作总结")
    summary.fill("")
    with page.expect_request("**/autosave/") as autosave:
        summary.press_sequentially("9月1日举行启动仪式")
    page.get_by_text("已自动保存").wait_for(timeout=10_000)
    report = Report.objects.get(expected=expected)
    assert report.summary == "9月1日举行启动仪式"
    # The page posts the draft as JSON: Chinese text is a third of its form-encoded size.
    assert autosave.value.headers["content-type"] == "application/json"
    assert autosave.value.post_data_json["summary"] == "9月1日举行启动仪式"

    # Chinese typed through an input method, or by voice on a phone, comes without key
    # events of its own: the draft still saves once the clerk pauses.
    with page.expect_request(
        lambda request: "/autosave/" in request.url and "培训" in (request.post_data or "")
    ) as typed:
        page.get_by_label("问题与建议").press_sequentially("建议加强培训")
    assert typed.value.response().ok
    report.refresh_from_db()
    assert report.problems == "建议加强培训"

    # The network goes away: the autosave fails, the browser keeps its copy.
    page.route("**/autosave/", lambda route: route.abort())
    with page.expect_event("requestfailed", lambda request: "/autosave/" in request.url):
        summary.press_sequentially("，参与群众3000人次")
    page.unroute("**/autosave/")
    page.reload()
    banner = page.get_by_role("alert").filter(has_text="尚未保存到服务器")
    banner.wait_for()
    banner.get_by_role("button", name="恢复本机内容").click()
    assert page.get_by_label("工作总结").input_value() == "9月1日举行启动仪式，参与群众3000人次"

    page.set_viewport_size({"width": 360, "height": 800})
    page.screenshot(path=os.path.join(screenshot_dir, "report-edit-360.png"), full_page=True)
    page.get_by_label("活动场次（场）").fill("3")
    page.get_by_role("button", name="报送", exact=True).click()
    page.get_by_text("已报送。").wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert report.summary == "9月1日举行启动仪式，参与群众3000人次"


def test_what_the_clerk_typed_before_the_page_s_scripts_ran_is_saved_too(reporting, page):
    """A slow connection shows the form a moment before its scripts run: text typed then
    raised its events before anything listened. The page saves it once it is ready."""
    expected = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    _log_in(page, "furong_editor")
    # The clerk types between the form's appearing and the scripts' running: the document
    # is parsed (readyState "interactive") and the deferred scripts have not yet run.
    page.add_init_script(
        """document.addEventListener("readystatechange", function () {
          var summary = document.getElementById("id_summary");
          if (document.readyState !== "interactive" || !summary) return;
          summary.value = "9月1日举行启动仪式";
          summary.dispatchEvent(new Event("input", { bubbles: true }));
          summary.dispatchEvent(new Event("change", { bubbles: true }));
        });"""
    )
    page.get_by_role("link", name="报送", exact=True).click()
    page.get_by_role("link", name="长沙市2023年“质量月”活动方案").click()

    page.get_by_text("已自动保存").wait_for(timeout=10_000)
    assert Report.objects.get(expected=expected).summary == "9月1日举行启动仪式"
