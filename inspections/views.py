import logging
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from campaigns.selectors import campaign_years, year_selected, years_of
from core.uploads import upload_max_bytes
from core.xlsx import xlsx_response
from inspections import selectors, services
from inspections.forms import (
    ConcludeForm,
    InspectorForm,
    PlanForm,
    RectifiedForm,
    RedrawForm,
    ResultForm,
)
from inspections.models import InspectionFile, Inspector, SamplingPlan
from orgs import scoping
from orgs.models import OrgUnit

logger = logging.getLogger(__name__)
EDIT = scoping.Action.EDIT

MSG_SAVED = gettext_noop("已保存。")
MSG_DRAWN = gettext_noop("已完成第 %(n)s 次抽取：抽中 %(targets)s 家，随机种子 %(seed)s。")
MSG_CONCLUDED = gettext_noop("已登记检查结束，结果须在 %(due)s 前公开。")
MSG_PUBLISHED = gettext_noop("检查结果已向社会公开。")
MSG_RECTIFIED = gettext_noop("已登记整改完成。")


def _can_edit_somewhere(user) -> bool:
    return scoping.scope_paths(user, EDIT) != []


def _refuse(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _year(request, plans) -> int | None:
    """One year at a time, as every board: the one asked for, else the latest with plans."""
    return year_selected(
        request.GET.get("year"),
        content_years=years_of(plans, "activity__notice__campaign__year"),
        years=campaign_years(),
    )


@login_required
def home(request):
    year = _year(request, SamplingPlan.objects.for_user(request.user))
    plans = list(selectors.plans_for_user(request.user, year=year))
    for plan in plans:
        plan.timeliness = selectors.publication_state(plan)
    return render(
        request,
        "inspections/home.html",
        {
            "plans": plans,
            "year": year,
            "years": campaign_years(),
            "can_edit": _can_edit_somewhere(request.user),
        },
    )


# --- Inspector pool ---------------------------------------------------------------------


@login_required
def inspector_list(request):
    inspectors = (
        Inspector.objects.for_user(request.user).select_related("unit").order_by("unit__path")
    )
    return render(
        request,
        "inspections/inspector_list.html",
        {"inspectors": inspectors, "can_edit": _can_edit_somewhere(request.user)},
    )


def _inspector_save(request, form, inspector=None):
    data = dict(form.cleaned_data)
    try:
        if inspector is None:
            services.inspector_create(actor=request.user, **data)
        else:
            services.inspector_update(actor=request.user, inspector=inspector, **data)
    except ValidationError as error:
        for name, errors in getattr(error, "error_dict", {None: error.error_list}).items():
            form.add_error(name if name in form.fields else None, errors)
        return None
    messages.success(request, _(MSG_SAVED))
    return redirect("inspections:inspector_list")


@login_required
def inspector_new(request):
    if not _can_edit_somewhere(request.user):
        raise PermissionDenied
    form = InspectorForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if response := _inspector_save(request, form):
            return response
    return render(request, "inspections/inspector_form.html", {"form": form})


@login_required
def inspector_edit(request, pk: int):
    inspector = scoping.get_for_user(
        Inspector.objects.for_user(request.user), pk=pk, user=request.user, action=EDIT
    )
    initial = {
        "name": inspector.name,
        "unit": inspector.unit,
        "badge_no": inspector.badge_no,
        "fields": inspector.fields,
        "is_available": inspector.is_available,
        "linked_entities": list(inspector.linked_entities.all()),
    }
    form = InspectorForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        if response := _inspector_save(request, form, inspector):
            return response
    return render(
        request, "inspections/inspector_form.html", {"form": form, "inspector": inspector}
    )


# --- Plans ------------------------------------------------------------------------------


def _plan_save(request, form, plan=None):
    data = dict(form.cleaned_data)
    activity = data.pop("activity")
    try:
        if plan is None:
            plan = services.plan_create(actor=request.user, activity=activity, **data)
        else:
            plan = services.plan_update(actor=request.user, plan=plan, **data)
    except ValidationError as error:
        for name, errors in getattr(error, "error_dict", {None: error.error_list}).items():
            form.add_error(name if name in form.fields else None, errors)
        return None
    messages.success(request, _(MSG_SAVED))
    return redirect("inspections:plan_detail", plan.pk)


@login_required
def plan_new(request):
    if not _can_edit_somewhere(request.user):
        raise PermissionDenied
    initial = {}
    if request.GET.get("activity", "").isdigit():
        initial["activity"] = int(request.GET["activity"])
    form = PlanForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        if response := _plan_save(request, form):
            return response
    return render(request, "inspections/plan_form.html", {"form": form})


@login_required
def plan_edit(request, pk: int):
    plan = selectors.plan_get_for_user(request.user, pk, EDIT)
    if plan.status != SamplingPlan.Status.DRAFT:
        messages.error(request, _(services.MSG_NOT_EDITABLE))
        return redirect("inspections:plan_detail", plan.pk)
    form = PlanForm(request.POST or None, initial=PlanForm.initial_for(plan), user=request.user)
    # The activity stays: the plan belongs to it.
    form.fields["activity"].disabled = True
    if request.method == "POST" and form.is_valid():
        if response := _plan_save(request, form, plan):
            return response
    return render(request, "inspections/plan_form.html", {"form": form, "plan": plan})


@login_required
def plan_detail(request, pk: int):
    plan = selectors.plan_get_for_user(request.user, pk)
    can_edit = scoping.can(request.user, EDIT, plan.unit)
    targets = list(selectors.plan_targets(plan))
    draws = list(plan.draws.select_related("drawn_by").order_by("number"))
    return render(
        request,
        "inspections/plan_detail.html",
        {
            "plan": plan,
            "targets": targets,
            "draws": draws,
            "current_draw": draws[-1] if draws else None,
            "can_edit": can_edit,
            "timeliness": selectors.publication_state(plan),
            "missing": sum(1 for t in targets if not t.outcome),
            "redraw_form": RedrawForm(),
            "conclude_form": ConcludeForm(initial={"concluded_on": timezone.localdate()}),
            "replays": draws and selectors.draw_replay(draws[-1]).as_json() == draws[-1].outcome,
        },
    )


@login_required
@require_POST
def plan_draw(request, pk: int):
    plan = selectors.plan_get_for_user(request.user, pk, EDIT)
    try:
        record = services.plan_draw(
            actor=request.user, plan=plan, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(
            request,
            _(MSG_DRAWN)
            % {
                "n": record.number,
                "targets": len(record.outcome["targets"]),
                "seed": record.seed,
            },
        )
    return redirect("inspections:plan_detail", plan.pk)


@login_required
@require_POST
def plan_conclude(request, pk: int):
    plan = selectors.plan_get_for_user(request.user, pk, EDIT)
    form = ConcludeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("inspections:plan_detail", plan.pk)
    try:
        plan = services.plan_conclude(
            actor=request.user, plan=plan, concluded_on=form.cleaned_data["concluded_on"]
        )
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _(MSG_CONCLUDED) % {"due": plan.publication_due()})
    return redirect("inspections:plan_detail", plan.pk)


@login_required
@require_POST
def plan_publish(request, pk: int):
    plan = selectors.plan_get_for_user(request.user, pk, EDIT)
    try:
        services.plan_publish(actor=request.user, plan=plan)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _(MSG_PUBLISHED))
    return redirect("inspections:plan_detail", plan.pk)


# --- Results ----------------------------------------------------------------------------


@login_required
@upload_max_bytes(lambda head: services.file_max_bytes())
def target_result(request, pk: int):
    target = selectors.target_get_for_user(request.user, pk)
    can_edit = scoping.can(request.user, EDIT, target.plan.unit)
    initial = {
        "inspected_on": target.inspected_on,
        "outcome": target.outcome,
        "findings": target.findings,
        "rectification_due": target.rectification_due,
    }
    form = ResultForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            upload = data.pop("file")
            try:
                if upload is not None:
                    services.check_file(upload)
                services.target_result_save(actor=request.user, target=target, **data)
                if upload is not None:
                    services.target_file_add(actor=request.user, target=target, upload=upload)
            except ValidationError as error:
                form.add_error("file" if upload is not None else None, error)
            else:
                messages.success(request, _(MSG_SAVED))
                return redirect("inspections:plan_detail", target.plan_id)
    return render(
        request,
        "inspections/target_result.html",
        {
            "target": target,
            "form": form,
            "can_edit": can_edit,
            "inspectors": target.inspectors.select_related("unit"),
            "files": target.files.all(),
            "rectified_form": RectifiedForm(initial={"rectified_on": timezone.localdate()}),
        },
    )


@login_required
@require_POST
def target_rectified(request, pk: int):
    target = selectors.target_get_for_user(request.user, pk, EDIT)
    form = RectifiedForm(request.POST)
    if form.is_valid():
        try:
            services.target_rectification_close(
                actor=request.user,
                target=target,
                rectified_on=form.cleaned_data["rectified_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _refuse(request, error)
        else:
            messages.success(request, _(MSG_RECTIFIED))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("inspections:target_result", target.pk)


@login_required
def file_download(request, pk: int):
    item = get_object_or_404(
        InspectionFile.objects.filter(target__plan__in=SamplingPlan.objects.for_user(request.user)),
        pk=pk,
    )
    try:
        content = item.file.storage.open(item.file.name, "rb")
    except FileNotFoundError:
        logger.warning("Inspection file %s is missing from storage: %s", item.pk, item.file.name)
        raise Http404(_("该文件已不在存储中。")) from None
    response = FileResponse(content, content_type=item.content_type)
    disposition = "inline" if item.kind == InspectionFile.Kind.PHOTO else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(item.original_name)}"
    return response


# --- Supervision ------------------------------------------------------------------------


@login_required
def supervision_home(request):
    unit = OrgUnit.objects.for_user(request.user).order_by("depth", "path").first()
    if unit is None:
        raise PermissionDenied
    return redirect("inspections:supervision", unit.pk)


@login_required
def supervision(request, unit_pk: int):
    unit = scoping.get_for_user(
        OrgUnit.objects.for_user(request.user),
        pk=unit_pk,
        user=request.user,
        action="view",
        unit_of=lambda u: u,
    )
    year = _year(request, SamplingPlan.objects.in_subtree(unit))
    parent = OrgUnit.objects.for_user(request.user).filter(path=unit.path[: -scoping.PATH_STEP])
    return render(
        request,
        "inspections/supervision.html",
        {
            "unit": unit,
            "parent": parent.first() if unit.depth > 1 else None,
            "rows": selectors.supervision_rows(unit, year=year),
            "year": year,
            "years": campaign_years(),
        },
    )


# --- Public side (一公开) -----------------------------------------------------------------


def public_list(request):
    return render(request, "inspections/public_list.html", {"plans": selectors.published_plans()})


def public_plan(request, pk: int):
    plan = selectors.published_plan(pk)
    draws = list(plan.draws.order_by("number"))
    return render(
        request,
        "inspections/public_plan.html",
        {
            "plan": plan,
            "targets": selectors.plan_targets(plan),
            "draws": draws,
            "current_draw": draws[-1] if draws else None,
        },
    )


def public_plan_xlsx(request, pk: int):
    plan = selectors.published_plan(pk)
    rows = [
        [
            t.position,
            t.entity.name,
            t.entity.credit_code,
            t.entity.get_field_display(),
            t.inspected_on.isoformat() if t.inspected_on else "",
            t.get_outcome_display(),
            t.findings,
            t.get_rectification_display() if t.rectification else "",
        ]
        for t in selectors.plan_targets(plan)
    ]
    return xlsx_response(
        filename=f"{plan.title}.xlsx",
        sheet_title=_("抽查结果"),
        header=[
            _("序号"),
            _("市场主体名称"),
            _("统一社会信用代码"),
            _("领域"),
            _("检查日期"),
            _("检查结果"),
            _("检查情况"),
            _("整改情况"),
        ],
        rows=rows,
    )
