"""催办 from the supervision page: for one unit, for the list the page shows, and the
automatic reminders; each names the requirement and its due date, never twice a day."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from campaigns import services as campaign_services
from campaigns.models import Campaign, Notice
from notifications.models import Notification
from reports import selectors, services
from reports.models import SentReminder
from reports.services.messages import MSG_ALREADY_REMINDED, MSG_REMINDED
from reports.tests import factories
from reports.views.supervision import MSG_NOT_LISTED

TODAY = timezone.localdate


@pytest.fixture
def overdue(reporting):
    """Both 2023 requirements are overdue; 湖南省 is also late on the nation's notice and
    长沙市 on a 2022 requirement of 湖南省's."""
    world = reporting.world
    national = factories.issued_requirement(
        actor=world.users["national_admin"],
        unit=world.unit("全国"),
        recipients=[world.unit("湖南省"), world.unit("福建省")],
        title="关于开展2023年全国“质量月”活动的通知",
    )
    campaign_2022 = Campaign.objects.create(
        year=2022,
        theme="质量月",
        starts_on=datetime.date(2022, 9, 1),
        ends_on=datetime.date(2022, 9, 30),
    )
    notice = campaign_services.notice_create(
        actor=reporting.hunan_editor,
        campaign=campaign_2022,
        unit=world.unit("湖南省"),
        kind=Notice.Kind.PLAN,
        title="湖南省2022年“质量月”活动方案",
        recipient_units=[world.unit("长沙市")],
    )
    notice = campaign_services.notice_issue(actor=reporting.hunan_editor, notice=notice)
    old = services.requirement_save(
        actor=reporting.hunan_editor,
        notice=notice,
        due_date=datetime.date(2022, 10, 16),
        materials=["工作总结"],
        levels=[],
    )
    yesterday = TODAY() - datetime.timedelta(days=1)
    factories.due_date_set(reporting.province_req, reporting.city_req, national, due=yesterday)
    for requirement in (reporting.province_req, reporting.city_req, national):
        requirement.refresh_from_db()
    return {"national": national, "old": old, "due": yesterday}


def _page(client, unit, **query):
    return client.get(reverse("reports:supervision", args=[unit.pk]), query)


def _remind(client, unit, expected=None, **query):
    url = reverse("reports:supervision_remind", args=[unit.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    response = client.post(url, {"expected": expected.pk} if expected else {}, follow=True)
    return [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]
    ]


def _reminded() -> list[tuple[str, int]]:
    return sorted(
        (r.expected.unit.name, r.expected.requirement_id)
        for r in SentReminder.objects.select_related("expected__unit")
    )


def test_one_click_reaches_exactly_the_units_listed_for_the_filtered_requirement(
    reporting, overdue, client_for
):
    client = client_for(reporting.hunan_editor)
    hunan = reporting.unit("湖南省")
    page = _page(client, hunan, requirement=reporting.province_req.pk)
    listed = sorted(e.unit.name for e in page.context["overdue"])
    assert listed == ["株洲市", "长沙市"]
    body = page.content.decode()
    assert "确定向列表中的 2 个单位发送催办提醒吗？" in body

    text = _remind(client, hunan, requirement=reporting.province_req.pk)
    assert text == [MSG_REMINDED % {"n": 2}]
    assert _reminded() == sorted((name, reporting.province_req.pk) for name in ("长沙市", "株洲市"))
    # Not listed, not reminded: the districts (长沙市's requirement), the 2022 requirement,
    # 湖南省's own report to the nation.
    assert not Notification.objects.filter(unit=reporting.unit("芙蓉区")).exists()


def test_the_page_lists_one_year_and_only_what_the_viewer_supervises(
    reporting, overdue, client_for
):
    client = client_for(reporting.hunan_editor)
    hunan = reporting.unit("湖南省")
    rows = _page(client, hunan, year=2023).context["overdue"]
    listed = sorted((e.unit.name, e.requirement_id) for e in rows)
    assert listed == sorted(
        [
            ("长沙市", reporting.province_req.pk),
            ("株洲市", reporting.province_req.pk),
            ("芙蓉区", reporting.city_req.pk),
            ("天心区", reporting.city_req.pk),
        ]
    )  # neither 2022 nor the nation's requirement, which 湖南省 itself must answer

    assert _remind(client, hunan, year=2023) == [MSG_REMINDED % {"n": 4}]
    assert sorted(_reminded()) == listed
    assert not SentReminder.objects.filter(expected__requirement=overdue["old"]).exists()
    assert not SentReminder.objects.filter(expected__requirement=overdue["national"]).exists()


def test_the_nation_chases_the_province_that_has_not_reported(reporting, overdue, client_for):
    client = client_for(reporting.world.users["national_admin"])
    nation = reporting.unit("全国")
    page = _page(client, nation, requirement=overdue["national"].pk)
    assert sorted(e.unit.name for e in page.context["overdue"]) == ["湖南省", "福建省"]
    assert _remind(client, nation, requirement=overdue["national"].pk) == [MSG_REMINDED % {"n": 2}]


def test_one_unit_is_reminded_from_its_row_naming_the_requirement_and_due_date(
    reporting, overdue, client_for
):
    client = client_for(reporting.hunan_editor)
    hunan = reporting.unit("湖南省")
    changsha = factories.expected(reporting.province_req, reporting.unit("长沙市"))
    assert (
        f'name="expected" value="{changsha.pk}"'
        in _page(client, hunan, requirement=reporting.province_req.pk).content.decode()
    )

    text = _remind(client, hunan, changsha, requirement=reporting.province_req.pk)
    assert text == [MSG_REMINDED % {"n": 1}]
    assert _reminded() == [("长沙市", reporting.province_req.pk)]
    note = Notification.objects.get(unit=reporting.unit("长沙市"))
    due = overdue["due"]
    assert reporting.province_req.notice.title in note.title
    assert f"{due.year}年{due.month}月{due.day}日" in note.title
    assert f"{due.year}年{due.month}月{due.day}日" in note.body


def test_a_unit_not_listed_gets_nothing_even_when_posted(reporting, overdue, client_for):
    client = client_for(reporting.hunan_editor)
    hunan = reporting.unit("湖南省")
    furong = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    old = factories.expected(overdue["old"], reporting.unit("长沙市"))
    for row in (furong, old):
        text = _remind(client, hunan, row, requirement=reporting.province_req.pk)
        assert text == [MSG_NOT_LISTED]
    assert SentReminder.objects.count() == 0
    # A unit that has reported is no longer listed either.
    factories.fill_and_submit(
        actor=reporting.zhuzhou_editor,
        expected=factories.expected(reporting.province_req, reporting.unit("株洲市")),
    )
    zhuzhou = factories.expected(reporting.province_req, reporting.unit("株洲市"))
    assert _remind(client, hunan, zhuzhou, requirement=reporting.province_req.pk) == [
        MSG_NOT_LISTED
    ]


def test_never_twice_a_day_and_the_sender_is_told(reporting, overdue, client_for):
    client = client_for(reporting.hunan_editor)
    hunan = reporting.unit("湖南省")
    changsha = factories.expected(reporting.province_req, reporting.unit("长沙市"))
    _remind(client, hunan, changsha, requirement=reporting.province_req.pk)
    text = _remind(client, hunan, requirement=reporting.province_req.pk)
    assert text == [
        MSG_REMINDED % {"n": 1}
        + MSG_ALREADY_REMINDED % {"n": 1, "units": changsha.unit.display_name}
    ]
    assert Notification.objects.filter(unit=reporting.unit("长沙市")).count() == 1


def test_the_automatic_reminder_skips_a_unit_chased_the_same_day(reporting, client_for):
    due = TODAY()
    factories.due_date_set(reporting.city_req, due=due)
    reporting.city_req.refresh_from_db()
    furong = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    outcome = services.reminders_send(actor=reporting.city_editor, expected=[furong])
    assert len(outcome.sent) == 1
    assert services.reminders_send_due() == 1  # 天心区 only
    assert Notification.objects.filter(unit=reporting.unit("芙蓉区")).count() == 1
    note = Notification.objects.get(unit=reporting.unit("天心区"))
    assert reporting.city_req.notice.title in note.title
    assert f"{due.year}年{due.month}月{due.day}日" in note.title


def test_a_viewer_sees_the_list_but_cannot_chase(reporting, overdue, client_for):
    viewer = reporting.world.users["viewer"]
    changsha = reporting.unit("长沙市")
    page = _page(client_for(viewer), changsha, requirement=reporting.city_req.pk)
    assert len(page.context["overdue"]) == 2
    assert "一键催办" not in page.content.decode()
    url = reverse("reports:supervision_remind", args=[changsha.pk])
    assert client_for(viewer).post(url).status_code == 403
    assert SentReminder.objects.count() == 0


def test_the_page_and_the_action_share_one_list(reporting, overdue):
    hunan = reporting.unit("湖南省")
    shown = selectors.supervision_pending(reporting.hunan_editor, hunan)
    chased = selectors.supervision_pending(reporting.hunan_editor, hunan, action="edit")
    assert sorted(shown.values_list("pk", flat=True)) == sorted(chased.values_list("pk", flat=True))
