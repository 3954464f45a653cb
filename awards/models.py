"""Quality awards (质量奖评选): a round a unit opens, the enterprises' applications, the
experts who score them and the public's objections during the 公示 of the shortlist."""

import hashlib
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, validate_email
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.personal_data import EncryptedTextField
from orgs import scoping

# GB/T 19580-2012 卓越绩效评价准则, clauses 4.1–4.7 with the points of its scoring table
# (1,000 in all). Issue #17 speaks of a "nine-part" scoring; the standard has seven
# categories, and the standard is followed here (README, 质量奖评选).
GB_T_19580_CRITERIA: list[tuple[str, int]] = [
    ("领导", 110),
    ("战略", 90),
    ("顾客与市场", 90),
    ("资源", 130),
    ("过程管理", 100),
    ("测量、分析与改进", 80),
    ("结果", 400),
]


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class AwardRoundQuerySet(models.QuerySet):
    def for_user(self, user, action: str = scoping.Action.VIEW) -> "AwardRoundQuerySet":
        return self.filter(scoping.scope_q(user, action, path_field="unit__path"))

    def public(self) -> "AwardRoundQuerySet":
        return self.exclude(status=AwardRound.Status.DRAFT)


class AwardRound(TimeStampedModel):
    """One round (届) of a quality award (质量奖评选), e.g. 第八届湖南省省长质量奖: opened by a
    unit, whose level it takes; its call (申报通知) is published on the public side, then
    screening, expert scoring, the shortlist's 公示 and the final list (获奖名单)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        CITY = "city", _("市级")
        COUNTY = "county", _("县级")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        OPEN = "open", _("申报中")
        PUBLICITY = "publicity", _("公示中")
        FINAL = "final", _("已公布")

    class Combination(models.TextChoices):
        MEAN = "mean", _("平均分")
        TRIMMED = "trimmed", _("去掉最高分和最低分后平均（3 位及以上专家）")

    unit = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.PROTECT,
        related_name="award_rounds",
        verbose_name=_("单位"),
    )
    name = models.CharField(_("名称"), max_length=200)
    edition = models.PositiveSmallIntegerField(_("届次"))
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices)
    call_text = models.TextField(_("申报通知"), blank=True)
    deadline = models.DateField(_("申报截止日期"))
    combination = models.CharField(
        _("计分方式"), max_length=10, choices=Combination.choices, default=Combination.MEAN
    )
    publicity_days = models.PositiveSmallIntegerField(_("公示天数"), default=7)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default="draft")
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    publicity_starts = models.DateField(_("公示开始"), null=True, blank=True)
    publicity_ends = models.DateField(_("公示截止"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    objects = AwardRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("质量奖评选")
        verbose_name_plural = _("质量奖评选")
        ordering = ["-deadline", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="award_round_name_not_empty"),
            models.CheckConstraint(
                condition=Q(publicity_days__gte=1), name="award_round_publicity_days_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("awards:round_detail", args=[self.pk])

    def total_points(self) -> int:
        return sum(c.points for c in self.criteria.all())

    def accepting(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and today <= self.deadline

    def in_publicity(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == self.Status.PUBLICITY
            and self.publicity_starts is not None
            and self.publicity_starts <= today <= self.publicity_ends
        )


class Criterion(models.Model):
    """A scoring item (评分项) of a round, e.g. GB/T 19580's 4.1 领导 with 110 points."""

    round = models.ForeignKey(
        AwardRound, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("评选")
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("评分项"), max_length=100)
    points = models.PositiveSmallIntegerField(_("分值"))

    class Meta:
        verbose_name = _("评分项")
        verbose_name_plural = _("评分项")
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "position"], name="award_criterion_position"),
            models.CheckConstraint(condition=Q(points__gte=1), name="award_criterion_points"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.points}）"


class EmailVerification(models.Model):
    """A one-time code e-mailed to an applicant (申报企业联系人) to prove the address; only its
    hash is stored. SMS is not available to the platform, so e-mail is the only channel."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="+")
    # Encrypted at rest (core.personal_data); a code is deleted a day after it expired.
    email = EncryptedTextField(
        _("电子邮箱"),
        purpose="awards.emailverification.email",
        validators=[validate_email, MaxLengthValidator(254)],
    )
    code_hash = models.CharField(max_length=64)
    # The browser holds this token (in its session) to continue once the code is confirmed.
    token = models.CharField(max_length=64, unique=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("邮箱验证")
        verbose_name_plural = _("邮箱验证")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email


class Application(TimeStampedModel):
    """An enterprise's application (申报) to a round, with its materials; the enterprise is a
    market entity of the directory. The applicant follows it through a secret link."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审查")
        RETURNED = "returned", _("退回补正")
        ACCEPTED = "accepted", _("审查通过")

    round = models.ForeignKey(
        AwardRound, on_delete=models.CASCADE, related_name="applications", verbose_name=_("评选")
    )
    entity = models.ForeignKey(
        "entities.MarketEntity",
        on_delete=models.PROTECT,
        related_name="award_applications",
        verbose_name=_("申报企业"),
    )
    # The applicant's contact person: personal data, encrypted at rest (core.personal_data),
    # kept out of the audit trail, erased after the retention period (anonymised_at).
    contact_name = EncryptedTextField(
        _("联系人"), purpose="awards.application.contact_name", validators=[MaxLengthValidator(50)]
    )
    email = EncryptedTextField(
        _("电子邮箱"),
        purpose="awards.application.email",
        validators=[validate_email, MaxLengthValidator(254)],
    )
    summary = models.TextField(_("申报说明"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    return_reason = models.TextField(_("退回原因"), blank=True)
    link_hash = models.CharField(max_length=64, unique=True, editable=False)
    shortlisted = models.BooleanField(_("入围"), default=False)
    awarded = models.BooleanField(_("获奖"), default=False)
    anonymised_at = models.DateTimeField(_("个人信息删除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("申报")
        verbose_name_plural = _("申报")
        ordering = ["round", "pk"]
        constraints = [
            # One application per enterprise and round: a double submit is refused.
            models.UniqueConstraint(fields=["round", "entity"], name="award_application_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.entity}"

    @staticmethod
    def new_link() -> str:
        return secrets.token_urlsafe(24)


class ApplicationFile(TimeStampedModel):
    """A document of an application (申报材料: 自评报告, 证书…), type read from its content."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="files", verbose_name=_("申报")
    )
    file = models.FileField(_("文件"), upload_to="awards/%Y/%m/", max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("内容类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("申报材料")
        verbose_name_plural = _("申报材料")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.original_name


class AwardExpert(models.Model):
    """A user serving as an expert (评审专家) of one round: the unit names its experts per round
    among the users of its subtree; an expert sees only the applications assigned to them."""

    round = models.ForeignKey(
        AwardRound, on_delete=models.CASCADE, related_name="experts", verbose_name=_("评选")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="award_expert_roles",
        verbose_name=_("专家"),
    )

    class Meta:
        verbose_name = _("评审专家")
        verbose_name_plural = _("评审专家")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="award_expert_once"),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username


class Assignment(TimeStampedModel):
    """An application assigned to an expert (分配评审): the expert first declares whether a
    conflict of interest (回避) applies; only without one may they see the materials and score."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("申报")
    )
    expert = models.ForeignKey(
        AwardExpert, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("专家")
    )
    declared_at = models.DateTimeField(_("回避声明时间"), null=True, blank=True)
    conflict = models.BooleanField(_("需回避"), default=False)
    conflict_reason = models.CharField(_("回避原因"), max_length=300, blank=True)
    scored_at = models.DateTimeField(_("评分提交时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评审分配")
        verbose_name_plural = _("评审分配")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="award_assignment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.expert}"

    def may_score(self) -> bool:
        return self.declared_at is not None and not self.conflict

    def total(self) -> Decimal:
        return sum((s.points for s in self.scores.all()), Decimal(0))


class Score(models.Model):
    """An expert's points on one criterion of one application (评分)."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("评审分配")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("评分项")
    )
    points = models.DecimalField(_("得分"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        ordering = ["assignment", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="award_score_once"),
            models.CheckConstraint(condition=Q(points__gte=0), name="award_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.points}"


class Objection(models.Model):
    """An objection (异议) filed by anyone against a shortlisted applicant during the 公示."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="objections", verbose_name=_("申报")
    )
    # Who objected and how to reach them: personal data like the applicant's contact.
    name = EncryptedTextField(
        _("姓名或单位"), purpose="awards.objection.name", validators=[MaxLengthValidator(100)]
    )
    contact = EncryptedTextField(
        _("联系方式"), purpose="awards.objection.contact", validators=[MaxLengthValidator(100)]
    )
    text = models.TextField(_("异议内容"))
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    anonymised_at = models.DateTimeField(_("个人信息删除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")
        ordering = ["application", "created_at"]

    def __str__(self) -> str:
        return f"{self.application} · {self.created_at:%Y-%m-%d}"
