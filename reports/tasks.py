"""Background work of the reporting flow, run by `manage.py db_worker`."""

import datetime

from django_tasks import task

from reports import services


@task()
def send_due_reminders(today: str | None = None) -> int:
    """Send today's automatic reminders (N days before and on the due date); safe to run
    any number of times a day: each reminder is recorded once. Returns how many went out."""
    day = datetime.date.fromisoformat(today) if today else None
    return services.reminders_send_due(today=day)
