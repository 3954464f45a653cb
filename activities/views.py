import tempfile
from urllib.parse import quote

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from activities import selectors, services
from activities.forms import ActivityRowForm, ScheduleImportForm, row_form_class, upload_limit
from activities.models import Activity, ActivityParticipant
from campaigns import selectors as campaign_selectors
from campaigns.selectors import notice_get_for_user
from core.errors import ConflictError
from exports.schedule_xlsx import ScheduleFileError, write_schedule
from orgs import scoping

EDIT = scoping.Action.EDIT
ACTIVITY_ADDED = "activity-added"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _table_context(request, notice, **extra) -> dict:
    can_edit = scoping.can(request.user, EDIT, notice.unit)
    return {
        "notice": notice,
        "activities": selectors.notice_activities(notice),
        "can_edit": can_edit,
        "editable": can_edit and not notice.is_issued,
        **extra,
    }


def _render_table(request, notice, error: str = ""):
    return render(request, "activities/table.html", _table_context(request, notice, error=error))


def _render_row(request, activity: Activity):
    activity = selectors.activity_get_for_user(request.user, activity.pk)
    activity.seq = selectors.activity_seq(activity)
    notice = activity.notice
    can_edit = scoping.can(request.user, EDIT, notice.unit)
    context = {"activity": activity, "notice": notice, "can_edit": can_edit}
    return render(
        request,
        "activities/table.html#row",
        {**context, "editable": can_edit and not notice.is_issued},
    )


def _render_form(request, notice, form, activity=None, conflict=None):
    context = {"notice": notice, "form": form, "activity": activity, "conflict": conflict}
    if conflict is not None:
        entry = LogEntry.objects.get_for_object(conflict).select_related("actor").first()
        context["conflict_by"] = entry.actor if entry else None
    template = "activities/table.html#row_form" if _is_htmx(request) else "activities/row_page.html"
    return render(request, template, context)


def _done(request, notice, activity=None):
    """After a successful change: the re-rendered row (htmx) or the table page."""
    if _is_htmx(request):
        return _render_row(request, activity) if activity else _render_table(request, notice)
    anchor = f"#activity-{activity.pk}" if activity else ""
    return redirect(reverse("activities:notice_page", args=[notice.pk]) + anchor)


def _refused(request, notice, error: ValidationError):
    message = " ".join(error.messages)
    if _is_htmx(request):
        return _render_table(request, notice, error=message)
    messages.error(request, message)
    return redirect("activities:notice_page", notice.pk)


@login_required
@require_GET
def notice_page(request, notice_pk: int):
    notice = notice_get_for_user(request.user, notice_pk)
    return render(request, "activities/notice_page.html", _table_context(request, notice))


@login_required
@require_GET
def notice_table(request, notice_pk: int):
    return _render_table(request, notice_get_for_user(request.user, notice_pk))


@login_required
@require_GET
def activity_row(request, pk: int):
    return _render_row(request, selectors.activity_get_for_user(request.user, pk))


@login_required
def activity_new(request, notice_pk: int):
    notice = notice_get_for_user(request.user, notice_pk, EDIT)
    if notice.is_issued:
        return _refused(request, notice, ValidationError(services.PLAN_ISSUED_NO_NEW_ACTIVITY))
    form = ActivityRowForm(request.POST or None, auto_id="new-%s")
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(
                actor=request.user, notice=notice, **form.service_kwargs()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            response = _done(request, notice, activity)
            if _is_htmx(request):
                # The new row replaces its form in place; the heading's count (table.html,
                # #activity-count) listens for this event and reloads itself.
                response["HX-Trigger"] = ACTIVITY_ADDED
            return response
    return _render_form(request, notice, form)


@login_required
def activity_edit(request, pk: int):
    activity = selectors.activity_get_for_user(request.user, pk, EDIT)
    form_class = row_form_class(activity)
    auto_id = f"a{activity.pk}-%s"  # several rows may be open at once: ids stay unique
    if request.method != "POST":
        form = form_class(initial=form_class.initial_for(activity), auto_id=auto_id)
        return _render_form(request, activity.notice, form, activity)
    form = form_class(request.POST, auto_id=auto_id)
    if form.is_valid():
        try:
            services.activity_update(
                actor=request.user,
                activity=activity,
                version=form.cleaned_data["version"],
                **form.service_kwargs(),
            )
            return _done(request, activity.notice, activity)
        except ConflictError as error:
            current = selectors.activity_get_for_user(request.user, pk)
            data = request.POST.copy()
            data["version"] = error.current_version  # saving again now means "mine wins"
            form = form_class(data, auto_id=auto_id)
            return _render_form(request, current.notice, form, current, conflict=current)
        except ValidationError as error:
            form.add_error(None, error)
    return _render_form(request, activity.notice, form, activity)


@login_required
@require_POST
def activity_delete(request, pk: int):
    activity = selectors.activity_get_for_user(request.user, pk, EDIT)
    try:
        services.activity_delete(actor=request.user, activity=activity)
    except ValidationError as error:
        return _refused(request, activity.notice, error)
    return _done(request, activity.notice)


@login_required
@require_POST
def activity_move(request, pk: int):
    activity = selectors.activity_get_for_user(request.user, pk, EDIT)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.activity_move(actor=request.user, activity=activity, offset=offset)
    except ValidationError as error:
        return _refused(request, activity.notice, error)
    return _done(request, activity.notice)


@login_required
@require_GET
def schedule_export(request, notice_pk: int):
    notice = notice_get_for_user(request.user, notice_pk)
    title = _("%(unit)s%(year)s年“质量月”活动计划安排表") % {
        "unit": notice.unit.display_name,
        "year": notice.campaign.year,
    }
    spool = tempfile.TemporaryFile()
    write_schedule(selectors.notice_schedule_rows(notice), spool, title)
    spool.seek(0)
    response = FileResponse(
        spool, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    # RFC 5987, so the Chinese name survives in every browser.
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(title + '.xlsx')}"
    return response


@login_required
def schedule_import(request, notice_pk: int):
    notice = notice_get_for_user(request.user, notice_pk, EDIT)
    form = ScheduleImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.schedule_import(
                actor=request.user,
                notice=notice,
                file=form.cleaned_data["file"],
                replace=form.cleaned_data["replace"],
                max_bytes=upload_limit(),
            )
        except ScheduleFileError as error:
            form.add_error("file", error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if result.ok:
                messages.success(request, _("已导入 %(n)s 项活动。") % {"n": len(result.rows)})
                unmatched = sorted({e.message for e in result.unmatched})
                if unmatched:
                    # Kept as written, as the inline editor keeps them; the table flags them.
                    messages.warning(
                        request,
                        _(
                            "以下名称未匹配到本单位的科室或下级单位，已按原文保留并标注“未匹配”：%(names)s"
                        )
                        % {"names": "；".join(unmatched)},
                    )
                return redirect("activities:notice_page", notice.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "activities/import.html",
        {"notice": notice, "form": form, "result": result},
        status=status,
    )


@login_required
@require_GET
def my_tasks(request):
    role = request.GET.get("role", "")
    status = request.GET.get("status", "")
    years = campaign_selectors.campaign_years()
    year = campaign_selectors.year_selected(
        request.GET.get("year"), content_years=selectors.my_task_years(request.user), years=years
    )
    return render(
        request,
        "activities/my_tasks.html",
        {
            "tasks": selectors.my_tasks(request.user, role=role, status=status, year=year),
            "years": years,
            "year": year,
            "role": role,
            "status": status,
            "roles": ActivityParticipant.Role.choices,
            "statuses": Activity.Status.choices,
        },
    )
