"""The platform's URLs plus one page that fails, for the server error page's test."""

from django.urls import include, path


def fail(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("test-failure/", fail), path("", include("qualitymonth.urls"))]
