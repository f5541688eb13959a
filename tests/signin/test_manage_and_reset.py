"""Users manage their own app; an administrator resets someone else's."""

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from signin import devices
from tests.publishing.users import make_editor, make_final_editor, make_user
from tests.signin.helpers import CODES, MANAGE, SETUP, code, enter, sign_in, with_app

pytestmark = pytest.mark.django_db


def reset_url(user):
    return f"/admin/tweestapsverificatie/gebruikers/{user.pk}/herstellen/"


@pytest.fixture
def signed_in_final_editor(client, settings):
    settings.ADMIN_2FA_REQUIRED = "roles"
    user = make_final_editor()
    device = with_app(user)
    devices.new_recovery_codes(user)
    sign_in(client, user)
    enter(client, code(device))
    return user


def test_the_account_page_links_to_two_factor_settings(client, signed_in_final_editor):
    assert MANAGE in client.get("/admin/account/").content.decode()
    page = client.get(MANAGE).content.decode()
    assert "Tweestapsverificatie staat aan" in page
    assert "nog 10 herstelcodes" in page


def test_new_recovery_codes_replace_the_old_ones(client, signed_in_final_editor):
    old = set(StaticToken.objects.filter(device__user=signed_in_final_editor).values_list("token", flat=True))
    response = client.post(MANAGE, {"action": "recovery_codes"})
    assert response["Location"].startswith(CODES)
    assert '<li><code translate="no">' in client.get(response["Location"]).content.decode()
    new = set(StaticToken.objects.filter(device__user=signed_in_final_editor).values_list("token", flat=True))
    assert len(new) == 10 and not old & new


def test_a_user_who_must_use_it_resets_their_app_and_sets_up_a_new_one(client, signed_in_final_editor):
    response = client.post(MANAGE, {"action": "reset"})
    assert response["Location"] == SETUP
    assert not TOTPDevice.objects.filter(user=signed_in_final_editor, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=signed_in_final_editor).exists()
    assert client.get("/admin/pages/")["Location"].startswith(SETUP)


def test_a_user_who_need_not_use_it_can_switch_it_off(client, settings):
    settings.ADMIN_2FA_REQUIRED = "roles"
    user = make_editor()
    device = with_app(user)
    sign_in(client, user)
    enter(client, code(device))
    client.post(MANAGE, {"action": "reset"})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get("/admin/pages/").status_code == 200


def test_an_administrator_resets_another_users_two_factor(client, settings):
    settings.ADMIN_2FA_REQUIRED = "roles"
    admin = make_user("beheerder", superuser=True)
    admin_device = with_app(admin)
    target = make_final_editor()
    with_app(target)
    devices.new_recovery_codes(target)
    sign_in(client, admin)
    enter(client, code(admin_device))

    listing = client.get("/admin/users/").content.decode()
    assert reset_url(target) in listing
    assert "Tweestapsverificatie herstellen" in client.get(reset_url(target)).content.decode()
    done = client.post(reset_url(target))

    assert done["Location"] == "/admin/users/"
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert not StaticToken.objects.filter(device__user=target).exists()
    client.logout()
    sign_in(client, target)
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_a_final_editor_cannot_reset_someone_else(client, settings):
    settings.ADMIN_2FA_REQUIRED = "off"
    victim = make_editor("collega")
    with_app(victim)
    client.force_login(make_final_editor())
    response = client.post(reset_url(victim))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TOTPDevice.objects.filter(user=victim).exists()


def test_an_unknown_user_is_a_404(admin_client):
    assert admin_client.get("/admin/tweestapsverificatie/gebruikers/999999/herstellen/").status_code == 404
