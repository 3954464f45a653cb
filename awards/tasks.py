"""E-mail of the awards' public side, sent by the task worker (`make worker`) like the inbox's
(notifications.tasks): a slow mail server never holds up the applicant's page."""

import logging

from django.conf import settings
from django.core import mail
from django_tasks import task

from awards.models import Application, EmailVerification

logger = logging.getLogger(__name__)


@task()
def send_applicant_email(
    *,
    subject: str,
    body: str,
    application_id: int | None = None,
    verification_id: int | None = None,
) -> bool:
    """E-mail one message to an applicant (who has no account): to the address of the
    application, or of the e-mail verification. The address is read when the worker sends,
    not queued with the task: the queue keeps a task's arguments in clear, while the address
    is encrypted at rest (core.personal_data)."""
    if application_id is not None:
        to = Application.objects.get(pk=application_id).email
    else:
        to = EmailVerification.objects.get(pk=verification_id).email
    message = mail.EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    try:
        message.send()
    except Exception:
        logger.exception(
            "Award applicant e-mail failed (application id=%s, verification id=%s)",
            application_id,
            verification_id,
        )
        raise
    return True
