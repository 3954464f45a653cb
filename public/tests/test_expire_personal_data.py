"""`manage.py expire_personal_data`: once the retention period after an open day (or a poll's
close) has passed, visitors' names, phones and digests are gone; the counts stay."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from public import selectors, services
from public.models import Poll, Registration
from public.tests.factories import public_activity
from public.views import ANONYMISED

RETENTION = 180


@pytest.fixture(autouse=True)
def _retention(settings):
    settings.QM_PERSONAL_DATA_RETENTION_DAYS = RETENTION


def open_day(world, *, days_ago: int, capacity: int = 2):
    starts_at = timezone.now() - datetime.timedelta(days=days_ago)
    event = public_activity(
        actor=world.users["editor"], unit=world.unit("芙蓉区"), capacity=capacity
    ).public_event
    # Registered while it was open, then the day came and went.
    for i in range(3):
        services.registration_create(
            event=event,
            name=f"访客{i}",
            phone=f"139{days_ago:04d}{i:04d}",
            now=starts_at - datetime.timedelta(days=1),
        )
    event.starts_at = starts_at
    event.save()
    return event


def poll_closed(world, *, days_ago: int) -> Poll:
    poll = services.poll_create(
        actor=world.users["editor"],
        unit=world.unit("芙蓉区"),
        title=f"你点我检 {days_ago}",
        closes_at=timezone.now() + datetime.timedelta(days=1),
        options=["儿童玩具", "电动自行车"],
    )
    for i, option in enumerate([*poll.options.all(), poll.options.first()]):
        services.vote_cast(poll=poll, option_id=option.pk, phone=f"1370000000{i}")
    Poll.objects.filter(pk=poll.pk).update(
        closes_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return poll


def expire() -> str:
    out = io.StringIO()
    call_command("expire_personal_data", stdout=out)
    return out.getvalue()


def raw(event) -> list[tuple]:
    table = connection.ops.quote_name(Registration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, phone, phone_hash FROM {table} WHERE event_id = %s", [event.pk]
        )
        return cursor.fetchall()


def test_past_retention_is_anonymised_within_is_kept_and_counts_do_not_change(world, client_for):
    old = open_day(world, days_ago=RETENTION + 1)
    recent = open_day(world, days_ago=RETENTION - 1)
    old_poll = poll_closed(world, days_ago=RETENTION + 1)
    recent_poll = poll_closed(world, days_ago=10)
    seats_before = selectors.seats(old)
    results_before = [(o.name, o.n) for o in selectors.poll_results(old_poll)]
    kept_before = raw(recent)

    output = expire()

    assert "3 条报名" in output and "3 张投票" in output
    assert raw(old) == [("", "", None)] * 3
    assert all(r.anonymised_at is not None for r in old.registrations.all())
    assert raw(recent) == kept_before
    assert {r.name for r in recent.registrations.all()} == {"访客0", "访客1", "访客2"}
    assert selectors.seats(old) == seats_before == {"confirmed": 2, "waitlisted": 1, "left": 0}
    assert [(o.name, o.n) for o in selectors.poll_results(old_poll)] == results_before
    assert not old_poll.votes.filter(phone_hash__isnull=False).exists()
    assert recent_poll.votes.filter(phone_hash__isnull=True).count() == 0

    # The staff list and its export still hold the rows, saying why they are empty.
    client = client_for(world.users["editor"])
    html = client.get(reverse("public:staff_registrations", args=[old.pk])).content.decode()
    assert "访客0" not in html and html.count(str(ANONYMISED)) == 3
    export = client.get(reverse("public:staff_export", args=[old.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    assert [row[:2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        (str(ANONYMISED), None)
    ] * 3


def test_running_it_again_changes_nothing(world):
    old = open_day(world, days_ago=RETENTION + 5)
    expire()
    anonymised = [(r.pk, r.anonymised_at) for r in old.registrations.order_by("pk")]
    output = expire()
    assert "0 条报名" in output and "0 张投票" in output
    assert [(r.pk, r.anonymised_at) for r in old.registrations.order_by("pk")] == anonymised


def test_an_event_without_a_set_time_counts_from_the_end_of_its_activity(world):
    event = open_day(world, days_ago=RETENTION + 30)
    event.starts_at = None
    event.save()
    activity = event.activity
    activity.starts_on = (timezone.now() - datetime.timedelta(days=RETENTION + 20)).date()
    activity.ends_on = (timezone.now() - datetime.timedelta(days=RETENTION - 20)).date()
    activity.save()
    expire()
    assert not event.registrations.filter(anonymised_at__isnull=False).exists()
    activity.ends_on = (timezone.now() - datetime.timedelta(days=RETENTION + 2)).date()
    activity.save()
    expire()
    assert not event.registrations.filter(anonymised_at__isnull=True).exists()
