"""Back-up and restore of the database and the uploaded media.

A back-up is a folder: manifest.json, the database (SQLite's online backup, or `pg_dump -Fc`) and
media.tar.gz. Restoring checks the whole folder before it touches anything, then replaces the database
and the media folder. Uploads in object storage (a bucket, mediafiles/s3.py) are not in it: both commands
say so, and so does the manifest (docs/media.md).
"""

import datetime
import hashlib
import json
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, connections

from sitewide import versions

FORMAT = 1


class BackupError(Exception):
    pass


def bucket_warning() -> str | None:
    """What a back-up leaves out when uploads are not in MEDIA_ROOT; None when they are."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return None
    where = getattr(storage, "bucket_name", None) or type(storage).__name__
    return (
        f"Let op: de geüploade afbeeldingen en documenten staan in object storage (bucket {where}) en zitten "
        "NIET in deze back-up; alleen de database en MEDIA_ROOT. Maak een eigen back-up van de bucket "
        "(versiebeheer of replicatie, zie docs/media.md)."
    )


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"databasetype {vendor} wordt niet ondersteund")
    return vendor


def _pg_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--host", db.get("HOST") or "localhost", "--port", str(db.get("PORT") or 5432)]
    args += ["--username", db.get("USER") or "postgres"]
    env = {"PGPASSWORD": db.get("PASSWORD") or "", "PATH": "/usr/bin:/bin:/usr/local/bin"}
    return args, env


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} niet gevonden: installeer de PostgreSQL-clientprogramma's")
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def create(target_root: Path) -> Path:
    engine = _engine()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = target_root / f"nieuwsroom-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    try:
        if engine == "sqlite":
            database = folder / "database.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(database) as target:
                connection.connection.backup(target)
            # The online backup copies pages as they are, with what deleted rows left in them on a SQLite
            # built without secure delete (an erased subscriber's address); VACUUM rewrites them from the rows.
            target.execute("VACUUM")
            target.close()
        else:
            database = folder / "database.dump"
            args, env = _pg_env()
            name = connection.settings_dict["NAME"]
            subprocess.run(  # noqa: S603 - fixed program, arguments from our own settings
                [_program("pg_dump"), "-Fc", "--no-owner", "--file", str(database), *args, name],
                env=env,
                check=True,
                capture_output=True,
            )
        media = folder / "media.tar.gz"
        with tarfile.open(media, "w:gz") as tar:
            if Path(settings.MEDIA_ROOT).exists():
                tar.add(settings.MEDIA_ROOT, arcname="media")
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "files": {p.name: _sha256(p) for p in (database, media)},
        }
        if warning := bucket_warning():
            manifest["not_included"] = warning
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    except BackupError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    except (OSError, subprocess.CalledProcessError, sqlite3.Error) as error:
        shutil.rmtree(folder, ignore_errors=True)
        detail = getattr(error, "stderr", b"") or b""
        raise BackupError(f"back-up mislukt: {error} {detail.decode(errors='replace').strip()}") from error
    return folder


def verify(folder: Path) -> dict:
    """Everything restore needs, checked before anything changes."""
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise BackupError(f"{folder} is geen back-up: manifest.json ontbreekt")
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"manifest.json is onleesbaar: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"onbekend back-upformaat {manifest.get('format')!r}")
    if manifest.get("engine") != _engine():
        raise BackupError(f"back-up is van {manifest.get('engine')}, deze installatie gebruikt {_engine()}")
    for name, digest in (manifest.get("files") or {}).items():
        path = folder / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"{name} ontbreekt of is beschadigd (controlegetal klopt niet)")
    if len(manifest.get("files") or {}) != 2:
        raise BackupError("de back-up is onvolledig")
    with tarfile.open(folder / "media.tar.gz") as tar:
        for member in tar.getmembers():
            if (
                not (member.name == "media" or member.name.startswith("media/"))
                or ".." in Path(member.name).parts
            ):
                raise BackupError(f"onveilig pad in media.tar.gz: {member.name}")
            if member.issym() or member.islnk() or member.isdev():
                raise BackupError(f"link of apparaat in media.tar.gz: {member.name}")
    return manifest


def restore(folder: Path) -> None:
    manifest = verify(folder)
    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(folder / "media.tar.gz") as tar:
        tar.extractall(staging, filter="data")
    try:
        if manifest["engine"] == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(folder / "database.sqlite3") as source:
                source.backup(connection.connection)
        else:
            connections.close_all()
            args, env = _pg_env()
            subprocess.run(  # noqa: S603 - fixed program, arguments from our own settings
                [
                    _program("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--dbname",
                    connection.settings_dict["NAME"],
                    *args,
                    str(folder / "database.dump"),
                ],
                env=env,
                check=True,
                capture_output=True,
            )
    except (subprocess.CalledProcessError, sqlite3.Error) as error:
        shutil.rmtree(staging, ignore_errors=True)
        detail = getattr(error, "stderr", b"") or b""
        raise BackupError(
            f"database terugzetten mislukt: {error} {detail.decode(errors='replace').strip()}"
        ) from error
    shutil.rmtree(media_root, ignore_errors=True)
    restored = staging / "media"
    if restored.exists():
        restored.rename(media_root)
    else:
        media_root.mkdir(parents=True)
    shutil.rmtree(staging, ignore_errors=True)
    versions.everything_changed()  # nothing cached before the restore may be shown after it
