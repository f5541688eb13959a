"""A user's authenticator app (TOTP) and recovery codes (django-otp's static tokens)."""

import io

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp import device_classes
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

RECOVERY_CODE_COUNT = 10


PENDING_KEY_SESSION_KEY = "signin_pending_totp_key"


def pending_totp(request) -> TOTPDevice:
    """The app being set up, not saved: its key lives in the session until a code confirms it, so a
    reload shows the same QR code and looking at the page changes nothing."""
    key = request.session.get(PENDING_KEY_SESSION_KEY)
    if not key:
        key = request.session[PENDING_KEY_SESSION_KEY] = default_key()
    return TOTPDevice(user=request.user, name="Authenticator-app", key=key, confirmed=False)


def confirm(request, device: TOTPDevice, token: str) -> bool:
    """Save the app as confirmed when the code is right (the code then counts as used)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not token.isdigit() or not totp.verify(int(token), device.tolerance):
        return False
    device.last_t = totp.t()
    device.confirmed = True
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).delete()
        device.save()
    del request.session[PENDING_KEY_SESSION_KEY]
    return True


def manual_key(device: TOTPDevice) -> str:
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as inline SVG: nothing is fetched, nothing leaves the server."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=12, border=4
    )
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    svg = svg[svg.index("<svg") :]  # without the XML declaration
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return mark_safe(svg)  # noqa: S308 - drawn by qrcode from our own otpauth address


def display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [display(code) for code in codes]


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def remove_all(user) -> None:
    for model in device_classes():
        model.objects.filter(user=user).delete()
