"""Writes of the public side: registration with capacity and waitlist, check-in, messages to
registrants, and the 你点我检 polls.

Visitors have no account: their services take no actor. Staff services take `actor`, check
the role on the activity's unit and run under `set_actor` so the audit log names them.
"""

import datetime
import secrets
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.models import Activity
from core.audit import set_actor
from orgs import scoping
from public.models import EventMessage, Poll, PollOption, PublicEvent, Registration, Vote
from public.personal_data import (
    DecryptionError,
    decrypt,
    legacy_vote_digest,
    registration_phone_digest,
    registration_phone_digests,
    vote_phone_digest,
    vote_phone_digests,
)

# No 0/O, 1/I/L: the code is read aloud at the door and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


# What the visitor is told, named so that the pages and the tests say the same thing.
DOUBLE_BOOKING = gettext_lazy(
    "该手机号已报名此活动，请勿重复报名；如需查询，请使用报名时获得的确认码。"
)
POLL_CLOSED = gettext_lazy("投票已截止。")
ALREADY_VOTED = gettext_lazy("该手机号已参与本次投票，每个号码只能投一次。")
ALREADY_CHECKED_IN = gettext_lazy("该确认码已于 %(time)s 签到。")


class PublicError(Exception):
    """A refusal the visitor should read; the message is ready for display."""


class DoubleBookingError(PublicError):
    pass


class RegistrationClosedError(PublicError):
    pass


class AlreadyVotedError(PublicError):
    pass


class PollClosedError(PublicError):
    pass


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Registration.objects.filter(code=code).exists():
            return code


def normalize_phone(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+").removeprefix("+86")


@transaction.atomic
def event_configure(
    *,
    actor,
    activity: Activity,
    capacity: int,
    registration_opens_at=None,
    registration_closes_at=None,
    starts_at=None,
    ends_at=None,
) -> PublicEvent:
    """Open (or change) public registration for an activity. Raising the capacity moves
    people up from the waitlist; lowering it below the confirmed count is refused."""
    scoping.require(actor, scoping.Action.EDIT, activity.notice.unit)
    if not activity.is_public:
        raise ValidationError(_("请先将活动设为“向公众发布”。"))
    with set_actor(actor):
        event = PublicEvent.objects.select_for_update().filter(activity=activity).first()
        event = event or PublicEvent(activity=activity)
        if event.pk:
            confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
            if capacity < confirmed:
                raise ValidationError(
                    {"capacity": _("已有 %(n)s 人报名成功，名额不能少于此数。") % {"n": confirmed}}
                )
        event.capacity = capacity
        event.registration_opens_at = registration_opens_at
        event.registration_closes_at = registration_closes_at
        event.starts_at = starts_at
        event.ends_at = ends_at
        event.full_clean()
        event.save()
        _promote(event)
    return event


def _promote(event: PublicEvent) -> list[Registration]:
    """Move the first on the waitlist up while seats are free. The event row is locked."""
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    free = event.capacity - confirmed
    if free <= 0:
        return []
    promoted = list(
        event.registrations.filter(status=Registration.Status.WAITLISTED).order_by(
            "created_at", "pk"
        )[:free]
    )
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
    return promoted


@transaction.atomic
def registration_create(*, event: PublicEvent, name: str, phone: str, now=None) -> Registration:
    """Register a visitor: confirmed while seats are left, otherwise waitlisted.

    The event row is locked (SELECT … FOR UPDATE) for the whole count-then-insert, so
    concurrent registrations queue up and the capacity is never exceeded.
    """
    now = now or timezone.now()
    event = PublicEvent.objects.select_for_update().get(pk=event.pk)
    if not event.is_open(now):
        raise RegistrationClosedError(_("该活动当前不在报名时间内。"))
    registration = Registration(
        event=event,
        name=name.strip(),
        phone=normalize_phone(phone),
        code=_new_code(),
        status=Registration.Status.WAITLISTED,
        created_at=now,
    )
    registration.full_clean(exclude=["status"])
    registration.phone_hash = registration_phone_digest(event.pk, registration.phone)
    # Under every key still listed: a registration made before a key rotation counts too.
    same_phone = registration_phone_digests(event.pk, registration.phone)
    if event.registrations.active().filter(phone_hash__in=same_phone).exists():
        raise DoubleBookingError(DOUBLE_BOOKING)
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if confirmed < event.capacity:
        registration.status = Registration.Status.CONFIRMED
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # the partial unique index, should the lock be bypassed
        raise DoubleBookingError(_("该手机号已报名此活动，请勿重复报名。")) from exc
    return registration


@transaction.atomic
def registration_cancel(*, code: str, now=None) -> tuple[Registration, list[Registration]]:
    """Cancel by confirmation code; the first on the waitlist takes the freed seat.
    Returns the cancelled registration and whoever was promoted."""
    registration = Registration.objects.filter(code=code.strip().upper()).first()
    if registration is None:
        raise PublicError(_("确认码不存在，请核对后重试。"))
    PublicEvent.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        raise PublicError(_("该报名已取消。"))
    if registration.checked_in_at:
        raise PublicError(_("已签到的报名不能取消。"))
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now or timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    return registration, _promote(registration.event)


@transaction.atomic
def registration_check_in(*, actor, event: PublicEvent, code: str, now=None) -> Registration:
    """Check a visitor in at the door by the code they show (签到)."""
    scoping.require(actor, scoping.Action.EDIT, event.activity.notice.unit)
    registration = (
        Registration.objects.select_for_update()
        .filter(event=event, code=code.strip().upper())
        .first()
    )
    if registration is None:
        raise PublicError(_("本活动没有这个确认码。"))
    if registration.status != Registration.Status.CONFIRMED:
        raise PublicError(
            _("该报名状态为“%(status)s”，不能签到。")
            % {"status": registration.get_status_display()}
        )
    if registration.checked_in_at:
        raise PublicError(
            ALREADY_CHECKED_IN
            % {"time": timezone.localtime(registration.checked_in_at).strftime("%H:%M")}
        )
    with set_actor(actor):
        registration.checked_in_at = now or timezone.now()
        registration.save(update_fields=["checked_in_at"])
    return registration


@transaction.atomic
def event_message_send(*, actor, event: PublicEvent, text: str) -> EventMessage:
    """Record a message to everyone registered; it appears on the activity page and on each
    registration's page. (Sending SMS is outside the platform.)"""
    scoping.require(actor, scoping.Action.EDIT, event.activity.notice.unit)
    with set_actor(actor):
        message = EventMessage(
            event=event,
            text=text.strip(),
            author=actor,
            recipient_count=event.registrations.active().count(),
        )
        message.full_clean()
        message.save()
    return message


EXPORT_REGISTRATIONS_XLSX = "registrations_xlsx"


def personal_data_export_record(*, actor, instance, what: str, rows: int, masked: bool) -> LogEntry:
    """Record in the audit log that `actor` took visitors' personal data out of the platform
    (个人信息保护法 第五十一条: 安全审计): who, when (the entry's time), what and how many rows,
    in full or masked. Written before the file is sent, so no export goes unrecorded."""
    with set_actor(actor):
        return LogEntry.objects.log_create(
            instance,
            force_log=True,
            action=LogEntry.Action.ACCESS,
            actor=actor,
            changes={},
            additional_data={"export": what, "rows": rows, "masked": masked},
        )


@dataclass
class ExpiryResult:
    events: int
    registrations: int
    votes: int


def event_ends_at(event: PublicEvent) -> datetime.datetime:
    """When an open day is over, for the retention period: its set time, else the last day
    of its activity's window, else the end of its campaign year."""
    if event.ends_at or event.starts_at:
        return event.ends_at or event.starts_at
    activity = event.activity
    day = activity.ends_on or activity.starts_on
    if day is None:
        day = datetime.date(activity.notice.campaign.year, 12, 31)
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tz)


@transaction.atomic
def personal_data_expire(*, now=None) -> ExpiryResult:
    """Anonymise visitors' data once the retention period after the event (or the poll's
    close) has passed (个人信息保护法 第十九条、第四十七条): names and phones blanked and
    digests cleared; the rows stay, so counts, seats and results are unchanged. Only rows not
    yet anonymised are touched: running it again changes nothing."""
    now = now or timezone.now()
    retention = datetime.timedelta(days=settings.QM_PERSONAL_DATA_RETENTION_DAYS)
    result = ExpiryResult(events=0, registrations=0, votes=0)
    events = (
        PublicEvent.objects.filter(registrations__anonymised_at__isnull=True)
        .distinct()
        .select_related("activity__notice__campaign")
    )
    with set_actor(None):
        for event in events:
            if event_ends_at(event) + retention > now:
                continue
            n = event.registrations.filter(anonymised_at__isnull=True).update(
                name="", phone="", phone_hash=None, anonymised_at=now
            )
            LogEntry.objects.log_create(
                event,
                force_log=True,
                action=LogEntry.Action.UPDATE,
                changes={},
                additional_data={"personal_data": "anonymised", "rows": n},
            )
            result.events += 1
            result.registrations += n
        result.votes = Vote.objects.filter(
            poll__closes_at__lte=now - retention, phone_hash__isnull=False
        ).update(phone_hash=None)
    return result


def personal_data_expire_report(now: datetime.datetime) -> str:
    """`personal_data_expire` as `manage.py expire_personal_data` reports it."""
    result = personal_data_expire(now=now)
    return _(
        "已删除 %(events)s 个活动中 %(registrations)s 条报名的姓名和手机号码，"
        "清除 %(votes)s 张投票的手机号摘要。"
    ) % {
        "events": result.events,
        "registrations": result.registrations,
        "votes": result.votes,
    }


@transaction.atomic
def registration_digests_rekey(fix: bool) -> int:
    """After a key rotation: the digests of the phones still kept, recomputed under the
    current key (for `manage.py rotate_personal_data_key`); how many differ. A vote keeps no
    phone, so its digest stays as it is and is found under the former key while it is listed."""
    stale = []
    table = connection.ops.quote_name(Registration._meta.db_table)
    with connection.cursor() as cursor:
        # The stored column, not the model's field: a phone no listed key opens is skipped
        # here (the column pass reports it) instead of stopping the whole run.
        cursor.execute(
            f"SELECT id, event_id, phone, phone_hash FROM {table} WHERE phone_hash IS NOT NULL"
        )
        rows = cursor.fetchall()
    for pk, event_id, stored, phone_hash in rows:
        try:
            phone = decrypt(stored, purpose=Registration._meta.get_field("phone").purpose)
        except DecryptionError:
            continue
        current = registration_phone_digest(event_id, phone)
        if phone_hash != current:
            stale.append(Registration(pk=pk, phone_hash=current))
    if fix and stale:
        # Not an edit anyone made: no audit entry, the registration's times unchanged.
        Registration.objects.bulk_update(stale, ["phone_hash"], batch_size=2000)
    return len(stale)


# --- 你点我检 ---


@transaction.atomic
def poll_create(
    *, actor, unit, title: str, closes_at, options: list[str], description: str = ""
) -> Poll:
    scoping.require(actor, scoping.Action.EDIT, unit)
    names = list(dict.fromkeys(n.strip() for n in options if n.strip()))
    if len(names) < 2:
        raise ValidationError({"options": _("请至少填写两个候选产品类别。")})
    if closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("投票截止时间应晚于现在。")})
    with set_actor(actor):
        poll = Poll(
            unit=unit, title=title, description=description, closes_at=closes_at, created_by=actor
        )
        poll.full_clean()
        poll.save()
        for position, name in enumerate(names):
            option = PollOption(poll=poll, name=name, position=position)
            option.full_clean()
            option.save()
    return poll


def _voted(poll: Poll, phone: str) -> bool:
    digests = [*vote_phone_digests(poll.pk, phone), legacy_vote_digest(poll.pk, phone)]
    return poll.votes.filter(phone_hash__in=digests).exists()


@transaction.atomic
def vote_cast(*, poll: Poll, option_id: int, phone: str, now=None) -> Vote:
    phone = normalize_phone(phone)
    Registration._meta.get_field("phone").run_validators(phone)
    if poll.is_closed(now):
        raise PollClosedError(POLL_CLOSED)
    option = poll.options.filter(pk=option_id).first()
    if option is None:
        raise ValidationError({"option": _("请选择一个产品类别。")})
    if _voted(poll, phone):
        raise AlreadyVotedError(ALREADY_VOTED)
    vote = Vote(poll=poll, option=option, phone_hash=vote_phone_digest(poll.pk, phone))
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError as exc:  # vote_once_per_phone
        raise AlreadyVotedError(ALREADY_VOTED) from exc
    return vote


def has_voted(poll: Poll, phone: str) -> bool:
    return _voted(poll, normalize_phone(phone))


@transaction.atomic
def poll_record_sampling(
    *, actor, poll: Poll, sampled_option_ids: list[int], note: str, results_url: str
) -> Poll:
    """After closing: which categories were sampled, and where the test results are."""
    scoping.require(actor, scoping.Action.EDIT, poll.unit)
    if not poll.is_closed():
        raise ValidationError(_("投票截止后才能登记抽检情况。"))
    changed = False
    with set_actor(actor):
        for option in poll.options.all():
            sampled = option.pk in set(sampled_option_ids)
            if option.sampled != sampled:
                option.sampled = sampled
                option.save(update_fields=["sampled"])
                changed = True
        note, results_url = note.strip(), results_url.strip()
        changed |= (note, results_url) != (poll.sampling_note, poll.results_url)
        if not changed and poll.sampled_at:
            # Saved unchanged: the record keeps the time it was made, as the page shows it.
            return poll
        poll.sampling_note = note
        poll.results_url = results_url
        poll.sampled_at = timezone.now()
        poll.full_clean()
        poll.save()
    return poll
