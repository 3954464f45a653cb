from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.my_account, name="my_account"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("units/<int:pk>/logins/", views.unit_logins, name="unit_logins"),
]
