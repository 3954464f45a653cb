"""E-mail of the awards' public side, sent by the task worker (`make worker`) like the inbox's
(notifications.tasks): a slow mail server never holds up the applicant's page."""

import logging

from django.conf import settings
from django.core import mail
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_applicant_email(*, to: str, subject: str, body: str) -> bool:
    """E-mail one message to an applicant's address (the applicant has no account)."""
    message = mail.EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    try:
        message.send()
    except Exception:
        logger.exception("Award applicant e-mail failed")
        raise
    return True
