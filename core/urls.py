from django.urls import path

from core import views

# The public home page and year archive keep their names in this namespace (core:home,
# core:year_archive) but live in `public`, above core: qualitymonth/urls.py joins
# public.urls.home_urlpatterns to these under the one "core" namespace.
app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
