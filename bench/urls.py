from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_http_methods


@login_required
@require_http_methods(["GET", "POST"])
def noop(request):
    """The limit: an authenticated request through the same middleware, doing nothing."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/noop/", noop, name="bench_noop"),
    path("", include("qualitymonth.urls")),
]
