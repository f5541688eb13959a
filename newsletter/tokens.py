"""Signed, expiring, single-use tokens for the confirmation and unsubscribe links.

A token is `signing.dumps({"s": subscriber id, "n": nonce})` with a salt per purpose and a timestamp.
It is only honoured while the nonce still matches the subscriber's current one:
- tampering breaks the signature, an old token fails `max_age`;
- confirming rotates `confirm_nonce`, so a used confirmation link is worthless;
- unsubscribing deletes the subscriber, and a later signup gets a new row with new nonces.
"""

import datetime

from django.core import signing

from newsletter import conf
from newsletter.models import Subscriber

CONFIRM = "confirm"
UNSUBSCRIBE = "unsubscribe"
_NONCE_FIELD = {CONFIRM: "confirm_nonce", UNSUBSCRIBE: "unsubscribe_nonce"}
_MAX_AGE_DAYS = {CONFIRM: "CONFIRM_DAYS", UNSUBSCRIBE: "UNSUBSCRIBE_DAYS"}


class TokenError(Exception):
    """Why a token was refused: `expired` or `invalid` (tampered, malformed, already used)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def make_token(subscriber: Subscriber, purpose: str) -> str:
    nonce = getattr(subscriber, _NONCE_FIELD[purpose])
    return signing.dumps({"s": subscriber.pk, "n": nonce}, salt=f"newsletter.{purpose}")


def read_token(token: str, purpose: str) -> dict:
    """The signed payload, or TokenError. Does not touch the database."""
    max_age = datetime.timedelta(days=conf.get(_MAX_AGE_DAYS[purpose]))
    try:
        data = signing.loads(token, salt=f"newsletter.{purpose}", max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TokenError("expired") from exc
    except signing.BadSignature as exc:
        raise TokenError("invalid") from exc
    if not isinstance(data, dict) or not isinstance(data.get("s"), int) or not isinstance(data.get("n"), str):
        raise TokenError("invalid")
    return data


def subscriber_for_token(token: str, purpose: str, *, lock: bool = False) -> Subscriber:
    """The subscriber the token still belongs to, or TokenError."""
    data = read_token(token, purpose)
    queryset = Subscriber.objects.select_for_update() if lock else Subscriber.objects.all()
    subscriber = queryset.filter(pk=data["s"], **{_NONCE_FIELD[purpose]: data["n"]}).first()
    if subscriber is None:
        raise TokenError("invalid")
    return subscriber
