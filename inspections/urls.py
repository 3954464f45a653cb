from django.urls import path

from inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.home, name="home"),
    path("inspectors/", views.inspector_list, name="inspector_list"),
    path("inspectors/new/", views.inspector_new, name="inspector_new"),
    path("inspectors/<int:pk>/edit/", views.inspector_edit, name="inspector_edit"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/draw/", views.plan_draw, name="plan_draw"),
    path("plans/<int:pk>/conclude/", views.plan_conclude, name="plan_conclude"),
    path("plans/<int:pk>/publish/", views.plan_publish, name="plan_publish"),
    path("targets/<int:pk>/", views.target_result, name="target_result"),
    path("targets/<int:pk>/rectified/", views.target_rectified, name="target_rectified"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("supervision/", views.supervision_home, name="supervision_home"),
    path("supervision/<int:unit_pk>/", views.supervision, name="supervision"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_plan, name="public_plan"),
    path("public/<int:pk>/results.xlsx", views.public_plan_xlsx, name="public_plan_xlsx"),
]
