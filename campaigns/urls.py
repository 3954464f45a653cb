from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.notice_list, name="notice_list"),
    path("inbox/", views.inbox, name="inbox"),
    path("years/", views.campaign_list, name="campaign_list"),
    path("years/new/", views.campaign_open, name="campaign_open"),
    path("new/<int:unit_pk>/", views.notice_create, name="notice_create"),
    path("<int:pk>/", views.notice_detail, name="notice_detail"),
    path("<int:pk>/edit/", views.notice_edit, name="notice_edit"),
    path("<int:pk>/issue/", views.notice_issue, name="notice_issue"),
    path("<int:pk>/correct/", views.notice_correct, name="notice_correct"),
    path("<int:pk>/cascade/", views.cascade, name="cascade"),
    path("<int:pk>/plan/<int:unit_pk>/", views.plan_draft, name="plan_draft"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.notice_attachment,
        name="notice_attachment",
    ),
    path("<int:pk>/export.docx", views.notice_docx, name="notice_docx"),
    path("<int:pk>/export.pdf", views.notice_pdf, name="notice_pdf"),
    path("slogans/<int:unit_pk>/<int:year>/", views.slogans_edit, name="slogans_edit"),
    path("slogans/<int:unit_pk>/<int:year>/screen/", views.slogan_screen, name="slogan_screen"),
]
