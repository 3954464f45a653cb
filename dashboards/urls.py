from django.urls import path

from dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:unit_pk>/", views.dashboard, name="dashboard"),
    path("<int:unit_pk>/remind/", views.remind, name="remind"),
]
