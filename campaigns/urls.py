from django.urls import path

from campaigns import views

# Mounted through `cascade.urls`, which adds the notice form and the cascade's pages to the
# same namespace.
app_name = "campaigns"
urlpatterns = [
    path("", views.notice_list, name="notice_list"),
    path("inbox/", views.inbox, name="inbox"),
    path("years/", views.campaign_list, name="campaign_list"),
    path("years/new/", views.campaign_open, name="campaign_open"),
    path("<int:pk>/", views.notice_detail, name="notice_detail"),
    path("<int:pk>/issue/", views.notice_issue, name="notice_issue"),
    path("<int:pk>/correct/", views.notice_correct, name="notice_correct"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.notice_attachment,
        name="notice_attachment",
    ),
    path("<int:pk>/export.docx", views.notice_docx, name="notice_docx"),
    path("<int:pk>/export.pdf", views.notice_pdf, name="notice_pdf"),
    path("<int:pk>/export.ofd", views.notice_ofd, name="notice_ofd"),
    path("slogans/<int:unit_pk>/<int:year>/", views.slogans_edit, name="slogans_edit"),
    path("slogans/<int:unit_pk>/<int:year>/screen/", views.slogan_screen, name="slogan_screen"),
]
