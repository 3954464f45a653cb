from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("公众服务")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from public.models import EventMessage, Poll, PollOption, PublicEvent, Registration

        auditlog.register(PublicEvent, exclude_fields=["updated_at"])
        # Personal data stays out of the audit trail: only the status changes are of interest.
        auditlog.register(Registration, mask_fields=["name", "phone"], exclude_fields=["code"])
        auditlog.register(EventMessage)
        auditlog.register(Poll, exclude_fields=["updated_at"])
        auditlog.register(PollOption)
