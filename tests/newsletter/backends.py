"""Email backends that stand in for a mail server that is down or refuses one address."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class DownBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mailserver onbereikbaar")


class RefusingBackend(LocmemBackend):
    """Delivers like locmem, except to addresses starting with "geweigerd"."""

    def send_messages(self, messages):
        for message in messages:
            if message.to[0].startswith("geweigerd"):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)
