from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeedingConfig(AppConfig):
    """The demo loader and the national generator: the top of the house, so that they may
    build a world through every app's services while no app depends on them."""

    name = "seeding"
    verbose_name = _("演示与测试数据")
