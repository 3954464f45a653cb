"""双随机、一公开: random inspections drawn verifiably, with their results published.

A sampling plan (抽查计划) hangs on one activity of a unit's plan (Yong'an's row 5,
检验检测机构"双随机、一公开"监督检查). Its draw picks the entities to inspect from the
directory (`entities`) and the inspectors of each from the unit's pool, at random but
replayably (`inspections.draw`); the results are recorded per entity and published on the
public side within a number of working days of the official calendar (`inspections.workdays`).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from entities.models import Field
from inspections.workdays import add_working_days
from orgs import scoping


class InspectorQuerySet(models.QuerySet):
    def for_user(self, user, action: str = scoping.Action.VIEW) -> "InspectorQuerySet":
        return self.filter(scoping.scope_q(user, action, path_field="unit__path"))


class Inspector(TimeStampedModel):
    """A person of the inspector pool (执法检查人员名录库): a law-enforcement officer of a unit
    with their 执法证号, the fields they are competent in, and whether they can be drawn now.
    The entities they are linked to (a relative works there, they worked there) are never
    drawn for them (回避)."""

    name = models.CharField(_("姓名"), max_length=50)
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="inspectors", verbose_name=_("单位")
    )
    badge_no = models.CharField(_("执法证号"), max_length=30, unique=True)
    fields = models.JSONField(_("擅长领域"), default=list, blank=True)
    is_available = models.BooleanField(_("可参加抽查"), default=True)
    linked_entities = models.ManyToManyField(
        "entities.MarketEntity",
        blank=True,
        related_name="linked_inspectors",
        verbose_name=_("需回避的市场主体"),
    )

    objects = InspectorQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法检查人员")
        verbose_name_plural = _("执法检查人员")
        ordering = ["unit", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.badge_no}）"

    def field_labels(self) -> list[str]:
        labels = dict(Field.choices)
        return [str(labels.get(f, f)) for f in self.fields]


class SamplingPlanQuerySet(models.QuerySet):
    def for_user(self, user, action: str = scoping.Action.VIEW) -> "SamplingPlanQuerySet":
        return self.filter(scoping.scope_q(user, action, path_field="unit__path"))

    def in_subtree(self, unit) -> "SamplingPlanQuerySet":
        return self.filter(unit__path__startswith=unit.path)


class SamplingPlan(TimeStampedModel):
    """A sampling plan (抽查计划) of a unit, attached to an activity of one of its plans: which
    entities may be drawn (fields, regions), how many or what share, how many inspectors each,
    when, with which departments (联合抽查), and the publication limit in working days."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("待抽取")
        DRAWN = "drawn", _("检查中")
        CONCLUDED = "concluded", _("检查结束")
        PUBLISHED = "published", _("已公开")

    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="sampling_plans",
        verbose_name=_("所属活动"),
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.PROTECT,
        related_name="sampling_plans",
        verbose_name=_("组织单位"),
    )
    title = models.CharField(_("计划名称"), max_length=200)
    fields = models.JSONField(_("抽查领域"), default=list)
    regions = models.ManyToManyField(
        "orgs.OrgUnit",
        blank=True,
        related_name="+",
        verbose_name=_("抽查地区"),
        help_text=_("不选则为本单位全辖"),
    )
    target_count = models.PositiveIntegerField(_("抽取家数"), null=True, blank=True)
    target_percent = models.PositiveSmallIntegerField(_("抽取比例（%）"), null=True, blank=True)
    inspectors_per_entity = models.PositiveSmallIntegerField(_("每家检查人员数"), default=2)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    joint_departments = models.CharField(
        _("联合抽查部门"), max_length=300, blank=True, help_text=_("如 生态环境局、自然资源局")
    )
    avoid_own_region = models.BooleanField(
        _("本地区回避"), default=True, help_text=_("检查人员不检查本单位辖区内的市场主体")
    )
    publish_within_days = models.PositiveSmallIntegerField(
        _("公开时限（工作日）"), default=20, help_text=_("检查结束后多少个工作日内公开结果")
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    concluded_on = models.DateField(_("检查结束日期"), null=True, blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    warned_on = models.DateField(_("临期提醒日期"), null=True, blank=True)

    objects = SamplingPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("抽查计划")
        verbose_name_plural = _("抽查计划")
        ordering = ["-starts_on", "pk"]
        constraints = [
            # The 双随机 rules: at least two inspectors per entity.
            models.CheckConstraint(
                condition=Q(inspectors_per_entity__gte=2), name="plan_two_inspectors_at_least"
            ),
            models.CheckConstraint(
                condition=Q(target_count__isnull=False, target_percent__isnull=True)
                | Q(target_count__isnull=True, target_percent__isnull=False),
                name="plan_count_or_percent",
            ),
            models.CheckConstraint(
                condition=Q(target_percent__isnull=True)
                | Q(target_percent__gte=1, target_percent__lte=100),
                name="plan_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="plan_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def field_labels(self) -> list[str]:
        labels = dict(Field.choices)
        return [str(labels.get(f, f)) for f in self.fields]

    def publication_due(self) -> datetime.date | None:
        """The last day of publication: the limit in working days after the conclusion."""
        if self.concluded_on is None:
            return None
        return add_working_days(self.concluded_on, self.publish_within_days)


class Draw(models.Model):
    """One draw (抽取) of a plan, kept for good: the seed, the ordered candidate lists it was
    drawn from, the pairs excluded by 回避, and what came out. A third party can replay it
    (`inspections.draw`). A redraw is a new row with its reason; none is ever changed."""

    plan = models.ForeignKey(
        SamplingPlan, on_delete=models.CASCADE, related_name="draws", verbose_name=_("抽查计划")
    )
    number = models.PositiveSmallIntegerField(_("第几次抽取"))
    seed = models.CharField(_("随机种子"), max_length=64)
    reason = models.TextField(_("重新抽取原因"), blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("抽取人"),
    )
    drawn_at = models.DateTimeField(_("抽取时间"), auto_now_add=True)
    entity_candidates = models.JSONField(_("待抽市场主体（按信用代码排序）"), default=list)
    inspector_candidates = models.JSONField(_("待抽检查人员（按执法证号排序）"), default=list)
    excluded_pairs = models.JSONField(_("回避组合"), default=list)
    count = models.PositiveIntegerField(_("应抽家数"))
    per_entity = models.PositiveSmallIntegerField(_("每家检查人员数"))
    outcome = models.JSONField(_("抽取结果"), default=dict)

    class Meta:
        verbose_name = _("抽取记录")
        verbose_name_plural = _("抽取记录")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="draw_number_per_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} #{self.number}"


class InspectionTarget(TimeStampedModel):
    """An entity drawn for inspection (抽查对象) with its inspectors, and the result once
    inspected: date, findings, outcome, documents and photos, and the follow-up of 整改."""

    class Outcome(models.TextChoices):
        NO_PROBLEM = "no_problem", _("未发现问题")
        RECTIFY = "rectify", _("发现问题已责令整改")
        CASE = "case", _("立案查处")
        NOT_OPERATING = "not_operating", _("未发现开展经营活动")
        UNREACHABLE = "unreachable", _("通过登记的住所无法联系")

    class Rectification(models.TextChoices):
        NONE = "", _("无需整改")
        OPEN = "open", _("整改中")
        CLOSED = "closed", _("已整改")

    # Outcomes counted as 发现问题 in the statistics and needing 整改.
    PROBLEM_OUTCOMES = (Outcome.RECTIFY, Outcome.CASE)

    plan = models.ForeignKey(
        SamplingPlan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("抽查计划")
    )
    draw = models.ForeignKey(
        Draw, on_delete=models.CASCADE, related_name="targets", verbose_name=_("抽取记录")
    )
    entity = models.ForeignKey(
        "entities.MarketEntity",
        on_delete=models.PROTECT,
        related_name="inspection_targets",
        verbose_name=_("市场主体"),
    )
    position = models.PositiveSmallIntegerField(_("抽中顺序"))
    inspectors = models.ManyToManyField(
        Inspector, related_name="targets", verbose_name=_("检查人员")
    )
    inspected_on = models.DateField(_("检查日期"), null=True, blank=True)
    findings = models.TextField(_("检查情况"), blank=True)
    outcome = models.CharField(_("检查结果"), max_length=20, choices=Outcome.choices, blank=True)
    rectification = models.CharField(
        _("整改情况"), max_length=10, choices=Rectification.choices, blank=True
    )
    rectification_due = models.DateField(_("整改期限"), null=True, blank=True)
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    rectification_note = models.TextField(_("整改说明"), blank=True)

    class Meta:
        verbose_name = _("抽查对象")
        verbose_name_plural = _("抽查对象")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "entity"], name="target_entity_once_per_draw"),
        ]
        indexes = [
            # The statistics pre-fill counts results by outcome over a subtree's plans.
            models.Index(fields=["plan", "outcome"], name="target_plan_outcome_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.entity}"

    @property
    def has_result(self) -> bool:
        return bool(self.outcome)


class InspectionFile(TimeStampedModel):
    """A document (检查记录、责令整改通知书 … as PDF, DOCX or XLSX) or photo of an inspection,
    stored through Django's storage API; the type is read from the content."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("图片")
        DOCUMENT = "document", _("文书")

    target = models.ForeignKey(
        InspectionTarget, on_delete=models.CASCADE, related_name="files", verbose_name=_("抽查对象")
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("文件"), upload_to="inspections/%Y/%m/", max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("内容类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("检查文书/图片")
        verbose_name_plural = _("检查文书/图片")
        ordering = ["target", "pk"]

    def __str__(self) -> str:
        return self.original_name
