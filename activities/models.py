import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class ActivityCategory(models.Model):
    """A kind of activity (宣传, 学习培训, 帮扶, 执法打假 …). The list is editable in the admin."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("活动类别")
        verbose_name_plural = _("活动类别")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ActivityQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view") -> "ActivityQuerySet":
        """Activities of the notices the user may see (or edit)."""
        from campaigns.models import Notice

        return self.filter(notice__in=Notice.objects.for_user(user, action))


class Activity(TimeStampedModel):
    """A concrete activity (活动) of a notice or plan: one row of the activity schedule
    (活动计划安排表: 序号 · 活动主题 · 活动内容 · 时间安排 · 牵头部门 · 协办单位 · 备注), one
    重点安排 item, or one co-organizer's or locality's reported activity. A plan's activity
    may implement an activity of the superior notice, which keeps the cascade traceable.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("计划中")
        ONGOING = "ongoing", _("进行中")
        DONE = "done", _("已完成")
        CANCELLED = "cancelled", _("已取消")

    notice = models.ForeignKey(
        "campaigns.Notice",
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("通知/方案"),
    )
    position = models.PositiveIntegerField(_("序号"), default=1)
    section = models.CharField(
        _("所属部分"), max_length=100, blank=True, help_text=_("如 主要活动、附件2")
    )
    title = models.CharField(_("活动主题"), max_length=300)
    content = models.TextField(_("活动内容"), blank=True)
    category = models.ForeignKey(
        ActivityCategory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("类别"),
    )
    window_text = models.CharField(_("时间安排"), max_length=50, blank=True)
    starts_on = models.DateField(_("开始日期"), null=True, blank=True)
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    completion_note = models.TextField(_("完成情况"), blank=True)
    is_public = models.BooleanField(_("向公众发布"), default=False)
    location = models.CharField(_("地点"), max_length=200, blank=True)
    remarks = models.CharField(_("备注"), max_length=300, blank=True)
    implements = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="implementations",
        verbose_name=_("落实的上级活动"),
    )
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["notice", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="activity_window_ordered",
            ),
        ]
        indexes = [
            # Public listings and calendars filter by window and public flag.
            models.Index(fields=["is_public", "starts_on"], name="activity_public_start_idx"),
            # The dashboard's and supervision page's activity counts (reports.selectors.
            # activity_counts): category, status and month of the activities of a subtree's
            # notices, read from this index alone instead of the wide rows.
            models.Index(
                fields=["notice", "category", "status", "starts_on"], name="activity_counts_idx"
            ),
            # The public home's list and month calendar (public.selectors): the public
            # activities of the campaign's issued notices, looked up per notice in this small
            # index (about a tenth of the rows) rather than in all of them; it holds what the
            # calendar reads. Partial, as SQLite only takes `is_public` from the condition.
            models.Index(
                fields=["notice", "starts_on", "ends_on", "status", "is_public"],
                condition=Q(is_public=True),
                name="activity_public_notice_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def leads(self) -> list["ActivityParticipant"]:
        return [p for p in self.participants.all() if p.role == ActivityParticipant.Role.LEAD]

    def supports(self) -> list["ActivityParticipant"]:
        return [p for p in self.participants.all() if p.role == ActivityParticipant.Role.SUPPORT]


class ActivityParticipant(TimeStampedModel):
    """A unit or department named as lead (牵头 / 负责) or supporting (配合 / 协办) an activity.
    The name is kept as written; the link to a unit or department is set once matched.
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("牵头")
        SUPPORT = "support", _("配合")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="participants", verbose_name=_("活动")
    )
    role = models.CharField(_("职责"), max_length=10, choices=Role.choices)
    name = models.CharField(_("名称（原文）"), max_length=200)
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activity_roles",
        verbose_name=_("单位"),
    )
    department = models.ForeignKey(
        "orgs.Department",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activity_roles",
        verbose_name=_("处室/科室"),
    )
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    # A collective name ("各监管所", "各县（市、区）市场监管局") denotes no single unit but the
    # set of units of one kind under the issuing unit; each of them sees the task in 我的任务.
    covered_units = models.ManyToManyField(
        "orgs.OrgUnit",
        blank=True,
        related_name="collective_activity_roles",
        verbose_name=_("所指单位"),
    )

    class Meta:
        verbose_name = _("牵头/配合单位")
        verbose_name_plural = _("牵头/配合单位")
        ordering = ["activity", "role", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(department__isnull=True),
                name="participant_unit_or_department",
            ),
        ]
        indexes = [
            # "My tasks" looks activities up by the unit or department named in them.
            models.Index(fields=["unit", "role"], name="participant_unit_role_idx"),
            models.Index(fields=["department", "role"], name="participant_dept_role_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.name}"

    @property
    def matched(self) -> bool:
        """Linked to a unit, a department, or (a collective name) to the units it denotes."""
        if self.unit_id or self.department_id:
            return True
        covers = getattr(self, "covers_units", None)  # annotated by activities.selectors
        return self.covered_units.exists() if covers is None else covers


# Sentinels of the tallies' keys: a unique constraint treats NULLs as distinct on SQLite (and
# on PostgreSQL without NULLS NOT DISTINCT), so "no category" and "no start date" are stored
# as plain values that no real row can take: no category has pk 0, and no campaign is held in
# the year 1.
NO_CATEGORY = 0
NO_MONTH = datetime.date(1, 1, 1)


class ActivityTally(models.Model):
    """How many activities the notices issued in `unit`'s subtree (the unit itself included)
    hold in `campaign`, by category, status and month of start: the dashboard's and 督查督办's
    activity counts, kept in the transaction of every write that changes them
    (`activities.tallies`). One row per ancestor-or-self of the issuing unit and key."""

    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    category_key = models.PositiveIntegerField(default=NO_CATEGORY)  # category pk, or NO_CATEGORY
    status = models.CharField(max_length=10)
    month = models.DateField(default=NO_MONTH)  # first day of the month of start, or NO_MONTH
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "campaign", "category_key", "status", "month"],
                name="activity_tally_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.campaign_id}/{self.category_key}/{self.status}/{self.month}"


class PublicCalendarTally(models.Model):
    """How many public activities of issued notices issued in `unit`'s subtree, not
    cancelled, of `campaign` and category, span the days `starts_on` … `ends_on` (an open
    day's set time, else the activity's window): the public home's month calendar, which
    spreads each span over its days. Spans are few (9月, 9月中旬, 全年 …), so rows stay few
    however many activities share them. Kept on write like ActivityTally."""

    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    category_key = models.PositiveIntegerField(default=NO_CATEGORY)
    starts_on = models.DateField()
    ends_on = models.DateField()
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "campaign", "category_key", "starts_on", "ends_on"],
                name="public_calendar_tally_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.campaign_id}/{self.category_key}/{self.starts_on}"
