from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_http_methods, require_POST

from orgs import scoping
from reports import forms
from reports.models import ExpectedReport, Report


@login_required
@require_http_methods(["GET", "POST"])
def noop(request):
    """The limit: an authenticated request through the same middleware, doing nothing."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_POST
def save_floor(request, expected_pk: int):
    """The least any save of a report can do, as a second reference for the autosave: the
    expected report and its unit, the right to edit there, the statistics form checked, and
    one UPDATE — no row lock, no version check, no audit entry, no statistics written."""
    expected = ExpectedReport.objects.select_related("unit", "requirement").get(pk=expected_pk)
    if not scoping.can(request.user, scoping.Action.EDIT, expected.unit):
        raise PermissionDenied
    form = forms.ReportDraftForm(
        request.POST, fields=list(expected.requirement.statistic_fields.all())
    )
    if not form.is_valid():
        return HttpResponse("invalid", status=400, content_type="text/plain")
    Report.objects.filter(expected=expected).update(
        summary=form.cleaned_data["summary"], version=F("version") + 1
    )
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/noop/", noop, name="bench_noop"),
    path("bench/save-floor/<int:expected_pk>/", save_floor, name="bench_save_floor"),
    path("", include("qualitymonth.urls")),
]
