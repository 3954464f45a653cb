from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("数据接口")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from api.models import ApiToken

        # The hash is no secret worth hiding, but nothing gains from logging it either.
        auditlog.register(ApiToken, exclude_fields=["key_hash", "last_used_at", "updated_at"])
