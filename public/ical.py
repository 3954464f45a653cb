"""iCalendar (RFC 5545) feeds of public activities, written by the `icalendar` package: it does
TEXT escaping (§3.3.11) and line folding at 75 octets (§3.1).

Timed events are written in UTC ("…Z"), which every calendar app reads without a VTIMEZONE;
X-WR-TIMEZONE tells the apps that honour it to show them in Beijing time.
"""

import datetime
from collections.abc import Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext, pgettext


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def calendar_text(*, name: str, events: Iterable[dict], domain: str) -> str:
    """events: dicts with uid, summary, description, location, url, and either start/end
    datetimes or start_date/end_date (inclusive) dates."""
    now = _utc(timezone.now())
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//qualitymonth//public activities//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # X- properties have no registered type: vText makes icalendar escape the name as TEXT.
    calendar.add("x-wr-calname", icalendar.vText(name))
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    for event in events:
        vevent = icalendar.Event()
        # The UID stays the same across downloads so calendar apps update, not duplicate.
        vevent.add("uid", f"{event['uid']}@{domain}")
        vevent.add("dtstamp", now)
        if event.get("start"):
            vevent.add("dtstart", _utc(event["start"]))
            if event.get("end"):
                vevent.add("dtend", _utc(event["end"]))
        else:
            # All-day: DTEND is exclusive, the day after the last day.
            end = (event.get("end_date") or event["start_date"]) + datetime.timedelta(days=1)
            vevent.add("dtstart", event["start_date"])
            vevent.add("dtend", end)
        vevent.add("summary", event["summary"])
        for key in ("description", "location"):
            if event.get(key):
                vevent.add(key, event[key])
        if event.get("url"):
            vevent.add("url", event["url"])
        calendar.add_component(vevent)
    return calendar.to_ical().decode("utf-8")


def activity_events(activities, build_url) -> list[dict]:
    events = []
    for activity in activities:
        public_event = getattr(activity, "public_event", None)
        if not activity.starts_on and not (public_event and public_event.starts_at):
            continue  # no date, nothing to put in a calendar
        leads = pgettext("list separator", "、").join(p.name for p in activity.leads())
        description = activity.content
        if leads:
            # In the language of the request (LocaleMiddleware), as the page's text is.
            leads_line = gettext("牵头单位：%(leads)s") % {"leads": leads}
            description = f"{description}\n{leads_line}".strip()
        event = {
            "uid": f"activity-{activity.pk}",
            "summary": activity.title,
            "description": description,
            "location": activity.location,
            "url": build_url(activity),
        }
        if public_event and public_event.starts_at:
            event["start"] = public_event.starts_at
            event["end"] = public_event.ends_at
        else:
            event["start_date"] = activity.starts_on
            event["end_date"] = activity.ends_on
        events.append(event)
    return events
