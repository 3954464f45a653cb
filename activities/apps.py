from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("活动")

    def ready(self) -> None:
        from activities import tallies
        from core import tallies as registry

        tallies.connect()
        registry.register("activities", tallies.rebuild)
