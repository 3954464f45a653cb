from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("企业帮扶")

    def ready(self) -> None:
        # reports sits below assistance in the house and may not import it: the report
        # pre-fill learns 帮扶企业数 and 解决问题数 through its registry instead.
        from assistance.figures import register_figures

        register_figures()

        # Likewise core's expire_personal_data learns how this app erases old contacts.
        from assistance.services import personal_data_expire_report
        from core.personal_data import register_expiry

        register_expiry("assistance", personal_data_expire_report)
