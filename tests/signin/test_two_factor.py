"""Who must use a second factor, and the set-up and code steps after the password."""

import importlib
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import qrcode
import qrcode.image.svg
from asgiref.sync import async_to_sync
from django.contrib.auth.models import AnonymousUser
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.publishing.users import make_editor, make_final_editor, make_user
from tests.signin.helpers import (
    CODES,
    MANAGE,
    SETUP,
    VERIFY,
    app_from,
    code,
    enter,
    shown_key,
    sign_in,
    with_app,
    wrong,
)

pytestmark = pytest.mark.django_db

ROLES = {
    "redacteur": lambda: make_editor(),
    "eindredacteur": lambda: make_final_editor(),
    "beheerder": lambda: make_user("beheerder", superuser=True),
}


@pytest.mark.parametrize(
    ("mode", "role", "held_at_setup"),
    [
        ("roles", "redacteur", False),
        ("roles", "eindredacteur", True),
        ("roles", "beheerder", True),
        ("all", "redacteur", True),
        ("all", "eindredacteur", True),
        ("off", "eindredacteur", False),
        ("off", "beheerder", False),
    ],
)
def test_who_must_set_up_two_factor(client, settings, mode, role, held_at_setup):
    settings.ADMIN_2FA_REQUIRED = mode
    user = ROLES[role]()

    assert sign_in(client, user).status_code == 302
    dashboard = client.get("/admin/pages/")

    if held_at_setup:
        assert dashboard.status_code == 302
        assert dashboard["Location"].startswith(SETUP)
    else:
        assert dashboard.status_code == 200


def test_production_requires_it_for_final_editors_and_administrators_and_development_not(monkeypatch):
    """The test settings say "off" for force_login; the shipped defaults are checked here."""
    monkeypatch.delenv("ADMIN_2FA_REQUIRED", raising=False)
    from site_project.settings import base, dev

    assert importlib.reload(base).ADMIN_2FA_REQUIRED == "roles"
    assert base.ADMIN_2FA_GROUPS == ["Eindredacteuren"]
    assert importlib.reload(dev).ADMIN_2FA_REQUIRED == "off"


def test_an_unknown_setting_value_counts_as_roles(client, settings):
    settings.ADMIN_2FA_REQUIRED = "uit"
    sign_in(client, make_final_editor())
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_force_login_is_held_like_a_password_sign_in(client, settings):
    settings.ADMIN_2FA_REQUIRED = "roles"
    client.force_login(make_user("beheerder", superuser=True))
    assert client.get("/admin/")["Location"].startswith(SETUP)


def qr_path(text: str) -> str:
    """The drawing of a QR code holding `text` (no QR reader is installed to read the page's back)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=12, border=4)
    return re.search(r'<path d="[^"]+"', image.to_string(encoding="unicode")).group(0)


def test_set_up_with_the_app_then_recovery_codes_once(client, settings):
    settings.ADMIN_2FA_REQUIRED = "roles"
    user = make_final_editor()
    sign_in(client, user)

    page = client.get(SETUP + "?next=/admin/pages/")
    html = page.content.decode()
    assert "<svg" in html and "Scan deze QR-code" in html
    device = app_from(page)  # what the app knows
    key = shown_key(html)
    assert not TOTPDevice.objects.exists()  # looking changes nothing
    assert key in client.get(SETUP).content.decode()  # a reload shows the same key
    secret = key.replace(" ", "")
    expected = f"otpauth://totp/Nieuwsroom%3Aeindredacteur?secret={secret}&algorithm=SHA1&digits=6&period=30"
    assert qr_path(expected + "&issuer=Nieuwsroom") in html  # the QR code holds the key, for this account
    # nothing else of the admin before the set-up is done
    assert client.get("/admin/users/")["Location"].startswith(SETUP)

    refused = client.post(SETUP, {"code": wrong(device), "next": "/admin/pages/"})
    assert refused.status_code == 200
    assert 'aria-invalid="true"' in refused.content.decode()
    assert 'id="code-error">Deze code klopt niet' in refused.content.decode()
    assert client.get("/admin/pages/").status_code == 302

    done = client.post(SETUP, {"code": code(device), "next": "/admin/pages/"})
    assert TOTPDevice.objects.get(user=user, confirmed=True).key == device.key
    assert done["Location"].startswith(CODES)
    shown = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li><code[^>]*>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", shown)
    assert len(codes) == 10
    assert 'href="/admin/pages/"' in shown
    assert client.get(CODES)["Location"] == MANAGE  # shown once
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert client.get("/admin/pages/").status_code == 200


def test_setup_page_fields_are_accessible(client, settings):
    settings.ADMIN_2FA_REQUIRED = "all"
    sign_in(client, make_editor())
    html = client.get(SETUP).content.decode()
    assert len(re.findall(r"<input[^>]*name=\"code\"", html)) == 1
    field = re.search(r"<input[^>]*name=\"code\"[^>]*>", html).group(0)
    assert 'autocomplete="one-time-code"' in field
    assert 'inputmode="numeric"' in field
    assert 'aria-describedby="code-help"' in field
    assert re.search(r'<label[^>]*for="id_code"', html)
    assert 'lang="nl"' in html
    assert re.search(r'<p class="help" id="code-help">De zes cijfers', html)


def test_while_the_code_is_owed_the_user_can_sign_out(client):
    user = make_editor()
    with_app(user)
    sign_in(client, user)
    page = client.get(VERIFY).content.decode()
    assert 'action="/admin/logout/"' in page
    client.post("/admin/logout/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("mode", ["roles", "off"])
def test_an_account_with_an_app_enters_a_code_after_the_password(client, settings, mode):
    settings.ADMIN_2FA_REQUIRED = mode
    user = make_editor()  # not obliged, but has chosen to use an app
    device = with_app(user)
    sign_in(client, user)

    held = client.get("/admin/pages/")
    assert held["Location"] == VERIFY + "?next=%2Fadmin%2Fpages%2F"
    assert client.get("/admin/tweestapsverificatie/instellen/")["Location"] == VERIFY

    refused = enter(client, wrong(device), next="/admin/pages/")
    assert "Deze code klopt niet" in refused.content.decode()
    assert client.get("/admin/pages/").status_code == 302

    accepted = enter(client, code(device)[:3] + " " + code(device)[3:], next="/admin/pages/")
    assert accepted["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_used_code_is_not_accepted_again(client, settings):
    user = make_final_editor()
    device = with_app(user)
    sign_in(client, user)
    first = code(device)
    assert enter(client, first).status_code == 302
    client.logout()
    sign_in(client, user)
    assert enter(client, first).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_the_next_address_stays_on_this_site(client):
    user = make_editor()
    device = with_app(user)
    sign_in(client, user)
    assert enter(client, code(device), next="https://elders.example/")["Location"] == "/admin/"


def test_while_the_code_is_owed_the_public_site_sees_no_signed_in_user(client, rf):
    from signin.middleware import SecondFactorMiddleware

    user = make_editor()
    with_app(user)
    sign_in(client, user)
    seen = {}

    def view(request):
        seen["user"] = request.user
        # In a thread of its own: an event loop left running in this one (the browser tests') forbids it here.
        with ThreadPoolExecutor(1) as thread:
            seen["auser"] = thread.submit(async_to_sync(request.auser)).result()
        from django.http import HttpResponse

        return HttpResponse()

    request = rf.get("/nieuws/")
    request.session = client.session
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django_otp.middleware import OTPMiddleware

    AuthenticationMiddleware(OTPMiddleware(SecondFactorMiddleware(view)))(request)
    assert isinstance(seen["user"], AnonymousUser)
    assert isinstance(seen["auser"], AnonymousUser)


def test_the_step_pages_get_their_icons_and_script_texts_while_the_code_is_owed(client, settings):
    """Otherwise the admin's scripts put the set-up page itself where the icons belong."""
    settings.ADMIN_2FA_REQUIRED = "roles"
    sign_in(client, make_final_editor())
    sprite = client.get("/admin/sprite/")
    catalog = client.get("/admin/jsi18n/")
    assert sprite.status_code == 200 and "<svg" in sprite.content.decode()
    assert catalog.status_code == 200 and "gettext" in catalog.content.decode()
    assert client.get("/admin/pages/")["Location"].startswith(SETUP)
