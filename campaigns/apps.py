from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("质量月活动")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from campaigns.models import Campaign, Slogan

        auditlog.register(Campaign, exclude_fields=["updated_at"])
        auditlog.register(Slogan, exclude_fields=["updated_at"])
