from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("活动")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from activities.models import Activity, ActivityCategory, ActivityParticipant

        auditlog.register(Activity, exclude_fields=["updated_at", "version"])
        auditlog.register(ActivityCategory)
        auditlog.register(ActivityParticipant, exclude_fields=["updated_at"])
