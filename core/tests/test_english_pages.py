"""English pages speak English around the data: no Chinese label and no full-width punctuation
from a template (“确认码：”, “（3）”, “、”) reaches a page rendered in English. What users typed
or the division dataset holds (unit names, titles, reasons) stays Chinese and is allowed."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from activities.services import activity_create
from api.models import ApiToken
from api.services import token_create, token_revoke
from campaigns.models import Contact, Notice
from campaigns.services import national_campaigns_load, notice_correct, notice_create, notice_issue
from core.testing.english import (
    FULL_WIDTH_OR_CJK,
    english,
    leaks_by_page,
    shown_text,
)
from core.testing.world import make_user
from imports.services import notice_import_confirm, notice_import_create
from orgs.models import Department
from orgs.scoping import Role
from orgs.services import unit_update
from public import services as public_services
from public.tests.factories import public_activity
from reports import services as report_services
from reports.models import Bulletin, Material
from reports.tests import factories as report_factories


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    # LocaleMiddleware leaves an English request's language active in the thread; the next
    # test must start in the default language.
    yield
    translation.deactivate()


IMPORT_FIXTURES = Path(settings.BASE_DIR) / "imports" / "tests" / "fixtures"


@pytest.fixture
def scene(world):
    """Something on every page below, as 长沙市's admin sees it: an issued plan with contacts,
    basis, requirement, correction and activities; a draft to issue; a late, returned report
    with a photo; a bulletin; a full public event with a waitlist; a closed poll; a revoked
    token; a unit with aliases and history; a notice import to check and one confirmed."""
    campaign = next(c for c in national_campaigns_load() if c.year == 2023)
    admin, nation = world.users["admin"], world.users["national_admin"]
    changsha, furong, tianxin = world.unit("长沙市"), world.unit("芙蓉区"), world.unit("天心区")
    furong_editor = make_user("furong_editor", furong, Role.EDITOR)
    for name in ("质量科", "办公室"):
        Department.objects.create(unit=changsha, name=name)
    # The imported plan's lead 质量局 is matched through this alias.
    Department.objects.create(unit=changsha, name="质量发展科", aliases="质量局")
    unit_update(
        actor=admin, unit=changsha, full_name="长沙市市场监督管理局", aliases="长沙市局\n市局"
    )

    province = notice_issue(
        actor=nation,
        notice=notice_create(
            actor=nation,
            campaign=campaign,
            unit=world.unit("湖南省"),
            title="湖南省2023年“质量月”活动实施方案",
            kind=Notice.Kind.NOTICE,
            recipient_units=[changsha, world.unit("株洲市")],
        ),
    )
    plan = notice_create(
        actor=admin,
        campaign=campaign,
        unit=changsha,
        title="长沙市2023年“质量月”活动方案",
        kind=Notice.Kind.PLAN,
        doc_number="长市监发〔2023〕12号",
        recipients_text="各区县市场监督管理局",
        body=[{"level": 0, "number": "", "text": "为深入开展质量月活动，制定本方案。"}],
        basis=[province],
        recipient_units=[furong, tianxin],
    )
    Contact.objects.create(notice=plan, name="王芳", phone="0731-88888888", email="wf@example.cn")
    for title, leads, supports in (
        ("加大宣传力度", ["质量科", "办公室"], ["各监管所"]),
        ("营造计量放心消费环境", ["质量科"], []),
    ):
        activity_create(
            actor=admin,
            notice=plan,
            title=title,
            window_text="9 月",
            location="五一广场",
            completion_note="已完成",
            leads=leads,
            supports=supports,
        )
    plan = notice_issue(actor=admin, notice=plan)
    plan = notice_correct(
        actor=admin, notice=plan, reason="文号有误", doc_number="长市监发〔2023〕13号"
    )
    draft = notice_create(
        actor=admin,
        campaign=campaign,
        unit=changsha,
        title="长沙市质量月补充通知",
        kind=Notice.Kind.NOTICE,
        recipient_units=[furong, tianxin],
    )

    requirement = report_services.requirement_save(
        actor=admin,
        notice=plan,
        due_date=timezone.localdate() - datetime.timedelta(days=1),
        materials=[Material.SUMMARY, Material.STATISTICS],
        levels=[],
        report_to="市局质量发展科",
        fields=report_factories.FIELDS,
    )
    furong_expected = report_factories.expected(requirement, furong)
    report = report_services.report_start(actor=furong_editor, expected=furong_expected)
    report_services.report_file_add(
        actor=furong_editor, report=report, upload=report_factories.photo()
    )
    report = report_factories.fill_and_submit(
        actor=furong_editor, expected=furong_expected, activities=3
    )
    report = report_services.report_return(actor=admin, report=report, reason="统计数据不全")
    report_services.expected_remove(
        actor=admin, expected=report_factories.expected(requirement, tianxin), reason="机构撤并"
    )
    bulletin = report_services.bulletin_send(
        actor=admin,
        unit=changsha,
        kind=Bulletin.Kind.URGENT,
        title="启动仪式顺利举行",
        body="详见附件。",
    )

    activity = public_activity(actor=admin, unit=furong, capacity=1, leads=("计量科", "质量科"))
    event = activity.public_event
    registration = public_services.registration_create(
        event=event, name="Zhang Wei", phone="13812341234"
    )
    public_services.registration_create(event=event, name="Li Na", phone="13812345678")
    public_services.event_message_send(actor=admin, event=event, text="请携带身份证。")

    poll = public_services.poll_create(
        actor=admin,
        unit=furong,
        title="2023年芙蓉区“你点我检”",
        closes_at=timezone.now() + datetime.timedelta(days=7),
        options=["儿童玩具", "电动自行车"],
    )
    for phone in ("13800000001", "13800000002"):
        option = poll.options.get(name="电动自行车" if phone.endswith("1") else "儿童玩具")
        public_services.vote_cast(poll=poll, option_id=option.pk, phone=phone)
    type(poll).objects.filter(pk=poll.pk).update(
        closes_at=timezone.now() - datetime.timedelta(hours=1)
    )

    hunan_plan = (IMPORT_FIXTURES / "2023-hunan-province-plan.txt").read_text(encoding="utf-8")
    pending_import = notice_import_create(actor=admin, unit=changsha, text=hunan_plan)
    imported = notice_import_create(actor=admin, unit=changsha, text=hunan_plan)
    notice_import_confirm(actor=admin, notice_import=imported)

    token = token_create(actor=admin, user=admin, name="统计脚本").token
    token_revoke(actor=admin, token=token)
    return {
        "admin": admin,
        "changsha": changsha,
        "plan": plan,
        "draft": draft,
        "requirement": requirement,
        "report": report,
        "bulletin": bulletin,
        "activity": activity,
        "event": event,
        "registration": registration,
        "poll": poll,
        "pending_import": pending_import,
        "imported": imported,
    }


def staff_pages(s) -> list[str]:
    unit, plan, event = s["changsha"], s["plan"], s["event"]
    return [
        reverse("campaigns:inbox"),
        reverse("campaigns:notice_list"),
        reverse("campaigns:campaign_list"),
        reverse("campaigns:notice_detail", args=[plan.pk]),
        reverse("campaigns:notice_issue", args=[s["draft"].pk]),
        reverse("campaigns:notice_correct", args=[plan.pk]),
        reverse("campaigns:cascade", args=[plan.pk]),
        reverse("activities:my_tasks"),
        reverse("activities:notice_page", args=[plan.pk]),
        reverse("orgs:my_units"),
        reverse("orgs:unit_detail", args=[unit.pk]),
        reverse("orgs:unit_edit", args=[unit.pk]),
        reverse("orgs:unit_history", args=[unit.pk]),
        reverse("reports:index"),
        reverse("reports:requirement_detail", args=[s["requirement"].pk]),
        reverse("reports:report_detail", args=[s["report"].pk]),
        reverse("reports:report_edit", args=[s["report"].expected_id]),
        reverse("reports:supervision", args=[unit.pk]),
        reverse("reports:bulletin_detail", args=[s["bulletin"].pk]),
        reverse("dashboards:dashboard", args=[unit.pk]) + f"?requirement={s['requirement'].pk}",
        reverse("notifications:inbox"),
        reverse("public:staff_index"),
        reverse("public:staff_registrations", args=[event.pk]),
        reverse("public:staff_event_edit", args=[s["activity"].pk]),
        reverse("public:staff_poll", args=[s["poll"].pk]),
        reverse("api_tokens:list"),
        reverse("accounts:my_account"),
        reverse("accounts:password_change"),
        reverse("accounts:unit_logins", args=[unit.pk]),
        reverse("imports:index"),
        reverse("imports:new", args=[unit.pk]),
        reverse("imports:preview", args=[s["pending_import"].pk]),
        reverse("imports:result", args=[s["imported"].pk]),
    ]


def public_pages(s) -> list[str]:
    return [
        reverse("core:home"),
        reverse("core:year_archive", args=[s["plan"].campaign.year]),
        reverse("public:activity_detail", args=[s["activity"].pk]),
        reverse("public:registration_detail", args=[s["registration"].code]),
        reverse("public:poll_list"),
        reverse("public:poll_detail", args=[s["poll"].pk]),
    ]


def test_staff_pages_in_english_show_no_chinese_labels_or_punctuation(scene, client_for):
    assert leaks_by_page(client_for(scene["admin"]), staff_pages(scene)) == {}


def test_public_pages_in_english_show_no_chinese_labels_or_punctuation(scene, client):
    assert leaks_by_page(client, public_pages(scene)) == {}


def test_labels_and_counts_take_english_punctuation(scene, client_for):
    client = client_for(scene["admin"])
    text = shown_text(english(client, reverse("orgs:unit_detail", args=[scene["changsha"].pk])))
    assert "Aliases: 长沙市局, 市局" in text
    notice = shown_text(english(client, scene["plan"].get_absolute_url()))
    assert "王芳, phone (fax): 0731-88888888" in notice
    registration = shown_text(
        english(client, reverse("public:registration_detail", args=[scene["registration"].code]))
    )
    assert "Confirmation code: " + scene["registration"].code in registration
    activity = shown_text(
        english(client, reverse("public:activity_detail", args=[scene["activity"].pk]))
    )
    assert "计量科, 质量科" in activity
    assert "(1 on the waiting list)" in activity
    poll = shown_text(english(client, reverse("public:poll_detail", args=[scene["poll"].pk])))
    assert "1 vote (50%)" in poll
    issue = shown_text(english(client, reverse("campaigns:notice_issue", args=[scene["draft"].pk])))
    assert "Will be delivered to the inboxes of these 2 units: 芙蓉区, 天心区" in issue
    requirement = shown_text(
        english(client, reverse("reports:requirement_detail", args=[scene["requirement"].pk]))
    )
    assert "活动场次 (场)*, 参与人数 (人次)" in requirement
    supervision = shown_text(
        english(client, reverse("reports:supervision", args=[scene["changsha"].pk]))
    )
    assert "Uncategorized" in supervision
    preview = shown_text(
        english(client, reverse("imports:preview", args=[scene["pending_import"].pk]))
    )
    assert "质量局 ✓ 质量发展科 (alias)" in preview
    result = shown_text(english(client, reverse("imports:result", args=[scene["imported"].pk])))
    assert "人事处, 宣传处" in result


def test_an_api_tokens_name_takes_the_punctuation_of_the_language(scene):
    token = ApiToken.objects.get(name="统计脚本")
    with translation.override("en"):
        assert str(token) == f"统计脚本 ({token.prefix}…)"
    with translation.override("zh-hans"):
        assert str(token) == f"统计脚本（{token.prefix}…）"


def test_chinese_pages_keep_their_full_width_punctuation(scene, client_for):
    client = client_for(scene["admin"])
    text = shown_text(
        client.get(reverse("orgs:unit_detail", args=[scene["changsha"].pk])).content.decode()
    )
    assert "别名：长沙市局、市局" in text
    activity = shown_text(
        client.get(reverse("public:activity_detail", args=[scene["activity"].pk])).content.decode()
    )
    assert "计量科、质量科" in activity and "（1人候补）" in activity
    preview = shown_text(
        client.get(reverse("imports:preview", args=[scene["pending_import"].pk])).content.decode()
    )
    assert "质量局 ✓ 质量发展科（别名）" in preview
    result = shown_text(
        client.get(reverse("imports:result", args=[scene["imported"].pk])).content.decode()
    )
    assert "人事处、宣传处" in result


# --- The templates themselves ---------------------------------------------------------------

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
# The translator's strings, comments and style sheets (font names such as “仿宋”) may hold
# Chinese; everything else in a template is shown as it is, in every language.
NOT_SHOWN_AS_IS = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(?:"[^"]*"|'[^']*')[^%]*%\}"""
    r"""|_\("[^"]*"\)|_\('[^']*'\)"""
    r"|\{#.*?#\}|\{%\s*comment\b.*?\{%\s*endcomment\s*%\}"
    r"|<style\b.*?</style>",
    re.S,
)
# A blocktranslate's body is the translator's; its arguments (`join:"、"`) are shown as they are.
BLOCKTRANSLATE = re.compile(
    r"(\{%\s*blocktrans(?:late)?\b[^%]*%\})(.*?)(\{%\s*endblocktrans(?:late)?\s*%\})", re.S
)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def test_no_template_shows_chinese_outside_a_translatable_string():
    found = []
    for path in sorted(TEMPLATES_DIR.rglob("*.html")):
        relative = path.relative_to(TEMPLATES_DIR)
        source = path.read_text(encoding="utf-8")
        source = BLOCKTRANSLATE.sub(lambda m: m[1] + _blank(m[2]) + m[3], source)
        shown = NOT_SHOWN_AS_IS.sub(lambda m: _blank(m[0]), source)
        for number, line in enumerate(shown.splitlines(), 1):
            if FULL_WIDTH_OR_CJK.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []
