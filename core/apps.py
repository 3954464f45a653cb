from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("平台基础")

    def ready(self) -> None:
        from core.audit import register_audited_models

        register_audited_models()

        # A worker killed during an upload leaves its temporary file; the worker started
        # in its place (and any process starting) deletes it.
        from core.uploads import sweep

        sweep()
