"""The 新建抽查计划 link on an activity's row: a sampling plan hangs off an activity, and the
clerk who plans the activity is the one who starts its plan from there."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from activities import row_actions
from activities.models import Activity


def _plan_new_url(activity: Activity) -> str | None:
    if activity.status == Activity.Status.CANCELLED:
        return None  # the plan form does not offer cancelled activities
    return f"{reverse('inspections:plan_new')}?{urlencode({'activity': activity.pk})}"


def register_row_actions() -> None:
    row_actions.register(row_actions.RowAction(label=_("新建抽查计划"), url=_plan_new_url))
