from django.urls import path

from signin import views

urlpatterns = [
    path("", views.manage, name="signin_manage"),
    path("code/", views.verify, name="signin_verify"),
    path("instellen/", views.setup, name="signin_setup"),
    path("herstelcodes/", views.recovery_codes, name="signin_recovery_codes"),
    path("gebruikers/<int:user_id>/herstellen/", views.reset_user, name="signin_reset_user"),
]
