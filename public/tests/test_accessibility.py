"""Every public page passes axe-core (GB/T 37668, aligned with WCAG 2.1 AA) with no serious or
critical violation, on the demo data, at a desk and on a phone (where it must not scroll
sideways), in Chinese and in English; and the 适老化 options — larger type, high contrast —
work, stay across pages and pass axe themselves.

axe-core is the copy bundled by the axe-playwright-python package: injected into the page by
Playwright, nothing is fetched at run time."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from activities.models import Activity
from awards import services as awards_services
from awards.models import AwardRound
from awards.tests.factories import CODES, pdf, queued_code
from campaigns.models import Notice
from core.testing.demo import demo_loaded
from inspections.models import SamplingPlan
from media.models import MediaItem
from orgs.models import OrgUnit
from public.models import Poll, PublicEvent
from public.services import registration_create
from public.tests.factories import public_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}

# Fields marked invalid whose error message a screen reader would not read with them.
UNTIED_ERRORS = """() => [...document.querySelectorAll('[aria-invalid=true]')].filter(el => {
  const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  return !ids.some(id => { const d = document.getElementById(id);
    return d && d.textContent.trim() && d.matches('.errorlist, .errorlist *'); });
}).map(el => el.name)"""

# What axe only lists for review: an id that a label or an ARIA attribute names, missing from
# the page or on two elements (the label then leads to the wrong field, or the description
# read with a field is not there).
BROKEN_REFERENCES = """() => {
  const out = [];
  const check = (el, attr, ids) => ids.forEach(id => {
    const n = document.querySelectorAll(`[id="${CSS.escape(id)}"]`).length;
    if (n !== 1) out.push(`${el.tagName.toLowerCase()}[${attr}=${id}]: ${n} elements`);
  });
  document.querySelectorAll('[aria-describedby], [aria-labelledby]').forEach(el => {
    for (const attr of ['aria-describedby', 'aria-labelledby']) {
      check(el, attr, (el.getAttribute(attr) || '').split(' ').filter(Boolean));
    }
  });
  document.querySelectorAll('label[for]').forEach(el => check(el, 'for', [el.htmlFor]));
  return out;
}"""


AXE = Axe()


def axe_in_every_page(context) -> None:
    """axe-core evaluated in each page of the browser context as the page loads. Sent into
    each page when it is checked instead (half a megabyte through Playwright's driver), it
    cost about a third of every check."""
    context.add_init_script(script=AXE.axe_script)


def blocking_violations(page) -> list[str]:
    """axe's serious and critical violations on the page as it is now, one line per node."""
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(AXE.axe_script)
    # What Axe().run asks for: only the violations are listed in full.
    results = page.evaluate("axe.run({resultTypes: ['violations']})")
    return [
        f"{page.url} {v['id']} ({v['impact']}): {node['target']} — {v['help']}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ] + [f"{page.url} broken reference: {line}" for line in page.evaluate(BROKEN_REFERENCES)]


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
    # The checker itself: an unlabelled field on a page without language is caught, and so
    # are a description that is not there and a label for an id two fields share.
    page.set_content("<html><body><main><input type=text name=q></main></body></html>")
    ids = {line.split()[1] for line in blocking_violations(page)}
    assert {"label", "html-has-lang"} <= ids
    page.set_content(
        '<html lang="zh-hans"><body><main><label for="f">文件</label><input type=file id=f>'
        '<input type=file id=f aria-label="图片"><textarea aria-describedby="x_help" '
        'aria-label="总结"></textarea></main></body></html>'
    )
    assert page.evaluate(BROKEN_REFERENCES) == [
        "textarea[aria-describedby=x_help]: 0 elements",
        "label[for=f]: 2 elements",
    ]


# How a visitor reads the site: at a desk, or on a phone (WeChat's browser is Chromium).
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}

# A page wider than the phone's screen scrolls sideways; one pixel of rounding is allowed.
# Against the root's clientWidth, the screen's width in CSS pixels: a phone's browser widens
# window.innerWidth to whatever the page needs (zoomed out), so it would never tell.
SCROLLS_SIDEWAYS = (
    "() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
)

# The forms sent empty, by the page's name and their button (in Chinese: msgids).
SUBMITTED_EMPTY = (("活动报名", "提交报名"), ("公示与异议", "提交异议"), ("我的报名", "查询"))


@pytest.fixture(
    params=[
        pytest.param((DESKTOP, "zh-hans"), id="desktop-chinese"),
        pytest.param((PHONE, "zh-hans"), id="phone-chinese"),
        pytest.param((DESKTOP, "en"), id="desktop-english"),
        pytest.param((PHONE, "en"), id="phone-english"),
    ]
)
def visitor(request, chromium, live_server):
    """A visitor's page in their device and language: the English one chose English with the
    switcher at the foot of the page, as a visitor would (the choice is kept in a cookie)."""
    device, language = request.param
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN", **device)
    axe_in_every_page(context)
    page = context.new_page()
    if language != "zh-hans":
        page.goto(reverse("core:home"))
        page.locator(".pub-foot select[name=language]").select_option(language)
        page.locator(".pub-foot").get_by_role("button").click()
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.lang") == language
    yield page, device is PHONE, language
    context.close()


def test_a_page_wider_than_the_phone_is_caught(chromium):
    # The sideways check itself, on a phone: a 600px table does not fit a 375px screen.
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    head = '<html lang="zh-hans"><meta name="viewport" content="width=device-width">'
    page.set_content(head + '<body><table style="width:600px"><tr><td>宽表</td></tr></table>')
    assert page.evaluate(SCROLLS_SIDEWAYS)
    page.set_content(head + '<body><table style="width:100%"><tr><td>宽表</td></tr></table>')
    assert not page.evaluate(SCROLLS_SIDEWAYS)
    context.close()


def test_every_public_page_has_no_serious_or_critical_axe_violation(
    visitor, django_capture_on_commit_callbacks
):
    page, on_phone, language = visitor
    demo_loaded()
    pages = public_pages(django_capture_on_commit_callbacks)
    found = []
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, f"{name} {url} answered {response.status}"
        assert page.evaluate("document.documentElement.lang") == language, name
        found += [f"{name}: {line}" for line in blocking_violations(page)]
        if on_phone and page.evaluate(SCROLLS_SIDEWAYS):
            found.append(f"{name}: {url} scrolls sideways — {_widest(page)}")
    # Forms with their errors shown: each error tied to its field.
    for name, button in SUBMITTED_EMPTY:
        with translation.override(language):
            button = gettext(button)
        _submitted_empty(page, pages[name], button)
        assert page.locator(".errorlist, [role=alert]").count(), name
        assert page.evaluate(UNTIED_ERRORS) == [], name
        found += [f"{name}（出错）: {line}" for line in blocking_violations(page)]
        if on_phone and page.evaluate(SCROLLS_SIDEWAYS):
            found.append(f"{name}（出错）: scrolls sideways — {_widest(page)}")
    assert not found, "\n".join(found)


def _widest(page) -> str:
    """The elements that stick out past the right edge of the screen, for the failure message."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(-3).map(el => `${el.tagName.toLowerCase()}.${el.className}`
            + ` (${Math.round(el.getBoundingClientRect().right)}px)`).join(', ')"""
    )


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
