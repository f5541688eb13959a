"""Erasure erases: however a subscriber is deleted, the address is nowhere in the database or a later back-up.

Wagtail's audit log (Sitegeschiedenis) keeps that an administrator deleted "Abonnee #<nummer>", and when.
"""

import datetime
import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from news.people import Person
from newsletter import tokens
from newsletter.erasure import subscriber_log_entries
from newsletter.models import Subscriber
from tests.newsletter.conftest import draft_article, signup_data
from tests.newsletter.traces import backup_contents, tables_holding
from tests.publishing.users import make_user

ADDRESS = "te-wissen-r5t8@abonnee-test.nl"
UNSUBSCRIBE = "/blijf-op-de-hoogte/afmelden/"


@pytest.fixture
def administrator(client):
    user = make_user("beheerder", superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def queued(settings):
    """The production task queue (rows in the database), so what the newsletter enqueues can be read."""
    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def sign_up(post_signup, address, *, confirmed=True):
    post_signup(signup_data(address))
    subscriber = Subscriber.objects.get(email=address)
    if confirmed:
        subscriber.confirm()
    # As an entry written before this fix: the address as label, and in the data.
    log(subscriber, "wagtail.edit", title=address, data={"email": address})
    return subscriber


def erase(path, subscriber, client):
    """Delete the subscriber the way `path` does."""
    if path == "beheerder":
        assert client.post(f"/admin/newsletter/subscriber/delete/{subscriber.pk}/").status_code == 302
    elif path == "afmeldlink":
        token = tokens.make_token(subscriber, tokens.UNSUBSCRIBE)
        assert client.post(f"{UNSUBSCRIBE}{token}/").status_code == 302
    elif path == "een-klik":
        token = tokens.make_token(subscriber, tokens.UNSUBSCRIBE)
        assert (
            client.post(f"{UNSUBSCRIBE}{token}/een-klik/", {"List-Unsubscribe": "One-Click"}).status_code
            == 200
        )
    elif path == "opschonen":
        old = timezone.now() - datetime.timedelta(days=8)
        Subscriber.objects.filter(pk=subscriber.pk).update(created_at=old)
        call_command("purge_newsletter", stdout=io.StringIO())
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["beheerder", "afmeldlink", "een-klik", "opschonen"])
def test_every_way_of_deleting_a_subscriber_leaves_no_address_behind(
    path, client, administrator, queued, post_signup, news_index, publish
):
    other = sign_up(post_signup, "blijft-w2n6@abonnee-test.nl")
    subscriber = sign_up(post_signup, ADDRESS, confirmed=path != "opschonen")
    publish(draft_article(news_index))  # enqueues the announcement to both
    # The queue holds the confirmation email and the announcement, by number only.
    confirmation = {"args": [subscriber.pk, "confirm"], "kwargs": {}}
    assert confirmation in DBTaskResult.objects.values_list("args_kwargs", flat=True)
    assert set(tables_holding(ADDRESS)[ADDRESS]) >= {"newsletter_subscriber", "wagtailcore_modellogentry"}

    erase(path, subscriber, client)

    assert tables_holding(ADDRESS) == {}
    assert list(subscriber_log_entries().filter(object_id=subscriber.pk).values_list("label", "data")) == [
        (f"Abonnee #{subscriber.pk}", {})
    ] * (2 if path == "beheerder" else 1)
    assert "newsletter_subscriber" in tables_holding(other.email)[other.email]  # the search finds what stays


@pytest.mark.django_db
def test_sitegeschiedenis_shows_who_deleted_which_number_but_not_the_address(client, administrator):
    subscriber = Subscriber.objects.create(email=ADDRESS, consent_text="Ja.")

    client.post(f"/admin/newsletter/subscriber/delete/{subscriber.pk}/")
    page = client.get("/admin/reports/site-history/").content.decode()

    deletion = ModelLogEntry.objects.get(action="wagtail.delete")
    assert (deletion.label, deletion.user, deletion.object_id) == (
        f"Abonnee #{subscriber.pk}",
        administrator,
        str(subscriber.pk),
    )
    assert f"Abonnee #{subscriber.pk}" in page
    assert ADDRESS not in page


@pytest.mark.django_db
def test_the_delete_page_shows_the_administrator_which_address_goes(client, administrator):
    subscriber = Subscriber.objects.create(email=ADDRESS, consent_text="Ja.")

    page = client.get(f"/admin/newsletter/subscriber/delete/{subscriber.pk}/").content.decode()

    assert f"Weet u zeker dat u {ADDRESS} wilt verwijderen?" in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_made_after_erasure_holds_no_address(client, administrator, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    if connection.vendor == "sqlite":
        # As on a SQLite built without secure delete: deleted rows leave their bytes in the pages.
        connection.cursor().execute("PRAGMA secure_delete = OFF")
    kept = "blijft-j4p1@abonnee-test.nl"
    by_admin = "beheerder-x2d7@abonnee-test.nl"
    unconfirmed = "onbevestigd-h9s3@abonnee-test.nl"
    for address in (kept, by_admin, unconfirmed):
        subscriber = Subscriber.objects.create(
            email=address,
            consent_text="Ja.",
            status=Subscriber.Status.PENDING if address == unconfirmed else Subscriber.Status.CONFIRMED,
            created_at=timezone.now() - datetime.timedelta(days=30),
        )
        log(subscriber, "wagtail.edit", title=address)  # as written before this fix
    client.post(f"/admin/newsletter/subscriber/delete/{Subscriber.objects.get(email=by_admin).pk}/")
    call_command("purge_newsletter", stdout=io.StringIO())

    call_command("backup", to=tmp_path / "backups")

    contents = backup_contents(next((tmp_path / "backups").iterdir()))
    assert kept.encode() in contents  # the search works: a subscriber who stays is in the back-up
    assert by_admin.encode() not in contents
    assert unconfirmed.encode() not in contents


@pytest.fixture
def leaked_entries(db):
    """The audit log as the site wrote it before: the address as label, of a subscriber who stays and of one
    deleted earlier; and an entry about something else, which stays as it is."""
    stays = Subscriber.objects.create(email="blijft-c6f1@abonnee-test.nl", consent_text="Ja.")
    log(stays, "wagtail.edit", title=stays.email, data={"email": stays.email})
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Subscriber),
        object_id="9001",
        label=ADDRESS,
        action="wagtail.delete",
        timestamp=timezone.now(),
    )
    log(Person.objects.create(name="Anna Smit", role="wethouder"), "wagtail.edit")
    return stays


def audit_log() -> list:
    return sorted(ModelLogEntry.objects.values_list("label", "data"))


def redacted(stays) -> list:
    return sorted([(f"Abonnee #{stays.pk}", {}), ("Abonnee #9001", {}), ("Anna Smit, wethouder", {})])


def test_the_migration_takes_the_addresses_out_of_entries_written_before(leaked_entries):
    migration = importlib.import_module("newsletter.migrations.0002_redact_subscriber_log_entries")

    migration.redact(django_apps, None)

    assert audit_log() == redacted(leaked_entries)


def test_the_daily_purge_takes_them_out_too_after_restoring_an_old_backup(leaked_entries, capsys):
    call_command("purge_newsletter", "--dry-run")
    assert "adressen in het logboek: 2 (te verwijderen)" in capsys.readouterr().out
    assert ADDRESS in str(audit_log())

    call_command("purge_newsletter")

    assert "adressen in het logboek: 2 (verwijderd)" in capsys.readouterr().out
    assert audit_log() == redacted(leaked_entries)
    call_command("purge_newsletter")
    assert "adressen in het logboek: 0" in capsys.readouterr().out
