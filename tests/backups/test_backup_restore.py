"""make backup / make restore: a restored database holds the same pages, revisions and subscribers."""

import json

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page, Revision

from newsletter.models import Subscriber
from tests.factories import ArticlePageFactory, ImageFactory, make_subscriber

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "live")),
        "revisions": Revision.objects.count(),
        "subscribers": sorted(Subscriber.objects.values_list("email", "status")),
    }


@time_machine.travel("2026-11-27 12:00", tick=False)  # the newsletter form's time stamp stays the same
def test_backup_then_restore_into_an_emptied_database(client, home, news_index, media, tmp_path):
    article = ArticlePageFactory(
        parent=news_index, title="Bewaard bericht", image=ImageFactory(), image_alt="Foto"
    )
    article.save_revision().publish()
    make_subscriber("lezer@example.nl")
    before = snapshot()
    page_html = client.get(article.url).content
    call_command("backup", to=tmp_path / "backups")
    folder = next((tmp_path / "backups").iterdir())

    Page.objects.filter(pk=article.pk).delete()
    Subscriber.objects.all().delete()
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    assert snapshot() != before

    call_command("restore", str(folder), yes=True)

    assert snapshot() == before
    assert client.get(article.url).content == page_html
    assert any(media.rglob("*.png")) or any(media.rglob("*.jpg"))


def test_a_damaged_backup_is_refused_and_changes_nothing(home, news_index, media, tmp_path):
    ArticlePageFactory(parent=news_index, title="Blijft staan")
    call_command("backup", to=tmp_path / "backups")
    folder = next((tmp_path / "backups").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "media.tar.gz").write_bytes(b"kapot")
    before = snapshot()

    with pytest.raises(CommandError, match="beschadigd"):
        call_command("restore", str(folder), yes=True)
    with pytest.raises(CommandError, match="manifest.json ontbreekt"):
        call_command("restore", str(tmp_path), yes=True)

    assert snapshot() == before
    assert manifest["engine"] == connection.vendor
