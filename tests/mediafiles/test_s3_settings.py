"""The bucket is configured from the environment: image URLs and the Content-Security-Policy agree."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from mediafiles.s3 import S3MediaStorage
from site_project.settings.objectstorage import s3_storage
from tests.mediafiles.s3 import settings_for

BUCKET = {"AWS_STORAGE_BUCKET_NAME": "nieuws"}


@pytest.mark.parametrize(
    "environment",
    [
        {"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"},
        {"AWS_S3_ENDPOINT_URL": "https://s3.example.nl/", "AWS_S3_ADDRESSING_STYLE": "virtual"},
        {"AWS_S3_REGION_NAME": "eu-central-1"},
        {"AWS_S3_REGION_NAME": "us-east-1"},
        {"AWS_S3_REGION_NAME": "eu-central-1", "AWS_S3_ADDRESSING_STYLE": "path"},
        {"AWS_S3_REGION_NAME": "eu-central-1", "AWS_S3_CUSTOM_DOMAIN": "beeld.example.nl"},
        {"AWS_S3_ENDPOINT_URL": "https://s3.example.nl", "AWS_S3_CUSTOM_DOMAIN": "cdn.example.nl/nieuws"},
    ],
)
def test_every_image_url_starts_with_the_origin_the_policy_allows(environment, aws_environment):
    storage, origin = s3_storage({**BUCKET, **environment})

    url = S3MediaStorage(**storage["OPTIONS"]).url("images/foto.fill-640x360~abcdefghijkl.jpg")

    assert url.startswith(origin + "/"), (url, origin)


def test_without_a_bucket_uploads_stay_on_the_file_system():
    assert s3_storage({"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}) == (None, None)


@pytest.mark.parametrize(
    "environment",
    [
        {},  # neither a region nor an endpoint
        {"AWS_S3_ENDPOINT_URL": "s3.example.nl"},
        {"AWS_S3_ENDPOINT_URL": "https://s3.example.nl", "AWS_S3_ADDRESSING_STYLE": "dns"},
        {"AWS_S3_REGION_NAME": "eu-central-1", "AWS_S3_URL_PROTOCOL": "ftp:"},
    ],
)
def test_a_wrong_configuration_is_named_at_startup(environment):
    with pytest.raises(ImproperlyConfigured):
        s3_storage({**BUCKET, **environment})


def test_production_settings_take_the_bucket_from_the_environment():
    values = settings_for(
        {**BUCKET, "AWS_S3_REGION_NAME": "eu-central-1", "CSP_MEDIA_ORIGINS": "https://cdn.example.nl"},
        ["STORAGES", "SECURE_CSP", "ADMIN_CSP", "WAGTAILDOCS_SERVE_METHOD"],
    )

    assert values["STORAGES"]["default"]["BACKEND"] == "mediafiles.s3.S3MediaStorage"
    assert values["STORAGES"]["default"]["OPTIONS"]["bucket_name"] == "nieuws"
    for policy in ("SECURE_CSP", "ADMIN_CSP"):
        assert {"https://nieuws.s3.eu-central-1.amazonaws.com", "https://cdn.example.nl"} <= set(
            values[policy]["img-src"]
        )
    assert values["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"  # documents never by the bucket's URL
