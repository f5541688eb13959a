"""Users in the editorial roles, for admin and browser tests."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from publishing.roles import EDITORS, FINAL_EDITORS

PASSWORD = "wachtwoord-voor-tests"


def make_user(username: str, group: str | None = None, superuser: bool = False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", PASSWORD)
    user = User.objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=username.capitalize(), last_name="Test"
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_editor(username="redacteur"):
    return make_user(username, EDITORS)


def make_final_editor(username="eindredacteur"):
    return make_user(username, FINAL_EDITORS)
