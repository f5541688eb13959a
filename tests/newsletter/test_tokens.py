"""Confirmation and unsubscribe links: tampered, expired and reused tokens change nothing."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Subscriber, Withdrawal
from tests.newsletter.conftest import make_subscriber

pytestmark = pytest.mark.django_db


def confirm_url(subscriber):
    return f"/blijf-op-de-hoogte/bevestigen/{tokens.make_token(subscriber, tokens.CONFIRM)}/"


def unsubscribe_url(subscriber):
    return f"/blijf-op-de-hoogte/afmelden/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/"


def tamper(url: str) -> str:
    token = url.rstrip("/").rsplit("/", 1)[1]
    payload, stamp, signature = token.split(":")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    return url.replace(token, f"{payload}:{stamp}:{flipped}")


def state(subscriber):
    row = (
        Subscriber.objects.filter(pk=subscriber.pk).values("status", "confirmed_at", "confirm_nonce").first()
    )
    return row, Withdrawal.objects.count()


@pytest.fixture
def pending():
    return make_subscriber("wacht@example.nl", confirmed=False)


@pytest.fixture
def confirmed():
    return make_subscriber("vast@example.nl")


def test_tampered_confirmation_link_changes_nothing(client, pending):
    url = tamper(confirm_url(pending))
    before = state(pending)

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == 404
    assert "werkt niet (meer)" in page.content.decode()
    assert response.status_code == 404
    assert state(pending) == before


def test_a_payload_for_another_subscriber_cannot_be_forged(client, pending, confirmed):
    token = tokens.make_token(pending, tokens.CONFIRM)
    other = tokens.make_token(confirmed, tokens.CONFIRM)
    forged = other.split(":")[0] + ":" + ":".join(token.split(":")[1:])

    assert client.post(f"/blijf-op-de-hoogte/bevestigen/{forged}/").status_code == 404
    assert Subscriber.objects.get(pk=pending.pk).status == Subscriber.Status.PENDING


def test_malformed_token_is_a_404(client):
    assert client.get("/blijf-op-de-hoogte/bevestigen/geen-token/").status_code == 404
    assert client.post("/blijf-op-de-hoogte/afmelden/a:b/").status_code == 404


def test_expired_confirmation_link_changes_nothing(client, pending):
    url = confirm_url(pending)
    before = state(pending)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        page = client.get(url)
        response = client.post(url)

    assert page.status_code == 410
    assert "verlopen" in page.content.decode()
    assert response.status_code == 410
    assert state(pending) == before


def test_reused_confirmation_link_changes_nothing(client, pending):
    url = confirm_url(pending)
    client.post(url)
    after_first = state(pending)
    assert after_first[0]["status"] == Subscriber.Status.CONFIRMED

    again = client.post(url)

    assert again.status_code == 404
    assert "Heeft u al bevestigd? Dan hoeft u niets meer te doen." in again.content.decode()
    assert state(pending) == after_first


def test_a_confirmation_token_is_no_unsubscribe_token(client, confirmed):
    token = tokens.make_token(confirmed, tokens.CONFIRM)

    assert client.post(f"/blijf-op-de-hoogte/afmelden/{token}/").status_code == 404
    assert Subscriber.objects.filter(pk=confirmed.pk).exists()


def test_opening_the_links_changes_nothing(client, pending, confirmed):
    """Mail scanners follow GET links: only the button's POST acts."""
    before = (state(pending), state(confirmed))

    assert client.get(confirm_url(pending)).status_code == 200
    assert client.get(unsubscribe_url(confirmed)).status_code == 200
    assert client.head(unsubscribe_url(confirmed)).status_code == 200

    assert (state(pending), state(confirmed)) == before


def test_confirm_and_unsubscribe_pages_need_a_csrf_token(pending, confirmed):
    browser = Client(enforce_csrf_checks=True)

    assert browser.post(confirm_url(pending)).status_code == 403
    assert browser.post(unsubscribe_url(confirmed)).status_code == 403
    assert state(pending)[0]["status"] == Subscriber.Status.PENDING
    assert Subscriber.objects.filter(pk=confirmed.pk).exists()


def test_token_pages_are_private_and_not_indexed(client, pending):
    response = client.get(confirm_url(pending))

    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"


def test_tampered_expired_and_reused_unsubscribe_links_change_nothing(client, confirmed):
    url = unsubscribe_url(confirmed)
    assert client.post(tamper(url)).status_code == 404
    with time_machine.travel(timezone.now() + datetime.timedelta(days=366)):
        assert client.post(url).status_code == 410
    assert Subscriber.objects.filter(pk=confirmed.pk).exists()
    assert Withdrawal.objects.count() == 0

    assert client.post(url).status_code == 302
    assert not Subscriber.objects.filter(pk=confirmed.pk).exists()

    # The same address signs up again: the old link does not touch the new subscription.
    again = make_subscriber("vast@example.nl")
    reused = client.post(url)
    assert reused.status_code == 404
    assert Subscriber.objects.filter(pk=again.pk).exists()
    assert Withdrawal.objects.count() == 1
