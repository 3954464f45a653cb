"""E-mail of the inbox, run by `manage.py db_worker` (`make worker`), never in a request.

A slow mail server would stall the clerk's page and a failing one would answer 500 after the
data was saved; here the failure fails the task instead: it is logged and recorded in the
task results (admin: Django Tasks DB), and the in-platform message is already in the inbox."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_notification_email(*, user_id: int, subject: str, body: str) -> bool:
    """E-mail one message to one user, at the address the user has when the worker runs (the
    queue holds the user's id, not the address). Returns whether a message went out."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    message = mail.EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )
    try:
        message.send()
    except Exception:
        logger.exception("Notification e-mail to user id=%s failed", user_id)
        raise
    return True
