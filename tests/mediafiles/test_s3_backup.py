"""make backup / make restore with uploads in a bucket: they say plainly that the bucket is not included."""

import json
import tarfile

import pytest
from django.core.management import CommandError, call_command

from tests.factories import ImageFactory

NOT_INCLUDED = "zitten NIET in"
# A back-up of SQLite reads the database from outside the test's transaction: it needs its data committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_backup_says_the_bucket_is_not_in_it(bucket, tmp_path, capsys):
    ImageFactory(file__filename="in-de-bucket.jpg")

    call_command("backup", to=tmp_path / "backups")

    output = capsys.readouterr().out
    folder = next((tmp_path / "backups").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert NOT_INCLUDED in output and "nieuwsroom-media" in output
    assert NOT_INCLUDED in manifest["not_included"]
    with tarfile.open(folder / "media.tar.gz") as tar:
        assert not any("in-de-bucket" in name for name in tar.getnames())


def test_a_restore_says_the_bucket_is_left_as_it_is_before_it_asks(bucket, tmp_path, capsys, monkeypatch):
    call_command("backup", to=tmp_path / "backups")
    folder = next((tmp_path / "backups").iterdir())
    capsys.readouterr()
    monkeypatch.setattr("builtins.input", lambda prompt: "nee")

    with pytest.raises(CommandError, match="Afgebroken"):
        call_command("restore", str(folder))

    assert NOT_INCLUDED in capsys.readouterr().out


def test_without_a_bucket_nothing_is_said(settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path / "media"

    call_command("backup", to=tmp_path / "backups")

    assert NOT_INCLUDED not in capsys.readouterr().out
    manifest = json.loads((next((tmp_path / "backups").iterdir()) / "manifest.json").read_text())
    assert "not_included" not in manifest
