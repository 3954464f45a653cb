import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from public.ical import calendar_text
from public.services import event_configure
from public.tests.factories import add_activity, public_activity


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    # LocaleMiddleware leaves an English request's language active in the thread; the next
    # test must start in the default language.
    yield
    translation.deactivate()


def unfold(text: str) -> list[str]:
    """Read the content lines back as RFC 5545 §3.1 says: CRLF + space continues a line."""
    assert "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").split("\r\n")


def test_text_values_are_escaped_and_long_lines_folded_within_75_octets():
    # The hand-written escape_text/fold helpers are gone (icalendar does both): the same
    # assertions now read the written feed.
    description = "质量强国，" * 40
    text = calendar_text(
        name="测试",
        domain="example.cn",
        events=[
            {
                "uid": "a1",
                "summary": "a,b;c\\d\ne",
                "description": description,
                "start_date": datetime.date(2023, 9, 1),
            }
        ],
    )
    assert all(len(part.encode()) <= 75 for part in text.split("\r\n"))
    lines = unfold(text)
    assert "SUMMARY:a\\,b\\;c\\\\d\\ne" in lines
    assert "DESCRIPTION:" + description in lines


def test_calendar_has_timed_and_all_day_events():
    text = calendar_text(
        name="测试",
        domain="example.cn",
        events=[
            {
                "uid": "a1",
                "summary": "开放日",
                "start": timezone.make_aware(datetime.datetime(2023, 9, 16, 9, 30)),
                "end": None,
            },
            {
                "uid": "a2",
                "summary": "宣传周",
                "start_date": datetime.date(2023, 9, 1),
                "end_date": datetime.date(2023, 9, 30),
            },
        ],
    )
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "DTSTART:20230916T013000Z" in lines  # 09:30 in Beijing
    assert "DTSTART;VALUE=DATE:20230901" in lines
    assert "DTEND;VALUE=DATE:20231001" in lines  # exclusive end


@pytest.fixture
def activities(world):
    editor = world.users["editor"]
    furong = public_activity(
        actor=editor,
        unit=world.unit("芙蓉区"),
        title="开放日, 第一场; 欢迎",
        content="第一行\n第二行 <script>alert(1)</script>",
    )
    tianxin = public_activity(actor=editor, unit=world.unit("天心区"), title="天心区开放日")
    hidden = public_activity(
        actor=editor, unit=world.unit("芙蓉区"), title="内部培训", is_public=False, capacity=None
    )
    return furong, tianxin, hidden


def test_region_feed_lists_the_public_activities_of_the_region_only(client, activities):
    response = client.get(reverse("public:ical_region", args=["430102"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    lines = unfold(response.content.decode())
    summaries = [line for line in lines if line.startswith("SUMMARY:")]
    assert summaries == ["SUMMARY:开放日\\, 第一场\\; 欢迎"]
    assert any(
        line.startswith("DESCRIPTION:第一行\\n第二行 <script>") and "牵头单位：计量科" in line
        for line in lines
    )
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1


def test_unit_feed_covers_its_subtree(client, activities, world):
    response = client.get(reverse("public:ical_unit", args=[world.unit("长沙市").pk]))
    lines = unfold(response.content.decode())
    assert sorted(line for line in lines if line.startswith("SUMMARY:")) == [
        "SUMMARY:天心区开放日",
        "SUMMARY:开放日\\, 第一场\\; 欢迎",
    ]
    other = client.get(reverse("public:ical_unit", args=[world.unit("株洲市").pk]))
    assert "BEGIN:VEVENT" not in other.content.decode()


def test_unknown_region_is_not_found(client, db):
    assert client.get(reverse("public:ical_region", args=["999999"])).status_code == 404


def test_an_english_feed_names_the_lead_units_in_english(client, world):
    public_activity(
        actor=world.users["editor"],
        unit=world.unit("芙蓉区"),
        title="开放日",
        content="",
        leads=("计量科", "质量科"),
    )
    response = client.get(reverse("public:ical_region", args=["430102"]), HTTP_ACCEPT_LANGUAGE="en")
    lines = unfold(response.content.decode())
    assert "DESCRIPTION:Lead units: 计量科\\, 质量科" in lines


def test_each_feed_reads_back_with_icalendar_as_the_activities_are(client, world):
    editor = world.users["editor"]
    beijing = zoneinfo.ZoneInfo("Asia/Shanghai")
    title = "开放日, 第一场; 欢迎\n下午场"
    timed = public_activity(
        actor=editor,
        unit=world.unit("芙蓉区"),
        title=title,
        location="芙蓉区计量检定所, 二楼; 东侧",
        capacity=None,
    )
    starts = datetime.datetime(2023, 9, 16, 9, 30, tzinfo=beijing)
    ends = datetime.datetime(2023, 9, 16, 11, 0, tzinfo=beijing)
    event_configure(actor=editor, activity=timed, capacity=2, starts_at=starts, ends_at=ends)
    week = add_activity(
        timed.notice,
        "质量宣传周",
        datetime.date(2023, 9, 1),
        datetime.date(2023, 9, 7),
        location="五一广场",
    )
    feeds = [
        reverse("public:ical_unit", args=[world.unit("芙蓉区").pk]),
        reverse("public:ical_region", args=["430102"]),
    ]
    for url in feeds:
        body = client.get(url).content
        calendar = icalendar.Calendar.from_ical(body)
        events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
        assert set(events) == {f"activity-{timed.pk}@testserver", f"activity-{week.pk}@testserver"}
        shown = events[f"activity-{timed.pk}@testserver"]
        assert str(shown["summary"]) == title
        assert str(shown["location"]) == "芙蓉区计量检定所, 二楼; 东侧"
        assert shown.decoded("dtstart") == starts
        assert shown.decoded("dtend") == ends
        whole_week = events[f"activity-{week.pk}@testserver"]
        assert str(whole_week["summary"]) == "质量宣传周"
        assert str(whole_week["location"]) == "五一广场"
        assert whole_week.decoded("dtstart") == datetime.date(2023, 9, 1)
        assert whole_week.decoded("dtend") == datetime.date(2023, 9, 8)  # exclusive end
        # The same UIDs on the next download: calendar apps update the events, not duplicate them.
        again = icalendar.Calendar.from_ical(client.get(url).content)
        assert {str(event["uid"]) for event in again.walk("VEVENT")} == set(events)
