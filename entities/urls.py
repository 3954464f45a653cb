from django.urls import path

from entities import views

app_name = "entities"
urlpatterns = [
    path("", views.entity_list, name="list"),
    path("new/", views.entity_new, name="new"),
    path("import/", views.directory_import, name="import"),
    path("template.xlsx", views.import_template, name="template"),
    path("<int:pk>/edit/", views.entity_edit, name="edit"),
]
