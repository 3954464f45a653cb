from django.urls import path

from imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_index, name="index"),
    path("unit/<int:unit_pk>/new/", views.import_new, name="new"),
    path("<int:pk>/", views.import_preview, name="preview"),
    path("<int:pk>/discard/", views.import_discard, name="discard"),
    path("<int:pk>/result/", views.import_result, name="result"),
]
