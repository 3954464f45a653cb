"""Activity counts kept on write (issue #19): `ActivityTally` for the dashboard and 督查督办,
`PublicCalendarTally` for the public home's month calendar.

Every write that can change what an activity counts for — its save (category, status,
window, public flag), its deletion (also by cascade), a bulk copy, its notice's issue or
move, its open day's time (public.PublicEvent, whose app calls in here), a category's
deletion — reads the activity's keys before and after, in its own transaction, and adds the
difference to the rows of every ancestor-or-self of the issuing unit with
`UPDATE … SET n = n + d`. Rows are inserted first when missing (INSERT … ON CONFLICT DO
NOTHING) and touched in one order (by key) so that two writers never deadlock; the activity
rows themselves are locked before they are read, so two writers of one activity count it once.

Saves and deletions are caught by model signals (`connect`), so the admin, the services and
scripts all keep the tallies; a bulk insert (activities_copy's bulk_create) sends none and
calls `activities_added`. No code updates activities with queryset.update().

`rebuild` recounts from the rows: the definition, used by `manage.py recount`, the tests and
the national generator (seeding.national) after its bulk load, which bypasses all of this.
"""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Case, Count, DateField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest, Least, TruncDate
from django.db.models.signals import post_save, pre_delete, pre_save
from django.utils import timezone

from activities.models import (
    NO_CATEGORY,
    NO_MONTH,
    Activity,
    ActivityCategory,
    ActivityTally,
    PublicCalendarTally,
)
from campaigns.models import Notice
from orgs.models import OrgUnit

# A counted key starts with the issuing unit's path (expanded to its ancestors on apply).
CountedKey = tuple  # (path, campaign_id, category_key, status, month)
PublicKey = tuple  # (path, campaign_id, category_key, starts_on, ends_on)
COUNTED_FIELDS = ("unit_id", "campaign_id", "category_key", "status", "month")
PUBLIC_FIELDS = ("unit_id", "campaign_id", "category_key", "starts_on", "ends_on")
# A save touching none of these (activity_move's renumbering) changes no count.
ACTIVITY_COUNTED_FIELDS = {"notice", "category", "status", "starts_on", "ends_on", "is_public"}

_ROW = (
    "notice__unit__path",
    "notice__campaign_id",
    "notice__status",
    "category_id",
    "status",
    "starts_on",
    "ends_on",
    "is_public",
    "public_event__starts_at",
    "public_event__ends_at",
)


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def _keys(row: tuple) -> tuple[CountedKey, PublicKey | None]:
    path, campaign, notice_status, category, status, starts_on, ends_on, public, at, until = row
    category = category or NO_CATEGORY
    month = starts_on.replace(day=1) if starts_on else NO_MONTH
    counted = (path, campaign, category, status, month)
    if not public or notice_status != Notice.Status.ISSUED or status == Activity.Status.CANCELLED:
        return counted, None
    # An open day with a set time is on its days, whatever the activity's window.
    if at is not None:
        return counted, (path, campaign, category, _local_date(at), _local_date(until or at))
    if starts_on is not None:
        return counted, (path, campaign, category, starts_on, ends_on or starts_on)
    return counted, None


def _lockable() -> bool:
    return connection.features.has_select_for_update and connection.in_atomic_block


def _contributions(rows: Q, *, lock: bool) -> tuple[Counter, Counter]:
    """What the activities matching `rows` count for, by key (the issuing unit's path)."""
    qs = Activity.objects.filter(rows).order_by("pk")
    if lock and _lockable():
        # In pk order, the activities only (the open day is on the nullable side of a join).
        qs = qs.select_for_update(of=("self",))
    counted, public = Counter(), Counter()
    for row in qs.values_list(*_ROW):
        key, public_key = _keys(row)
        counted[key] += 1
        if public_key is not None:
            public[public_key] += 1
    return counted, public


# Above this many, every unit is read rather than a list of them (SQLite takes at most
# 32,766 parameters in a statement; a recount after a national load names every unit).
MANY_UNITS = 500


def _unit_ids(paths: Iterable[str]) -> dict[str, int]:
    """Unit pk of every ancestor-or-self of `paths`."""
    step = OrgUnit.steplen
    wanted = {p[: i * step] for p in paths for i in range(1, len(p) // step + 1)}
    units = OrgUnit.objects.order_by()
    if len(wanted) <= MANY_UNITS:
        units = units.filter(path__in=wanted)
    return dict(units.values_list("path", "pk"))


def _by_unit(deltas: Counter, units: dict[str, int]) -> Counter:
    step = OrgUnit.steplen
    out: Counter = Counter()
    for (path, *rest), d in deltas.items():
        if d:
            for i in range(1, len(path) // step + 1):
                out[(units[path[: i * step]], *rest)] += d
    return out


def _apply_by_unit(model, fields: tuple[str, ...], deltas: Counter) -> None:
    keys = sorted(k for k, d in deltas.items() if d)
    if not keys:
        return
    model.objects.bulk_create(
        [model(**dict(zip(fields, key, strict=True)), n=0) for key in keys],
        ignore_conflicts=True,
    )
    for key in keys:
        model.objects.filter(**dict(zip(fields, key, strict=True))).update(n=F("n") + deltas[key])


def _apply(counted: Counter, public: Counter) -> None:
    if not any(counted.values()) and not any(public.values()):
        return
    units = _unit_ids({k[0] for k in counted} | {k[0] for k in public})
    with transaction.atomic():
        # Always the dashboard's table first, then the calendar's: one order for everyone.
        _apply_by_unit(ActivityTally, COUNTED_FIELDS, _by_unit(counted, units))
        _apply_by_unit(PublicCalendarTally, PUBLIC_FIELDS, _by_unit(public, units))


def _difference(after: tuple[Counter, Counter], before: tuple[Counter, Counter]):
    counted, public = Counter(after[0]), Counter(after[1])
    counted.subtract(before[0])
    public.subtract(before[1])
    return counted, public


# --- What the writes call -------------------------------------------------------------------


def activities_added(pks: Iterable[int]) -> None:
    """Count activities just inserted without a save signal (bulk_create)."""
    pks = list(pks)
    if pks:
        _apply(*_contributions(Q(pk__in=pks), lock=False))


# --- Signals: every save and deletion, wherever it comes from --------------------------------


def _activity_pre_save(sender, instance: Activity, update_fields=None, **kwargs) -> None:
    if kwargs.get("raw") or instance.pk is None or instance._state.adding:
        instance._tally_before = None
        return
    if update_fields is not None and not ACTIVITY_COUNTED_FIELDS & {
        sender._meta.get_field(f).name for f in update_fields
    }:
        instance._tally_before = False  # nothing counted changes
        return
    instance._tally_before = _contributions(Q(pk=instance.pk), lock=True)


def _activity_post_save(sender, instance: Activity, created: bool, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_tally_before", None)
    instance._tally_before = None
    if before is False:
        return
    after = _contributions(Q(pk=instance.pk), lock=False)
    _apply(*_difference(after, before or (Counter(), Counter())))


def _activity_pre_delete(sender, instance: Activity, **kwargs) -> None:
    # All pre_delete signals of a deletion come before its first DELETE: the open day (if
    # any) is still there, so this is everything the activity counted for.
    counted, public = _contributions(Q(pk=instance.pk), lock=True)
    _apply(
        Counter({k: -d for k, d in counted.items()}), Counter({k: -d for k, d in public.items()})
    )


def event_changing(activity_id: int) -> tuple[Counter, Counter]:
    """Before an open day (public.PublicEvent) of the activity is saved or deleted on its
    own (not with its activity, which uncounts itself): what the activity counts for."""
    return _contributions(Q(pk=activity_id), lock=True)


def event_changed(activity_id: int, before: tuple[Counter, Counter] | None) -> None:
    """After that save or deletion: the difference."""
    if before is not None:
        _apply(*_difference(_contributions(Q(pk=activity_id), lock=False), before))


def _notice_pre_save(sender, instance: Notice, **kwargs) -> None:
    instance._tally_before = None
    if kwargs.get("raw") or instance.pk is None or instance._state.adding:
        return
    old = (
        Notice.objects.filter(pk=instance.pk)
        .values_list("status", "unit_id", "campaign_id")
        .first()
    )
    # Issuing makes its public activities public; a notice moved to another unit or campaign
    # moves all of its activities.
    if old is not None and old != (instance.status, instance.unit_id, instance.campaign_id):
        instance._tally_before = _contributions(Q(notice_id=instance.pk), lock=True)


def _notice_post_save(sender, instance: Notice, **kwargs) -> None:
    before = getattr(instance, "_tally_before", None)
    instance._tally_before = None
    if before is not None:
        after = _contributions(Q(notice_id=instance.pk), lock=False)
        _apply(*_difference(after, before))


def _category_pre_delete(sender, instance: ActivityCategory, **kwargs) -> None:
    """Its activities become uncategorized (SET_NULL, an UPDATE that sends no signal):
    their counts move to NO_CATEGORY."""
    for model, fields in ((ActivityTally, COUNTED_FIELDS), (PublicCalendarTally, PUBLIC_FIELDS)):
        moves: Counter = Counter()
        for row in model.objects.filter(category_key=instance.pk).exclude(n=0).values(*fields, "n"):
            key = [row[f] for f in fields]
            moves[tuple(key)] -= row["n"]
            key[2] = NO_CATEGORY
            moves[tuple(key)] += row["n"]
        _apply_by_unit(model, fields, moves)


def connect() -> None:
    """Called by ActivitiesConfig.ready()."""
    pre_save.connect(_activity_pre_save, sender=Activity, dispatch_uid="tally-activity-pre")
    post_save.connect(_activity_post_save, sender=Activity, dispatch_uid="tally-activity-post")
    pre_delete.connect(_activity_pre_delete, sender=Activity, dispatch_uid="tally-activity-del")
    pre_save.connect(_notice_pre_save, sender=Notice, dispatch_uid="tally-notice-pre")
    post_save.connect(_notice_post_save, sender=Notice, dispatch_uid="tally-notice-post")
    pre_delete.connect(
        _category_pre_delete, sender=ActivityCategory, dispatch_uid="tally-category-del"
    )


# --- Reads ----------------------------------------------------------------------------------


def counted(unit: OrgUnit, *, campaign=None) -> list[tuple[int, str, datetime.date | None, int]]:
    """(category pk or NO_CATEGORY, status, month or None, n) of `unit`'s subtree: one
    indexed read of a few hundred rows at most."""
    rows = ActivityTally.objects.filter(unit=unit, n__gt=0)
    if campaign is not None:
        rows = rows.filter(campaign=campaign)
    return [
        (category, status, None if month == NO_MONTH else month, n)
        for category, status, month, n in rows.values_list("category_key", "status", "month", "n")
    ]


def calendar_spans(
    *, campaign, region: OrgUnit | None, category_id: int | None, first, last
) -> list[tuple[datetime.date, datetime.date, int]]:
    """(first day, last day, n) of the public activities' spans that meet first … last, in
    `region`'s subtree (the nation: every root's) and category (any if None), each span cut
    to first … last. Spans that are the same once cut are summed in the database: a nation
    has thousands of spans in a month (each category, each 9月中旬 …) but at most one per
    pair of days of it, so few rows travel and none is converted in Python."""
    rows = PublicCalendarTally.objects.filter(
        campaign=campaign, starts_on__lte=last, ends_on__gte=first, n__gt=0
    )
    rows = rows.filter(unit=region) if region is not None else rows.filter(unit__depth=1)
    if category_id:
        rows = rows.filter(category_key=category_id)
    cut = rows.order_by().values(
        start=Greatest("starts_on", Value(first, output_field=DateField())),
        end=Least("ends_on", Value(last, output_field=DateField())),
    )
    return list(cut.annotate(total=Sum("n")).values_list("start", "end", "total"))


# --- The definition: recount from the rows --------------------------------------------------


def _recount() -> tuple[Counter, Counter]:
    counted: Counter = Counter()
    for path, campaign, category, status, starts_on, n in (
        Activity.objects.order_by()
        .values_list(
            "notice__unit__path",
            "notice__campaign_id",
            "category_id",
            "status",
            # The day, truncated here: a month function runs once per row in Python on SQLite.
            "starts_on",
        )
        .annotate(n=Count("pk"))
    ):
        month = starts_on.replace(day=1) if starts_on else NO_MONTH
        counted[(path, campaign, category or NO_CATEGORY, status, month)] += n
    tz = timezone.get_default_timezone()
    timed = Q(public_event__starts_at__isnull=False)
    start = Case(
        When(timed, then=TruncDate("public_event__starts_at", tzinfo=tz)),
        default=F("starts_on"),
        output_field=DateField(),
    )
    end = Case(
        When(
            timed,
            then=TruncDate(Coalesce("public_event__ends_at", "public_event__starts_at"), tzinfo=tz),
        ),
        default=Coalesce("ends_on", "starts_on"),
        output_field=DateField(),
    )
    public: Counter = Counter()
    for path, campaign, category, first, last, n in (
        Activity.objects.filter(is_public=True, notice__status=Notice.Status.ISSUED)
        .exclude(status=Activity.Status.CANCELLED)
        .filter(timed | Q(starts_on__isnull=False))
        .order_by()
        .values_list("notice__unit__path", "notice__campaign_id", "category_id")
        .annotate(first=start, last=end)
        .values_list("notice__unit__path", "notice__campaign_id", "category_id", "first", "last")
        .annotate(n=Count("pk"))
    ):
        public[(path, campaign, category or NO_CATEGORY, first, last)] += n
    units = _unit_ids({k[0] for k in counted} | {k[0] for k in public})
    return _by_unit(counted, units), _by_unit(public, units)


def _insert(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain tuples in batches: after a national bulk load there are hundreds of thousands of
    counters, and making a model instance of each took most of the recount's time."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f) for f in (*fields, "n"))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * (len(fields) + 1))})"
    adapt = connection.ops.adapt_datefield_value
    rows = [tuple(adapt(v) if isinstance(v, datetime.date) else v for v in r) for r in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def rebuild(fix: bool) -> list[str]:
    """Compare every activity tally with the recount from the rows; one line per difference.
    With `fix`, write the recount (in one transaction, the tallies locked meanwhile)."""
    differences = []
    with transaction.atomic():
        want_counted, want_public = _recount()
        for model, fields, want in (
            (ActivityTally, COUNTED_FIELDS, want_counted),
            (PublicCalendarTally, PUBLIC_FIELDS, want_public),
        ):
            rows = model.objects.order_by()
            if fix and _lockable():
                rows = rows.select_for_update()
            have = {tuple(r[:-1]): r[-1] for r in rows.values_list(*fields, "n")}
            wrong = sorted(
                k
                for k in set(have) | {k for k, n in want.items() if n}
                if have.get(k, 0) != want[k]
            )
            ids = {k[0] for k in wrong}
            names = OrgUnit.objects.order_by()
            if len(ids) <= MANY_UNITS:
                names = names.filter(pk__in=ids)
            names = dict(names.values_list("pk", "name"))
            differences += [
                f"{model.__name__} {names.get(k[0], k[0])} "
                + " ".join(f"{f}={v}" for f, v in zip(fields[1:], k[1:], strict=True))
                + f"：计数 {have.get(k, 0)}，按记录应为 {want[k]}"
                for k in wrong
            ]
            if fix and wrong:
                _insert(model, fields, [(*k, want[k]) for k in wrong if k not in have])
                for k in wrong:
                    if k in have:
                        model.objects.filter(**dict(zip(fields, k, strict=True))).update(n=want[k])
    return differences
