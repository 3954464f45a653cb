from django.urls import path

from assistance import views

app_name = "assistance"
urlpatterns = [
    path("", views.index, name="index"),
    path("open/", views.case_open, name="case_open"),
    path("board/", views.board, name="board"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/accept/", views.case_accept, name="case_accept"),
    path("<int:pk>/problems/", views.problem_add, name="problem_add"),
    path("<int:pk>/measures/", views.measure_add, name="measure_add"),
    path("<int:pk>/followups/", views.followup_add, name="followup_add"),
    path("<int:pk>/close/", views.case_close, name="case_close"),
    path("problems/<int:pk>/solved/", views.problem_solved, name="problem_solved"),
    path("measures/<int:pk>/done/", views.measure_done, name="measure_done"),
    # The public side: an enterprise asks for help.
    path("request/", views.public_request, name="public_request"),
]
