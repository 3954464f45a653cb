from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CascadeConfig(AppConfig):
    name = "cascade"
    verbose_name = _("逐级部署")

    def ready(self) -> None:
        from campaigns.hooks import notice_issued_register
        from cascade.services import expected_set_on_issue

        # Issuing a notice with a report requirement fills its expected set, whoever issues
        # it (campaigns sits below reports and cannot call it itself).
        notice_issued_register(expected_set_on_issue)
