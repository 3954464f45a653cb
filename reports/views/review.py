"""Reading a report and the superior's review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from orgs import scoping
from reports import forms, selectors, services
from reports.models import (
    Report,
)
from reports.services import ReportStateError
from reports.views.common import errors_text

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
        messages.error(request, errors_text(exc))
    except ReportStateError as exc:
        messages.error(request, str(exc))
    return redirect(report)
