from itertools import zip_longest

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.uploads import upload_max_bytes
from imports import selectors, services
from imports.forms import (
    ActivityFormSet,
    ContactFormSet,
    NoticeDataForm,
    UnmatchedNameFormSet,
    UploadForm,
    data_from_forms,
    unmatched_initial,
)
from imports.models import NoticeImport
from imports.parser import ParsedNotice
from imports.parser.errors import NoticeParseError
from orgs import scoping
from orgs.selectors import unit_get_for_user


@login_required
def import_index(request):
    return render(
        request,
        "imports/index.html",
        {
            "units": selectors.units_for_import(request.user),
            "imports": selectors.imports_for_user(request.user),
        },
    )


@login_required
@upload_max_bytes(lambda head: settings.QM_NOTICE_UPLOAD_MAX_BYTES)
def import_new(request, unit_pk: int):
    unit = unit_get_for_user(request.user, unit_pk, scoping.Action.EDIT)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        try:
            notice_import = services.notice_import_create(
                actor=request.user,
                unit=unit,
                upload=form.cleaned_data["file"],
                text=form.cleaned_data["text"],
            )
        except NoticeParseError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("imports:preview", notice_import.pk)
    status = 400 if form.errors else 200
    return render(request, "imports/new.html", {"unit": unit, "form": form}, status=status)


def _done_url(notice_import: NoticeImport) -> str:
    return reverse("campaigns:notice_detail", args=[notice_import.notice_id])


@login_required
def import_preview(request, pk: int):
    notice_import = selectors.import_get_for_user(request.user, pk, scoping.Action.EDIT)
    if notice_import.status == NoticeImport.Status.IMPORTED:
        return redirect(_done_url(notice_import))
    if notice_import.status == NoticeImport.Status.DISCARDED:
        messages.error(request, _("该导入已放弃。"))
        return redirect("imports:index")
    data = ParsedNotice.from_json(notice_import.data)
    post = request.POST if request.method == "POST" else None
    form = NoticeDataForm(post, initial=NoticeDataForm.initial_from(data))
    activities = ActivityFormSet(post, initial=[a.to_json() for a in data.activities], prefix="act")
    contacts = ContactFormSet(post, initial=[c.to_json() for c in data.contacts], prefix="contact")
    parents = selectors.new_unit_parents(request.user, notice_import.unit)
    unmatched = (
        UnmatchedNameFormSet(post, prefix="new", parents=parents) if post is not None else None
    )
    if post is not None and all(f.is_valid() for f in (form, activities, contacts)):
        data = data_from_forms(data, form, activities, contacts)
        if "confirm" not in request.POST:
            services.notice_import_update(
                actor=request.user, notice_import=notice_import, data=data
            )
            messages.success(request, _("修改已保存，名称匹配已更新。"))
            return redirect("imports:preview", pk)
        if unmatched.is_valid():
            new_departments, new_units = unmatched.choices()
            try:
                services.notice_import_confirm(
                    actor=request.user,
                    notice_import=notice_import,
                    data=data,
                    new_departments=new_departments,
                    new_units=new_units,
                )
            except (ValidationError, services.ImportStateError) as exc:
                for message in getattr(exc, "messages", [str(exc)]):
                    form.add_error(None, message)
            else:
                notice_import.refresh_from_db()
                messages.success(request, _("公文已导入为草稿，请核对后印发。"))
                return redirect(_done_url(notice_import))
    matches = selectors.import_matches(request.user, notice_import, data)
    if unmatched is None:
        initial = unmatched_initial(matches["unmatched"], parents, notice_import.unit)
        unmatched = UnmatchedNameFormSet(initial=initial, prefix="new", parents=parents)
    return render(
        request,
        "imports/preview.html",
        {
            "notice_import": notice_import,
            "data": data,
            "form": form,
            "activities": activities,
            "contacts": contacts,
            "matches": matches,
            "title_suggestions": selectors.title_suggestions(notice_import, data),
            "unmatched": unmatched,
            "activity_rows": list(zip_longest(activities.forms, matches["activities"])),
            "uncertain": dict.fromkeys(
                ParsedNotice.from_json(notice_import.parsed).uncertain, True
            ),
        },
        status=400 if post is not None else 200,
    )


@require_POST
@login_required
def import_discard(request, pk: int):
    notice_import = selectors.import_get_for_user(request.user, pk, scoping.Action.EDIT)
    try:
        services.notice_import_discard(actor=request.user, notice_import=notice_import)
    except services.ImportStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已放弃本次导入。"))
    return redirect("imports:index")


@login_required
def import_result(request, pk: int):
    notice_import = selectors.import_get_for_user(request.user, pk)
    if notice_import.notice is None:
        return redirect("imports:preview", pk)
    return render(
        request,
        "imports/result.html",
        {"notice_import": notice_import, "notice": notice_import.notice},
    )
