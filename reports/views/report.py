"""The unit's report: the edit page, autosave, submit, files and typical cases."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext
from django.views.decorators.http import require_POST

from core.errors import ConflictError
from core.uploads import upload_max_bytes
from orgs import scoping
from reports import forms, selectors, services, uploads
from reports.models import (
    Report,
    ReportFile,
    TypicalCase,
)
from reports.prefill import MSG_PREFILLED, report_prefill
from reports.services import IncompleteReportError, ReportStateError
from reports.views.common import errors_text

logger = logging.getLogger(__name__)

# An autosave whose body is not the form's JSON (cut off in transit, tampered with).
MSG_INCOMPLETE_DRAFT = gettext_noop("无法保存：页面数据不完整，请刷新。")
MSG_DRAFT_SAVED = gettext_noop("草稿已保存。")

# --- The unit's report ----------------------------------------------------------------------


def _report_context(report: Report, form=None, upload_form=None, case_form=None) -> dict:
    fields = services.statistic_fields_of(report.requirement)
    suggested = report_prefill(report) if report.is_editable else {}
    prefilled: list = []
    if form is None:
        values = {v.field_id: v for v in report.values.all()}
        initial = {
            "version": report.version,
            "summary": report.summary,
            "problems": report.problems,
        }
        for f in fields:
            v = values.get(f.pk)
            if v is not None and (v.text if not f.is_numeric else v.number is not None):
                initial[f"stat_{f.code}"] = (
                    v.text if not f.is_numeric else f"{v.number.normalize():f}"
                )
            elif f.code in suggested and suggested[f.code].value is not None:
                # Not filled in yet: start from the subordinates' accepted figures or the
                # platform's own (the sources show beside the input; the autosave keeps it).
                initial[f"stat_{f.code}"] = f"{suggested[f.code].value.normalize():f}"
                prefilled.append(f)
        form = forms.ReportDraftForm(initial=initial, fields=fields)
    return {
        "stat_rows": [
            (bound, suggested[f.code].sources if f.code in suggested else [])
            for f, bound in zip(form.statistic_fields, form.stat_fields(), strict=True)
        ],
        "report": report,
        "requirement": report.requirement,
        "form": form,
        "upload_form": upload_form or forms.UploadForm(),
        "case_form": case_form or forms.CaseForm(),
        # The checklist agrees with the inputs: a pre-filled figure is shown and is saved with
        # the report, so it is not asked for again.
        "missing": services.report_missing(report, prefilled={f.pk for f in prefilled}),
        "prefilled_note": _(MSG_PREFILLED)
        % {"labels": pgettext("list separator", "、").join(f"“{f.label}”" for f in prefilled)}
        if prefilled
        else "",
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
            messages.success(request, _(MSG_DRAFT_SAVED))
            return redirect("reports:report_edit", expected_pk)
        except ConflictError as exc:
            form.add_error(None, _(services.MSG_STALE) % {"v": exc.current_version})
            status = 409
        except IncompleteReportError as exc:
            messages.error(request, str(exc))
            return redirect("reports:report_edit", expected_pk)
        except (ValidationError, ReportStateError) as exc:
            form.add_error(None, errors_text(exc))
            status = 400
    return render(
        request, "reports/report_edit.html", _report_context(report, form=form), status=status
    )


@login_required
@require_POST
def report_autosave(request, expected_pk: int):
    """htmx: save the draft as the user types; answers a status line (and the new version).
    The statistics go to the service as posted: it checks them against the requirement's
    form once it has the draft, so that nothing is read before the one query that finds,
    checks and locks it."""
    data = forms.autosave_data(request)
    form = forms.ReportDraftForm(data)
    context = {"saved": False}
    if data is None or not form.is_valid():
        context["error"] = _(MSG_INCOMPLETE_DRAFT)
        return render(request, "reports/report_edit.html#autosave", context, status=400)
    try:
        report = services.report_save_draft(
            actor=request.user,
            expected_pk=expected_pk,
            version=form.cleaned_data["version"],
            summary=form.cleaned_data["summary"],
            problems=form.cleaned_data["problems"],
            values=forms.posted_statistics(data),
        )
    except ConflictError as exc:
        context["error"] = _(services.MSG_STALE) % {"v": exc.current_version}
        context["conflict"] = True
        return render(request, "reports/report_edit.html#autosave", context, status=409)
    except services.AutosaveThrottledError as exc:
        context["error"] = str(exc)
        return render(request, "reports/report_edit.html#autosave", context, status=429)
    except (ValidationError, ReportStateError) as exc:
        context["error"] = errors_text(exc)
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
@upload_max_bytes(uploads.max_bytes_for)
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
            form.add_error("file", errors_text(exc))
        else:
            messages.success(request, _("文件已上传。"))
            return redirect("reports:report_edit", expected_pk)
    return render(
        request, "reports/report_edit.html", _report_context(report, upload_form=form), status=400
    )


@login_required
@require_POST
@upload_max_bytes(uploads.max_bytes_for)
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
            form.add_error(None, errors_text(exc))
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
    thumb = request.GET.get("thumb") == "1"
    if thumb and not item.thumbnail:
        # Never the original instead: a photo without a thumbnail may be one Pillow would
        # not decode (or a huge one), and the page asked for something small.
        raise Http404(_("该图片没有预览图。"))
    stored = item.thumbnail if thumb else item.file
    try:
        content = stored.storage.open(stored.name, "rb")
    except FileNotFoundError:
        # The row outlived its file (a restore without the media, a bucket cleaned by
        # hand): the clerk gets the ordinary not-found page, operations a trace to follow.
        logger.warning(
            "Report file %s (report %s) is missing from storage: %s",
            item.pk,
            item.report_id,
            stored.name,
        )
        raise Http404(_("该文件已不在存储中。")) from None
    response = FileResponse(
        content,
        content_type="image/jpeg" if thumb else item.content_type,
        filename=item.original_name,
        as_attachment=request.GET.get("download") == "1",
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
