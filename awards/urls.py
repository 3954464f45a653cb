from django.urls import path

from awards import views

app_name = "awards"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/<int:unit_pk>/", views.round_new, name="round_new"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("<int:pk>/publish/", views.round_publish, name="round_publish"),
    path("<int:pk>/experts/", views.expert_add, name="expert_add"),
    path("<int:pk>/shortlist/", views.shortlist, name="shortlist"),
    path("<int:pk>/shortlist/publish/", views.shortlist_publish, name="shortlist_publish"),
    path("<int:pk>/finalise/", views.finalise, name="finalise"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/screen/", views.application_screen, name="application_screen"),
    path("applications/<int:pk>/assign/", views.application_assign, name="application_assign"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("reviews/", views.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/declare/", views.review_declare, name="review_declare"),
    path("reviews/<int:pk>/score/", views.review_score, name="review_score"),
    path("reviews/<int:pk>/files/<int:file_pk>/", views.review_file, name="review_file"),
    # The public side: calls, applying, the applicant's link, 公示 and final lists.
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_round, name="public_round"),
    path("public/<int:pk>/apply/", views.public_apply, name="public_apply"),
    path("public/<int:pk>/objection/", views.public_objection, name="public_objection"),
    path("public/application/<str:token>/", views.public_application, name="public_application"),
]
