"""An S3-compatible server for the tests: moto's server mode on a free port of 127.0.0.1, no network."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.servers import free_port
from tests.tools import ROOT

BUCKET = "nieuwsroom-media"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def anonymous_get(url: str) -> tuple[int, dict, bytes]:
    """What anybody on the internet gets for `url`: no credentials, no signature."""
    try:
        response = NO_PROXY.open(url, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, response.headers, response.read()


@pytest.fixture(scope="session")
def moto_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def aws_environment(monkeypatch, tmp_path):
    """Test credentials, and nothing from this machine's AWS configuration or proxies."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_CONFIG_FILE": str(tmp_path / "geen-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "geen-aws-credentials"),
        "NO_PROXY": "127.0.0.1",
        "no_proxy": "127.0.0.1",
    }.items():
        monkeypatch.setenv(name, value)
    for name in (
        "AWS_PROFILE",
        "AWS_SESSION_TOKEN",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "http_proxy",
        "https_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


def settings_for(
    environment: dict, names: list[str], module: str = "site_project.settings.production"
) -> dict:
    """Settings as `module` computes them from `environment`, read in another process (importing a settings
    module here would change the test settings' shared dictionaries)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CSP_"))},
        "DJANGO_SETTINGS_MODULE": module,
        "SECRET_KEY": "s3-settings-" + "k" * 40,
        "ALLOWED_HOSTS": "testserver",
        **environment,
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def s3_settings(moto_endpoint):
    """STORAGES and the CSP of production.py with the bucket in the environment."""
    return settings_for(
        {"AWS_STORAGE_BUCKET_NAME": BUCKET, "AWS_S3_ENDPOINT_URL": moto_endpoint},
        ["STORAGES", "SECURE_CSP", "ADMIN_CSP"],
    )


@pytest.fixture
def bucket(settings, s3_settings, aws_environment, moto_endpoint, tmp_path):
    """An empty private bucket as the default storage; MEDIA_ROOT an empty folder nothing should reach."""
    import boto3

    client = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1")
    existing = {b["Name"] for b in client.list_buckets()["Buckets"]}
    if BUCKET in existing:
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            for item in page.get("Contents", []):
                client.delete_object(Bucket=BUCKET, Key=item["Key"])
    else:
        client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": s3_settings["STORAGES"]["default"]}
    settings.SECURE_CSP = s3_settings["SECURE_CSP"]
    settings.ADMIN_CSP = s3_settings["ADMIN_CSP"]
    settings.MEDIA_ROOT = tmp_path / "lokale-media"
    return client


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}
