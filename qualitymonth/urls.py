from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from api.api import api
from core import urls as core_urls
from public import urls as public_urls

admin.site.site_header = _("质量月活动管理平台")
admin.site.site_title = _("质量月活动管理平台")
admin.site.index_title = _("数据管理")

urlpatterns = [
    # The home page lives in `public` but keeps its names core:home and core:year_archive.
    path("", include(([*public_urls.home_urlpatterns, *core_urls.urlpatterns], "core"))),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("orgs/", include("orgs.urls")),
    # campaigns' notice pages and the cascade's, in one namespace (campaigns:…): cascade.urls
    path("notices/", include("cascade.urls")),
    path("activities/", include("activities.urls")),
    path("entities/", include("entities.urls")),
    path("inspections/", include("inspections.urls")),
    path("awards/", include("awards.urls")),
    path("assistance/", include("assistance.urls")),
    path("materials/", include("media.urls")),
    path("imports/", include("imports.urls")),
    path("reports/", include("reports.urls")),
    path("inbox/", include("notifications.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("public/", include("public.urls")),
    path("api/tokens/", include("api.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
