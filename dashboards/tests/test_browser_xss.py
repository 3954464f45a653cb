"""Script typed into data never runs in another user's browser.

The attack this guards against: a province admin created a unit named
<img src=x onerror=…> (the notice import's "新建为单位"), put it in an expected set, and when
the national admin hovered its bar on the dashboard the chart tooltip ran the handler in the
national admin's session. Each page showing that text is opened as the national admin; the
handler must not run, the text must show as typed, and the Content-Security-Policy must not
have had to step in for anything: no page logs a violation, so the platform's own scripts
(ECharts, htmx, the report form, the LED screen) all ran under it.
"""

import pytest
from django.urls import reverse

from campaigns.models import Slogan
from core.testing.browser import log_in
from core.testing.world import PASSWORD, build_world, make_user
from orgs.models import OrgUnit
from orgs.scoping import Role
from orgs.services import unit_create
from reports.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNIT_PAYLOAD = '高新区<img src=x onerror="window.__pwned=1">分局'
SUMMARY_PAYLOAD = (
    '开展活动三场。<img src=x onerror="window.__pwned=2"><script>window.__pwned=3</script>'
)
SLOGAN_PAYLOAD = '质量强省<img src=x onerror="window.__pwned=4">'

# Reports every CSP violation to the console, where the test collects it; a refused inline
# handler or script is logged by Chromium itself too.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile);
});
"""


def _setup():
    world = build_world()
    hunan = world.unit("湖南省")
    hunan_admin = make_user("hunan_admin", hunan, Role.ADMIN)
    zone = unit_create(actor=hunan_admin, parent=hunan, name=UNIT_PAYLOAD, kind=OrgUnit.Kind.OTHER)
    requirement = factories.issued_requirement(
        actor=hunan_admin,
        unit=hunan,
        recipients=[world.unit("长沙市"), world.unit("株洲市"), zone],
        title="湖南省2023年“质量月”活动实施方案",
    )
    report = factories.fill_and_submit(
        actor=hunan_admin,
        expected=factories.expected(requirement, zone),
        summary=SUMMARY_PAYLOAD,
        activities=3,
    )
    Slogan.objects.create(campaign=factories.campaign(), unit=hunan, text=SLOGAN_PAYLOAD)
    Slogan.objects.create(campaign=factories.campaign(), unit=hunan, text="培育区域质量品牌")
    return world, hunan, zone, requirement, report


def _watch_violations(page) -> list[str]:
    """What the page reports of the policy refusing something, and its script errors."""
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if "Content Security Policy" in m.text or "CSP violation" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.add_init_script(REPORT_VIOLATIONS)
    return problems


def test_a_unit_named_with_script_shows_as_text_everywhere_and_runs_nowhere(page):
    world, hunan, zone, requirement, report = _setup()
    problems = _watch_violations(page)
    log_in(page, "national_admin")

    # The dashboard: hover each bar until the tooltip shows the unit's name.
    page.goto(f"{reverse('dashboards:dashboard', args=[hunan.pk])}?requirement={requirement.pk}")
    page.wait_for_function(
        "() => window.echarts && echarts.getInstanceByDom(document.getElementById('chart-children'))"
    )
    names = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('chart-children'))"
        ".getOption().yAxis[0].data"
    )
    assert UNIT_PAYLOAD in names
    box = page.locator("#chart-children").bounding_box()
    point = page.evaluate(
        """([name]) => {
          const chart = echarts.getInstanceByDom(document.getElementById('chart-children'));
          const [x0, y] = chart.convertToPixel({xAxisIndex: 0, yAxisIndex: 0}, [0, name]);
          return [x0 + 2, y];
        }""",
        [UNIT_PAYLOAD],
    )
    page.mouse.move(box["x"] + point[0], box["y"] + point[1])
    tooltip = page.locator("#chart-children div", has_text="高新区").last
    tooltip.wait_for()
    assert UNIT_PAYLOAD in tooltip.inner_text()
    assert page.locator("#chart-children img").count() == 0
    assert page.evaluate("window.__pwned") is None

    # The same name and the summary on the other pages that show them.
    for url in (
        reverse("reports:supervision", args=[hunan.pk]) + f"?requirement={requirement.pk}",
        reverse("reports:requirement_detail", args=[requirement.pk]),
        reverse("reports:report_detail", args=[report.pk]),
        reverse("orgs:unit_detail", args=[hunan.pk]),
        reverse("orgs:unit_detail", args=[zone.pk]),
        reverse("campaigns:slogans_edit", args=[hunan.pk, 2023]),
        reverse("campaigns:slogan_screen", args=[hunan.pk, 2023]),
    ):
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, url
        assert page.locator("img[src=x]").count() == 0, url
    page.goto(reverse("reports:report_detail", args=[report.pk]))
    assert "开展活动三场。" in page.locator(".qm-summary").inner_text()
    page.goto(reverse("campaigns:slogan_screen", args=[hunan.pk, 2023]))
    # The screen's own (nonce) script still rolls the slogans.
    page.wait_for_function("() => document.getElementById('counter').textContent !== ''")

    assert problems == []


def test_the_admin_and_the_api_docs_run_under_the_policy(page):
    """Third-party pages the platform serves (Django's admin, the Swagger UI of the API docs)
    keep working: the policy refuses none of their scripts or styles."""
    world, hunan, zone, requirement, report = _setup()
    make_user("root", is_staff=True, is_superuser=True)
    problems = _watch_violations(page)
    page.goto("/admin/login/")
    page.get_by_label("用户名").fill("root")
    page.get_by_label("密码").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto(reverse("admin:orgs_orgunit_changelist"))
    page.get_by_text(UNIT_PAYLOAD).first.wait_for()
    assert page.evaluate("window.__pwned") is None
    page.goto(reverse("admin:orgs_orgunit_change", args=[zone.pk]))
    page.wait_for_load_state("load")
    page.goto("/api/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert problems == []
