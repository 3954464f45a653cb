from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("报送")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from reports.models import ReportRequirement

        auditlog.register(ReportRequirement, exclude_fields=["updated_at"])
