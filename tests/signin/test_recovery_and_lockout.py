"""Recovery codes work once; wrong codes lock out like wrong passwords."""

import pytest
from django_otp.plugins.otp_static.models import StaticToken

from signin import devices
from tests.publishing.users import make_final_editor
from tests.signin.helpers import VERIFY, code, enter, sign_in, with_app, wrong

pytestmark = pytest.mark.django_db


@pytest.fixture
def final_editor(settings):
    settings.ADMIN_2FA_REQUIRED = "roles"
    user = make_final_editor()
    with_app(user)
    return user


def test_a_recovery_code_works_once(client, final_editor):
    recovery = devices.new_recovery_codes(final_editor)[0]
    sign_in(client, final_editor)
    form = client.get(VERIFY + "?methode=herstelcode").content.decode()
    assert 'autocomplete="off"' in form and 'inputmode="numeric"' not in form

    used = enter(client, recovery.upper(), methode="herstelcode")
    assert used["Location"] == "/admin/"
    assert "nog 9 over" in client.get("/admin/").content.decode()
    assert StaticToken.objects.filter(device__user=final_editor).count() == 9

    client.logout()
    sign_in(client, final_editor)
    again = enter(client, recovery, methode="herstelcode")
    assert again.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_the_app_form_does_not_take_recovery_codes_as_app_codes_and_vice_versa(client, final_editor):
    device = final_editor.totpdevice_set.get()
    devices.new_recovery_codes(final_editor)
    sign_in(client, final_editor)
    assert enter(client, code(device), methode="herstelcode").status_code == 200
    assert client.get("/admin/").status_code == 302


def test_five_wrong_codes_end_the_session_and_lock_the_code_step(client, final_editor):
    device = final_editor.totpdevice_set.get()
    sign_in(client, final_editor)
    for _ in range(4):
        assert enter(client, wrong(device)).status_code == 200
    locked = enter(client, wrong(device))

    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # the password again does not buy new guesses: the right code is refused too
    assert sign_in(client, final_editor).status_code == 302
    assert enter(client, code(device)).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_code_before_the_limit_resets_the_count(client, final_editor):
    device = final_editor.totpdevice_set.get()
    sign_in(client, final_editor)
    for _ in range(4):
        enter(client, wrong(device))
    assert enter(client, code(device)).status_code == 302
    client.logout()
    sign_in(client, final_editor)
    for _ in range(4):
        assert enter(client, wrong(device)).status_code == 200


def test_wrong_codes_count_towards_the_password_lockout(client, final_editor, settings):
    """With django-axes on, the username is locked for the password form too."""
    settings.AXES_ENABLED = True
    device = final_editor.totpdevice_set.get()
    sign_in(client, final_editor)
    for _ in range(5):
        enter(client, wrong(device))

    again = sign_in(client, final_editor)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
