"""Reads of activities: one plan's schedule table, one row, and a user's tasks (我的任务)."""

import datetime

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from activities.models import Activity, ActivityCategory, ActivityParticipant
from campaigns.models import Notice
from exports.documents import ScheduleRow
from orgs import scoping
from orgs.models import Membership

# An open task ending within this many days is marked 即将到期.
DUE_SOON_DAYS = 7
OPEN_STATUSES = (Activity.Status.PLANNED, Activity.Status.ONGOING)


def activity_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> Activity:
    """One activity with its participants; 404 / 403 as for its notice."""
    visible = (
        Activity.objects.for_user(user)
        .select_related("notice__unit", "notice__campaign", "category")
        .prefetch_related(_participants())
    )
    return scoping.get_for_user(
        visible, pk=pk, user=user, action=action, unit_of=lambda a: a.notice.unit
    )


def _participants() -> Prefetch:
    return Prefetch(
        "participants",
        # Only whether a collective name covers any unit is shown (未匹配 or not): a column of
        # the same query, not a query more.
        queryset=ActivityParticipant.objects.select_related("unit", "department")
        .annotate(
            covers_units=Exists(
                ActivityParticipant.covered_units.through.objects.filter(
                    activityparticipant_id=OuterRef("pk")
                )
            )
        )
        .order_by("role", "position"),
    )


def notice_activities(notice: Notice) -> list[Activity]:
    """The plan's activities in 序号 order, each with `seq` (1, 2, 3 … as the table shows)."""
    activities = list(
        notice.activities.select_related("category")
        .prefetch_related(_participants())
        .order_by("position", "pk")
    )
    for seq, activity in enumerate(activities, start=1):
        activity.seq = seq
    return activities


def activity_seq(activity: Activity) -> int:
    """The row number the table shows for one activity (its rank in the plan's order)."""
    before = Q(position__lt=activity.position) | Q(position=activity.position, pk__lt=activity.pk)
    return Activity.objects.filter(before, notice_id=activity.notice_id).count() + 1


def active_categories() -> QuerySet[ActivityCategory]:
    return ActivityCategory.objects.filter(is_active=True)


def participant_names(activity: Activity, role: str) -> str:
    """Names as the clerk writes them in one cell: 质量科、办公室."""
    return "、".join(p.name for p in activity.participants.all() if p.role == role)


def notice_schedule_rows(notice: Notice) -> list[ScheduleRow]:
    """The plan's activities as rows of Yong'an's 活动计划安排表."""
    Role = ActivityParticipant.Role
    return [
        ScheduleRow(
            seq=a.seq,
            theme=a.title,
            content=a.content,
            window=a.window_text,
            lead=participant_names(a, Role.LEAD),
            support=participant_names(a, Role.SUPPORT),
            remark=a.remarks,
        )
        for a in notice_activities(notice)
    ]


# --- 我的任务 ---------------------------------------------------------------------------


def _names_mine(my_units) -> Q:
    """Participants that name one of `my_units`: the unit, a department of it, or a
    collective name (各监管所) that covers it."""
    covering = ActivityParticipant.covered_units.through.objects.filter(
        orgunit_id__in=my_units
    ).values("activityparticipant_id")
    return Q(unit_id__in=my_units) | Q(department__unit_id__in=my_units) | Q(pk__in=covering)


def my_task_years(user) -> list[int]:
    """The campaign years in which `user`'s units are named in an issued activity (我的任务
    opens on the latest of them)."""
    my_units = Membership.objects.filter(user=user).values("unit_id")
    mine = _names_mine(my_units)
    named = ActivityParticipant.objects.filter(mine, activity=OuterRef("pk"))
    years = (
        Activity.objects.filter(notice__in=Notice.objects.for_user(user).issued())
        .filter(Exists(named))
        .order_by()
        .values_list("notice__campaign__year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


def my_tasks(
    user,
    *,
    role: str = "",
    status: str = "",
    today: datetime.date | None = None,
    year: int | None = None,
):
    """Activities of issued notices visible to `user` that name one of the user's units (or a
    department of one) as lead or support, by start date. Each carries `my_role` (牵头 wins
    over 配合 when both) and `flag` ("overdue", "due_soon" or "").

    One query for the rows and one for their participants, however many there are.
    """
    today = today or timezone.localdate()
    my_units = Membership.objects.filter(user=user).values("unit_id")
    mine = _names_mine(my_units)

    def named_as(participant_role):
        return Exists(
            ActivityParticipant.objects.filter(mine, activity=OuterRef("pk"), role=participant_role)
        )

    Role = ActivityParticipant.Role
    tasks = (
        Activity.objects.filter(notice__in=Notice.objects.for_user(user).issued())
        .annotate(is_lead=named_as(Role.LEAD), is_support=named_as(Role.SUPPORT))
        .filter(Q(is_lead=True) | Q(is_support=True))
        .select_related("notice__unit", "category")
        .prefetch_related(_participants())
        .order_by(F("starts_on").asc(nulls_last=True), "notice_id", "position", "pk")
    )
    if role == Role.LEAD:
        tasks = tasks.filter(is_lead=True)
    elif role == Role.SUPPORT:
        tasks = tasks.filter(is_lead=False)
    if status in Activity.Status.values:
        tasks = tasks.filter(status=status)
    if year is not None:
        tasks = tasks.filter(notice__campaign__year=year)
    tasks = list(tasks)
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    for task in tasks:
        task.my_role = Role.LEAD if task.is_lead else Role.SUPPORT
        task.my_role_label = task.my_role.label
        task.flag = ""
        if task.status in OPEN_STATUSES and task.ends_on:
            if task.ends_on < today:
                task.flag = "overdue"
            elif task.ends_on <= soon:
                task.flag = "due_soon"
    return tasks
