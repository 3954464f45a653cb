"""Test helpers for the e-mail the inbox queues."""

import io

from django.core.management import call_command


def run_task_worker() -> None:
    """Run `manage.py db_worker` until the queue is empty, as `make worker` does in production.
    The worker opens its own transactions, so callers are `django_db(transaction=True)` tests."""
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
        stdout=io.StringIO(),
    )
