from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Creation and last-change times, which every domain record carries."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class RateCounter(models.Model):
    """A rate-limit counter (限流计数): the hits of one client in one scope during one time
    window. Counted by one atomic upsert (`core.ratelimit.hit`), so parallel requests of
    the same client never read the same count."""

    key = models.CharField(_("键"), max_length=255, primary_key=True)
    hits = models.PositiveIntegerField(_("次数"))
    # Unix time after which the window is over and the row may be deleted.
    expires = models.BigIntegerField(_("过期时间"))

    class Meta:
        verbose_name = _("限流计数")
        verbose_name_plural = _("限流计数")
        # The prune deletes the windows that are over.
        indexes = [models.Index(fields=["expires"], name="core_ratecounter_expires")]

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
