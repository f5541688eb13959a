from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class DutchLoginForm(LoginForm):
    """Wagtail's login form leaves the password field unlabelled, so Django shows the English "Password"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Wachtwoord")
