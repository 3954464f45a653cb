import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from orgs import scoping
from reports import rules

# The supervision colours and the received statuses are reporting rules (reports.rules); they
# are named here too because the models' readers (admin, selectors, tests) look for them here.
Colour = rules.Colour
RECEIVED_STATUSES = rules.RECEIVED_STATUSES


class Material(models.TextChoices):
    """What a notice asks to be reported up (报送材料)."""

    SUMMARY = "工作总结", _("工作总结")
    STATISTICS = "统计表", _("统计表")
    PHOTOS = "图片", _("图片")
    VIDEOS = "视频", _("视频")
    CASES = "典型案例", _("典型案例")
    PROBLEMS = "问题与建议", _("问题与建议")
    PROGRESS = "进展情况", _("进展情况")


# What a new requirement asks for until the clerk changes it, on the requirement page and on
# the notice form alike.
DEFAULT_MATERIALS: list[str] = [Material.SUMMARY, Material.STATISTICS, Material.PHOTOS]


class ReportRequirementQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view") -> "ReportRequirementQuerySet":
        """Requirements of the notices the user may see (or edit)."""
        from campaigns.models import Notice

        return self.filter(notice__in=Notice.objects.for_user(user, action))


class ReportRequirement(TimeStampedModel):
    """A notice's reporting requirement (报送要求): what the recipients report up, to whom,
    by when ("10月16日前将工作总结和有关图片、视频报送省局质量发展局").
    """

    notice = models.OneToOneField(
        "campaigns.Notice",
        on_delete=models.CASCADE,
        related_name="report_requirement",
        verbose_name=_("通知/方案"),
    )
    due_date = models.DateField(_("报送截止日期"), null=True, blank=True)
    materials = models.JSONField(_("报送材料"), default=list, blank=True)
    report_to = models.CharField(_("报送至"), max_length=200, blank=True)
    text = models.TextField(_("原文"), blank=True)
    levels = models.JSONField(
        _("报送层级"),
        default=list,
        blank=True,
        help_text=_("哪些层级的接收单位须报送；为空表示全部接收单位"),
    )

    objects = ReportRequirementQuerySet.as_manager()

    class Meta:
        verbose_name = _("报送要求")
        verbose_name_plural = _("报送要求")
        ordering = ["due_date"]

    def __str__(self) -> str:
        return _("%(notice)s：%(due)s") % {"notice": self.notice, "due": self.due_date or ""}

    def get_absolute_url(self) -> str:
        return reverse("reports:requirement_detail", args=[self.pk])

    def requires(self, material: str) -> bool:
        return material in self.materials


class StatisticField(models.Model):
    """One indicator of the statistics form (统计表) the issuer defines for a requirement,
    like a DHIS2 data element: 活动场次, 参与人数, 媒体报道篇数 … Values of the same `code` are
    summed up the tree.

    Change a form through `requirement_save` (or the requirement's admin page), which saves
    the requirement with it: app servers keep each form under the requirement's change time
    (`services.statistic_fields_of`), and a field changed alone would not be seen there.
    """

    class Kind(models.TextChoices):
        INTEGER = "integer", _("整数")
        DECIMAL = "decimal", _("小数")
        TEXT = "text", _("文字")

    requirement = models.ForeignKey(
        ReportRequirement,
        on_delete=models.CASCADE,
        related_name="statistic_fields",
        verbose_name=_("报送要求"),
    )
    label = models.CharField(_("指标名称"), max_length=100)
    code = models.SlugField(_("代码"), max_length=50)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.INTEGER)
    required = models.BooleanField(_("必填"), default=True)
    unit_of_measure = models.CharField(_("计量单位"), max_length=20, blank=True)
    position = models.PositiveSmallIntegerField(_("序号"), default=0)

    class Meta:
        verbose_name = _("统计指标")
        verbose_name_plural = _("统计指标")
        ordering = ["requirement", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "code"], name="statfield_unique_code_per_requirement"
            ),
        ]

    def __str__(self) -> str:
        if not self.unit_of_measure:
            return self.label
        # Translated here, in the language of the page: `%` turns the lazy string into a str.
        text = pgettext_lazy("a statistics field and its unit", "%(label)s（%(unit)s）")
        return text % {"label": self.label, "unit": self.unit_of_measure}

    @property
    def is_numeric(self) -> bool:
        return self.kind != self.Kind.TEXT


class ExpectedReportQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view") -> "ExpectedReportQuerySet":
        """Expected reports of units in the user's subtrees, or of requirements their units
        issued (the superior sees whom it waits for)."""
        return self.filter(
            scoping.scope_q(user, action, path_field="unit__path")
            | scoping.scope_q(user, action, path_field="requirement__notice__unit__path")
        )

    def active(self) -> "ExpectedReportQuerySet":
        return self.filter(removed_at__isnull=True)

    def in_subtree(self, path: str) -> "ExpectedReportQuerySet":
        return self.filter(unit__path__startswith=path)

    def received_q(self) -> Q:
        return rules.received_q()

    def with_colour(
        self, today: datetime.date, near: int | None = None
    ) -> "ExpectedReportQuerySet":
        """Annotate `colour`, the rule of `rules.colour_for` computed by the database."""
        return self.annotate(colour=rules.colour_case(today, near))


class ExpectedReport(TimeStampedModel):
    """A unit that must report on a requirement (应报单位). The expected set is explicit so that
    completeness (received / expected) never exceeds 100%: a unit closed or merged during the
    campaign leaves the set with a recorded reason instead of disappearing.
    """

    requirement = models.ForeignKey(
        ReportRequirement,
        on_delete=models.CASCADE,
        related_name="expected",
        verbose_name=_("报送要求"),
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("应报单位")
    )
    removed_at = models.DateTimeField(_("移出时间"), null=True, blank=True)
    removed_reason = models.CharField(_("移出原因"), max_length=200, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("移出人"),
    )

    objects = ExpectedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("应报单位")
        verbose_name_plural = _("应报单位")
        ordering = ["requirement", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "unit"], name="expected_once_per_unit"),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True) | ~Q(removed_reason=""),
                name="expected_removal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requirement} · {self.unit}"

    def colour_on(self, today: datetime.date, near: int | None = None) -> str:
        report = getattr(self, "report", None) if self.pk else None
        return rules.colour_for(
            status=report.status if report else None,
            due=self.requirement.due_date,
            today=today,
            near=near,
        )


class ReportTally(models.Model):
    """Completeness counted on write (issue #19): for one requirement, the active expected
    reports of units of one kind in `unit`'s subtree (own=False), or at `unit` itself
    (own=True), and how many of them are received, on time and returned — the definitions
    of `reports.rules`. The writes of `reports.services` keep it exact in their own transaction
    (`reports.tallies`); the figure pages read it instead of counting the reports. Overdue
    is not stored: it changes with the date, not with a write, and is expected − received
    once the requirement's due date has passed (`reports.aggregates`)."""

    requirement = models.ForeignKey(
        ReportRequirement, on_delete=models.CASCADE, related_name="+", verbose_name=_("报送要求")
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("单位")
    )
    kind = models.CharField(_("报送单位类别"), max_length=20)
    own = models.BooleanField(_("仅本单位"), default=False)
    # The requirement's campaign and due date, copied onto the row so that a campaign's
    # figures (the nation's: one row per requirement of the campaign) are read from the
    # index alone, without joining every requirement and notice. The due date follows the
    # requirement's (`reports.tallies.requirement_saved`).
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        # Read only through the covering index below, after the unit: an index of its own
        # lets SQLite's planner walk a whole campaign's rows instead of one unit's.
        db_index=False,
        verbose_name=_("活动年度"),
    )
    due_date = models.DateField(_("报送截止日期"), null=True)
    expected = models.IntegerField(_("应报"), default=0)
    received = models.IntegerField(_("已报"), default=0)
    on_time = models.IntegerField(_("按时报送"), default=0)
    # Returned for correction and not yet resubmitted: the supervision colours' yellow.
    returned = models.IntegerField(_("被退回"), default=0)

    class Meta:
        verbose_name = _("报送计数")
        verbose_name_plural = _("报送计数")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "unit", "kind", "own"], name="report_tally_key"
            ),
        ]
        indexes = [
            # The figure pages read a unit's (or its children's) rows of many requirements
            # (the nation's: one per requirement of the campaign); on PostgreSQL from the
            # index alone, without visiting rows scattered over the table.
            models.Index(
                fields=["unit", "own", "campaign"],
                include=[
                    "due_date",
                    "requirement",
                    "expected",
                    "received",
                    "on_time",
                    "returned",
                ],
                name="report_tally_unit_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requirement_id} · {self.unit_id} · {self.kind}"


class ReportQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view") -> "ReportQuerySet":
        """Reports of the user's own subtrees, and — for reading — the reports sent up to a
        requirement issued in the user's subtrees. A county never sees a sibling's report.
        """
        own = scoping.scope_q(user, action, path_field="expected__unit__path")
        if action != scoping.Action.VIEW:
            return self.filter(own)
        return self.filter(
            own
            | scoping.scope_q(user, action, path_field="expected__requirement__notice__unit__path")
        )

    def received(self) -> "ReportQuerySet":
        return self.filter(rules.received_q(report=""))


class Report(TimeStampedModel):
    """A unit's report (报送材料) on one requirement: the work summary (工作总结), the
    statistics (统计表), photos and videos, typical cases (典型案例), problems and suggestions.
    Drafts save automatically under an optimistic lock (`version`); it counts as received
    only once `report_submit` found every required material.
    """

    class Status(models.TextChoices):
        DRAFT = rules.DRAFT, _("草稿")
        SUBMITTED = rules.SUBMITTED, _("已报送")
        RETURNED = rules.RETURNED, _("已退回")
        ACCEPTED = rules.ACCEPTED, _("已采用")

    expected = models.OneToOneField(
        ExpectedReport, on_delete=models.CASCADE, related_name="report", verbose_name=_("应报单位")
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("工作总结"), blank=True)
    problems = models.TextField(_("问题与建议"), blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("首次报送时间"), null=True, blank=True)
    is_late = models.BooleanField(_("逾期报送"), default=False)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    # Optimistic lock: each save bumps it; a save based on an older version is refused.
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("报送材料")
        verbose_name_plural = _("报送材料")
        ordering = ["expected__unit__path"]
        indexes = [
            # Completeness and rollups filter received reports.
            models.Index(fields=["status"], name="report_status_idx"),
        ]

    def __str__(self) -> str:
        return str(self.expected)

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def unit(self):
        return self.expected.unit

    @property
    def requirement(self) -> ReportRequirement:
        return self.expected.requirement

    @property
    def is_received(self) -> bool:
        return rules.is_received(self.status)

    @property
    def is_editable(self) -> bool:
        return rules.is_editable(self.status)


class StatisticValue(models.Model):
    """One value of a report's statistics form; numbers in a numeric column so that sums up
    the tree are SQL aggregates."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="values", verbose_name=_("报送材料")
    )
    field = models.ForeignKey(
        StatisticField, on_delete=models.CASCADE, related_name="values", verbose_name=_("指标")
    )
    number = models.DecimalField(_("数值"), max_digits=18, decimal_places=4, null=True, blank=True)
    text = models.CharField(_("文字"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("统计数值")
        verbose_name_plural = _("统计数值")
        ordering = ["report", "field__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "field"], name="statvalue_once_per_field"),
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.number if self.field.is_numeric else self.text}"


class TypicalCase(TimeStampedModel):
    """A typical case (典型案例) a unit reports: good practice the superior may compile (汇编)."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="cases", verbose_name=_("报送材料")
    )
    title = models.CharField(_("案例标题"), max_length=200)
    unit_name = models.CharField(_("案例单位"), max_length=200, blank=True)
    description = models.TextField(_("案例内容"))

    class Meta:
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.title


class ReportFile(TimeStampedModel):
    """A photo or video attached to a report or to one of its typical cases. Stored through
    Django's storage API only (local disk or S3 by settings); the type is read from the content.
    """

    class Kind(models.TextChoices):
        PHOTO = "photo", _("图片")
        VIDEO = "video", _("视频")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="files", verbose_name=_("报送材料")
    )
    case = models.ForeignKey(
        TypicalCase,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("典型案例"),
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("文件"), upload_to="reports/%Y/%m/", max_length=300)
    thumbnail = models.FileField(
        _("缩略图"), upload_to="reports/thumbs/%Y/%m/", max_length=300, blank=True
    )
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("内容类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    caption = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("图片/视频")
        verbose_name_plural = _("图片/视频")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ReportEvent(models.Model):
    """One step in a report's history (报送记录): submitted, returned with a reason, accepted."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("report event", "报送")
        RETURNED = "returned", pgettext_lazy("report event", "退回")
        ACCEPTED = "accepted", pgettext_lazy("report event", "采用")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="events", verbose_name=_("报送材料")
    )
    kind = models.CharField(_("事项"), max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("操作人"),
    )
    reason = models.TextField(_("理由"), blank=True)
    is_late = models.BooleanField(_("逾期"), default=False)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("报送记录")
        verbose_name_plural = _("报送记录")
        ordering = ["report", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="returned") | ~Q(reason=""), name="event_return_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.get_kind_display()}"


class SentReminder(models.Model):
    """A reminder (催报) sent to an expected unit. Automatic reminders are recorded once per
    kind so a rerun of the task never repeats them; a unit gets at most one reminder of a
    requirement a day, automatic or 催办.
    """

    class Kind(models.TextChoices):
        BEFORE = "before", _("截止前提醒")
        DUE = "due", _("截止当日提醒")
        MANUAL = "manual", _("催报")

    expected = models.ForeignKey(
        ExpectedReport,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("应报单位"),
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    sent_on = models.DateField(_("提醒日期"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("催报人"),
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("催报记录")
        verbose_name_plural = _("催报记录")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["expected", "kind"],
                condition=~Q(kind="manual"),
                name="reminder_automatic_once",
            ),
            # Never two reminders of one requirement to one unit on one day, whatever the
            # kind: the claim every reminder makes (`services.messages._remind`).
            models.UniqueConstraint(fields=["expected", "sent_on"], name="reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.expected} {self.get_kind_display()} {self.sent_on}"


class Bulletin(TimeStampedModel):
    """An urgent bulletin (重要情况及时报送) or a progress update (进展情况) a unit sends up at any
    time during the campaign; it lands in the superior unit's inbox at once."""

    class Kind(models.TextChoices):
        URGENT = "urgent", _("重要情况")
        PROGRESS = "progress", _("进展情况")

    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("报送单位")
    )
    to_unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("接收单位")
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("报送人"),
    )

    class Meta:
        verbose_name = _("情况报送")
        verbose_name_plural = _("情况报送")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
