"""Reads of the accounts app: the login history (登录记录) from django-axes' own records —
AccessLog holds each successful login (and its logout), AccessFailureLog each failed one
(settings.AXES_ENABLE_ACCESS_FAILURE_LOG)."""

from axes.models import AccessFailureLog, AccessLog
from django.db.models import BooleanField, DateTimeField, F, QuerySet, Value
from django.db.models.functions import Cast


def login_history(usernames: list[str]) -> QuerySet:
    """Successful and failed logins of `usernames`, newest first, as dicts with `username`,
    `address`, `user_agent`, `attempt_time`, `succeeded`, `locked`, `logout`:
    one UNION query, so that a page of it is one query however long the history."""
    columns = ["username", "address", "user_agent", "attempt_time", "succeeded", "locked"]
    succeeded = (
        AccessLog.objects.filter(username__in=usernames)
        .annotate(
            address=F("ip_address"),
            succeeded=Value(True, BooleanField()),
            locked=Value(False, BooleanField()),
            logout=Cast("logout_time", DateTimeField()),
        )
        .values(*columns, "logout")
    )
    failed = (
        AccessFailureLog.objects.filter(username__in=usernames)
        .annotate(
            address=F("ip_address"),
            succeeded=Value(False, BooleanField()),
            locked=Cast("locked_out", BooleanField()),
            logout=Value(None, DateTimeField()),
        )
        .values(*columns, "logout")
    )
    # Both sides list their columns in the same order (Django 5.2 keeps values()' order).
    return succeeded.union(failed, all=True).order_by("-attempt_time")
