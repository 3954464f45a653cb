from django.conf import settings
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.personal_data import EncryptedTextField
from public.personal_data import registration_phone_digests

MOBILE_MESSAGE = _("请填写11位中国大陆手机号码，如 13812341234。")
mobile_validator = RegexValidator(r"^1[3-9]\d{9}$", MOBILE_MESSAGE)


class PublicEvent(TimeStampedModel):
    """The public registration (报名) settings of one public activity, such as a lab open day
    (实验室开放日): how many visitors it takes, when registration opens and closes, and the
    exact time on the day. An activity without these settings is shown but takes no sign-ups.
    """

    activity = models.OneToOneField(
        "activities.Activity",
        on_delete=models.CASCADE,
        related_name="public_event",
        verbose_name=_("活动"),
    )
    capacity = models.PositiveIntegerField(_("名额"))
    registration_opens_at = models.DateTimeField(_("报名开始"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("报名截止"), null=True, blank=True)
    starts_at = models.DateTimeField(_("活动开始时间"), null=True, blank=True)
    ends_at = models.DateTimeField(_("活动结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公众报名设置")
        verbose_name_plural = _("公众报名设置")
        ordering = ["activity"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="publicevent_capacity_min"),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="publicevent_registration_ordered",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="publicevent_time_ordered",
            ),
        ]

    def __str__(self) -> str:
        return str(self.activity)

    def get_absolute_url(self) -> str:
        return reverse("public:activity_detail", args=[self.activity_id])

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> "RegistrationQuerySet":
        return self.exclude(status=Registration.Status.CANCELLED)

    def with_phone(self, phone: str) -> "RegistrationQuerySet":
        """Registrations of this mobile number, found by its digest per event (the number
        itself is stored encrypted and cannot be compared)."""
        events = self.order_by().values_list("event_id", flat=True).distinct()
        return self.filter(
            phone_hash__in=[
                found
                for event_id in events
                for found in registration_phone_digests(event_id, phone)
            ]
        )


class Registration(models.Model):
    """A visitor's registration (报名) for a public event: name and mainland mobile number, no
    account. The confirmation code (确认码) is what the visitor shows at the door and uses to
    cancel. When the event is full the visitor is put on the waitlist (候补) and moves up
    automatically when someone cancels.

    Name and phone are personal information (个人信息): stored encrypted, the phone with a
    keyed digest beside it for the one-registration check (public/personal_data.py), and
    blanked once the retention period after the event has passed (`anonymised_at`), the row
    itself kept for the statistics.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("报名成功")
        WAITLISTED = "waitlisted", _("候补")
        CANCELLED = "cancelled", _("已取消")

    event = models.ForeignKey(
        PublicEvent,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("活动"),
    )
    name = EncryptedTextField(
        _("姓名"), purpose="public.registration.name", validators=[MaxLengthValidator(30)]
    )
    phone = EncryptedTextField(
        _("手机号码"), purpose="public.registration.phone", validators=[mobile_validator]
    )
    # HMAC-SM3 of the event and the number. NULL once anonymised: NULLs do not collide in
    # the unique constraint below, an empty string would.
    phone_hash = models.CharField(  # noqa: DJ001
        _("手机号摘要"), max_length=64, null=True, blank=True, editable=False
    )
    code = models.CharField(_("确认码"), max_length=12, unique=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("个人信息删除时间"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            # No double booking: one live registration per phone and event (by its digest;
            # anonymised rows have none, and NULLs do not collide).
            models.UniqueConstraint(
                fields=["event", "phone_hash"],
                condition=~Q(status="cancelled"),
                name="registration_one_live_per_phone_hash",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waitlisted", "cancelled"]),
                name="registration_status_valid",
            ),
        ]
        indexes = [
            # Counting confirmed seats and finding the first on the waitlist, under the lock.
            models.Index(fields=["event", "status", "created_at"], name="registration_queue_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("public:registration_detail", args=[self.code])


class EventMessage(models.Model):
    """A notice to everyone registered (报名者通知) when something about the event changes:
    a new time, a new place, a cancellation. It is recorded and shown on the activity page;
    sending it by SMS is outside the platform.
    """

    event = models.ForeignKey(
        PublicEvent, on_delete=models.CASCADE, related_name="messages", verbose_name=_("活动")
    )
    text = models.TextField(_("内容"), max_length=500)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发布人"),
    )
    recipient_count = models.PositiveIntegerField(_("通知人数"), default=0)
    created_at = models.DateTimeField(_("发布时间"), default=timezone.now)

    class Meta:
        verbose_name = _("报名者通知")
        verbose_name_plural = _("报名者通知")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:30]


class PollQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view") -> "PollQuerySet":
        from orgs import scoping

        return self.filter(scoping.scope_q(user, action, path_field="unit__path"))


class Poll(TimeStampedModel):
    """A "你点我检" poll: a unit lets the public choose which product categories its next
    supervision spot check (监督抽查) samples. Each mobile number votes once; the results are
    published after closing, and the unit then records what was sampled and where the results
    of the tests are published.
    """

    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="polls", verbose_name=_("发起单位")
    )
    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    closes_at = models.DateTimeField(_("投票截止"))
    sampling_note = models.TextField(_("抽检情况"), blank=True)
    results_url = models.URLField(_("抽检结果链接"), blank=True)
    sampled_at = models.DateTimeField(_("抽检记录时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发起人"),
    )

    objects = PollQuerySet.as_manager()

    class Meta:
        verbose_name = _("你点我检")
        verbose_name_plural = _("你点我检")
        ordering = ["-closes_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("public:poll_detail", args=[self.pk])

    def is_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at


class PollOption(models.Model):
    """A candidate product category (候选产品类别) of a poll, e.g. 儿童玩具, 电动自行车."""

    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="options", verbose_name=_("投票")
    )
    name = models.CharField(_("产品类别"), max_length=100)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    sampled = models.BooleanField(_("已列入抽检"), default=False)

    class Meta:
        verbose_name = _("候选产品类别")
        verbose_name_plural = _("候选产品类别")
        ordering = ["poll", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "name"], name="polloption_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Vote(models.Model):
    """One vote in a poll. The mobile number is kept only as a keyed digest (HMAC-SM3 of the
    poll and the number): enough to refuse a second vote from the same number, useless for
    anything else. The digest is cleared once the retention period after closing has passed;
    the vote still counts.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="votes")
    # NULL once anonymised (see Registration.phone_hash).
    phone_hash = models.CharField(_("手机号摘要"), max_length=64, null=True, blank=True)  # noqa: DJ001
    created_at = models.DateTimeField(_("投票时间"), default=timezone.now)

    class Meta:
        verbose_name = _("投票")
        verbose_name_plural = _("投票")
        ordering = ["poll", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "phone_hash"], name="vote_once_per_phone"),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.option_id}"
