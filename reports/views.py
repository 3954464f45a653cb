from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Notice
from core.replica import read_from_replica
from orgs import scoping
from orgs.models import OrgUnit
from orgs.selectors import unit_ancestors, unit_get_for_user
from reports import exports, forms, selectors, services
from reports.models import (
    Bulletin,
    Colour,
    ExpectedReport,
    Report,
    ReportFile,
    ReportRequirement,
    TypicalCase,
)
from reports.services import ConflictError, IncompleteReportError, ReportStateError


def _errors(exc: ValidationError) -> str:
    return "；".join(exc.messages)


# --- Landing ---------------------------------------------------------------------------


@login_required
def index(request):
    return render(
        request,
        "reports/index.html",
        {
            "todo": selectors.requirements_to_report(request.user),
            "issued": selectors.requirements_issued(request.user),
        },
    )


# --- Requirement (the issuer's side) --------------------------------------------------------


@login_required
def requirement_edit(request, notice_pk: int):
    notice = get_object_or_404(Notice.objects.for_user(request.user), pk=notice_pk)
    if not scoping.can(request.user, scoping.Action.EDIT, notice.unit):
        raise PermissionDenied
    requirement = ReportRequirement.objects.filter(notice=notice).first()
    form = forms.RequirementForm(request.POST or None, initial=_requirement_initial(requirement))
    # Rows shown pre-filled must not count as "unchanged" (and so empty) when posted back.
    formset = forms.StatisticFieldFormSet(
        request.POST or None,
        prefix="f",
        initial=None if request.method == "POST" else _fields_initial(requirement),
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        specs = [s for s in (f.spec() for f in formset) if s]
        try:
            requirement = services.requirement_save(
                actor=request.user, notice=notice, fields=specs, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("报送要求已保存。"))
            return redirect(requirement)
    return render(
        request,
        "reports/requirement_edit.html",
        {"notice": notice, "form": form, "formset": formset},
    )


def _requirement_initial(requirement: ReportRequirement | None) -> dict:
    if requirement is None:
        return {"materials": ["工作总结", "统计表", "图片"]}
    return {
        "due_date": requirement.due_date,
        "materials": requirement.materials,
        "levels": requirement.levels,
        "report_to": requirement.report_to,
        "text": requirement.text,
    }


def _fields_initial(requirement: ReportRequirement | None) -> list[dict]:
    fields = list(requirement.statistic_fields.all()) if requirement else []
    if not fields:
        return [vars(spec) for spec in services.default_field_specs()]
    return [
        {
            "label": f.label,
            "code": f.code,
            "kind": f.kind,
            "required": f.required,
            "unit_of_measure": f.unit_of_measure,
        }
        for f in fields
    ]


@login_required
def requirement_detail(request, pk: int):
    requirement = selectors.requirement_get_for_user(request.user, pk)
    issuer = requirement.notice.unit
    can_edit = scoping.can(request.user, scoping.Action.EDIT, issuer)
    today = timezone.localdate()
    expected = (
        ExpectedReport.objects.for_user(request.user)
        .filter(requirement=requirement)
        .with_colour(today)
        .select_related("unit", "report", "removed_by")
        .order_by("removed_at", "unit__path")
    )
    return render(
        request,
        "reports/requirement_detail.html",
        {
            "requirement": requirement,
            "fields": requirement.statistic_fields.all(),
            "expected": expected,
            "summary": selectors.completeness(issuer, requirement=requirement, today=today),
            "can_edit": can_edit,
            "add_form": forms.AddExpectedForm(issuer=issuer) if can_edit else None,
        },
    )


@login_required
@require_POST
def expected_fill(request, pk: int):
    requirement = selectors.requirement_get_for_user(request.user, pk, scoping.Action.EDIT)
    n = services.expected_fill(actor=request.user, requirement=requirement)
    messages.success(request, _("已按接收单位生成应报单位（%(n)s 个）。") % {"n": n})
    return redirect(requirement)


@login_required
@require_POST
def expected_add(request, pk: int):
    requirement = selectors.requirement_get_for_user(request.user, pk, scoping.Action.EDIT)
    form = forms.AddExpectedForm(request.POST, issuer=requirement.notice.unit)
    if form.is_valid():
        services.expected_add(
            actor=request.user, requirement=requirement, unit=form.cleaned_data["unit"]
        )
        messages.success(request, _("已加入应报单位。"))
    else:
        messages.error(request, _("请选择本单位的下级单位。"))
    return redirect(requirement)


@login_required
@require_POST
def expected_remove(request, pk: int):
    expected = selectors.expected_get_for_user(request.user, pk)
    requirement = selectors.requirement_get_for_user(
        request.user, expected.requirement_id, scoping.Action.EDIT
    )
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        services.expected_remove(
            actor=request.user, expected=expected, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("已移出应报单位：%(u)s。") % {"u": expected.unit.name})
    else:
        messages.error(request, _("请填写移出原因，如“机构撤并”。"))
    return redirect(requirement)


@login_required
@require_POST
def remind(request, pk: int):
    requirement = selectors.requirement_get_for_user(request.user, pk, scoping.Action.EDIT)
    ids = [int(i) for i in request.POST.getlist("expected") if i.isdigit()] or None
    n = services.reminders_send_manual(
        actor=request.user, requirement=requirement, expected_ids=ids
    )
    messages.success(request, _("已向 %(n)s 个单位发送催报提醒。") % {"n": n})
    return redirect(requirement)


# --- The unit's report ----------------------------------------------------------------------


def _report_context(report: Report, form=None, upload_form=None, case_form=None) -> dict:
    fields = services.statistic_fields_of(report.requirement)
    if form is None:
        values = {v.field_id: v for v in report.values.all()}
        initial = {
            "version": report.version,
            "summary": report.summary,
            "problems": report.problems,
        }
        for f in fields:
            v = values.get(f.pk)
            if v is not None:
                initial[f"stat_{f.code}"] = (
                    v.text
                    if not f.is_numeric
                    else ("" if v.number is None else f"{v.number.normalize():f}")
                )
        form = forms.ReportDraftForm(initial=initial, fields=fields)
    return {
        "report": report,
        "requirement": report.requirement,
        "form": form,
        "upload_form": upload_form or forms.UploadForm(),
        "case_form": case_form or forms.CaseForm(),
        "missing": services.report_missing(report),
        "colour": report.expected.colour_on(timezone.localdate()),
        **selectors.report_detail_parts(report),
    }


@login_required
def report_edit(request, expected_pk: int):
    """The unit fills its report; POST saves the draft (or submits, with action=submit)."""
    expected = selectors.expected_get_for_user(request.user, expected_pk, scoping.Action.EDIT)
    report = services.report_start(actor=request.user, expected=expected)
    if request.method != "POST":
        return render(request, "reports/report_edit.html", _report_context(report))
    fields = services.statistic_fields_of(report.requirement)
    form = forms.ReportDraftForm(request.POST, fields=fields)
    status = 200
    if form.is_valid():
        try:
            report = services.report_save_draft(
                actor=request.user,
                report=report,
                version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
                problems=form.cleaned_data["problems"],
                values=form.values(),
            )
            if request.POST.get("action") == "submit":
                report = services.report_submit(actor=request.user, report=report)
                messages.success(
                    request, _("已报送。") + (_("（逾期报送）") if report.is_late else "")
                )
                return redirect(report)
            messages.success(request, _("草稿已保存。"))
            return redirect("reports:report_edit", expected_pk)
        except ConflictError as exc:
            form.add_error(None, _(services.MSG_STALE) % {"v": exc.current_version})
            status = 409
        except IncompleteReportError as exc:
            messages.error(request, str(exc))
            return redirect("reports:report_edit", expected_pk)
        except (ValidationError, ReportStateError) as exc:
            form.add_error(None, _errors(exc) if isinstance(exc, ValidationError) else str(exc))
            status = 400
    return render(
        request, "reports/report_edit.html", _report_context(report, form=form), status=status
    )


def _expected_to_autosave(user, pk: int) -> ExpectedReport:
    """The expected report an autosave writes to, read narrowly: only the columns the save
    uses (the unit's path for the scope, the requirement for the statistics form, the labels
    of the audit entry), not the whole notice and its unit on every keystroke pause. Whoever
    may not edit gets the selector's answer: 404 outside their scope, 403 inside."""
    expected = (
        ExpectedReport.objects.select_related("unit", "requirement__notice")
        .only(
            "removed_at",
            "unit__path",
            "unit__name",
            "unit__full_name",
            "requirement__due_date",
            "requirement__notice__doc_number",
            "requirement__notice__title",
        )
        .order_by()
        .filter(pk=pk)
        .first()
    )
    if expected is None or not scoping.can(user, scoping.Action.EDIT, expected.unit):
        selectors.expected_get_for_user(user, pk, scoping.Action.EDIT)
        raise PermissionDenied  # not reached: the selector answered 404 or 403
    return expected


@login_required
@require_POST
def report_autosave(request, expected_pk: int):
    """htmx: save the draft as the user types; answers a status line (and the new version)."""
    expected = _expected_to_autosave(request.user, expected_pk)
    form = forms.ReportDraftForm(
        request.POST, fields=services.statistic_fields_of(expected.requirement)
    )
    context = {"saved": False}
    if not form.is_valid():
        context["error"] = _("无法保存：页面数据不完整，请刷新。")
        return render(request, "reports/report_edit.html#autosave", context, status=400)
    try:
        report = services.report_save_draft(
            actor=request.user,
            expected=expected,
            version=form.cleaned_data["version"],
            summary=form.cleaned_data["summary"],
            problems=form.cleaned_data["problems"],
            values=form.values(),
        )
    except ConflictError as exc:
        context["error"] = _(services.MSG_STALE) % {"v": exc.current_version}
        context["conflict"] = True
        return render(request, "reports/report_edit.html#autosave", context, status=409)
    except (ValidationError, ReportStateError) as exc:
        context["error"] = _errors(exc) if isinstance(exc, ValidationError) else str(exc)
        return render(request, "reports/report_edit.html#autosave", context, status=400)
    context.update(report=report, saved=True, saved_at=timezone.localtime())
    return render(request, "reports/report_edit.html#autosave", context)


@login_required
@require_POST
def report_submit(request, expected_pk: int):
    expected = selectors.expected_get_for_user(request.user, expected_pk, scoping.Action.EDIT)
    report = services.report_start(actor=request.user, expected=expected)
    try:
        report = services.report_submit(actor=request.user, report=report)
    except (IncompleteReportError, ReportStateError) as exc:
        messages.error(request, str(exc))
        return redirect("reports:report_edit", expected_pk)
    messages.success(request, _("已报送。") + (_("（逾期报送）") if report.is_late else ""))
    return redirect(report)


@login_required
@require_POST
def report_upload(request, expected_pk: int):
    expected = selectors.expected_get_for_user(request.user, expected_pk, scoping.Action.EDIT)
    report = services.report_start(actor=request.user, expected=expected)
    form = forms.UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.report_file_add(
                actor=request.user,
                report=report,
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except (ValidationError, ReportStateError) as exc:
            form.add_error("file", _errors(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("文件已上传。"))
            return redirect("reports:report_edit", expected_pk)
    return render(
        request, "reports/report_edit.html", _report_context(report, upload_form=form), status=400
    )


@login_required
@require_POST
def case_add(request, expected_pk: int):
    expected = selectors.expected_get_for_user(request.user, expected_pk, scoping.Action.EDIT)
    report = services.report_start(actor=request.user, expected=expected)
    form = forms.CaseForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.case_add(
                actor=request.user,
                report=report,
                title=data["title"],
                unit_name=data["unit_name"],
                description=data["description"],
                uploads_=[data["file"]] if data["file"] else [],
            )
        except (ValidationError, ReportStateError) as exc:
            form.add_error(None, _errors(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("典型案例已添加。"))
            return redirect("reports:report_edit", expected_pk)
    return render(
        request, "reports/report_edit.html", _report_context(report, case_form=form), status=400
    )


def _remove_part(request, model, pk: int, remove):
    """Remove a file or typical case of a report the user may edit, back to the report."""
    part = get_object_or_404(
        model.objects.filter(report__in=Report.objects.for_user(request.user, "edit")), pk=pk
    )
    try:
        remove(actor=request.user, item=part)
    except ReportStateError as exc:
        messages.error(request, str(exc))
    return redirect("reports:report_edit", part.report.expected_id)


@login_required
@require_POST
def file_remove(request, pk: int):
    return _remove_part(request, ReportFile, pk, services.report_file_remove)


@login_required
@require_POST
def case_remove(request, pk: int):
    return _remove_part(
        request, TypicalCase, pk, lambda actor, item: services.case_remove(actor=actor, case=item)
    )


@login_required
def file_download(request, pk: int):
    """A photo or video (or its thumbnail), streamed through the storage API after the same
    visibility check as the report."""
    item = get_object_or_404(
        ReportFile.objects.filter(report__in=Report.objects.for_user(request.user)), pk=pk
    )
    thumb = request.GET.get("thumb") == "1" and item.thumbnail
    stored = item.thumbnail if thumb else item.file
    response = FileResponse(
        stored.storage.open(stored.name, "rb"),
        content_type="image/jpeg" if thumb else item.content_type,
        filename=item.original_name,
        as_attachment=request.GET.get("download") == "1",
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- Reading and review -------------------------------------------------------------------


@login_required
def report_detail(request, pk: int):
    report = selectors.report_get_for_user(request.user, pk)
    can_review = scoping.can(request.user, scoping.Action.EDIT, report.requirement.notice.unit)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "requirement": report.requirement,
            "can_review": can_review and report.status == Report.Status.SUBMITTED,
            "can_edit": report.is_editable
            and scoping.can(request.user, scoping.Action.EDIT, report.unit),
            "return_form": forms.ReasonForm(),
            **selectors.report_detail_parts(report),
        },
    )


@login_required
@require_POST
def report_review(request, pk: int):
    report = selectors.report_get_for_user(request.user, pk)
    if not scoping.can(request.user, scoping.Action.EDIT, report.requirement.notice.unit):
        raise PermissionDenied
    try:
        if request.POST.get("action") == "accept":
            services.report_accept(actor=request.user, report=report)
            messages.success(request, _("已采用。"))
        else:
            services.report_return(
                actor=request.user, report=report, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("已退回，并通知报送单位。"))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    except ReportStateError as exc:
        messages.error(request, str(exc))
    return redirect(report)


# --- Supervision, rollups, exports ------------------------------------------------------


def _scope(request, unit_pk: int) -> tuple[OrgUnit, ReportRequirement | None]:
    unit = unit_get_for_user(request.user, unit_pk)
    requirement = None
    if request.GET.get("requirement", "").isdigit():
        requirement = selectors.requirement_get_for_user(
            request.user, int(request.GET["requirement"])
        )
    return unit, requirement


@login_required
def supervision_home(request):
    """督查督办 starts at the highest unit the user holds a role on."""
    unit = OrgUnit.objects.for_user(request.user).order_by("depth", "path").first()
    if unit is None:
        raise Http404
    return redirect("reports:supervision", unit.pk)


@login_required
@read_from_replica()  # figures over a subtree: may lag the primary by seconds
def supervision(request, unit_pk: int):
    """督查督办 for one unit's subtree: rates per child and per level, colours, overdue list."""
    unit, requirement = _scope(request, unit_pk)
    today = timezone.localdate()
    kw = {"requirement": requirement, "today": today}
    levels = selectors.completeness_by_level(unit, **kw)
    return render(
        request,
        "reports/supervision.html",
        {
            "unit": unit,
            "ancestors": unit_ancestors(unit),
            "requirement": requirement,
            "total": selectors.completeness_total(unit, levels),
            "children": selectors.completeness_by_child(unit, **kw),
            "levels": levels,
            "colours": selectors.colour_counts(unit, **kw),
            "overdue": selectors.supervision_list(
                unit, colours=[Colour.RED, Colour.YELLOW, Colour.BLUE], **kw
            )[:200],
            "can_remind": scoping.can(request.user, scoping.Action.EDIT, unit),
            "rollup": selectors.statistics_rollup(unit, requirement=requirement)
            if requirement
            else None,
            "activities": selectors.activity_counts(unit),
        },
    )


@login_required
@require_POST
def supervision_remind(request, unit_pk: int):
    """One click: remind every overdue or near-due unit listed on the supervision page that
    reports on a requirement the user's units issued."""
    unit = unit_get_for_user(request.user, unit_pk, scoping.Action.EDIT)
    rows = selectors.supervision_list(unit, colours=[Colour.RED, Colour.BLUE, Colour.YELLOW])
    sent = 0
    for requirement in (
        ReportRequirement.objects.for_user(request.user, "edit")
        .filter(expected__in=rows)
        .distinct()
    ):
        ids = list(rows.filter(requirement=requirement).values_list("pk", flat=True))
        sent += services.reminders_send_manual(
            actor=request.user, requirement=requirement, expected_ids=ids
        )
    messages.success(request, _("已向 %(n)s 个单位发送催报提醒。") % {"n": sent})
    return redirect(reverse("reports:supervision", args=[unit.pk]) + "?" + request.GET.urlencode())


@login_required
def statistics_export(request, unit_pk: int, pk: int):
    unit = unit_get_for_user(request.user, unit_pk)
    requirement = selectors.requirement_get_for_user(request.user, pk)
    return exports.statistics_xlsx(unit, requirement)


@login_required
def compilation_export(request, unit_pk: int, pk: int):
    unit = unit_get_for_user(request.user, unit_pk)
    requirement = selectors.requirement_get_for_user(request.user, pk)
    return exports.compilation_docx(unit, requirement)


# --- Bulletins ------------------------------------------------------------------------------


@login_required
def bulletin_new(request):
    units = (
        OrgUnit.objects.filter(memberships__user=request.user)
        .filter(scoping.scope_q(request.user, scoping.Action.EDIT, path_field="path"))
        .exclude(depth=1)
    )
    form = forms.BulletinForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            bulletin = services.bulletin_send(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("已报送至%(u)s。") % {"u": bulletin.to_unit.name})
            return redirect("reports:bulletin_detail", bulletin.pk)
    return render(request, "reports/bulletin_new.html", {"form": form})


@login_required
def bulletin_detail(request, pk: int):
    bulletin = (
        Bulletin.objects.filter(
            scoping.scope_q(request.user, "view", path_field="unit__path")
            | scoping.scope_q(request.user, "view", path_field="to_unit__path")
        )
        .select_related("unit", "to_unit", "author")
        .filter(pk=pk)
        .first()
    )
    if bulletin is None:
        raise Http404
    return render(request, "reports/bulletin_detail.html", {"bulletin": bulletin})
