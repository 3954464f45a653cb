"""Completeness counted on write: keeping `ReportTally` exact, and recounting it.

An expected report contributes (expected, received, on time) = (1, received?, on time?) to
the tallies of its requirement while it is active, nothing once removed; received and on
time are the definitions of `reports.rules`. Every write that changes a contribution — the
expected set filled, a unit added or removed, a report submitted or returned, an expected
report deleted with its unit — calls `expected_shift` in its own transaction with the
difference, which is added to the rows of the unit's kind at every ancestor-or-self
(own=False) and to the unit's own row (own=True). A draft's autosave changes no
contribution and never comes here.

No lost update on PostgreSQL: the rows are added with `INSERT … ON CONFLICT DO NOTHING`,
locked with `SELECT … FOR UPDATE` and changed with `UPDATE … SET n = n + d`; inserts and
locks go in one order (requirement, unit path root first, kind, own), so two writers whose
units share ancestors wait for each other and never deadlock.

`rebuild(fix)` recounts every tally from the rows (the definition) and is registered in
`core.tallies` as "reports"; `manage.py recount` runs it. A bulk load that writes expected
reports or reports without the services (the national generator, a test world built
through the ORM) calls `rebuild(fix=True)` afterwards.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from orgs.models import OrgUnit
from reports import rules
from reports.models import ExpectedReport, Report, ReportRequirement, ReportTally

# (expected, received, on time, returned): returned reports are neither received nor on time;
# the supervision colours need them (a returned report is yellow until it is overdue).
Counts = tuple[int, int, int, int]
# (requirement id, unit id, kind of the reporting units, own)
Key = tuple[int, int, str, bool]

ZERO: Counts = (0, 0, 0, 0)
# A unit just put into the expected set: it has no report yet.
NEW: Counts = (1, 0, 0, 0)
_CHUNK = 500
COUNTED = ["expected", "received", "on_time", "returned"]


def contribution(*, active: bool, status: str | None, is_late: bool) -> Counts:
    """What one expected report adds to its tallies: (expected, received, on time, returned)."""
    if not active:
        return ZERO
    return (
        1,
        int(rules.is_received(status)),
        int(rules.is_on_time(status=status, late=is_late)),
        int(status == rules.RETURNED),
    )


def difference(new: Counts, old: Counts) -> Counts:
    return tuple(n - o for n, o in zip(new, old, strict=True))


@dataclass(frozen=True)
class Shift:
    """The change of one expected report's contribution."""

    requirement_id: int
    unit: OrgUnit
    delta: Counts


def expected_shift(requirement_id: int, unit: OrgUnit, delta: Counts) -> None:
    """Add `delta` to the tallies counting an expected report of `unit` on the requirement."""
    shifts_apply([Shift(requirement_id, unit, delta)])


def shifts_apply(shifts: Iterable[Shift], *, insert: bool = True) -> None:
    """Add each shift to its tallies, in the caller's transaction (one INSERT, one locking
    SELECT and one UPDATE per distinct delta, whatever the number of shifts). `insert=False`
    only changes rows that exist (during a deletion, whose rows are already collected)."""
    shifts = [s for s in shifts if s.delta != ZERO]
    if not shifts:
        return
    ids = _ancestor_ids({s.unit.path for s in shifts})
    path_of = {pk: path for path, pk in ids.items()}
    deltas: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for shift in shifts:
        unit = shift.unit
        keys = [(shift.requirement_id, ids[path], unit.kind, False) for path in _ancestry(unit)]
        keys.append((shift.requirement_id, unit.pk, unit.kind, True))
        for key in keys:
            total = deltas[key]
            for i in range(4):
                total[i] += shift.delta[i]
    _apply({k: tuple(v) for k, v in deltas.items() if tuple(v) != ZERO}, path_of, insert)


def _order(key: Key, path_of: dict[int, str]) -> tuple:
    requirement_id, unit_id, kind, own = key
    return (requirement_id, path_of[unit_id], kind, own)


def _apply(deltas: dict[Key, Counts], path_of: dict[int, str], insert: bool) -> None:
    if not deltas:
        return
    keys = sorted(deltas, key=lambda k: _order(k, path_of))
    requirements = sorted({k[0] for k in keys})
    if insert:
        # Missing rows first, in the lock order (a row another writer is inserting makes
        # this one wait for it, as a row lock would).
        copied = _requirement_columns(requirements)
        ReportTally.objects.bulk_create(
            [
                ReportTally(requirement_id=r, unit_id=u, kind=k, own=o, **copied[r])
                for r, u, k, o in keys
            ],
            ignore_conflicts=True,
            batch_size=_CHUNK,
        )
    kinds = sorted({k[2] for k in keys})
    units = sorted({k[1] for k in keys})
    rows = ReportTally.objects.select_for_update(of=("self",)).filter(
        requirement_id__in=requirements, kind__in=kinds
    )
    if len(units) <= _CHUNK:
        rows = rows.filter(unit_id__in=units)
    locked = rows.order_by("requirement_id", "unit__path", "kind", "own").values_list(
        "pk", "requirement_id", "unit_id", "kind", "own"
    )
    by_delta: dict[Counts, list[int]] = defaultdict(list)
    for pk, *key in locked:
        delta = deltas.get(tuple(key))
        if delta is not None:
            by_delta[delta].append(pk)
    for (de, dr, do, dt), pks in by_delta.items():
        for start in range(0, len(pks), _CHUNK):
            ReportTally.objects.filter(pk__in=pks[start : start + _CHUNK]).update(
                expected=F("expected") + de,
                received=F("received") + dr,
                on_time=F("on_time") + do,
                returned=F("returned") + dt,
            )


def _requirement_columns(requirement_ids: Iterable[int]) -> dict[int, dict]:
    """The requirement's columns a tally row carries (campaign, due date), by requirement."""
    return {
        pk: {"campaign_id": campaign_id, "due_date": due_date}
        for pk, campaign_id, due_date in ReportRequirement.objects.filter(
            pk__in=list(requirement_ids)
        ).values_list("pk", "notice__campaign_id", "due_date")
    }


def requirement_saved(sender, instance: ReportRequirement, raw: bool = False, **kwargs) -> None:
    """A requirement's due date (or, through the admin, its notice) changed: its tally rows
    carry the new one, in the same transaction, whoever saved it."""
    if raw:
        return
    copied = _requirement_columns([instance.pk]).get(instance.pk)
    if copied is not None:
        ReportTally.objects.filter(requirement_id=instance.pk).exclude(**copied).update(**copied)


def _ancestry(unit: OrgUnit) -> list[str]:
    """The paths of `unit`'s ancestors and of itself, root first."""
    step = OrgUnit.steplen
    return [unit.path[: i * step] for i in range(1, len(unit.path) // step + 1)]


def _ancestor_ids(paths: Iterable[str]) -> dict[str, int]:
    step = OrgUnit.steplen
    wanted = sorted({p[: i * step] for p in paths for i in range(1, len(p) // step + 1)})
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        ids.update(
            OrgUnit.objects.filter(path__in=wanted[start : start + _CHUNK]).values_list(
                "path", "pk"
            )
        )
    return ids


# --- The writes' side: a report's state before and after -----------------------------------


def report_active(report: Report) -> bool:
    """Whether `report`'s expected report is in the expected set, read from the database so
    that a submission racing a removal counts what was committed, not what the caller had
    cached (the removal locks the report row first, see `expected_contribution`)."""
    removed = (
        ExpectedReport.objects.filter(pk=report.expected_id)
        .values_list("removed_at", flat=True)
        .get()
    )
    return removed is None


def expected_contribution(expected: ExpectedReport) -> Counts:
    """The contribution of `expected` as the database has it, its report locked first: the
    submission and review lock the report row, so a change of the expected set waits for
    them (and they for it) instead of counting a state either of them is replacing."""
    report = (
        Report.objects.select_for_update(of=("self",))
        .filter(expected_id=expected.pk)
        .values_list("status", "is_late")
        .first()
    )
    removed = list(
        ExpectedReport.objects.select_for_update(of=("self",))
        .filter(pk=expected.pk)
        .values_list("removed_at", flat=True)
    )
    if not removed:
        return ZERO
    status, late = report or (None, False)
    return contribution(active=removed[0] is None, status=status, is_late=late)


# --- The definition: recount from the rows -----------------------------------------------


def _definition(requirement_ids: list[int] | None) -> dict[Key, Counts]:
    qs = ExpectedReport.objects.active().order_by()
    if requirement_ids is not None:
        qs = qs.filter(requirement_id__in=requirement_ids)
    rows = qs.values_list(
        "requirement_id", "unit_id", "unit__path", "unit__kind", "report__status", "report__is_late"
    )
    counts: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    own: list[tuple[int, str, str, Counts]] = []
    for requirement_id, unit_id, path, kind, status, late in rows.iterator(chunk_size=5000):
        c = contribution(active=True, status=status, is_late=bool(late))
        own.append((requirement_id, path, kind, c))
        total = counts[(requirement_id, unit_id, kind, True)]
        for i in range(4):
            total[i] += c[i]
    ids = _ancestor_ids({path for _r, path, _k, _c in own})
    step = OrgUnit.steplen
    for requirement_id, path, kind, c in own:
        for depth in range(1, len(path) // step + 1):
            total = counts[(requirement_id, ids[path[: depth * step]], kind, False)]
            for i in range(4):
                total[i] += c[i]
    return {k: tuple(v) for k, v in counts.items()}


def recount(*, fix: bool, requirement_ids: list[int] | None = None) -> list[str]:
    """Compare the tallies (of the given requirements, or all) with the recount from the
    rows; with fix=True write the recount. Returns one line per difference."""
    right = _definition(requirement_ids)
    stored = ReportTally.objects.all()
    if requirement_ids is not None:
        stored = stored.filter(requirement_id__in=requirement_ids)
    have: dict[Key, tuple[int, Counts, dict]] = {
        (r, u, k, o): (pk, tuple(counts), {"campaign_id": campaign_id, "due_date": due_date})
        for pk, r, u, k, o, campaign_id, due_date, *counts in stored.values_list(
            "pk", "requirement_id", "unit_id", "kind", "own", "campaign_id", "due_date", *COUNTED
        ).iterator(chunk_size=5000)
    }
    copied = _requirement_columns({key[0] for key in set(right) | set(have)})
    differences: list[str] = []
    wrong: list[ReportTally] = []
    missing: list[ReportTally] = []
    for key in sorted(set(right) | set(have)):
        should = right.get(key, ZERO)
        pk, stored_counts, stored_columns = have.get(key, (None, None, None))
        columns = copied.get(key[0], {"campaign_id": None, "due_date": None})
        if (stored_counts == should and stored_columns == columns) or (
            stored_counts is None and should == ZERO
        ):
            continue
        requirement_id, unit_id, kind, own = key
        what = (
            "缺少"
            if stored_counts is None
            else "/".join(map(str, stored_counts))
            + ("" if stored_columns == columns else f"（年度/截止日期 {stored_columns}）")
        )
        differences.append(
            f"报送要求 {requirement_id} 单位 {unit_id} 类别 {kind}"
            f"{'（仅本单位）' if own else ''}：应报/已报/按时/退回 "
            f"{what}，应为 {'/'.join(map(str, should))}"
        )
        row = ReportTally(
            pk=pk,
            requirement_id=requirement_id,
            unit_id=unit_id,
            kind=kind,
            own=own,
            **columns,
            **dict(zip(COUNTED, should, strict=True)),
        )
        (missing if pk is None else wrong).append(row)
    if fix and differences:
        with transaction.atomic():
            # A bulk load's first recount writes every row: in large batches.
            ReportTally.objects.bulk_create(missing, batch_size=2000)
            ReportTally.objects.bulk_update(
                wrong, [*COUNTED, "campaign_id", "due_date"], batch_size=_CHUNK
            )
    return differences


def rebuild(fix: bool) -> list[str]:
    """Every report tally recounted from the rows (`core.tallies` registry entry)."""
    return recount(fix=fix)


def requirements_rebuild(requirement_ids: Iterable[int]) -> None:
    """Recount the tallies of these requirements, in the caller's transaction (a unit whose
    kind changed, a bulk write that bypassed the services)."""
    requirement_ids = sorted(set(requirement_ids))
    if requirement_ids:
        recount(fix=True, requirement_ids=requirement_ids)


# --- Writes outside the services: deletions and a unit's kind -----------------------------


def expected_deleted(sender, instance: ExpectedReport, origin=None, **kwargs) -> None:
    """pre_delete of an expected report: a unit deleted (with its expected reports) leaves
    its ancestors' tallies. When the requirement itself goes (a draft's requirement, a
    notice or campaign deleted), its tallies go with it and there is nothing to count."""
    model = getattr(origin, "model", None) or type(origin)
    if model not in (OrgUnit, ExpectedReport):
        return
    before = expected_contribution(instance)
    unit = OrgUnit.objects.filter(pk=instance.unit_id).first()
    if unit is not None and before != ZERO:
        shifts_apply([Shift(instance.requirement_id, unit, difference(ZERO, before))], insert=False)


def unit_kind_before(
    sender, instance: OrgUnit, raw: bool = False, update_fields=None, **kwargs
) -> None:
    """pre_save of a unit: note a change of kind (the admin's unit form allows it), which
    moves the unit's expected reports from one kind's tallies to another's."""
    if raw or instance.pk is None or (update_fields is not None and "kind" not in update_fields):
        return
    old = OrgUnit.objects.filter(pk=instance.pk).values_list("kind", flat=True).first()
    if old is not None and old != instance.kind:
        instance._tally_kind_changed = True


def unit_kind_after(sender, instance: OrgUnit, raw: bool = False, **kwargs) -> None:
    if raw or not getattr(instance, "_tally_kind_changed", False):
        return
    instance._tally_kind_changed = False
    requirements_rebuild(
        ExpectedReport.objects.filter(unit=instance).values_list("requirement_id", flat=True)
    )
