from django.urls import path

from activities import views

app_name = "activities"
urlpatterns = [
    path("", views.my_tasks, name="my_tasks"),
    path("notice/<int:notice_pk>/", views.notice_page, name="notice_page"),
    path("notice/<int:notice_pk>/table/", views.notice_table, name="notice_table"),
    path("notice/<int:notice_pk>/new/", views.activity_new, name="activity_new"),
    path("notice/<int:notice_pk>/schedule.xlsx", views.schedule_export, name="schedule_export"),
    path("notice/<int:notice_pk>/import/", views.schedule_import, name="schedule_import"),
    path("<int:pk>/", views.activity_row, name="activity_row"),
    path("<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("<int:pk>/move/", views.activity_move, name="activity_move"),
]
