"""Writes of the inspections: the pool, plans, the draw and redraw, results, 整改, publication.

Every service takes the acting user, checks their right on the plan's unit by the org tree
and writes under `set_actor`, so that django-auditlog attributes each change.
"""

import datetime
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from activities.models import Activity
from core.audit import set_actor
from core.uploads import content_extension, size_check
from entities.models import Field
from inspections import draw as drawing
from inspections import selectors
from inspections.models import Draw, InspectionFile, InspectionTarget, Inspector, SamplingPlan
from notifications.services import notify
from orgs import scoping

MSG_NO_ENTITIES = gettext_noop(
    "抽查范围内没有符合条件（领域、地区、状态正常）的市场主体，无法抽取。"
)
MSG_TOO_FEW_INSPECTORS = gettext_noop(
    "可参加抽查的检查人员只有 %(n)s 名，每家至少需要 %(need)s 名，请先补充检查人员名录。"
)
MSG_NOTHING_DRAWN = gettext_noop(
    "回避规则排除后，没有一家市场主体能配足 %(need)s 名检查人员，请补充检查人员或调整回避设置。"
)
MSG_ALREADY_DRAWN = gettext_noop("本计划已经抽取；如需重新抽取，请填写原因。")
MSG_REASON_REQUIRED = gettext_noop("重新抽取必须填写原因，原因将与抽取记录一并保存并公开。")
MSG_RESULTS_EXIST = gettext_noop("已有检查结果，不能重新抽取。")
MSG_NOT_EDITABLE = gettext_noop("计划已抽取，不能再修改抽查范围和数量。")
MSG_NOT_DRAWN = gettext_noop("计划尚未抽取。")
MSG_CLOSED = gettext_noop("计划已公开，检查结果不能再修改。")
MSG_RESULTS_MISSING = gettext_noop("还有 %(n)s 家市场主体未录入检查结果，不能结束检查。")
MSG_NOT_CONCLUDED = gettext_noop("请先登记检查结束日期，再公开结果。")
MSG_ALREADY_PUBLISHED = gettext_noop("结果已经公开。")
MSG_CONCLUDED_FUTURE = gettext_noop("检查结束日期不能晚于今天。")
MSG_REGION_OUTSIDE = gettext_noop("抽查地区“%(name)s”不在本单位辖区内。")
MSG_FIELDS_REQUIRED = gettext_noop("请至少选择一个抽查领域。")
MSG_COUNT_OR_PERCENT = gettext_noop("请填写抽取家数或抽取比例（二选一）。")
MSG_FILE_TYPE = gettext_noop("只能上传图片（JPG、PNG、WebP）或文书（PDF、DOCX、XLSX）。")
MSG_FILE_TOO_LARGE = gettext_noop("文件“%(name)s”大小为 %(size)s，超过上限 %(limit)s。")
MSG_NO_RECTIFICATION = gettext_noop("该检查结果无需整改。")
MSG_WARNING = gettext_noop("双随机抽查结果即将到期未公开：%(title)s（%(due)s 前）")

PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

PLAN_FIELDS = {
    "title",
    "fields",
    "target_count",
    "target_percent",
    "inspectors_per_entity",
    "starts_on",
    "ends_on",
    "joint_departments",
    "avoid_own_region",
    "publish_within_days",
}


def file_max_bytes() -> int:
    return getattr(settings, "QM_INSPECTION_FILE_MAX_BYTES", 20 * 1024 * 1024)


# --- The inspector pool -----------------------------------------------------------------


def _clean_fields(values) -> list[str]:
    known = set(Field.values)
    return [v for v in dict.fromkeys(values) if v in known]


@transaction.atomic
def inspector_create(*, actor, unit, name: str, badge_no: str, fields=(), **extra) -> Inspector:
    scoping.require(actor, scoping.Action.EDIT, unit)
    linked = extra.pop("linked_entities", [])
    with set_actor(actor):
        inspector = Inspector(
            unit=unit, name=name, badge_no=badge_no.strip(), fields=_clean_fields(fields), **extra
        )
        inspector.full_clean()
        inspector.save()
        inspector.linked_entities.set(linked)
    return inspector


@transaction.atomic
def inspector_update(*, actor, inspector: Inspector, **values) -> Inspector:
    """Edit a person of the pool; saving unchanged writes nothing."""
    inspector = Inspector.objects.select_for_update().get(pk=inspector.pk)
    scoping.require(actor, scoping.Action.EDIT, inspector.unit)
    if "unit" in values:
        scoping.require(actor, scoping.Action.EDIT, values["unit"])
    linked = values.pop("linked_entities", None)
    if "fields" in values:
        values["fields"] = _clean_fields(values["fields"])
    if "badge_no" in values:
        values["badge_no"] = values["badge_no"].strip()
    changed = {k: v for k, v in values.items() if getattr(inspector, k) != v}
    with set_actor(actor):
        if changed:
            for name, value in changed.items():
                setattr(inspector, name, value)
            inspector.full_clean()
            inspector.save()
        if linked is not None:
            wanted = {e.pk for e in linked}
            if wanted != set(inspector.linked_entities.values_list("pk", flat=True)):
                inspector.linked_entities.set(linked)
    return inspector


# --- Plans ------------------------------------------------------------------------------


def _check_plan(plan: SamplingPlan, regions) -> None:
    if not plan.fields:
        raise ValidationError({"fields": _(MSG_FIELDS_REQUIRED)})
    if (plan.target_count is None) == (plan.target_percent is None):
        raise ValidationError({"target_count": _(MSG_COUNT_OR_PERCENT)})
    for region in regions:
        if not region.path.startswith(plan.unit.path):
            raise ValidationError({"regions": _(MSG_REGION_OUTSIDE) % {"name": region.name}})
    plan.full_clean()


@transaction.atomic
def plan_create(*, actor, activity: Activity, regions=(), **fields) -> SamplingPlan:
    """A sampling plan of the unit whose plan holds `activity`."""
    unit = activity.notice.unit
    scoping.require(actor, scoping.Action.EDIT, unit)
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise TypeError(f"unknown plan fields: {sorted(unknown)}")
    fields["fields"] = _clean_fields(fields.get("fields", []))
    regions = list(regions)
    with set_actor(actor):
        plan = SamplingPlan(activity=activity, unit=unit, **fields)
        _check_plan(plan, regions)
        plan.save()
        plan.regions.set(regions)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: SamplingPlan, regions=None, **fields) -> SamplingPlan:
    plan = SamplingPlan.objects.select_for_update().get(pk=plan.pk)
    scoping.require(actor, scoping.Action.EDIT, plan.unit)
    if plan.status != SamplingPlan.Status.DRAFT:
        raise ValidationError(_(MSG_NOT_EDITABLE))
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise TypeError(f"unknown plan fields: {sorted(unknown)}")
    if "fields" in fields:
        fields["fields"] = _clean_fields(fields["fields"])
    current = list(plan.regions.all())
    regions = current if regions is None else list(regions)
    changed = {k: v for k, v in fields.items() if getattr(plan, k) != v}
    with set_actor(actor):
        for name, value in changed.items():
            setattr(plan, name, value)
        _check_plan(plan, regions)
        if changed:
            plan.save()
        if {r.pk for r in regions} != {r.pk for r in current}:
            plan.regions.set(regions)
    return plan


# --- The draw ---------------------------------------------------------------------------


@transaction.atomic
def plan_draw(*, actor, plan: SamplingPlan, reason: str = "", seed: str | None = None) -> Draw:
    """Draw the plan's targets and their inspectors (`inspections.draw`), recording the seed,
    the ordered candidate lists and the exclusions so that anyone can replay it. A plan
    already drawn is drawn again only with a reason, before any result is recorded; the
    earlier draw stays on record."""
    plan = SamplingPlan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    scoping.require(actor, scoping.Action.EDIT, plan.unit)
    previous = plan.draws.order_by("-number").first()
    reason = reason.strip()
    if previous is not None:
        if plan.status not in (SamplingPlan.Status.DRAFT, SamplingPlan.Status.DRAWN):
            raise ValidationError(_(MSG_RESULTS_EXIST))
        if not reason:
            raise ValidationError(_(MSG_REASON_REQUIRED))
        if plan.targets.exclude(outcome="").exists():
            raise ValidationError(_(MSG_RESULTS_EXIST))
    candidates = selectors.draw_candidates(plan)
    if not candidates.entities:
        raise ValidationError(_(MSG_NO_ENTITIES))
    if len(candidates.inspectors) < plan.inspectors_per_entity:
        raise ValidationError(
            _(MSG_TOO_FEW_INSPECTORS)
            % {"n": len(candidates.inspectors), "need": plan.inspectors_per_entity}
        )
    seed = seed or drawing.new_seed()
    outcome = drawing.draw(
        seed,
        [e.credit_code for e in candidates.entities],
        [i.badge_no for i in candidates.inspectors],
        count=max(candidates.count, 1),
        per_entity=plan.inspectors_per_entity,
        excluded=candidates.excluded,
    )
    if not outcome.targets:
        raise ValidationError(_(MSG_NOTHING_DRAWN) % {"need": plan.inspectors_per_entity})
    by_code = {e.credit_code: e for e in candidates.entities}
    by_badge = {i.badge_no: i for i in candidates.inspectors}
    with set_actor(actor):
        for target in plan.targets.all():
            target.delete()
        record = Draw.objects.create(
            plan=plan,
            number=(previous.number + 1) if previous else 1,
            seed=seed,
            reason=reason,
            drawn_by=actor,
            entity_candidates=[
                {"code": e.credit_code, "name": e.name, "region": e.region.name}
                for e in candidates.entities
            ],
            inspector_candidates=[
                {"badge": i.badge_no, "name": i.name, "unit": i.unit.name}
                for i in candidates.inspectors
            ],
            excluded_pairs=[list(p) for p in candidates.excluded],
            count=max(candidates.count, 1),
            per_entity=plan.inspectors_per_entity,
            outcome=outcome.as_json(),
        )
        for position, (code, badges) in enumerate(outcome.targets, start=1):
            target = InspectionTarget.objects.create(
                plan=plan, draw=record, entity=by_code[code], position=position
            )
            target.inspectors.set([by_badge[b] for b in badges])
        if plan.status == SamplingPlan.Status.DRAFT:
            plan.status = SamplingPlan.Status.DRAWN
            plan.save(update_fields=["status", "updated_at"])
    return record


# --- Results ----------------------------------------------------------------------------


def _require_open(plan: SamplingPlan) -> None:
    if plan.status == SamplingPlan.Status.DRAFT:
        raise ValidationError(_(MSG_NOT_DRAWN))
    if plan.status == SamplingPlan.Status.PUBLISHED:
        raise ValidationError(_(MSG_CLOSED))


@transaction.atomic
def target_result_save(
    *,
    actor,
    target: InspectionTarget,
    inspected_on: datetime.date,
    outcome: str,
    findings: str = "",
    rectification_due: datetime.date | None = None,
) -> InspectionTarget:
    """Record (or correct) the result of one inspected entity. A problem found opens 整改,
    followed up to its closure (`target_rectification_close`)."""
    target = (
        InspectionTarget.objects.select_for_update().select_related("plan__unit").get(pk=target.pk)
    )
    scoping.require(actor, scoping.Action.EDIT, target.plan.unit)
    _require_open(target.plan)
    values = {
        "inspected_on": inspected_on,
        "outcome": outcome,
        "findings": findings.strip(),
        "rectification_due": rectification_due,
    }
    if outcome in InspectionTarget.PROBLEM_OUTCOMES:
        if target.rectification != InspectionTarget.Rectification.CLOSED:
            values["rectification"] = InspectionTarget.Rectification.OPEN
    else:
        values.update(rectification="", rectification_due=None)
    changed = {k: v for k, v in values.items() if getattr(target, k) != v}
    if not changed:
        return target
    with set_actor(actor):
        for name, value in changed.items():
            setattr(target, name, value)
        target.full_clean()
        target.save()
    return target


@transaction.atomic
def target_rectification_close(
    *, actor, target: InspectionTarget, rectified_on: datetime.date, note: str = ""
) -> InspectionTarget:
    """整改 done: closes the follow-up (also after publication: the public page shows it)."""
    target = (
        InspectionTarget.objects.select_for_update().select_related("plan__unit").get(pk=target.pk)
    )
    scoping.require(actor, scoping.Action.EDIT, target.plan.unit)
    if target.rectification == "":
        raise ValidationError(_(MSG_NO_RECTIFICATION))
    with set_actor(actor):
        target.rectification = InspectionTarget.Rectification.CLOSED
        target.rectified_on = rectified_on
        target.rectification_note = note.strip()
        target.full_clean()
        target.save()
    return target


def check_file(upload) -> tuple[str, str, str]:
    """(kind, extension, content type) of an inspection file, read from its content; a
    ValidationError for any other type, a name that lies about it, or one too large."""
    allowed = {**PHOTO_TYPES, **DOCUMENT_TYPES}
    extension = content_extension(upload, allowed, type_message=MSG_FILE_TYPE)
    size_check(upload, file_max_bytes(), message=MSG_FILE_TOO_LARGE)
    kind = InspectionFile.Kind.PHOTO if extension in PHOTO_TYPES else "document"
    return kind, extension, allowed[extension]


@transaction.atomic
def target_file_add(*, actor, target: InspectionTarget, upload) -> InspectionFile:
    scoping.require(actor, scoping.Action.EDIT, target.plan.unit)
    _require_open(target.plan)
    kind, _ext, content_type = check_file(upload)
    with set_actor(actor):
        item = InspectionFile(
            target=target,
            kind=kind,
            original_name=os.path.basename(upload.name)[:255],
            content_type=content_type,
            size=upload.size,
        )
        item.file.save(upload.name, upload, save=False)
        item.full_clean()
        item.save()
    return item


# --- Publication (一公开) -----------------------------------------------------------------


@transaction.atomic
def plan_conclude(*, actor, plan: SamplingPlan, concluded_on: datetime.date) -> SamplingPlan:
    """The inspections are over: from this date the publication limit runs."""
    plan = SamplingPlan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    scoping.require(actor, scoping.Action.EDIT, plan.unit)
    _require_open(plan)
    missing = plan.targets.filter(outcome="").count()
    if missing:
        raise ValidationError(_(MSG_RESULTS_MISSING) % {"n": missing})
    if concluded_on > timezone.localdate():
        raise ValidationError(_(MSG_CONCLUDED_FUTURE))
    with set_actor(actor):
        plan.concluded_on = concluded_on
        plan.status = SamplingPlan.Status.CONCLUDED
        plan.full_clean()
        plan.save()
    return plan


@transaction.atomic
def plan_publish(*, actor, plan: SamplingPlan, now: datetime.datetime | None = None):
    """Publish the results on the public side (a late publication stays marked late)."""
    plan = SamplingPlan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    scoping.require(actor, scoping.Action.EDIT, plan.unit)
    if plan.published_at is not None:
        raise ValidationError(_(MSG_ALREADY_PUBLISHED))
    if plan.status != SamplingPlan.Status.CONCLUDED:
        raise ValidationError(_(MSG_NOT_CONCLUDED))
    with set_actor(actor):
        plan.published_at = now or timezone.now()
        plan.status = SamplingPlan.Status.PUBLISHED
        plan.save()
    return plan


def publication_warnings_send(*, today: datetime.date | None = None) -> int:
    """Warn each unit whose concluded plan is within QM_INSPECTION_WARN_DAYS working days of
    its publication limit (or past it) and still unpublished: once per plan. How many."""
    today = today or timezone.localdate()
    sent = 0
    plans = SamplingPlan.objects.filter(
        status=SamplingPlan.Status.CONCLUDED, published_at__isnull=True, warned_on__isnull=True
    ).select_related("unit")
    for plan in plans:
        state = selectors.publication_state(plan, today)
        if state.colour not in (selectors.BLUE, selectors.RED):
            continue
        with transaction.atomic(), set_actor(None):
            # Claimed with a conditional UPDATE: two runs never warn twice.
            if not SamplingPlan.objects.filter(pk=plan.pk, warned_on__isnull=True).update(
                warned_on=today
            ):
                continue
            notify(
                units=[plan.unit],
                kind="inspection_due",
                title=MSG_WARNING,
                title_params={"title": plan.title, "due": state.due.isoformat()},
                link=reverse("inspections:plan_detail", args=[plan.pk]),
            )
        sent += 1
    return sent
