"""Signing in as a user would: the password form, then the code step."""

import re
import time
from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.publishing.users import PASSWORD

LOGIN = "/admin/login/"
VERIFY = "/admin/tweestapsverificatie/code/"
SETUP = "/admin/tweestapsverificatie/instellen/"
CODES = "/admin/tweestapsverificatie/herstelcodes/"
MANAGE = "/admin/tweestapsverificatie/"
ADDRESS = "198.51.100.7"


def sign_in(client, user, password=PASSWORD):
    return client.post(LOGIN, {"username": user.get_username(), "password": password}, REMOTE_ADDR=ADDRESS)


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The app's code; a later step for a second sign-in (a used code is never accepted again)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong(device: TOTPDevice) -> str:
    accepted = {code(device, steps) for steps in (-1, 0, 1, 2)}
    return next(
        candidate
        for candidate in ("000000", "111111", "222222", "333333", "444444")
        if candidate not in accepted
    )


def shown_key(html: str) -> str:
    """The secret key as the set-up page shows it, in groups of four."""
    return re.search(r'<code class="signin-key"[^>]*>([A-Z2-7 ]+)</code>', html).group(1)


def app_from(setup_page) -> TOTPDevice:
    """The app as a user sets it up: with the key shown on the set-up page."""
    key = shown_key(setup_page.content.decode())
    return TOTPDevice(key=b32decode(key.replace(" ", "")).hex())


def with_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)


def enter(client, value, **data):
    return client.post(VERIFY, {"code": value, **data}, REMOTE_ADDR=ADDRESS)
