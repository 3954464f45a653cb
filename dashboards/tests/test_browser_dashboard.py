import datetime
import os

import pytest
from django.utils import timezone

from core.testing.browser import log_in
from core.testing.world import build_world, make_user
from dashboards.selectors import RED
from orgs.divisions import Division
from orgs.scoping import Role
from orgs.services import divisions_load
from reports.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FUJIAN_CITIES = [("350100", "福州市"), ("350200", "厦门市"), ("350400", "三明市")]


def _fujian():
    """福建省 asks 福州市, 厦门市 and 三明市 to report by yesterday; 三明市 did not."""
    world = build_world()
    divisions_load([Division(code, name, "prefecture", "350000") for code, name in FUJIAN_CITIES])
    units = {
        u.name: u for u in world.unit("福建省").__class__.objects.filter(code__startswith="35")
    }
    admin = make_user("fujian_admin", units["福建省"], Role.ADMIN)
    requirement = factories.issued_requirement(
        actor=admin,
        unit=units["福建省"],
        recipients=[units[name] for _code, name in FUJIAN_CITIES],
        title="福建省2023年“质量月”活动方案",
    )
    for name in ("福州市", "厦门市"):
        factories.fill_and_submit(
            actor=admin, expected=factories.expected(requirement, units[name]), activities=4
        )
    factories.due_date_set(requirement, due=timezone.localdate() - datetime.timedelta(days=1))
    return units


def _option(page, element_id: str):
    return page.evaluate(
        "id => echarts.getInstanceByDom(document.getElementById(id)).getOption()", element_id
    )


def test_the_provincial_admin_sees_the_late_city_in_red(page, screenshot_dir):
    units = _fujian()
    log_in(page, "fujian_admin")
    page.get_by_role("link", name="数据看板").click()
    page.get_by_role("heading", name="数据看板 · 福建省").wait_for()
    page.wait_for_function(
        "() => window.echarts && echarts.getInstanceByDom(document.getElementById('chart-map'))"
    )

    # ECharts lists every region of the map; ours are those carrying a row.
    areas = {d["name"]: d for d in _option(page, "chart-map")["series"][0]["data"] if d.get("row")}
    assert set(areas) == {"福州市", "厦门市", "三明市"}
    assert areas["三明市"]["itemStyle"]["areaColor"] == RED
    assert areas["福州市"]["itemStyle"]["areaColor"] != RED

    bars = _option(page, "chart-children")
    names = bars["yAxis"][0]["data"]
    assert names[0] == "三明市"  # the worst on top
    colours = {
        n: d["itemStyle"]["color"] for n, d in zip(names, bars["series"][0]["data"], strict=True)
    }
    assert colours["三明市"] == RED and colours["厦门市"] != RED

    overdue = page.locator("#table-overdue tbody")
    assert "三明市" in overdue.inner_text()
    assert "福州市" not in overdue.inner_text()
    page.screenshot(path=os.path.join(screenshot_dir, "dashboard-fujian.png"), full_page=True)

    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    page.wait_for_function(
        "() => window.echarts && echarts.getInstanceByDom(document.getElementById('chart-map'))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=os.path.join(screenshot_dir, "dashboard-fujian-360.png"), full_page=True)

    # Clicking the late city on the bars drills down to its own dashboard.
    page.goto(f"/dashboards/{units['三明市'].pk}/")
    page.get_by_role("heading", name="数据看板 · 三明市").wait_for()
