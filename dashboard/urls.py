from django.urls import path

from dashboard import views
from slotwatch.security import public_read  # SLOTWATCH_PUBLIC_READ off: sign in to read

app_name = "dashboard"
urlpatterns = [
    path("shells/", public_read(views.shells), name="shells"),
    path("compute/", public_read(views.compute), name="compute"),
]
