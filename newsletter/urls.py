from django.urls import path, register_converter

from newsletter import views


class TokenConverter:
    """A signed token (`payload:timestamp:signature`); anything else is a 404 before any view runs."""

    regex = r"[A-Za-z0-9_\-]+(?::[A-Za-z0-9_\-]+){2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")

app_name = "newsletter"
urlpatterns = [
    path("", views.signup, name="signup"),
    path("bijna-klaar/", views.received, name="received"),
    path("bevestigen/<token:token>/", views.confirm, name="confirm"),
    path("bevestigd/", views.confirmed, name="confirmed"),
    path("afmelden/", views.unsubscribe_request, name="unsubscribe_request"),
    path("afmelden/verstuurd/", views.link_sent, name="link_sent"),
    path("afmelden/<token:token>/", views.unsubscribe, name="unsubscribe"),
    path("afmelden/<token:token>/een-klik/", views.unsubscribe_one_click, name="unsubscribe_one_click"),
    path("afgemeld/", views.unsubscribed, name="unsubscribed"),
]
