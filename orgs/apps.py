from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = _("组织机构")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from orgs.models import Department, Membership, OrgUnit

        auditlog.register(OrgUnit, exclude_fields=["path", "depth", "numchild", "updated_at"])
        auditlog.register(Department, exclude_fields=["updated_at"])
        auditlog.register(Membership, exclude_fields=["updated_at"])
