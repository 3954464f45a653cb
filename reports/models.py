from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class Material(models.TextChoices):
    """What a notice asks to be reported up (报送材料)."""

    SUMMARY = "工作总结", _("工作总结")
    STATISTICS = "统计表", _("统计表")
    PHOTOS = "图片", _("图片")
    VIDEOS = "视频", _("视频")
    CASES = "典型案例", _("典型案例")
    PROBLEMS = "问题与建议", _("问题与建议")
    PROGRESS = "进展情况", _("进展情况")


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

    class Meta:
        verbose_name = _("报送要求")
        verbose_name_plural = _("报送要求")
        ordering = ["due_date"]

    def __str__(self) -> str:
        return f"{self.notice}：{self.due_date or ''}"
