from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("双随机抽查")

    def ready(self) -> None:
        # reports sits below inspections in the house and may not import it: the report
        # pre-fill learns the inspection figures through its registry instead.
        from inspections.figures import register_figures
        from inspections.row_actions import register_row_actions

        register_figures()
        # activities sits below too: the 新建抽查计划 link on an activity's row.
        register_row_actions()
