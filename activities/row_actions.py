"""Links that apps above activities add to an activity's row in the 活动计划安排表.

activities sits below the apps whose work hangs off an activity (a 双随机 sampling plan is
attached to one), and may not import them. They register a row action here in their
AppConfig.ready(); the table shows it to whoever may edit the notice.
"""

from collections.abc import Callable
from dataclasses import dataclass

from activities.models import Activity


@dataclass(frozen=True)
class RowAction:
    label: str
    # The link for this activity, or None when the action does not apply to it.
    url: Callable[[Activity], str | None]


_actions: list[RowAction] = []


def register(action: RowAction) -> None:
    if action not in _actions:
        _actions.append(action)


def for_activity(activity: Activity) -> list[tuple[str, str]]:
    """(label, url) of every registered action that applies to `activity`."""
    return [
        (str(action.label), url) for action in _actions if (url := action.url(activity)) is not None
    ]
