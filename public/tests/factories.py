"""Public activities ready for visitors: an issued county plan with one public activity."""

import datetime
import itertools

from django.utils import timezone

from activities.models import Activity, ActivityCategory
from activities.services import activity_create
from campaigns.models import Campaign
from campaigns.services import national_campaigns_load, notice_create, notice_issue
from orgs.models import OrgUnit
from public.services import event_configure

_numbers = itertools.count(1)


def campaign_2023() -> Campaign:
    return Campaign.objects.filter(year=2023).first() or national_campaigns_load()[0]


def public_activity(
    *,
    actor,
    unit: OrgUnit,
    title: str = "计量实验室开放日",
    content: str = "参观计量检定实验室，了解电子秤、加油机如何检定。",
    capacity: int | None = 2,
    category: str | None = "实验室开放日",
    window_text: str = "9月",
    starts_at: datetime.datetime | None = None,
    location: str = "芙蓉区计量检定所",
    leads: tuple[str, ...] = ("计量科",),
    is_public: bool = True,
):
    campaign = campaign_2023()
    recipient = OrgUnit.objects.get_children(unit).first() or unit
    notice = notice_create(
        actor=actor,
        campaign=campaign,
        unit=unit,
        title=f"{unit.name}2023年质量月活动实施方案（{next(_numbers)}）",
        recipient_units=[recipient],
    )
    activity = activity_create(
        actor=actor,
        notice=notice,
        title=title,
        content=content,
        window_text=window_text,
        location=location,
        is_public=is_public,
        category=ActivityCategory.objects.get_or_create(name=category)[0] if category else None,
        leads=leads,
    )
    notice_issue(actor=actor, notice=notice)
    if capacity:
        event_configure(
            actor=actor,
            activity=activity,
            capacity=capacity,
            starts_at=starts_at
            or timezone.make_aware(datetime.datetime(campaign.year, 9, 16, 9, 30)),
        )
    activity.refresh_from_db()
    return activity


def add_activity(plan, title: str, starts_on, ends_on=None, **fields) -> Activity:
    """One more (public, unless told) activity at the end of `plan`'s table, written
    directly: the calendar's and the figures' tests place it on exact dates."""
    return Activity.objects.create(
        notice=plan,
        position=Activity.objects.filter(notice=plan).count() + 1,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        is_public=fields.pop("is_public", True),
        **fields,
    )
