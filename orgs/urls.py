from django.urls import path

from orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.my_units, name="my_units"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("<int:pk>/export.xlsx", views.unit_export, name="unit_export"),
    path("<int:pk>/history/", views.unit_history, name="unit_history"),
    path("<int:pk>/members/", views.membership_add, name="membership_add"),
    path(
        "<int:pk>/members/<int:membership_pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
]
