"""Bulletins to the superior and reminders of due reports."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from core.audit import set_actor
from notifications.services import notify
from orgs import scoping
from orgs.models import OrgUnit
from reports import rules
from reports.models import (
    Bulletin,
    ExpectedReport,
    ReportRequirement,
    SentReminder,
)

# --- Bulletins ----------------------------------------------------------------------------

# One message per kind, so that each reader sees the kind in their own language.
MSG_URGENT_TITLE = gettext_noop("【重要情况】%(unit)s：%(title)s")
MSG_PROGRESS_TITLE = gettext_noop("【进展情况】%(unit)s：%(title)s")


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
            title=MSG_URGENT_TITLE if kind == Bulletin.Kind.URGENT else MSG_PROGRESS_TITLE,
            title_params={"unit": unit.name, "title": bulletin.title},
            body=body,
            link=reverse("reports:bulletin_detail", args=[bulletin.pk]),
        )
    return bulletin


# --- Reminders ----------------------------------------------------------------------------


def reminder_days_before() -> int:
    return getattr(settings, "QM_REMINDER_DAYS_BEFORE", 3)


MSG_REMINDED = gettext_noop("已向 %(n)s 个单位发送催报提醒。")
MSG_ALREADY_REMINDED = gettext_noop("%(n)s 个单位今天已催办过同一报送要求，未重复发送：%(units)s。")
MSG_REMIND_TITLE = gettext_noop("请按时报送：%(t)s（截止日期：%(d)s）")


@dataclass
class ReminderOutcome:
    """What a 催办 did: the units reminded, and those left alone because they had already
    been reminded of the same requirement today."""

    sent: list[ExpectedReport] = field(default_factory=list)
    already: list[ExpectedReport] = field(default_factory=list)

    def message(self) -> str:
        """What the sender reads: how many were reminded, and who was not, and why."""
        text = _(MSG_REMINDED) % {"n": len(self.sent)}
        if self.already:
            separator = pgettext("list separator", "、")
            text += _(MSG_ALREADY_REMINDED) % {
                "n": len(self.already),
                "units": separator.join(e.unit.display_name for e in self.already),
            }
        return text


def _remind(expected: ExpectedReport, kind: str, today: datetime.date, actor=None) -> bool:
    """Remind one unit of one requirement, at most once a day whatever the kind (automatic
    or 催办): the unique constraint on (unit's expected report, day) is the claim, so two
    clerks clicking at once, or the daily task running beside them, send one message."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(expected=expected, kind=kind, sent_on=today, sent_by=actor)
    except IntegrityError:
        return False
    requirement = expected.requirement
    due = requirement.due_date
    due_text = f"{due.year}年{due.month}月{due.day}日" if due else _("未定")
    # Only units that have not reported are reminded: past the due date they are overdue.
    overdue = rules.is_past_due(due=due, today=today)
    notify(
        units=[expected.unit],
        kind=f"reminder_{kind}",
        title=MSG_REMIND_TITLE,
        title_params={"t": requirement.notice.title, "d": due_text},
        body=(
            _("《%(t)s》的报送截止日期%(d)s已过，本单位尚未报送，请尽快登录平台填报。")
            if overdue
            else _("《%(t)s》的报送截止日期：%(d)s。请登录平台填报工作总结、统计表等材料。")
        )
        % {"t": requirement.notice.title, "d": due_text},
        link=reverse("reports:report_edit", args=[expected.pk]),
    )
    return True


@transaction.atomic
def reminders_send_due(*, today: datetime.date | None = None) -> int:
    """Send the automatic reminders that are due today: `QM_REMINDER_DAYS_BEFORE` days before
    the due date (or later, if the worker missed that day) and on the due date itself. Each
    is sent once per unit and requirement however often this runs, and never on a day the
    unit was already reminded of the requirement (催办)."""
    today = today or timezone.localdate()
    window_end = today + datetime.timedelta(days=reminder_days_before())
    pending = (
        ExpectedReport.objects.active()
        .exclude(rules.received_q())
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
def reminders_send(*, actor, expected: Iterable[ExpectedReport]) -> ReminderOutcome:
    """催办: remind each of these units of its requirement (one unit, or the list a
    supervision page shows: `selectors.supervision_pending`). The actor must be allowed to
    edit each requirement's issuing unit; a unit already reminded of the same requirement
    today is left alone and named in the outcome."""
    today = timezone.localdate()
    outcome = ReminderOutcome()
    with set_actor(actor):
        for row in expected:
            scoping.require(actor, scoping.Action.EDIT, row.requirement.notice.unit)
            if row.removed_at is not None:
                continue
            if _remind(row, SentReminder.Kind.MANUAL, today, actor):
                outcome.sent.append(row)
            else:
                outcome.already.append(row)
    return outcome


@transaction.atomic
def reminders_send_manual(
    *, actor, requirement: ReportRequirement, expected_ids: list[int] | None = None
) -> int:
    """One click: remind the units that have not reported (all of them, or those listed).
    A unit is reminded at most once a day."""
    scoping.require(actor, scoping.Action.EDIT, requirement.notice.unit)
    rows = (
        requirement.expected.active()
        .exclude(rules.received_q())
        .select_related("unit", "requirement__notice__unit")
    )
    if expected_ids is not None:
        rows = rows.filter(pk__in=expected_ids)
    return len(reminders_send(actor=actor, expected=rows).sent)
