from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("报送")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from reports import models

        auditlog.register(models.ReportRequirement, exclude_fields=["updated_at"])
        auditlog.register(models.StatisticField)
        auditlog.register(models.ExpectedReport, exclude_fields=["updated_at"])
        auditlog.register(models.Report, exclude_fields=["updated_at"])
        auditlog.register(models.TypicalCase, exclude_fields=["updated_at"])
        auditlog.register(models.ReportFile, exclude_fields=["updated_at"])
        auditlog.register(models.Bulletin, exclude_fields=["updated_at"])
