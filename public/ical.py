"""iCalendar (RFC 5545) feeds of public activities, written by hand: a handful of properties,
TEXT escaping (§3.3.11) and line folding at 75 octets (§3.1) are all a VEVENT needs here.
"""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext, pgettext

CRLF = "\r\n"


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character;
    continuation lines start with one space."""
    out, chunk, size, limit = [], "", 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append(chunk)
            chunk, size, limit = " ", 1, 75
        chunk += ch
        size += width
    out.append(chunk)
    return CRLF.join(out)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _date(value: datetime.date) -> str:
    return value.strftime("%Y%m%d")


def calendar_text(*, name: str, events: Iterable[dict], domain: str) -> str:
    """events: dicts with uid, summary, description, location, url, and either start/end
    datetimes or start_date/end_date (inclusive) dates."""
    now = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//qualitymonth//public activities//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event['uid']}@{domain}", f"DTSTAMP:{now}"]
        if event.get("start"):
            lines.append(f"DTSTART:{_utc(event['start'])}")
            if event.get("end"):
                lines.append(f"DTEND:{_utc(event['end'])}")
        else:
            # All-day: DTEND is exclusive, the day after the last day.
            end = (event.get("end_date") or event["start_date"]) + datetime.timedelta(days=1)
            lines.append(f"DTSTART;VALUE=DATE:{_date(event['start_date'])}")
            lines.append(f"DTEND;VALUE=DATE:{_date(end)}")
        lines.append(f"SUMMARY:{escape_text(event['summary'])}")
        for key, prop in (("description", "DESCRIPTION"), ("location", "LOCATION")):
            if event.get(key):
                lines.append(f"{prop}:{escape_text(event[key])}")
        if event.get("url"):
            lines.append(f"URL:{event['url']}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF


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
