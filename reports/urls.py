from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("notices/<int:notice_pk>/requirement/", views.requirement_edit, name="requirement_edit"),
    path("requirements/<int:pk>/", views.requirement_detail, name="requirement_detail"),
    path("requirements/<int:pk>/fill/", views.expected_fill, name="expected_fill"),
    path("requirements/<int:pk>/expected/add/", views.expected_add, name="expected_add"),
    path("requirements/<int:pk>/remind/", views.remind, name="remind"),
    path("requirements/<int:pk>/circular/", views.circular_draft, name="circular_draft"),
    path("expected/<int:pk>/remove/", views.expected_remove, name="expected_remove"),
    path("expected/<int:expected_pk>/", views.report_edit, name="report_edit"),
    path("expected/<int:expected_pk>/autosave/", views.report_autosave, name="report_autosave"),
    path("expected/<int:expected_pk>/submit/", views.report_submit, name="report_submit"),
    path("expected/<int:expected_pk>/upload/", views.report_upload, name="report_upload"),
    path("expected/<int:expected_pk>/cases/", views.case_add, name="case_add"),
    path("cases/<int:pk>/remove/", views.case_remove, name="case_remove"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("files/<int:pk>/remove/", views.file_remove, name="file_remove"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/review/", views.report_review, name="report_review"),
    path("supervision/", views.supervision_home, name="supervision_home"),
    path("supervision/<int:unit_pk>/", views.supervision, name="supervision"),
    path("supervision/<int:unit_pk>/remind/", views.supervision_remind, name="supervision_remind"),
    path(
        "supervision/<int:unit_pk>/requirements/<int:pk>/statistics.xlsx",
        views.statistics_export,
        name="statistics_export",
    ),
    path(
        "supervision/<int:unit_pk>/requirements/<int:pk>/compilation.docx",
        views.compilation_export,
        name="compilation_export",
    ),
    path("bulletins/new/", views.bulletin_new, name="bulletin_new"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin_detail"),
]
