from django.urls import path

from public import documents, reading, views

# The home page and the year archive, served at the site's root under their historic names
# core:home and core:year_archive (qualitymonth/urls.py adds them to core's namespace).
home_urlpatterns = [
    path("", views.home, name="home"),
    path("years/<int:year>/", views.year_archive, name="year_archive"),
]

app_name = "public"
urlpatterns = [
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("registrations/", views.registration_lookup, name="registration_lookup"),
    path("registrations/<str:code>/", views.registration_detail, name="registration_detail"),
    path("documents/", documents.document_list, name="document_list"),
    path("documents/<int:pk>/", documents.document_detail, name="document_detail"),
    *(
        path(
            f"documents/<int:pk>.{fmt}",
            documents.document_download,
            {"fmt": fmt},
            name=f"document_{fmt}",
        )
        for fmt in documents.WRITERS
    ),
    path("reading/", reading.reading_options, name="reading_options"),
    path("polls/", views.poll_list, name="poll_list"),
    path("polls/<int:pk>/", views.poll_detail, name="poll_detail"),
    path("ical/units/<int:pk>.ics", views.ical_unit, name="ical_unit"),
    path("ical/regions/<str:code>.ics", views.ical_region, name="ical_region"),
    path("staff/", views.staff_index, name="staff_index"),
    path(
        "staff/activities/<int:activity_pk>/event/", views.staff_event_edit, name="staff_event_edit"
    ),
    path("staff/events/<int:pk>/", views.staff_registrations, name="staff_registrations"),
    path("staff/events/<int:pk>/checkin/", views.staff_checkin, name="staff_checkin"),
    path("staff/events/<int:pk>/message/", views.staff_message, name="staff_message"),
    path("staff/events/<int:pk>/export.xlsx", views.staff_export, name="staff_export"),
    path("staff/polls/new/", views.staff_poll_new, name="staff_poll_new"),
    path("staff/polls/<int:pk>/", views.staff_poll, name="staff_poll"),
]
