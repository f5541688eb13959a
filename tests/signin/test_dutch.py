"""The sign-in pages speak Dutch, like the rest of the admin (tests/translations)."""

import pytest

from signin import devices
from tests.publishing.users import make_final_editor, make_user
from tests.signin.helpers import CODES, MANAGE, SETUP, VERIFY, app_from, code, enter, sign_in, with_app, wrong
from tests.translations.test_admin_is_dutch import english_in
from tests.translations.visible import visible_strings

pytestmark = pytest.mark.django_db


def assert_dutch(response):
    assert response.status_code in (200, 429)
    found = english_in(visible_strings(response))
    assert not found, found


def test_set_up_verify_codes_manage_and_reset_pages_are_dutch(client, settings):
    settings.ADMIN_2FA_REQUIRED = "roles"
    user = make_final_editor()
    sign_in(client, user)
    page = client.get(SETUP)
    assert_dutch(page)
    device = app_from(page)
    assert_dutch(client.post(SETUP, {"code": wrong(device)}))
    client.post(SETUP, {"code": code(device)})
    assert_dutch(client.get(CODES))
    assert_dutch(client.get(MANAGE))
    client.logout()

    sign_in(client, user)
    assert_dutch(client.get(VERIFY))
    assert_dutch(client.get(VERIFY + "?methode=herstelcode"))
    assert_dutch(enter(client, ""))
    for _ in range(5):
        response = enter(client, wrong(device))
    assert_dutch(response)

    admin = make_user("beheerder", superuser=True)
    target = make_user("collega")
    with_app(target)
    devices.new_recovery_codes(target)
    settings.ADMIN_2FA_REQUIRED = "off"
    client.force_login(admin)
    assert_dutch(client.get(f"/admin/tweestapsverificatie/gebruikers/{target.pk}/herstellen/"))


def test_recovery_codes_that_spell_english_words_are_shown_as_codes(client, settings, monkeypatch):
    """Random codes like "4l5i-3day" are not language: marked translate="no", for browsers' translators too."""
    settings.ADMIN_2FA_REQUIRED = "roles"
    user = make_final_editor()
    sign_in(client, user)
    device = app_from(client.get(SETUP))
    words = iter(["4l5i3day", "thewords", "saveyour", "codehere", "nightday"] * 4)
    monkeypatch.setattr(devices.StaticToken, "random_token", staticmethod(lambda: next(words)))
    client.post(SETUP, {"code": code(device)})
    page = client.get(CODES)
    assert "4l5i-3day" in page.content.decode() or "4l5i3day" in page.content.decode()
    assert_dutch(page)
