"""The notice pages under /notices/: campaigns' own, and the cascade's (the notice form with
its report requirement, 制定本级方案, 下级部署情况).

Both keep the names they have always had (`campaigns:notice_edit`, `campaigns:cascade`…), so
links, redirects and bookmarks do not change with the move: campaigns sits below the cascade
and cannot route to its views, so the cascade, which may import campaigns, serves the one URL
namespace — its own pages first, then every page of `campaigns.urls`.
"""

from django.urls import path

from campaigns.urls import app_name as campaigns_app_name
from campaigns.urls import urlpatterns as campaigns_urlpatterns
from cascade import views

app_name = campaigns_app_name
urlpatterns = [
    path("new/<int:unit_pk>/", views.notice_create, name="notice_create"),
    path("<int:pk>/edit/", views.notice_edit, name="notice_edit"),
    path("<int:pk>/cascade/", views.cascade, name="cascade"),
    path("<int:pk>/plan/<int:unit_pk>/", views.plan_draft, name="plan_draft"),
    *campaigns_urlpatterns,
]
