from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from notifications.models import Notification
from notifications.tasks import send_notification_email
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
    """Drop a message into each unit's inbox and, once the transaction commits, queue an
    e-mail to each of the unit's members who have an address; the task worker (`make worker`)
    sends it through Django's mail settings, so the mail server never holds up the request.

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
    # One message per address (a clerk in two units, or two accounts sharing an office
    # address, gets it once); the queue holds the user's id, the worker loads the address.
    recipients: dict[str, int] = {}
    for pk, address in (
        get_user_model()
        .objects.filter(memberships__unit__in=units, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", "email")
    ):
        recipients.setdefault(address, pk)
    if recipients:
        subject = f"[{settings.QM_SITE_NAME}] {title}"
        text = f"{body}\n\n{link}".strip() if link else body
        user_ids = [recipients[address] for address in sorted(recipients)]

        def enqueue_emails() -> None:
            for user_id in user_ids:
                send_notification_email.enqueue(user_id=user_id, subject=subject, body=text)

        # After the commit, and only the enqueueing: the mail server is the worker's business.
        transaction.on_commit(enqueue_emails, robust=True)
    return rows


def notification_mark_read(*, user, notification: Notification) -> Notification:
    if notification.read_at is None and scoping.can(user, scoping.Action.VIEW, notification.unit):
        Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=timezone.now())
        notification.refresh_from_db(fields=["read_at"])
    return notification
