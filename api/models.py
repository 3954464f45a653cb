import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


def hash_key(key: str) -> str:
    """SHA-256 of a token key. The keys are 256 random bits, so a fast hash is enough: there
    is nothing to guess that a slow hash would protect (unlike a password)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> "ApiTokenQuerySet":
        """Not revoked; expiry is checked by the caller, which must tell it apart (401 with
        its own message)."""
        return self.filter(revoked_at__isnull=True)


class ApiToken(TimeStampedModel):
    """A personal API token (接口令牌) with which a program acts as its user through the JSON
    API, with exactly the user's roles and subtrees. Only a hash of the key is stored; the key
    is shown once, when the token is created. Every token expires (`QM_API_TOKEN_DAYS` at
    most), so a key forgotten in an old script stops working by itself.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("用户"),
    )
    name = models.CharField(_("名称"), max_length=100, help_text=_("如 省局数据中心同步程序"))
    prefix = models.CharField(_("令牌开头"), max_length=12, help_text=_("用于辨认令牌"))
    key_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("到期时间"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["user", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="apitoken_name_not_empty"),
        ]

    def __str__(self) -> str:
        # The lazy string is translated here, in the active language (`%` returns a str).
        return _("%(name)s（%(prefix)s…）") % {"name": self.name, "prefix": self.prefix}

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())
