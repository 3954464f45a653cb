"""The behaviour that left the templates' inline handlers for static/js/site.js (the CSP runs
no inline script) still works in Chromium, with no policy violation on the way."""

import re

import pytest

from activities.models import Activity
from activities.services import activity_create
from campaigns.models import Campaign
from campaigns.services import national_campaigns_load, notice_create
from core.testing.browser import log_in
from core.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch_policy(page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    return problems


def test_a_language_chosen_before_the_page_s_scripts_ran_still_switches_it(page):
    """On a slow line the page shows its selects a moment before site.js runs: a choice made
    then raised its change event unheard. The script submits it once it runs."""
    build_world()
    log_in(page, "changsha_editor")
    page.add_init_script(
        """document.addEventListener("readystatechange", function () {
          var select = document.getElementById("lang-select");
          if (document.readyState !== "interactive" || !select || select.value === "en") return;
          select.value = "en";
          select.dispatchEvent(new Event("change", { bubbles: true }));
        });"""
    )
    page.get_by_role("link", name="通知与方案").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")


def test_choosing_a_language_switches_the_page_at_once(page):
    build_world()
    problems = _watch_policy(page)
    log_in(page, "changsha_editor")
    page.locator("#lang-select").select_option("en")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.locator("#lang-select").select_option("zh-hans")
    page.wait_for_function("() => document.documentElement.lang === 'zh-hans'")
    assert problems == []


def test_the_activity_table_cancels_a_new_row_and_tells_of_a_failed_request(page):
    world = build_world()
    national_campaigns_load()
    editor = world.users["editor"]
    plan = notice_create(
        actor=editor,
        campaign=Campaign.objects.get(year=2023),
        unit=world.unit("长沙市"),
        title="长沙市2023年“质量月”活动方案",
    )
    gone = activity_create(actor=editor, notice=plan, title="加大宣传力度", window_text="9月")
    problems = _watch_policy(page)
    log_in(page, "changsha_editor")
    page.goto(f"/activities/notice/{plan.pk}/")

    page.get_by_role("link", name="新增一行").click()
    new = page.locator("#activity-new")
    new.get_by_label("活动主题").wait_for()
    new.get_by_role("link", name="取消").click()
    new.wait_for(state="detached")
    assert page.url.endswith(f"/activities/notice/{plan.pk}/")

    # A colleague deleted the row meanwhile: opening it fails, and the page says so.
    Activity.objects.filter(pk=gone.pk).delete()
    page.locator(f"#activity-{gone.pk}").get_by_role("link", name=re.compile("^编辑")).click()
    page.locator("#activity-table .table-alert").wait_for(state="visible")
    assert problems == []
