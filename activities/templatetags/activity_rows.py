from django import template

from activities import row_actions as registry

register = template.Library()


@register.filter
def row_actions(activity) -> list[tuple[str, str]]:
    return registry.for_activity(activity)
