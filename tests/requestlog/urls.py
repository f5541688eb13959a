from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("kapot/", lambda request: HttpResponse("Upstream weg", status=502))]
