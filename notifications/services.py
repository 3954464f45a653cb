from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from notifications.models import Notification
from orgs import scoping


def notify(
    *,
    units: Iterable,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    title_params: dict | None = None,
) -> list[Notification]:
    """Drop a message into each unit's inbox and, once the transaction commits, e-mail the
    unit's members who have an address (through Django's mail settings).

    With `title_params` (even empty), `title` is a message id marked with gettext_noop, such as
    "报送材料被退回：%(n)s": each reader sees it in their own language. The e-mail goes out in
    the language active now. Without, `title` is shown as it is (a user's text)."""
    units = list(units)
    msgid = ""
    if title_params is not None:
        msgid, title = title, gettext(title) % title_params
    rows = Notification.objects.bulk_create(
        [
            Notification(
                unit=u,
                kind=kind,
                title=title,
                title_msgid=msgid,
                title_params=title_params or {},
                body=body,
                link=link,
            )
            for u in units
        ]
    )
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(memberships__unit__in=units, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if recipients:
        text = f"{body}\n\n{link}".strip() if link else body
        messages = [
            mail.EmailMessage(
                subject=f"[{settings.QM_SITE_NAME}] {title}",
                body=text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[address],
            )
            for address in recipients
        ]
        transaction.on_commit(lambda: mail.get_connection().send_messages(messages))
    return rows


def notification_mark_read(*, user, notification: Notification) -> Notification:
    if notification.read_at is None and scoping.can(user, scoping.Action.VIEW, notification.unit):
        Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=timezone.now())
        notification.refresh_from_db(fields=["read_at"])
    return notification
