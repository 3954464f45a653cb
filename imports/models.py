from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class NoticeImportQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view") -> "NoticeImportQuerySet":
        """Imports made for units in the user's subtrees (editing: where the user may edit)."""
        from orgs import scoping

        return self.filter(scoping.scope_q(user, action, path_field="unit__path"))

    def pending(self) -> "NoticeImportQuerySet":
        return self.filter(status=NoticeImport.Status.PENDING)


class NoticeImport(TimeStampedModel):
    """An imported notice awaiting the clerk's check (公文导入): the uploaded file or pasted
    text, what the parser understood, and the clerk's corrections. Confirming it creates one
    draft notice of the importing unit; nothing is created before that.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        IMPORTED = "imported", _("已导入")
        DISCARDED = "discarded", _("已放弃")

    unit = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.CASCADE,
        related_name="notice_imports",
        verbose_name=_("导入单位"),
    )
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("导入人"),
    )
    # Through Django's storage API, so S3 in production and local files otherwise.
    file = models.FileField(_("原文件"), upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    source_text = models.TextField(_("识别出的文字"))
    parsed = models.JSONField(_("识别结果"), default=dict)
    edited = models.JSONField(_("核对后的内容"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    notice = models.OneToOneField(
        "campaigns.Notice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_import",
        verbose_name=_("生成的通知/方案"),
    )

    objects = NoticeImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("公文导入")
        verbose_name_plural = _("公文导入")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The import list shows a unit's pending imports, newest first.
            models.Index(fields=["unit", "status"], name="noticeimport_unit_status_idx"),
        ]

    def __str__(self) -> str:
        return self.data.get("title") or self.original_name or str(_("粘贴的文字"))

    @property
    def data(self) -> dict:
        """What the clerk sees and confirms: the corrections if any, else the parse."""
        return self.edited if self.edited is not None else self.parsed
