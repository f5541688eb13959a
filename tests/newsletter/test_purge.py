import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Delivery, Subscriber, Withdrawal
from tests.newsletter.conftest import draft_article, make_subscriber

pytestmark = pytest.mark.django_db


def days_ago(days, minutes=0):
    return timezone.now() - datetime.timedelta(days=days, minutes=minutes)


@pytest.fixture
def records(news_index):
    make_subscriber("oud@example.nl", confirmed=False, created_at=days_ago(7, minutes=1))
    make_subscriber("nieuw@example.nl", confirmed=False, created_at=days_ago(6))
    make_subscriber("vast@example.nl", created_at=days_ago(400))
    make_subscriber(
        "wijzig@example.nl", pending_choice={"all_news": True, "topics": []}, last_mail_at=days_ago(8)
    )
    Withdrawal.objects.create(address_hash="a" * 64, source="link", withdrawn_at=days_ago(731))
    Withdrawal.objects.create(address_hash="b" * 64, source="link", withdrawn_at=days_ago(30))
    article = draft_article(news_index)
    old = Delivery.objects.create(
        article=article, subscriber=Subscriber.objects.get(email="vast@example.nl"), status="sent"
    )
    Delivery.objects.filter(pk=old.pk).update(created_at=days_ago(91))


def test_purge_deletes_unconfirmed_signups_after_seven_days_and_expired_records(records, capsys):
    call_command("purge_newsletter")

    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "nieuw@example.nl",
        "vast@example.nl",
        "wijzig@example.nl",
    ]
    assert Subscriber.objects.get(email="wijzig@example.nl").pending_choice is None
    assert list(Withdrawal.objects.values_list("address_hash", flat=True)) == ["b" * 64]
    assert not Delivery.objects.exists()
    assert "onbevestigde aanmeldingen: 1" in capsys.readouterr().out


def test_dry_run_only_counts(records, capsys):
    call_command("purge_newsletter", "--dry-run")

    assert Subscriber.objects.count() == 4
    assert Withdrawal.objects.count() == 2
    assert Delivery.objects.count() == 1
    out = capsys.readouterr().out
    assert "onbevestigde aanmeldingen: 1" in out
    assert "oude afmeldbewijzen: 1" in out
    assert "te verwijderen" in out


def test_purge_marks_deliveries_abandoned_mid_send_as_failed(news_index):
    subscriber = make_subscriber("a@example.nl")
    delivery = Delivery.objects.create(
        article=draft_article(news_index), subscriber=subscriber, status="sending", claimed_at=days_ago(0, 61)
    )

    call_command("purge_newsletter")

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED  # never sent twice: not put back in the queue
