from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> "NotificationQuerySet":
        """Messages in the inboxes of the units where the user holds a role (the unit itself,
        not its subtree: a province's clerk is not flooded with every county's mail)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(unit__memberships__user=user).distinct()

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message in a unit's in-platform inbox (站内消息): an urgent bulletin from below, a
    reminder to report, a returned report.

    A title the platform writes is stored as its message id and parameters as well, and is
    translated when shown, in the reader's language; `title` holds it as written in the
    language of the moment it was sent (the e-mail's subject, the admin's search), and is what
    a row without a message id (older rows) shows."""

    unit = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("接收单位"),
    )
    kind = models.CharField(_("类型"), max_length=30)
    title = models.CharField(_("标题"), max_length=200)
    title_msgid = models.CharField(_("标题原文"), max_length=200, blank=True)
    title_params = models.JSONField(_("标题参数"), default=dict, blank=True)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The inbox lists one unit's newest messages.
            models.Index(fields=["unit", "-created_at"], name="notification_inbox_idx"),
        ]

    def __str__(self) -> str:
        return self.shown_title

    @property
    def shown_title(self) -> str:
        """The title in the active language."""
        if not self.title_msgid:
            return self.title
        try:
            return gettext(self.title_msgid) % self.title_params
        except (KeyError, TypeError, ValueError):
            # A message whose placeholders changed since the row was written.
            return self.title
