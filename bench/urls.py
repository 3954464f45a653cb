from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_http_methods, require_POST

from reports import forms
from reports.models import Report


@login_required
@require_http_methods(["GET", "POST"])
def noop(request):
    """The limit: an authenticated request through the same middleware, doing nothing."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_POST
def save_floor(request, expected_pk: int):
    """The least any save of a report can do, as a second reference for the autosave: the
    trivial view, the posted form read (as the autosave reads it), and the one write every
    save makes (an UPDATE of the report's row) — no read of anything, no permission check,
    no lock, no version check, no audit entry, no statistics. Not a way to save: the distance from it to the trivial view
    is the price of one write on this stack."""
    form = forms.ReportDraftForm(forms.autosave_data(request))
    if not form.is_valid():
        return HttpResponse("invalid", status=400, content_type="text/plain")
    Report.objects.filter(expected_id=expected_pk).update(
        summary=form.cleaned_data["summary"], version=F("version") + 1
    )
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/noop/", noop, name="bench_noop"),
    path("bench/save-floor/<int:expected_pk>/", save_floor, name="bench_save_floor"),
    path("", include("qualitymonth.urls")),
]
