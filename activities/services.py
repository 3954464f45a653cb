"""Writes to activities: create, copy, edit (with optimistic locking), participants, status."""

from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities import tallies
from activities.collectives import collective_units
from activities.models import Activity, ActivityParticipant
from activities.windows import window_dates
from campaigns.models import Notice
from core.audit import log_bulk_created, set_actor
from core.errors import ConflictError
from exports.schedule_xlsx import RowError, ScheduleImport, read_schedule
from orgs import scoping
from orgs.matching import NameMatcher

# Said by the services and by the table page, which offers no new row on an issued plan.
PLAN_ISSUED_NO_NEW_ACTIVITY = gettext_lazy("已印发的方案不能新增活动，请使用“更正”。")
PLAN_ISSUED_NO_IMPORT = gettext_lazy("已印发的方案不能导入活动，请使用“更正”。")
# Also said by the import preview (imports.forms) for a time it cannot read.
WINDOW_UNREADABLE = gettext_lazy(
    "无法识别时间安排“%(text)s”，请写成如 9月、9-10月、9月中旬、全年。"
)

ACTIVITY_FIELDS = {
    "position",
    "section",
    "title",
    "content",
    "category",
    "window_text",
    "status",
    "completion_note",
    "is_public",
    "location",
    "remarks",
    "implements",
}
# What may still change once the plan is issued: how the activity is going, not what it is.
PROGRESS_FIELDS = {"status", "completion_note", "is_public", "location"}


def _apply_window(activity: Activity, year: int) -> None:
    text = activity.window_text.strip()
    if not text:
        activity.starts_on = activity.ends_on = None
        return
    dates = window_dates(text, year)
    if dates is None:
        raise ValidationError({"window_text": WINDOW_UNREADABLE % {"text": text}})
    activity.starts_on, activity.ends_on = dates


def participants_set(
    activity: Activity, *, leads: list[str], supports: list[str], matcher: NameMatcher | None = None
) -> list[ActivityParticipant]:
    """Replace the activity's lead and supporting units by `leads` / `supports` (names as
    written), linking each to a department or unit of the plan's unit where one matches, and
    a collective name (各监管所) to every unit it denotes (`activities.collectives`).
    """
    unit = activity.notice.unit
    matcher = matcher or NameMatcher(unit)
    activity.participants.all().delete()
    rows = []
    for role, names in (
        (ActivityParticipant.Role.LEAD, leads),
        (ActivityParticipant.Role.SUPPORT, supports),
    ):
        for position, name in enumerate(n.strip() for n in names if n.strip()):
            found = matcher.match(name)
            rows.append(
                ActivityParticipant(
                    activity=activity,
                    role=role,
                    name=name,
                    unit=found.unit,
                    department=found.department,
                    position=position,
                )
            )
    rows = ActivityParticipant.objects.bulk_create(rows)
    log_bulk_created(rows)
    covered: dict[str, list[int]] = {}
    links = []
    for row in rows:
        if row.unit_id or row.department_id:
            continue
        if row.name not in covered:
            units = collective_units(row.name, unit)
            covered[row.name] = list(units.values_list("pk", flat=True)) if units else []
        links += [
            ActivityParticipant.covered_units.through(activityparticipant_id=row.pk, orgunit_id=pk)
            for pk in covered[row.name]
        ]
    ActivityParticipant.covered_units.through.objects.bulk_create(links)
    return rows


def _issued_locked(notice: Notice) -> bool:
    """Whether the notice is issued, read under a lock on it: notice_issue takes the same
    lock, so an activity added while the plan is being issued either lands before the issue
    (and is counted by it as public) or is refused, never counted as in a draft."""
    return (
        Notice.objects.select_for_update()
        .filter(pk=notice.pk)
        .values_list("status", flat=True)
        .get()
        == Notice.Status.ISSUED
    )


@transaction.atomic
def activity_create(
    *, actor, notice: Notice, title: str, leads=(), supports=(), matcher=None, **fields
) -> Activity:
    scoping.require(actor, scoping.Action.EDIT, notice.unit)
    if _issued_locked(notice):
        raise ValidationError(PLAN_ISSUED_NO_NEW_ACTIVITY)
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise TypeError(f"unknown activity fields: {sorted(unknown)}")
    if "position" not in fields:
        last = notice.activities.order_by("-position").values_list("position", flat=True).first()
        fields["position"] = (last or 0) + 1
    with set_actor(actor):
        activity = Activity(notice=notice, title=title, **fields)
        _apply_window(activity, notice.campaign.year)
        activity.full_clean()
        activity.save()
        participants_set(activity, leads=list(leads), supports=list(supports), matcher=matcher)
    return activity


# What a copy takes over from the activity it implements (`activities_copy`).
COPIED_FIELDS = ("section", "title", "content", "category", "window_text", "starts_on", "ends_on")


@transaction.atomic
def activities_copy(*, actor, notice: Notice, sources: Iterable[Activity]) -> list[Activity]:
    """Append to the draft `notice` a copy of each of `sources` (a superior's activities),
    each linked to the activity it implements (`implements`), numbered after the plan's own.

    The copies keep the superior's dates as they are rather than reading `window_text` again:
    a superior's window was read in the superior's campaign year, and an imported superior may
    hold a window the form would not accept. Participants are not copied; each level names its
    own. One INSERT for all, with an audit entry for each copy as a single save writes.
    """
    scoping.require(actor, scoping.Action.EDIT, notice.unit)
    if _issued_locked(notice):
        raise ValidationError(PLAN_ISSUED_NO_NEW_ACTIVITY)
    last = notice.activities.aggregate(last=Max("position"))["last"] or 0
    copies = [
        Activity(
            notice=notice,
            position=last + offset,
            implements=source,
            **{name: getattr(source, name) for name in COPIED_FIELDS},
        )
        for offset, source in enumerate(sources, start=1)
    ]
    with set_actor(actor):
        copies = Activity.objects.bulk_create(copies)
        log_bulk_created(copies)
        # bulk_create sends no save signal: count the copies here.
        tallies.activities_added(copy.pk for copy in copies)
    return copies


@transaction.atomic
def activity_update(
    *, actor, activity: Activity, version: int | None, leads=None, supports=None, **fields
) -> Activity:
    """Edit an activity. `version` is the one the user loaded: if someone saved in between,
    ConflictError is raised and nothing is written (the caller keeps the user's input)."""
    # The activity's row only: locking the joined campaign and unit too would make every
    # edit in the campaign wait for each other, and deadlock with the tallies' inserts, which
    # take a key-share lock on them (their foreign keys).
    activity = (
        Activity.objects.select_for_update(of=("self",))
        .select_related("notice__campaign", "notice__unit")
        .get(pk=activity.pk)
    )
    scoping.require(actor, scoping.Action.EDIT, activity.notice.unit)
    if version is not None and activity.version != version:
        raise ConflictError(activity.version)
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise TypeError(f"unknown activity fields: {sorted(unknown)}")
    if activity.notice.is_issued and (
        set(fields) - PROGRESS_FIELDS or leads is not None or supports is not None
    ):
        raise ValidationError(_("方案已印发，只能更新活动的进展情况；其他内容请通过“更正”修改。"))
    with set_actor(actor):
        for name, value in fields.items():
            setattr(activity, name, value)
        if "window_text" in fields:
            _apply_window(activity, activity.notice.campaign.year)
        activity.version += 1
        activity.full_clean()
        activity.save()
        if leads is not None or supports is not None:
            participants_set(
                activity,
                leads=leads if leads is not None else [p.name for p in activity.leads()],
                supports=supports
                if supports is not None
                else [p.name for p in activity.supports()],
            )
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    scoping.require(actor, scoping.Action.EDIT, activity.notice.unit)
    if activity.notice.is_issued:
        raise ValidationError(_("已印发的方案不能删除活动，请使用“更正”。"))
    with set_actor(actor):
        activity.delete()


# --- Order and the schedule XLSX ---------------------------------------------------------


@transaction.atomic
def activity_move(*, actor, activity: Activity, offset: int) -> None:
    """Move the activity `offset` places up (negative) or down in its plan's order (序号),
    renumbering the plan's activities 1, 2, 3 … so that gaps left by deletions close."""
    notice = activity.notice
    scoping.require(actor, scoping.Action.EDIT, notice.unit)
    if notice.is_issued:
        raise ValidationError(_("方案已印发，不能调整活动顺序。"))
    rows = list(notice.activities.select_for_update().order_by("position", "pk"))
    index = next(i for i, row in enumerate(rows) if row.pk == activity.pk)
    target = max(0, min(len(rows) - 1, index + offset))
    rows.insert(target, rows.pop(index))
    with set_actor(actor):
        for position, row in enumerate(rows, start=1):
            if row.position != position:
                row.position = position
                # Only the order changes; the version stays so open row forms remain valid.
                row.save(update_fields=["position", "updated_at"])


def schedule_import(
    *, actor, notice: Notice, file, replace: bool = False, max_bytes: int
) -> ScheduleImport:
    """Import an activity schedule XLSX (Yong'an's 附件2 columns) into a draft plan.

    All or nothing: when any row has an error the result lists every error (row as Excel
    numbers it, column, message) and nothing is written. Otherwise the rows are appended
    after the plan's activities, or replace them when `replace` is set, in one transaction.
    Raises ScheduleFileError when the file as a whole is unusable.
    """
    scoping.require(actor, scoping.Action.EDIT, notice.unit)
    if notice.is_issued:
        raise ValidationError(PLAN_ISSUED_NO_IMPORT)
    year = notice.campaign.year
    matcher = NameMatcher(notice.unit)

    def known(name: str) -> bool:
        # What the table shows without 未匹配: a unit, a department, or a collective name
        # that denotes units (participants_set links it to them).
        found = matcher.match(name)
        if found.unit or found.department:
            return True
        units = collective_units(name, notice.unit)
        return units is not None and units.exists()

    result = read_schedule(
        file,
        parse_window=lambda text: window_dates(text, year),
        known_units=known,
        max_bytes=max_bytes,
        translate=_,
    )
    if result.ok:
        _schedule_rows_create(
            actor=actor, notice=notice, result=result, replace=replace, matcher=matcher
        )
    return result


@transaction.atomic
def _schedule_rows_create(*, actor, notice, result: ScheduleImport, replace, matcher) -> None:
    if replace:
        with set_actor(actor):
            for activity in notice.activities.all():
                activity.delete()
        start = 0
    else:
        start = notice.activities.aggregate(last=Max("position"))["last"] or 0
    for offset, row in enumerate(sorted(result.rows, key=lambda r: r.seq), start=1):
        try:
            activity_create(
                actor=actor,
                notice=notice,
                title=row.theme,
                content=row.content,
                window_text=row.window,
                remarks=row.remark,
                position=start + offset,
                leads=row.lead_units,
                supports=row.support_units,
                matcher=matcher,
            )
        except ValidationError as error:
            # A cell too long for its column, say: report it like the reader's errors.
            for field, messages in error.message_dict.items():
                column = IMPORT_COLUMNS.get(field, field)
                result.errors.extend(RowError(row.source_row or 0, column, m) for m in messages)
    if result.errors:
        transaction.set_rollback(True)
        result.rows.clear()
        result.windows.clear()


IMPORT_COLUMNS = {
    "title": "活动主题",
    "content": "活动内容",
    "window_text": "时间安排",
    "remarks": "备注",
    NON_FIELD_ERRORS: "—",
}
