"""Bulletins to the superior and reminders of due reports."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.audit import set_actor
from notifications.services import notify
from orgs import scoping
from orgs.models import OrgUnit
from reports.models import (
    Bulletin,
    ExpectedReport,
    ReportRequirement,
    SentReminder,
)

# --- Bulletins ----------------------------------------------------------------------------


@transaction.atomic
def bulletin_send(*, actor, unit: OrgUnit, kind: str, title: str, body: str) -> Bulletin:
    """Send an urgent bulletin or a progress update to the superior unit's inbox at once."""
    scoping.require(actor, scoping.Action.EDIT, unit)
    parent = OrgUnit.objects.get_parent(unit)
    if parent is None:
        raise ValidationError(_("本单位没有上级单位。"))
    with set_actor(actor):
        bulletin = Bulletin(
            unit=unit, to_unit=parent, kind=kind, title=title.strip(), body=body, author=actor
        )
        bulletin.full_clean()
        bulletin.save()
        notify(
            units=[parent],
            kind=f"bulletin_{kind}",
            # One message per kind, so that each reader sees the kind in their own language.
            title=(
                gettext_noop("【重要情况】%(unit)s：%(title)s")
                if kind == Bulletin.Kind.URGENT
                else gettext_noop("【进展情况】%(unit)s：%(title)s")
            ),
            title_params={"unit": unit.name, "title": bulletin.title},
            body=body,
            link=reverse("reports:bulletin_detail", args=[bulletin.pk]),
        )
    return bulletin


# --- Reminders ----------------------------------------------------------------------------


def reminder_days_before() -> int:
    return getattr(settings, "QM_REMINDER_DAYS_BEFORE", 3)


def _remind(expected: ExpectedReport, kind: str, today: datetime.date, actor=None) -> bool:
    try:
        with transaction.atomic():
            SentReminder.objects.create(expected=expected, kind=kind, sent_on=today, sent_by=actor)
    except IntegrityError:
        return False  # already reminded: the unique constraint is the claim
    requirement = expected.requirement
    due = requirement.due_date
    notify(
        units=[expected.unit],
        kind=f"reminder_{kind}",
        title=gettext_noop("请按时报送：%(t)s"),
        title_params={"t": requirement.notice.title},
        body=_("报送截止日期：%(d)s。请登录平台填报工作总结、统计表等材料。")
        % {"d": f"{due.year}年{due.month}月{due.day}日" if due else _("未定")},
        link=reverse("reports:report_edit", args=[expected.pk]),
    )
    return True


@transaction.atomic
def reminders_send_due(*, today: datetime.date | None = None) -> int:
    """Send the automatic reminders that are due today: `QM_REMINDER_DAYS_BEFORE` days before
    the due date (or later, if the worker missed that day) and on the due date itself. Each
    is sent once per unit and requirement however often this runs."""
    today = today or timezone.localdate()
    window_end = today + datetime.timedelta(days=reminder_days_before())
    pending = (
        ExpectedReport.objects.active()
        .exclude(report__status__in=("submitted", "accepted"))
        .filter(requirement__due_date__gte=today, requirement__due_date__lte=window_end)
        .select_related("unit", "requirement__notice")
    )
    sent = 0
    for expected in pending:
        kind = (
            SentReminder.Kind.DUE
            if expected.requirement.due_date == today
            else SentReminder.Kind.BEFORE
        )
        sent += _remind(expected, kind, today)
    return sent


@transaction.atomic
def reminders_send_manual(
    *, actor, requirement: ReportRequirement, expected_ids: list[int] | None = None
) -> int:
    """One click: remind the units that have not reported (all of them, or those listed).
    A unit is reminded at most once a day."""
    scoping.require(actor, scoping.Action.EDIT, requirement.notice.unit)
    rows = (
        requirement.expected.active()
        .exclude(report__status__in=("submitted", "accepted"))
        .select_related("unit", "requirement__notice")
    )
    if expected_ids is not None:
        rows = rows.filter(pk__in=expected_ids)
    today = timezone.localdate()
    with set_actor(actor):
        return sum(_remind(e, SentReminder.Kind.MANUAL, today, actor) for e in rows)
