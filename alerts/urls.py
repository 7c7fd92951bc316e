from django.urls import path

from alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.subscription_list, name="list"),
    path("new/", views.subscription_edit, name="new"),
    path("<int:pk>/", views.subscription_edit, name="edit"),
    path("<int:pk>/delete/", views.subscription_delete, name="delete"),
    path("<int:pk>/pause/", views.subscription_pause, name="pause"),
    path("<int:pk>/resume/", views.subscription_resume, name="resume"),
    path("<int:pk>/test/", views.subscription_test, name="test"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
