from django.urls import path

from media import views

app_name = "media"
urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("<int:pk>/", views.item_detail, name="item_detail"),
    path("<int:pk>/file/", views.item_file, name="item_file"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.item_new, name="item_new"),
    path("manage/<int:pk>/", views.item_edit, name="manage_item"),
    path("posters/<int:unit_pk>/<int:year>.pdf", views.poster, {"fmt": "pdf"}, name="poster_pdf"),
    path("posters/<int:unit_pk>/<int:year>.png", views.poster, {"fmt": "png"}, name="poster_png"),
]
