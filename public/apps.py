from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("公众服务")

    def ready(self) -> None:
        from core.personal_data import register_expiry, register_rekey
        from public.services import personal_data_expire_report, registration_digests_rekey

        register_expiry("public", personal_data_expire_report)
        register_rekey("public.Registration.phone_hash", registration_digests_rekey)

        from public import tallies

        tallies.connect()
