from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("报送")

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_delete, pre_save

        from core import tallies as registry
        from orgs.models import OrgUnit
        from reports import tallies
        from reports.models import ExpectedReport, ReportRequirement

        registry.register("reports", tallies.rebuild)
        pre_delete.connect(tallies.expected_deleted, sender=ExpectedReport)
        pre_save.connect(tallies.unit_kind_before, sender=OrgUnit)
        post_save.connect(tallies.unit_kind_after, sender=OrgUnit)
        post_save.connect(tallies.requirement_saved, sender=ReportRequirement)
