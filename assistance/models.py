"""Enterprise assistance (质量体检 / 一企一策 / 质量基础设施“一站式”服务): a service case per
enterprise, its diagnosis by field, the 一企一策 plan's measures, follow-up visits and the
outcome with the enterprise's satisfaction."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.personal_data import EncryptedTextField
from orgs import scoping


class ProblemField(models.TextChoices):
    """The quality-infrastructure fields a 质量体检 examines (Hunan's 质量体检进企业)."""

    METROLOGY = "metrology", _("计量")
    STANDARDS = "standards", _("标准")
    CERTIFICATION = "certification", _("认证认可")
    TESTING = "testing", _("检验检测")
    MANAGEMENT = "management", _("质量管理")
    IP = "ip", _("知识产权")
    BRAND = "brand", _("品牌")


class ServiceCaseQuerySet(models.QuerySet):
    def for_user(self, user, action: str = scoping.Action.VIEW) -> "ServiceCaseQuerySet":
        """Cases assigned to a unit in the subtrees where the user may do `action`."""
        return self.filter(scoping.scope_q(user, action, path_field="unit__path"))

    def in_subtree(self, unit) -> "ServiceCaseQuerySet":
        return self.filter(unit__path__startswith=unit.path)


class ServiceCase(TimeStampedModel):
    """One enterprise's assistance case (帮扶案例), assigned to the station or county that
    serves its region: requested by the enterprise on the public side or opened on a visit."""

    class Source(models.TextChoices):
        REQUEST = "request", _("企业申请")
        VISIT = "visit", _("走访发现")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("待受理")
        OPEN = "open", _("帮扶中")
        CLOSED = "closed", _("已办结")

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        FAIRLY = "fairly", _("基本满意")
        DISSATISFIED = "dissatisfied", _("不满意")

    entity = models.ForeignKey(
        "entities.MarketEntity",
        on_delete=models.PROTECT,
        related_name="service_cases",
        verbose_name=_("企业"),
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.PROTECT,
        related_name="service_cases",
        verbose_name=_("承办单位"),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_cases",
        verbose_name=_("活动年度"),
    )
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    needs = models.TextField(_("帮扶需求"), blank=True)
    # The enterprise's contact: personal data, encrypted at rest (core.personal_data), kept
    # out of the audit trail (core/audit.py), erased after the retention period once closed.
    contact_name = EncryptedTextField(
        _("联系人"),
        purpose="assistance.servicecase.contact_name",
        blank=True,
        validators=[MaxLengthValidator(50)],
    )
    contact_phone = EncryptedTextField(
        _("联系电话"),
        purpose="assistance.servicecase.contact_phone",
        blank=True,
        validators=[MaxLengthValidator(30)],
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("受理人"),
    )
    opened_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    outcome = models.TextField(_("帮扶成效"), blank=True)
    satisfaction = models.CharField(
        _("企业满意度"), max_length=15, choices=Satisfaction.choices, blank=True
    )
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("个人信息删除时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ServiceCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("帮扶案例")
        verbose_name_plural = _("帮扶案例")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(satisfaction=""),
                name="service_case_closed_has_satisfaction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entity.name}（{self.get_status_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("assistance:case_detail", args=[self.pk])


class Problem(models.Model):
    """A problem the diagnosis (质量体检) found, in one field."""

    case = models.ForeignKey(
        ServiceCase, on_delete=models.CASCADE, related_name="problems", verbose_name=_("案例")
    )
    field = models.CharField(_("领域"), max_length=15, choices=ProblemField.choices)
    description = models.TextField(_("问题描述"))
    solved = models.BooleanField(_("已解决"), default=False)

    class Meta:
        verbose_name = _("发现问题")
        verbose_name_plural = _("发现问题")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(description=""), name="problem_description"),
        ]

    def __str__(self) -> str:
        return f"{self.get_field_display()}：{self.description[:30]}"


class Measure(models.Model):
    """A measure of the 一企一策 plan: what, who is responsible (a unit or an expert), by when."""

    case = models.ForeignKey(
        ServiceCase, on_delete=models.CASCADE, related_name="measures", verbose_name=_("案例")
    )
    text = models.TextField(_("措施"))
    responsible = models.CharField(_("责任单位或专家"), max_length=100)
    due_on = models.DateField(_("完成时限"))
    done = models.BooleanField(_("已完成"), default=False)

    class Meta:
        verbose_name = _("帮扶措施")
        verbose_name_plural = _("帮扶措施")
        ordering = ["due_on", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="measure_text")]

    def __str__(self) -> str:
        return self.text[:40]

    def overdue(self, today=None) -> bool:
        return not self.done and self.due_on < (today or timezone.localdate())


class FollowUp(models.Model):
    """A follow-up visit (回访): when, who went, what they found."""

    case = models.ForeignKey(
        ServiceCase, on_delete=models.CASCADE, related_name="followups", verbose_name=_("案例")
    )
    visited_on = models.DateField(_("回访日期"))
    visitors = models.CharField(_("回访人员"), max_length=100)
    notes = models.TextField(_("回访情况"))

    class Meta:
        verbose_name = _("回访记录")
        verbose_name_plural = _("回访记录")
        ordering = ["visited_on", "pk"]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.visitors}"
