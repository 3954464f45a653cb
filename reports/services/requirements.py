"""The requirement, its statistics form and the expected set of reporting units."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from campaigns.models import Notice
from core.audit import log_bulk_created, set_actor
from orgs import scoping
from orgs.models import OrgUnit
from reports import tallies
from reports.models import (
    ExpectedReport,
    Material,
    ReportRequirement,
    StatisticField,
    StatisticValue,
)
from reports.services.common import (
    DEFAULT_STATISTIC_FIELDS,
)

# --- Requirement and statistics form ----------------------------------------------------


@dataclass
class FieldSpec:
    label: str
    code: str
    kind: str = StatisticField.Kind.INTEGER
    required: bool = True
    unit_of_measure: str = ""


def default_field_specs() -> list[FieldSpec]:
    return [
        FieldSpec(label, code, unit_of_measure=uom) for label, code, uom in DEFAULT_STATISTIC_FIELDS
    ]


@transaction.atomic
def requirement_save(
    *,
    actor,
    notice: Notice,
    due_date: datetime.date | None,
    materials: list[str],
    levels: list[str] | None,
    report_to: str = "",
    text: str = "",
    fields: list[FieldSpec] | None = None,
    materials_as_written: bool = False,
) -> ReportRequirement:
    """Create or update the notice's requirement and its statistics form (fields matched by
    code, so values already reported stay attached). An issued notice gets its expected set
    the first time. This is the one writer of requirements: the requirement page and the API,
    the notice form, a derived plan (`cascade`) and a confirmed import all save through it.

    `levels=None` keeps the levels already set (the notice form does not show them). An
    imported notice keeps its materials as its text names them (`materials_as_written`:
    活动总结, 书面总结…), in that order; everyone else picks from `Material`.
    """
    scoping.require(actor, scoping.Action.EDIT, notice.unit)
    if materials_as_written:
        materials = [m.strip() for m in materials if m.strip()]
    else:
        unknown = set(materials) - set(Material.values)
        if unknown:
            raise ValidationError(
                {"materials": _("未知的报送材料：%(m)s") % {"m": "、".join(unknown)}}
            )
        materials = [m for m in Material.values if m in materials]
    with set_actor(actor):
        requirement, _created = ReportRequirement.objects.get_or_create(notice=notice)
        requirement.due_date = due_date
        requirement.materials = materials
        if levels is not None:
            requirement.levels = levels
        requirement.report_to = report_to
        requirement.text = text or requirement.text
        requirement.full_clean()
        requirement.save()
        if fields is not None:
            _fields_set(requirement, fields)
        if notice.is_issued and not requirement.expected.exists():
            _expected_fill(requirement)
    return requirement


@transaction.atomic
def requirement_remove(*, actor, requirement: ReportRequirement) -> None:
    """Remove a draft's requirement (its form no longer asks anything to be reported)."""
    scoping.require(actor, scoping.Action.EDIT, requirement.notice.unit)
    if requirement.notice.is_issued:
        raise ValidationError(_("已印发文件的报送要求不能删除。"))
    with set_actor(actor):
        requirement.delete()


MSG_SUPERIOR_FIELD_DROPPED = gettext_noop("上级要求的统计指标不能删除：%(labels)s。")
MSG_SUPERIOR_FIELD_KIND = gettext_noop("上级要求的统计指标“%(label)s”须为%(kind)s，以便逐级汇总。")


def superior_fields(notice: Notice) -> list[StatisticField]:
    """The indicators of the statistics forms of the notices `notice` implements (its basis:
    the superior's notice a plan was derived from), one per code, in the superior's order.
    Values are summed up the tree by code, so a level keeps every one of them."""
    fields = StatisticField.objects.filter(
        requirement__notice__in=notice.basis.values("pk")
    ).order_by("requirement__notice_id", "position", "pk")
    by_code: dict[str, StatisticField] = {}
    for field in fields:
        by_code.setdefault(field.code, field)
    return list(by_code.values())


def superior_fields_check(superior: list[StatisticField], specs: list[FieldSpec]) -> None:
    """A level may add indicators to its superior's statistics form, never drop one or change
    its kind (a 文字 column cannot be added to a 整数 one)."""
    given = {spec.code: spec for spec in specs}
    dropped = [f for f in superior if f.code not in given]
    if dropped:
        separator = pgettext("list separator", "、")
        raise ValidationError(
            {
                "fields": _(MSG_SUPERIOR_FIELD_DROPPED)
                % {"labels": separator.join(f.label for f in dropped)}
            }
        )
    for field in superior:
        if given[field.code].kind != field.kind:
            raise ValidationError(
                {
                    "fields": _(MSG_SUPERIOR_FIELD_KIND)
                    % {"label": field.label, "kind": field.get_kind_display()}
                }
            )


def statistic_fields_inherit(requirement: ReportRequirement) -> int:
    """Append to `requirement`'s statistics form the superior's indicators it lacks (a plan
    derived from, or issued on the basis of, the superior's notice); returns how many. The
    requirement is saved with them: app servers keep each form under its change time."""
    have = set(requirement.statistic_fields.values_list("code", flat=True))
    missing = [f for f in superior_fields(requirement.notice) if f.code not in have]
    if not missing:
        return 0
    start = (
        requirement.statistic_fields.order_by("-position")
        .values_list("position", flat=True)
        .first()
        or 0
    )
    created = StatisticField.objects.bulk_create(
        StatisticField(
            requirement=requirement,
            label=f.label,
            code=f.code,
            kind=f.kind,
            required=f.required,
            unit_of_measure=f.unit_of_measure,
            position=start + i,
        )
        for i, f in enumerate(missing, start=1)
    )
    log_bulk_created(created)
    requirement.save(update_fields=["updated_at"])
    return len(missing)


def _fields_set(requirement: ReportRequirement, specs: list[FieldSpec]) -> None:
    codes = [s.code for s in specs]
    if len(set(codes)) != len(codes):
        raise ValidationError({"fields": _("统计指标的代码有重复。")})
    superior_fields_check(superior_fields(requirement.notice), specs)
    stale = requirement.statistic_fields.exclude(code__in=codes)
    if StatisticValue.objects.filter(field__in=stale).exists():
        raise ValidationError({"fields": _("已有单位填报的指标不能删除。")})
    stale.delete()
    existing = {f.code: f for f in requirement.statistic_fields.all()}
    for position, spec in enumerate(specs, start=1):
        field = existing.get(spec.code) or StatisticField(requirement=requirement, code=spec.code)
        field.label = spec.label
        field.kind = spec.kind
        field.required = spec.required
        field.unit_of_measure = spec.unit_of_measure
        field.position = position
        field.full_clean(exclude=["requirement"], validate_unique=False)
        field.save()


def _expected_fill(requirement: ReportRequirement) -> int:
    notice = requirement.notice
    if notice.is_issued:
        units = OrgUnit.objects.filter(inbox__notice=notice)
    else:
        units = notice.recipient_units.all()
    if requirement.levels:
        units = units.filter(kind__in=requirement.levels)
    rows = [ExpectedReport(requirement=requirement, unit=u) for u in units.filter(is_active=True)]
    before = set(requirement.expected.values_list("pk", flat=True))
    ExpectedReport.objects.bulk_create(rows, ignore_conflicts=True)
    # bulk_create sends no signal (and, ignoring conflicts, returns no ids).
    added = list(requirement.expected.exclude(pk__in=before).select_related("unit"))
    log_bulk_created(added)
    # The new expected reports have no report yet: each counts as expected only.
    tallies.shifts_apply(tallies.Shift(requirement.pk, e.unit, tallies.NEW) for e in added)
    return len(rows)


@transaction.atomic
def expected_fill(*, actor, requirement: ReportRequirement) -> int:
    """Add the notice's recipients (of the required levels) to the expected set; units
    already in it, or removed from it with a reason, are left as they are."""
    scoping.require(actor, scoping.Action.EDIT, requirement.notice.unit)
    with set_actor(actor):
        return _expected_fill(requirement)


@transaction.atomic
def expected_add(*, actor, requirement: ReportRequirement, unit: OrgUnit) -> ExpectedReport:
    """Put `unit` (below the issuing unit) into the expected set, or back into it."""
    scoping.require(actor, scoping.Action.EDIT, requirement.notice.unit)
    issuer = requirement.notice.unit
    if not unit.path.startswith(issuer.path) or unit.pk == issuer.pk:
        raise ValidationError(_("只能把本单位的下级单位列为应报单位。"))
    with set_actor(actor):
        expected, created = ExpectedReport.objects.get_or_create(requirement=requirement, unit=unit)
        if created:
            tallies.expected_shift(requirement.pk, unit, tallies.NEW)
        elif expected.removed_at:
            before = tallies.expected_contribution(expected)
            expected.removed_at, expected.removed_reason, expected.removed_by = None, "", None
            expected.save()
            after = tallies.expected_contribution(expected)
            tallies.expected_shift(requirement.pk, unit, tallies.difference(after, before))
    return expected


@transaction.atomic
def expected_remove(*, actor, expected: ExpectedReport, reason: str) -> ExpectedReport:
    """Take a unit out of the expected set (撤并、撤销), keeping the row and the reason so the
    rates stay explainable."""
    scoping.require(actor, scoping.Action.EDIT, expected.requirement.notice.unit)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写移出原因，如“机构撤并”。")})
    with set_actor(actor):
        before = tallies.expected_contribution(expected)
        expected.removed_at = timezone.now()
        expected.removed_reason = reason.strip()
        expected.removed_by = actor
        expected.full_clean()
        expected.save()
        tallies.expected_shift(
            expected.requirement_id, expected.unit, tallies.difference(tallies.ZERO, before)
        )
    return expected
