from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("质量奖评选")

    def ready(self) -> None:
        # core runs every app's erasure of personal data past its retention period
        # (manage.py expire_personal_data) and may not import this app.
        from awards.services import personal_data_expire_report
        from core.personal_data import register_expiry

        register_expiry("awards", personal_data_expire_report)
