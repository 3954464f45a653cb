"""Every public page passes axe-core (GB/T 37668, aligned with WCAG 2.1 AA) with no serious or
critical violation, on the demo data; and the 适老化 options — larger type, high contrast —
work, stay across pages and pass axe themselves.

axe-core is the copy bundled by the axe-playwright-python package: injected into the page by
Playwright, nothing is fetched at run time."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from activities.models import Activity
from awards import services as awards_services
from awards.models import AwardRound
from awards.tests.factories import CODES, pdf, queued_code
from campaigns.models import Notice
from inspections.models import SamplingPlan
from media.models import MediaItem
from orgs.models import OrgUnit
from public.models import Poll, PublicEvent
from public.services import registration_create
from public.tests.factories import public_activity
from seeding.demo import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}

# Fields marked invalid whose error message a screen reader would not read with them.
UNTIED_ERRORS = """() => [...document.querySelectorAll('[aria-invalid=true]')].filter(el => {
  const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  return !ids.some(id => { const d = document.getElementById(id);
    return d && d.textContent.trim() && d.matches('.errorlist, .errorlist *'); });
}).map(el => el.name)"""


def blocking_violations(page) -> list[str]:
    """axe's serious and critical violations on the page as it is now, one line per node."""
    results = Axe().run(page)
    return [
        f"{page.url} {v['id']} ({v['impact']}): {node['target']} — {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]


def _open_round(hunan_admin) -> AwardRound:
    award = awards_services.round_create(
        actor=hunan_admin,
        unit=hunan_admin.memberships.get().unit,
        name="第九届湖南省省长质量奖",
        edition=9,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        call_text="申报条件：在湖南省内依法注册。",
    )
    return awards_services.round_publish(actor=hunan_admin, award=award)


def _application_token(award: AwardRound, capture) -> str:
    with capture(execute=True):
        _verification, verification = awards_services.verification_send(
            award=award, email="quality@xiangdian.example"
        )
    awards_services.verification_confirm(token=verification, code=queued_code())
    with capture(execute=True):
        _application, token = awards_services.application_submit(
            award=award,
            verification_token=verification,
            entity_name="湘电某某股份有限公司",
            credit_code=CODES[0],
            contact_name="周敏",
            summary="卓越绩效自评 860 分。",
            files=[pdf()],
            link_url=lambda t: t,
        )
    return token


def public_pages(capture) -> dict[str, str]:
    """The public pages, by what a visitor calls them, on the demo data and a round open for
    applications with one application."""
    admin = get_user_model().objects.get(username="hunan_admin")
    open_round = _open_round(admin)
    token = _application_token(open_round, capture)
    publicity = AwardRound.objects.filter(status=AwardRound.Status.PUBLICITY).first() or (
        AwardRound.objects.exclude(pk=open_round.pk).first()
    )
    activity = Activity.objects.filter(is_public=True, public_event__isnull=False).first()
    event = PublicEvent.objects.get(activity=activity)
    registration = registration_create(
        event=event,
        name="王小明",
        phone="13800138000",
        now=event.starts_at - datetime.timedelta(days=3),
    )
    # The demo's events are in 2023: one more, ahead, shows the registration form.
    upcoming = public_activity(
        actor=get_user_model().objects.get(username="admin"),
        unit=OrgUnit.objects.get(code="350481"),
        title="电动自行车充电器质量讲座",
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    notice = Notice.objects.filter(publication=Notice.Publication.PUBLIC).exclude(issued_at=None)
    pages = {
        "首页": reverse("core:home"),
        "首页（永安市）": reverse("core:home") + "?province=350000&city=350400&county=350481",
        "往年活动": reverse("core:year_archive", args=[activity.notice.campaign.year]),
        "活动详情": reverse("public:activity_detail", args=[activity.pk]),
        "活动报名": reverse("public:activity_detail", args=[upcoming.pk]),
        "我的报名": reverse("public:registration_lookup"),
        "报名详情": reverse("public:registration_detail", args=[registration.code]),
        "你点我检": reverse("public:poll_list"),
        "你点我检投票": reverse("public:poll_detail", args=[Poll.objects.first().pk]),
        "主动公开文件": reverse("public:document_list"),
        "主动公开文件（永安市）": reverse("public:document_list")
        + "?province=350000&city=350400&county=350481",
        "主动公开文件正文": reverse("public:document_detail", args=[notice.first().pk]),
        "宣传素材": reverse("media:item_list"),
        "宣传素材详情": reverse("media:item_detail", args=[MediaItem.objects.first().pk]),
        "抽查结果公开": reverse("inspections:public_list"),
        "抽查计划": reverse(
            "inspections:public_plan",
            args=[SamplingPlan.objects.get(status=SamplingPlan.Status.PUBLISHED).pk],
        ),
        "质量奖评选": reverse("awards:public_list"),
        "申报通知": reverse("awards:public_round", args=[open_round.pk]),
        "在线申报": reverse("awards:public_apply", args=[open_round.pk]),
        "申报进度": reverse("awards:public_application", args=[token]),
        "公示与异议": reverse("awards:public_round", args=[publicity.pk]),
        "登录": reverse("login"),
    }
    try:
        pages["企业帮扶申请"] = (
            reverse("assistance:public_request") + "?province=350000&city=350400&county=350481"
        )
    except NoReverseMatch:
        pass
    return pages


def _submitted_empty(page, url: str, button: str) -> None:
    """The form sent as a browser without validation would send it: the server's errors show."""
    page.goto(url)
    page.evaluate("document.querySelectorAll('form').forEach(f => { f.noValidate = true; })")
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def test_axe_reports_what_it_should(page):
    # The checker itself: an unlabelled field on a page without language is caught.
    page.set_content("<html><body><main><input type=text name=q></main></body></html>")
    ids = {line.split()[1] for line in blocking_violations(page)}
    assert {"label", "html-has-lang"} <= ids


def test_every_public_page_has_no_serious_or_critical_axe_violation(
    page, django_capture_on_commit_callbacks
):
    demo_load()
    pages = public_pages(django_capture_on_commit_callbacks)
    found = []
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, f"{name} {url} answered {response.status}"
        found += [f"{name}: {line}" for line in blocking_violations(page)]
    # Forms with their errors shown: each error tied to its field.
    for name, button in (
        ("活动报名", "提交报名"),
        ("公示与异议", "提交异议"),
        ("我的报名", "查询"),
    ):
        _submitted_empty(page, pages[name], button)
        assert page.locator(".errorlist, [role=alert]").count(), name
        assert page.evaluate(UNTIED_ERRORS) == [], name
        found += [f"{name}（出错）: {line}" for line in blocking_violations(page)]
    assert not found, "\n".join(found)


def _body_font_px(page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))


def test_larger_type_and_high_contrast_stay_across_pages_and_pass_axe(page):
    page.goto(reverse("core:home"))
    normal = _body_font_px(page)
    large = page.get_by_role("button", name="大字号")
    contrast = page.get_by_role("button", name="高对比度")

    large.click()
    page.wait_for_url(f"**{reverse('core:home')}")
    assert large.get_attribute("aria-pressed") == "true"
    assert _body_font_px(page) >= normal * 1.2
    page.get_by_role("navigation").get_by_role("link", name="主动公开文件").click()
    page.wait_for_url(f"**{reverse('public:document_list')}")
    assert _body_font_px(page) >= normal * 1.2
    assert large.get_attribute("aria-pressed") == "true"

    contrast.click()
    page.wait_for_url(f"**{reverse('public:document_list')}")
    assert "qm-contrast" in page.evaluate("document.documentElement.className")
    assert blocking_violations(page) == []

    page.goto(reverse("core:home"))
    assert page.evaluate("document.documentElement.className").split() == [
        "qm-large",
        "qm-contrast",
    ]
    assert contrast.get_attribute("aria-pressed") == "true"
    assert blocking_violations(page) == []

    # Switched off, it stays off.
    large.click()
    page.wait_for_url(f"**{reverse('core:home')}")
    page.reload()
    assert _body_font_px(page) == normal
    assert large.get_attribute("aria-pressed") == "false"
    assert page.evaluate("document.documentElement.className").split() == ["qm-contrast"]
