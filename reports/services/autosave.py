"""Saving a report's draft (the autosave and the edit page's 保存), fenced.

One entry point: `report_save_draft`. The edit page's autosave sends it every pause in typing,
so it is the platform's most frequent write, and its fast path bypasses the ORM:

- It MAY read the draft with one hand-written statement (`_DRAFT_SQL`: the report, what a save
  needs of its expected report, unit, requirement and notice, its stored values, the right to
  edit and the row lock; on PostgreSQL the rate-limit counter too), build model instances from
  that row (`_draft_of`, deferred fields as `only()` leaves them), and write the report, its
  values and the audit entry as written-out statements sent together (`core.rows`).
  Why: built by the ORM, the same reads and writes cost the app server several times the CPU
  the database spends (bench/results.md).
- It MUST keep what the ORM path would do: the permission (`orgs.scoping.grant_sql`, the same
  rule as `scoping.can`, checked in the statement that reads the row; anything unusual takes the
  slow path, which answers 404 outside the user's scope and 403 inside it); the version check
  (`ConflictError` when the page's version is stale: nothing is overwritten); the field checks
  (`full_clean` of the written fields, the text and number checks below); one audit entry per
  save with the actor, values included (`core.audit.update_entry`, since `core.rows` sends no
  signal); the change time (`updated_at`, as a save sets it); a save that changes nothing
  writes nothing; the per-user rate limit, counted in the save's transaction.
- It MUST NOT be used for anything else: other writes of a report (start, submit, files,
  review) go through the ORM in `reports.services.submissions`. Add a column to
  `Report`, `ExpectedReport`, `OrgUnit`, `ReportRequirement` or `Notice` that a save needs and
  `_DRAFT_SQL` must read it (otherwise it is loaded lazily, one query more).

What it relies on outside the project: `core.audit.update_entry` builds auditlog's `LogEntry`
row itself, as auditlog 3.x's `log_create` and receiver fill it (its field list
`core.audit._ENTRY_FIELDS`, the context dict auditlog reads through `set_extra_data`, `get_cid`,
`auditlog.diff.model_instance_diff`): pyproject pins auditlog below 4 for that. `core.rows`
relies on Django's field conversions only (`get_db_prep_save`, the backend's converters).

The statistics form of a requirement is kept per process under the requirement's change time
(`statistic_fields_of`): the draft row brings that time along, so the save reads no form. The
edit page and the pre-fill read the form through it too.

Tests: reports/tests/test_autosave.py (the page's autosave: saves, version conflicts, the
refusals, the removed unit, permissions, the audit entry with actor and address, the number of
queries per save, the form changed meanwhile, what Django reads back), test_autosave_audit.py
(one audit entry per save, naming each changed statistic), test_concurrency.py (simultaneous
saves of one version: exactly one is written), test_report_services.py and
test_report_text_limits.py (the checks and the rate limit); the speed: `make bench`
(bench/loadgen.py --target report), figures in bench/results.md.
"""

import copy
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from auditlog.diff import model_instance_diff
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from campaigns.models import Notice
from core import ratelimit, rows
from core.audit import set_actor, statistic_change_key, update_entry
from core.errors import ConflictError
from orgs import scoping
from orgs.models import OrgUnit
from reports import selectors
from reports.models import (
    ExpectedReport,
    Report,
    ReportRequirement,
    StatisticField,
    StatisticValue,
)
from reports.services.common import (
    MSG_NOT_EDITABLE,
    MSG_NOT_EXPECTED,
    ReportStateError,
    _lock_report,
)
from reports.services.submissions import report_start

# --- Checks ---------------------------------------------------------------------------------

# A statistic given as text (not a figure) is at most this long, as the form's input says.
STATISTIC_TEXT_MAX_CHARS = 500
MSG_TEXT_TOO_LONG = gettext_noop(
    "“%(label)s”共 %(n)s 字，超过上限 %(limit)s 字，未保存；请精简，或把材料作为附件上传。"
)
MSG_TEXT_UNSTORABLE = gettext_noop(
    "“%(label)s”含有无法保存的字符（多为从其他软件粘贴带入的控制字符），未保存；请删除后再保存。"
)
MSG_NOT_NUMBER = gettext_noop("“%(label)s”应填写数字。")
MSG_NOT_INTEGER = gettext_noop("“%(label)s”应填写整数。")
MSG_AUTOSAVE_THROTTLED = gettext_noop(
    "自动保存过于频繁，本次未保存；页面上的内容仍在，稍后会再次自动保存。"
)
# NUL, which PostgreSQL refuses in text, and UTF-16 surrogates, which no UTF-8 text holds
# (JSON can carry "\ud800" alone): either made the database fail the save with a 500.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class AutosaveThrottledError(Exception):
    """A user's autosaves came faster than `QM_AUTOSAVE_RATE_LIMIT` per
    `QM_AUTOSAVE_RATE_WINDOW` seconds; nothing was saved."""


def text_max_chars() -> int:
    return settings.QM_REPORT_TEXT_MAX_CHARS


def _check_text(label: str, text: str | None, limit: int) -> str | None:
    """The refusal of a text the report cannot hold, or None."""
    if text is None:
        return None
    if len(text) > limit:
        return _(MSG_TEXT_TOO_LONG) % {"label": label, "n": len(text), "limit": limit}
    if _UNSTORABLE.search(text):
        return _(MSG_TEXT_UNSTORABLE) % {"label": label}
    return None


def _check_texts(**texts: str | None) -> None:
    """Refuse, before anything is read or locked, a summary or problems text over the
    limit or holding characters no database stores."""
    limit = text_max_chars()
    labels = {"summary": Report._meta.get_field("summary").verbose_name}
    labels["problems"] = Report._meta.get_field("problems").verbose_name
    errors = {
        name: error
        for name, text in texts.items()
        if (error := _check_text(str(labels[name]), text, limit))
    }
    if errors:
        raise ValidationError(errors)


def _parse_values(report: Report, raw: dict[str, str]) -> dict[StatisticField, tuple]:
    parsed: dict[StatisticField, tuple] = {}
    errors: dict[str, str] = {}
    for field in statistic_fields_of(report.requirement):
        if field.code not in raw:
            continue
        if error := _check_text(field.label, raw[field.code], STATISTIC_TEXT_MAX_CHARS):
            errors[field.code] = error
            continue
        text = (raw[field.code] or "").strip().replace(",", "").replace("，", "")
        if not field.is_numeric:
            parsed[field] = (None, text)
            continue
        if not text:
            parsed[field] = (None, "")
            continue
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        # Decimal also reads "NaN" and "Infinity", which are no count of anything.
        if number is None or not number.is_finite():
            errors[field.code] = _(MSG_NOT_NUMBER) % {"label": field.label}
            continue
        if field.kind == StatisticField.Kind.INTEGER and number != number.to_integral_value():
            errors[field.code] = _(MSG_NOT_INTEGER) % {"label": field.label}
        elif number < 0:
            errors[field.code] = _("“%(label)s”不能为负数。") % {"label": field.label}
        elif abs(number) >= Decimal("1e14"):
            errors[field.code] = _("“%(label)s”数值过大。") % {"label": field.label}
        else:
            parsed[field] = (number, "")
    if errors:
        raise ValidationError(errors)
    return parsed


# --- The statistics form, kept per process ---------------------------------------------


def statistic_fields_of(requirement: ReportRequirement) -> list[StatisticField]:
    """The requirement's statistics form in order. Every save of a report checks its values
    against it, so it is kept per process under the requirement's last change: whoever
    changes the form saves the requirement in the same transaction (`requirement_save`, the
    admin's inline), and the next reader of the requirement row asks for the new form."""
    return list(_fields_at(requirement.pk, requirement.updated_at))


@lru_cache(maxsize=4096)
def _fields_at(requirement_pk: int, updated_at) -> tuple[StatisticField, ...]:
    # A tuple, shared by every caller: nobody may change what it holds.
    return tuple(
        StatisticField.objects.filter(requirement_id=requirement_pk).order_by("position", "pk")
    )


def forget_statistic_fields() -> None:
    """Drop the forms kept by this process (tests, which reuse row ids after a rollback)."""
    _fields_at.cache_clear()


# --- The save ------------------------------------------------------------------------------


# The autosave's one read (`_lock_draft`): the draft with its stored values (a row each),
# what a save needs of its expected report, unit, requirement and notice, and the right to
# edit, under the row lock of the report. Written
# out by hand, and read with a plain cursor: built by the ORM, this joined and checked
# SELECT … FOR UPDATE cost the app server several times the CPU, on the request that every
# pause in typing sends (figures in bench/results.md).
_DRAFT_SQL = """
SELECT r.id, r.status, r.summary, r.problems, r.version,
       e.unit_id, e.requirement_id,
       u.path, u.name, u.full_name,
       q.notice_id, q.due_date, q.updated_at,
       n.doc_number, n.title,
       v.field_id, v.number, v.text
FROM reports_report r
JOIN reports_expectedreport e ON e.id = r.expected_id
JOIN orgs_orgunit u ON u.id = e.unit_id
JOIN reports_reportrequirement q ON q.id = e.requirement_id
JOIN campaigns_notice n ON n.id = q.notice_id
LEFT JOIN reports_statisticvalue v ON v.report_id = r.id
WHERE r.expected_id = %s AND e.removed_at IS NULL AND {grant}
{lock}"""
# On PostgreSQL the user's autosave counter (core.ratelimit) is counted by the same
# statement, its upsert a data-modifying WITH whose count comes back on every row: the rate
# limit costs the autosave no round trip. (A WITH's write runs once, whether or not the
# SELECT finds a draft.)
_COUNTED_DRAFT_SQL = "WITH hit AS ({upsert})\n" + _DRAFT_SQL.replace(
    "v.field_id, v.number, v.text", "v.field_id, v.number, v.text,\n       (SELECT hits FROM hit)"
)


def autosave_limit() -> tuple[int, int]:
    """(autosaves allowed, per so many seconds) for one user."""
    return settings.QM_AUTOSAVE_RATE_LIMIT, settings.QM_AUTOSAVE_RATE_WINDOW


def _lock_draft(actor, expected_pk: int) -> tuple[Report, dict | None]:
    """The unit's draft on the expected report `expected_pk`, found, checked and locked in
    one statement, with the parts of it and of its expected report, unit, requirement and
    notice that a save uses (the rest of those rows is loaded if anything asks), and its
    stored values by field (None: not read). Anything unusual (no draft yet, a unit removed
    from the expected set, no right to edit) takes the slow path, which answers as the edit
    page does: 404 outside the user's scope, 403 inside it."""
    db = router.db_for_write(Report)
    connection = connections[db]
    grant, params = scoping.grant_sql(actor, scoping.Action.EDIT, "u.path")
    lock = "FOR UPDATE OF r" if connection.features.has_select_for_update_of else ""
    # The count is part of the save's transaction: a save refused for any reason (the limit
    # included) is not counted, and the limit stays reached until the window ends.
    allowed, window = autosave_limit()
    key, expires = ratelimit.window_key("autosave", str(actor.pk), window, None)
    counted = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if counted:
            upsert = ratelimit.upsert_sql(ratelimit.RateCounter._meta.db_table)
            sql = _COUNTED_DRAFT_SQL.format(upsert=upsert, grant=grant, lock=lock)
            cursor.execute(sql, [key, expires, expected_pk, *params])
            found = cursor.fetchall()
            hits = found[0][-1] if found else None
            found = [row[:-1] for row in found]
        else:
            hits = ratelimit.count(key, expires, db)
            cursor.execute(_DRAFT_SQL.format(grant=grant, lock=lock), [expected_pk, *params])
            found = cursor.fetchall()
    if hits is None:  # counted, but no draft row to bring the count back
        hits = ratelimit.current(key, db)
    if hits > allowed:
        raise AutosaveThrottledError(_(MSG_AUTOSAVE_THROTTLED))
    if found:
        stored = {
            field_id: (rows.converted(StatisticValue, "number", number, db), text)
            for *_draft, field_id, number, text in found
            if field_id is not None
        }
        return _draft_of(expected_pk, found[0][:-3], db), stored
    expected = selectors.expected_get_for_user(actor, expected_pk, scoping.Action.EDIT)
    if expected.removed_at:
        raise ReportStateError(_(MSG_NOT_EXPECTED))
    started = report_start(actor=actor, expected=expected)
    report = Report.objects.select_for_update(of=("self",)).get(pk=started.pk)
    report.expected = expected
    return report, None


def _draft_of(expected_pk: int, row: tuple, db: str) -> Report:
    """A `_DRAFT_SQL` row as the report, expected report, unit, requirement and notice,
    model instances holding the columns read (the others deferred, as `only()` leaves
    them)."""
    (pk, status, summary, problems, version, unit_pk, requirement_pk) = row[:7]
    (path, name, full_name, notice_pk, due_date, updated_at, doc_number, title) = row[7:]
    notice = _partial(Notice, db, id=notice_pk, doc_number=doc_number, title=title)
    requirement = _partial(
        ReportRequirement,
        db,
        id=requirement_pk,
        notice_id=notice_pk,
        due_date=rows.converted(ReportRequirement, "due_date", due_date, db),
        updated_at=rows.converted(ReportRequirement, "updated_at", updated_at, db),
    )
    requirement.notice = notice
    unit = _partial(OrgUnit, db, id=unit_pk, path=path, name=name, full_name=full_name)
    expected = _partial(
        ExpectedReport,
        db,
        id=expected_pk,
        unit_id=unit_pk,
        requirement_id=requirement_pk,
        removed_at=None,
    )
    expected.unit = unit
    expected.requirement = requirement
    report = _partial(
        Report,
        db,
        id=pk,
        expected_id=expected_pk,
        status=status,
        summary=summary,
        problems=problems,
        version=version,
    )
    report.expected = expected
    return report


def _partial(model, db: str, **values):
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(db, names, [values[name] for name in names])


def _figure(number: Decimal | None, text: str) -> str:
    """A statistic as the audit entry shows it: 2, not the stored 2.0000."""
    return text if number is None else format(number.normalize(), "f")


@transaction.atomic
def report_save_draft(
    *,
    actor,
    report: Report | None = None,
    expected_pk: int | None = None,
    version: int | None,
    summary: str | None = None,
    problems: str | None = None,
    values: dict[str, str] | None = None,
) -> Report:
    """Save what the unit typed so far, into `report` or into the draft of the expected
    report `expected_pk` (the autosave's way: one query finds, checks and locks the draft).
    `version` is the version the user's page was loaded at: if someone saved since, ConflictError — the caller shows the
    user's text again with the message; nothing is overwritten silently. A save that changes
    nothing writes nothing: no new version, no audit entry."""
    _check_texts(summary=summary, problems=problems)
    stored = None
    if report is not None:
        report = _lock_report(report)
        scoping.require(actor, scoping.Action.EDIT, report.unit)
    else:
        report, stored = _lock_draft(actor, expected_pk)
    if not report.is_editable:
        raise ReportStateError(_(MSG_NOT_EDITABLE))
    if version is not None and report.version != version:
        raise ConflictError(report.version)
    parsed = _parse_values(report, values or {})
    old = copy.copy(report)
    texts = {"summary": summary, "problems": problems}
    changed = [n for n, text in texts.items() if text is not None and text != getattr(report, n)]
    for name in changed:
        setattr(report, name, texts[name])
    db = report._state.db
    if parsed and stored is None:
        read = rows.select_rows(
            StatisticValue, ["field", "number", "text"], '"report_id" = %s', [report.pk], db
        )
        stored = {field_id: (number, text) for field_id, number, text in read}
    new_values = [
        StatisticValue(report=report, field=field, number=number, text=text)
        for field, (number, text) in parsed.items()
        if stored.get(field.pk) != (number, text)
    ]
    if not changed and not new_values:
        return report
    report.version += 1
    written = [*changed, "version"]
    # What is written is checked; the rest of the row did not change (and an autosave
    # has not even read it).
    report.full_clean(exclude=[f.name for f in Report._meta.fields if f.name not in written])
    # The change time is set as a save sets it.
    writes = [rows.update_statement(report, [*written, "updated_at"], db)]
    # The row read under the lock is the old state: the entry records the difference.
    changes = model_instance_diff(
        old,
        report,
        fields_to_check=written,
        use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES,
    )
    if new_values:
        # The values are audited in the report's own entry (one row, as before): the rows
        # path sends no signal, so registering StatisticValue alone would record nothing here.
        changes = dict(changes or {})
        for value in new_values:
            old_number, old_text = stored.get(value.field.pk, (None, ""))
            changes[statistic_change_key(value.field.label)] = [
                _figure(old_number, old_text),
                _figure(value.number, value.text),
            ]
    if changes:
        with set_actor(actor):
            writes.append(update_entry(report, changes, db))
    if new_values:
        # One statement for all the values, however many indicators the form has.
        writes.append(
            rows.insert_statement(
                new_values,
                ["report", "field", "number", "text"],
                db,
                conflict=("report", "field"),
                update=("number", "text"),
            )
        )
    # Written out (core.rows), audit entry included, and on PostgreSQL sent as one
    # statement: the autosave's budget is a few round trips, and the ORM's compiler cost as
    # much again as running them.
    rows.execute_together(writes, db)
    return report
