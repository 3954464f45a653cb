"""The staff pages clerks use most pass axe-core (GB/T 37668, aligned with WCAG 2.1 AA) with no
serious or critical violation, on the demo data, as each demo user sees them; the forms also
with their errors shown, each error tied to its field. The public pages' check is in
public/tests/test_accessibility.py (its checker and error rule are reused here)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.urls import reverse

from campaigns.models import Notice
from cascade.services import plan_draft_get_or_create
from core.testing.browser import log_in
from core.testing.demo import demo_loaded
from orgs.models import OrgUnit
from public.tests.test_accessibility import (
    PHONE,
    SCROLLS_SIDEWAYS,
    UNTIED_ERRORS,
    _widest,
    axe_in_every_page,
    blocking_violations,
)
from reports.models import ExpectedReport
from reports.rules import EDITABLE_STATUSES
from seeding.demo import demo_password

IMPORT_FIXTURES = Path(settings.BASE_DIR) / "imports" / "tests" / "fixtures"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERS = ("hunan_admin", "changsha_editor", "yongan_editor", "nation_admin")


@pytest.fixture
def page(page):
    axe_in_every_page(page.context)
    return page


def _log_in(page, username: str) -> None:
    # The next demo user, in the same browser: the last one's session goes first.
    page.context.clear_cookies()
    log_in(page, username, demo_password())


# htmx marks the element whose request is in flight, then the content it is swapping in.
HTMX_BUSY = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


def _settled(page) -> None:
    """The page as the clerk reads it: loaded, and what it fetches on load (htmx) swapped in.
    Waiting for the network to be idle instead costs half a second on every page."""
    page.wait_for_load_state("load")
    page.wait_for_function(HTMX_BUSY)


def _submitted_empty(page, url: str, form: str, button: str) -> None:
    """The form sent as a browser without validation would send it: the server's errors show."""
    page.goto(url)
    page.evaluate("document.querySelectorAll('form').forEach(f => { f.noValidate = true; })")
    page.locator(form).get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def _draft_notice(user) -> Notice | None:
    return Notice.objects.for_user(user, "edit").filter(status=Notice.Status.DRAFT).first()


def _open_report(user) -> ExpectedReport | None:
    """A report the user may still fill, one sent back by the superior first (its page shows
    the reason too)."""
    return (
        ExpectedReport.objects.for_user(user, "edit")
        .filter(removed_at=None)
        .filter(Q(report=None) | Q(report__status__in=EDITABLE_STATUSES))
        .order_by(F("report__status").desc(nulls_last=True), "pk")
        .first()
    )


def _changsha_plan_drafted() -> Notice:
    """长沙市's clerk drafts the city's plan from the province's (制定本级方案): a notice to edit."""
    editor = get_user_model().objects.get(username="changsha_editor")
    hunan_plan = Notice.objects.get(unit__code="430000", status=Notice.Status.ISSUED)
    plan, _created = plan_draft_get_or_create(
        actor=editor, superior=hunan_plan, unit=OrgUnit.objects.get(code="430100")
    )
    return plan


def _errors_shown_and_tied(page, where: str) -> list[str]:
    """The page after a form was sent: errors shown, each read with its field, and axe's
    findings."""
    assert page.locator(".errorlist, [role=alert]").count(), where
    assert page.evaluate(UNTIED_ERRORS) == [], where
    return [f"{where}: {line}" for line in blocking_violations(page)]


def staff_pages(user) -> dict[str, str]:
    """The pages a clerk uses most, by the names of the menu, as this user reaches them."""
    pages = {
        "我的单位": reverse("orgs:my_units"),
        "收文箱": reverse("campaigns:inbox"),
        "通知与方案": reverse("campaigns:notice_list"),
        "报送": reverse("reports:index"),
        "督查督办": reverse("reports:supervision_home"),
        "数据看板": reverse("dashboards:home"),
        "导入公文": reverse("imports:index"),
        "双随机抽查": reverse("inspections:home"),
        "质量奖评选": reverse("awards:index"),
        "企业帮扶": reverse("assistance:index"),
    }
    if unit := OrgUnit.objects.filter(memberships__user=user).first():
        pages["导入公文（上传）"] = reverse("imports:new", args=[unit.pk])
    if notice := _draft_notice(user):
        pages["通知编辑"] = reverse("campaigns:notice_edit", args=[notice.pk])
    if expected := _open_report(user):
        pages["报送填报"] = reverse("reports:report_edit", args=[expected.pk])
    return pages


def test_login_page_has_no_serious_or_critical_axe_violation_and_ties_its_errors(page):
    page.goto(reverse("login"))
    found = [f"登录: {line}" for line in blocking_violations(page)]
    _submitted_empty(page, reverse("login"), "main form", "登录")
    assert page.locator(".errorlist, [role=alert]").count()
    assert page.evaluate(UNTIED_ERRORS) == []
    found += [f"登录（出错）: {line}" for line in blocking_violations(page)]
    assert not found, "\n".join(found)


def test_the_pages_clerks_use_most_have_no_serious_or_critical_axe_violation(page):
    demo_loaded()
    _changsha_plan_drafted()
    found = []
    for username in USERS:
        user = get_user_model().objects.get(username=username)
        _log_in(page, username)
        for name, url in staff_pages(user).items():
            response = page.goto(url)
            assert response.status == 200, f"{username} {name} {url} answered {response.status}"
            assert reverse("login") not in page.url, f"{username} {name}: logged out"
            _settled(page)
            found += [f"{username} {name}: {line}" for line in blocking_violations(page)]
    assert not found, "\n".join(found)


def test_the_pages_clerks_use_most_fit_a_phone_and_pass_axe_there(chromium, live_server):
    # A county or city clerk checks a task on the phone: no page may scroll sideways.
    demo_loaded()
    _changsha_plan_drafted()
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN", **PHONE)
    axe_in_every_page(context)
    page = context.new_page()
    found = []
    for username in ("changsha_editor", "yongan_editor"):
        user = get_user_model().objects.get(username=username)
        _log_in(page, username)
        for name, url in staff_pages(user).items():
            page.goto(url)
            _settled(page)
            found += [f"{username} {name}: {line}" for line in blocking_violations(page)]
            if page.evaluate(SCROLLS_SIDEWAYS):
                found.append(f"{username} {name}: {url} scrolls sideways — {_widest(page)}")
    context.close()
    assert not found, "\n".join(found)


def test_the_pages_clerks_use_most_pass_axe_in_english(page):
    # A clerk who reads English chooses it with the switcher in the header; the pages then say
    # so (lang="en", which screen readers read by) and still pass axe.
    demo_loaded()
    _changsha_plan_drafted()
    found = []
    for username in ("hunan_admin", "yongan_editor"):
        user = get_user_model().objects.get(username=username)
        _log_in(page, username)
        page.locator("#lang-select").select_option("en")
        page.wait_for_function("document.documentElement.lang === 'en'")
        for name, url in staff_pages(user).items():
            page.goto(url)
            _settled(page)
            lang = page.evaluate("document.documentElement.lang")
            if lang != "en":
                found.append(f"{username} {name}: {url} is lang={lang!r}")
            found += [f"{username} {name}: {line}" for line in blocking_violations(page)]
    assert not found, "\n".join(found)


def test_the_staff_forms_sent_empty_tie_each_error_to_its_field_and_pass_axe(page):
    demo_loaded()
    found = []

    _log_in(page, "hunan_admin")
    hunan = OrgUnit.objects.get(code="430000")
    _submitted_empty(
        page, reverse("campaigns:notice_create", args=[hunan.pk]), "main form", "保存草稿"
    )
    found += _errors_shown_and_tied(page, "新建草稿（出错）")

    # 导入公文: sent with nothing, then with a plan's text pasted: the fields to check.
    _log_in(page, "changsha_editor")
    upload = reverse("imports:new", args=[OrgUnit.objects.get(code="430100").pk])
    _submitted_empty(page, upload, "main form", "识别")
    found += _errors_shown_and_tied(page, "导入公文（出错）")
    page.goto(upload)
    page.get_by_label("或粘贴公文全文").fill(
        (IMPORT_FIXTURES / "2023-hunan-province-plan.txt").read_text()
    )
    page.get_by_role("button", name="识别").click()
    page.wait_for_url("**/imports/*/")
    found += [f"导入公文（核对）: {line}" for line in blocking_violations(page)]

    # The report's fill form: its typical case and its upload need a title, a text and a file.
    for username in ("yongan_editor", "hunan_admin"):
        _log_in(page, username)
        expected = _open_report(get_user_model().objects.get(username=username))
        assert expected is not None, username
        url = reverse("reports:report_edit", args=[expected.pk])
        for form, button in (
            (f"form[action='{reverse('reports:case_add', args=[expected.pk])}']", "添加案例"),
            (f"form[action='{reverse('reports:report_upload', args=[expected.pk])}']", "上传"),
        ):
            _submitted_empty(page, url, form, button)
            found += _errors_shown_and_tied(page, f"{username} 报送填报 {button}（出错）")
    assert not found, "\n".join(found)
