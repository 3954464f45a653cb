from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class CampaignQuerySet(models.QuerySet):
    def current(self) -> "Campaign | None":
        """This year's campaign, or the latest one before it."""
        return self.order_by("-year").first()


class Campaign(TimeStampedModel):
    """The yearly Quality Month (质量月) campaign, with the theme (活动主题) the national notice
    sets each August. Past years stay browsable.
    """

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    theme = models.CharField(_("活动主题"), max_length=200)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("质量月活动")
        verbose_name_plural = _("质量月活动")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1978) & Q(year__lte=2100), name="campaign_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return _("%(year)s年质量月") % {"year": self.year}

    def national_slogans(self) -> models.QuerySet["Slogan"]:
        return self.slogans.filter(unit__kind="national").order_by("position")


class Slogan(TimeStampedModel):
    """A campaign slogan (口号) in one unit's list. The national list comes with the national
    notice; a province or county reuses it and localizes lines (湖南: 质量强国 → 质量强省, plus
    树立湖南质量形象), keeping a link to the line it was derived from.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="slogans", verbose_name=_("活动")
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.CASCADE, related_name="slogans", verbose_name=_("单位")
    )
    text = models.CharField(_("口号"), max_length=200)
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    derived_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="localized",
        verbose_name=_("来源口号"),
    )

    class Meta:
        verbose_name = _("口号")
        verbose_name_plural = _("口号")
        ordering = ["campaign", "unit", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "text"], name="slogan_unique_text_per_list"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class NoticeQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view") -> "NoticeQuerySet":
        """Notices the user may see (or edit, for action="edit").

        Seeing: everything issued or drafted by units in the user's subtrees, plus issued
        notices delivered to one of the user's units or to an ancestor of it (a county sees
        the notice the province received from the nation). Editing: only the own subtree.
        """
        from orgs import scoping

        if scoping.scope_paths(user, action) is None:
            # Everywhere (a superuser). Not left to `own | received` below: `scope_q` says
            # "everywhere" with an empty Q, and `Q() | X` is just X, so a superuser would see
            # only the issued notices delivered somewhere, and get 404 on every draft.
            return self.all()
        own = scoping.scope_q(user, action, path_field="unit__path")
        if action != scoping.Action.VIEW:
            return self.filter(own)
        received = Delivery.objects.filter(
            scoping.scope_q(user, action, path_field="recipient__path", include_ancestors=True)
        ).values("notice_id")
        return self.filter(own | Q(pk__in=received, status=Notice.Status.ISSUED))

    def issued(self) -> "NoticeQuerySet":
        return self.filter(status=Notice.Status.ISSUED)


class Notice(TimeStampedModel):
    """An official document (公文) of the campaign: a notice (通知) or a plan (方案 / 实施方案)
    issued by one unit, possibly jointly with others (联合发文), based on (根据) the superior
    notice(s) it implements. Drafts are edited freely; once issued (印发) a notice changes
    only through a recorded correction (`NoticeCorrection`).
    """

    class Kind(models.TextChoices):
        NOTICE = "notice", _("通知")
        PLAN = "plan", _("方案")
        # 督查通报: the superior's report on a reporting round, generated from the figures.
        CIRCULAR = "circular", _("通报")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        ISSUED = "issued", _("已印发")

    class Publication(models.TextChoices):
        PUBLIC = "public", _("主动公开")
        ON_REQUEST = "on_request", _("依申请公开")
        NOT_PUBLIC = "not_public", _("不予公开")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="notices", verbose_name=_("活动")
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.PROTECT,
        related_name="notices",
        verbose_name=_("制发单位"),
    )
    kind = models.CharField(_("文种"), max_length=10, choices=Kind.choices, default=Kind.PLAN)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    doc_number = models.CharField(_("发文字号"), max_length=100, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    issuer_names = models.JSONField(
        _("发文机关"), default=list, blank=True, help_text=_("联合发文时依次列出")
    )
    recipients_text = models.TextField(_("主送机关"), blank=True)
    recipient_units = models.ManyToManyField(
        "orgs.OrgUnit",
        blank=True,
        related_name="+",
        verbose_name=_("接收单位"),
        help_text=_("印发后送达这些单位的收文箱"),
    )
    co_organizers = models.ManyToManyField(
        "orgs.OrgUnit",
        blank=True,
        related_name="co_organized_notices",
        verbose_name=_("联合主办单位"),
    )
    issue_date = models.DateField(_("成文日期"), null=True, blank=True)
    publication = models.CharField(
        _("公开属性"), max_length=12, choices=Publication.choices, default=Publication.PUBLIC
    )
    theme = models.CharField(_("活动主题"), max_length=200, blank=True)
    body = models.JSONField(
        _("正文"),
        default=list,
        blank=True,
        help_text=_("分段正文：[{level, number, text}]，level 0 为普通段落"),
    )
    basis = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="implementations",
        verbose_name=_("依据"),
    )
    basis_text = models.JSONField(
        _("依据文号"), default=list, blank=True, help_text=_("平台中没有的上级文件的文号")
    )
    printing_line = models.CharField(_("印发机关"), max_length=200, blank=True)
    # GB/T 9704 7.4.2: the 抄送机关 printed in the 版记, as written ("省委办公厅，省政府办公厅").
    copied_to = models.TextField(_("抄送机关"), blank=True)
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("印发人"),
    )
    # Optimistic lock: each save bumps it; a save based on an older version is refused.
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("通知/方案")
        verbose_name_plural = _("通知/方案")
        ordering = ["-campaign__year", "unit__path", "-issue_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "doc_number"],
                condition=~Q(doc_number=""),
                name="notice_unique_doc_number_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(issue_date__isnull=False),
                name="notice_issued_has_date",
            ),
        ]
        indexes = [
            # The inbox and the superior's cascade view filter issued notices by unit.
            models.Index(fields=["unit", "status"], name="notice_unit_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("campaigns:notice_detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED


class NoticeAttachment(TimeStampedModel):
    """An attachment (附件) of a notice: the slogan list, the co-organizer list, the
    co-organizers' or localities' activities, the activity schedule table, or other text.
    """

    class Kind(models.TextChoices):
        SLOGANS = "slogans", _("活动口号")
        CO_ORGANIZERS = "co_organizers", _("联合主办单位名单")
        CO_ORGANIZER_ACTIVITIES = "co_organizer_activities", _("联合主办单位开展的主要活动")
        LOCALITY_ACTIVITIES = "locality_activities", _("各地开展的主要活动")
        SCHEDULE = "schedule", _("活动计划安排表")
        OTHER = "other", _("其他")

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("通知/方案")
    )
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    title = models.CharField(_("标题"), max_length=300)
    kind = models.CharField(_("类别"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    body = models.TextField(_("内容"), blank=True)
    # An uploaded DOCX/XLSX/PDF delivered with the notice; stored through the storage API,
    # so S3 is a setting. The name is the clerk's file name, the stored name is not.
    file = models.FileField(_("文件"), upload_to="notice-attachments/%Y/%m/", blank=True)
    file_name = models.CharField(_("文件名"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(_("文件大小"), default=0)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["notice", "position"]

    def __str__(self) -> str:
        return _("附件%(n)s：%(title)s") % {"n": self.position, "title": self.title}

    @property
    def generated_from(self) -> str:
        """What the exports print this attachment from, as it is at printing time: "slogans"
        (the unit's slogans), "activities" (the plan's activities), else "" (its own text or
        file). A circular carries the national list as text, not the unit's."""
        if self.kind == self.Kind.SCHEDULE:
            return "activities"
        if self.kind == self.Kind.SLOGANS and self.notice.kind != Notice.Kind.CIRCULAR:
            return "slogans"
        return ""


class Contact(TimeStampedModel):
    """A contact person (联系人) named in a notice, with phone/fax and e-mail."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("通知/方案")
    )
    name = models.CharField(_("联系人"), max_length=50)
    phone = models.CharField(_("电话（传真）"), max_length=100, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)

    class Meta:
        verbose_name = _("联系人")
        verbose_name_plural = _("联系人")
        ordering = ["notice", "pk"]

    def __str__(self) -> str:
        return self.name


class Delivery(models.Model):
    """An issued notice in a recipient unit's inbox (收文), with when it was first read."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("通知/方案")
    )
    recipient = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.CASCADE, related_name="inbox", verbose_name=_("接收单位")
    )
    delivered_at = models.DateTimeField(_("送达时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("收文")
        verbose_name_plural = _("收文")
        ordering = ["-delivered_at"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "recipient"], name="delivery_once_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.notice} → {self.recipient}"


class NoticeCorrection(models.Model):
    """A recorded correction (更正) of an issued notice: who changed what, and why."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("通知/方案")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("更正人"),
    )
    reason = models.TextField(_("更正理由"))
    changes = models.JSONField(_("更正内容"), default=dict)
    created_at = models.DateTimeField(_("更正时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("更正记录")
        verbose_name_plural = _("更正记录")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.notice} @ {self.created_at:%Y-%m-%d}"
