from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("公众服务")

    def ready(self) -> None:
        from core.personal_data import register_expiry
        from public.services import personal_data_expire_report

        register_expiry("public", personal_data_expire_report)

        from public import tallies

        tallies.connect()
